//! Languages of the rendered report and text given in both Chinese and English.

use serde::Serialize;

use crate::error::{Error, ErrorKind, Location, Result};

/// The language a report is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese only (English where a name has no Chinese form).
    Zh,
    /// English only.
    En,
    /// Chinese first, then English.
    #[default]
    Both,
}

impl Lang {
    /// Parses `zh`, `en` or `both`.
    pub fn parse(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            "both" | "zh+en" => Ok(Lang::Both),
            other => Err(Error::new(
                ErrorKind::Value,
                Location::entity("--lang"),
                format!("unknown report language `{other}`"),
                "use zh, en or both",
            )),
        }
    }

    /// The id used on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Both => "both",
        }
    }

    /// The HTML `lang` attribute of the document.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh | Lang::Both => "zh-CN",
        }
    }

    /// A short label (heading, table header, term): one language, or `zh / en`.
    /// Chart options whose own words (legends, axis titles) follow this language: Chinese for
    /// `zh` and `both` (their charts are drawn once, with Chinese text first).
    pub fn chart_options(self) -> crate::plot::PlotOptions {
        crate::plot::PlotOptions::svg().in_chinese(self != Lang::En)
    }

    pub fn pick(self, zh: &str, en: &str) -> String {
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
            Lang::Both if zh == en || zh.is_empty() => en.to_string(),
            Lang::Both if en.is_empty() => zh.to_string(),
            Lang::Both => format!("{zh} / {en}"),
        }
    }

    /// A name that may lack a Chinese form: the English one stands in.
    pub fn name(self, zh: Option<&str>, en: &str) -> String {
        match zh.filter(|z| !z.trim().is_empty()) {
            Some(z) => self.pick(z, en),
            None => en.to_string(),
        }
    }

    /// Running text: one paragraph per language shown, Chinese first.
    pub fn texts(self, t: &Bi) -> Vec<&str> {
        match self {
            Lang::Zh => vec![t.zh.as_str()],
            Lang::En => vec![t.en.as_str()],
            Lang::Both => vec![t.zh.as_str(), t.en.as_str()],
        }
    }
}

/// A text in Chinese and in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bi {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Bi {
    /// A text from its two forms.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Bi {
        Bi { zh: zh.into(), en: en.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_per_language() {
        assert_eq!(Lang::Zh.pick("使用", "Use"), "使用");
        assert_eq!(Lang::En.pick("使用", "Use"), "Use");
        assert_eq!(Lang::Both.pick("使用", "Use"), "使用 / Use");
        assert_eq!(Lang::Zh.name(None, "kettle"), "kettle");
        assert_eq!(Lang::Both.name(Some(""), "kettle"), "kettle");
        assert_eq!(Lang::parse("ZH").unwrap(), Lang::Zh);
        assert!(Lang::parse("fr").is_err());
        let t = Bi::new("中", "en");
        assert_eq!(Lang::Both.texts(&t), vec!["中", "en"]);
    }
}
