//! Indicator groups of eco-design specifications: the four of GB/T 32161 by default, or the list a
//! specification gives.

/// (id, English name, Chinese name, aliases) of the GB/T 32161 groups.
const GBT32161: [(&str, &str, &str, &[&str]); 4] = [
    ("resource", "Resource attributes", "资源属性", &[]),
    ("energy", "Energy attributes", "能源属性", &[]),
    ("environment", "Environment attributes", "环境属性", &[]),
    ("product", "Product attributes", "产品属性", &["品质属性"]),
];

/// One indicator group (资源属性: material use, recycled content, water, packaging; 能源属性;
/// 环境属性: pollutants, hazardous substances, greenhouse gases; 产品属性: performance, durability,
/// safety; or a group a specification defines).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    /// Id used in files.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Other spellings accepted in files.
    pub aliases: Vec<String>,
}

impl Group {
    /// The four groups of GB/T 32161, the default list.
    pub fn gbt32161() -> Vec<Group> {
        GBT32161
            .iter()
            .map(|(id, en, zh, aliases)| Group {
                id: id.to_string(),
                name_en: en.to_string(),
                name_zh: zh.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
            })
            .collect()
    }
    /// The group of `groups` that `s` names (its id, Chinese name or an alias).
    pub fn find<'a>(groups: &'a [Group], s: &str) -> Option<&'a Group> {
        let s = s.trim();
        groups.iter().find(|g| g.id == s || g.name_zh == s || g.aliases.iter().any(|a| a == s))
    }
    /// Id used in files.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Chinese name.
    pub fn name_zh(&self) -> &str {
        &self.name_zh
    }
    /// English name.
    pub fn name_en(&self) -> &str {
        &self.name_en
    }
}
