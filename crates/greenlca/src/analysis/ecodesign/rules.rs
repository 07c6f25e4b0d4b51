//! Modelling rules of a specification checked for one resolved variant: a parameter outside its
//! pinned value or range, or an exchange from another provider, breaks the rule, and the variant
//! is then not declared conforming.

use crate::matrix::TechSystem;
use crate::matrix::foreground::{Foreground, Target};
use crate::model::spec::{ModellingRule, RuleKind};

/// One rule's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleOutcome {
    /// Rule id.
    pub id: String,
    /// True when the variant follows the rule.
    pub kept: bool,
    /// What the variant uses (`lifetime_years = 6`, `use_electricity from grid_south_2022`).
    pub actual: String,
    /// The same in Chinese.
    pub actual_zh: String,
}

const EQUAL_WITHIN: f64 = 1e-9;

/// Checks every rule for `fg`.
pub fn check_rules(rules: &[ModellingRule], fg: &Foreground, system: &TechSystem) -> Vec<RuleOutcome> {
    rules
        .iter()
        .map(|r| match &r.kind {
            RuleKind::Parameter { name, min, max } => match fg.parameters.iter().find(|(k, _)| k == name) {
                None => RuleOutcome {
                    id: r.id.clone(),
                    kept: false,
                    actual: format!("{name}: not a parameter of the model"),
                    actual_zh: format!("{name}：模型中没有此参数"),
                },
                Some((_, v)) => {
                    let tol = EQUAL_WITHIN * v.abs().max(1.0);
                    RuleOutcome {
                        id: r.id.clone(),
                        kept: *v >= min - tol && *v <= max + tol,
                        actual: format!("{name} = {v}"),
                        actual_zh: format!("{name} = {v}"),
                    }
                }
            },
            RuleKind::Provider { exchange, providers } => {
                let used: Vec<String> = fg
                    .entries
                    .iter()
                    .filter(|e| e.id == *exchange)
                    .map(|e| match e.target {
                        Target::Column(c) => system.columns[c].id.clone(),
                        Target::Flow(f) => system.flows[f].id.clone(),
                    })
                    .collect();
                let kept = !used.is_empty() && used.iter().all(|u| providers.contains(u));
                let (actual, actual_zh) = if used.is_empty() {
                    (format!("{exchange}: no such exchange in the variant"), format!("{exchange}：该方案中没有此输入"))
                } else {
                    (format!("{exchange} from {}", used.join(", ")), format!("{exchange} 采用 {}", used.join("、")))
                };
                RuleOutcome { id: r.id.clone(), kept, actual, actual_zh }
            }
        })
        .collect()
}
