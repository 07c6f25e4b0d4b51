//! Whether a self-declaration of conformity may be issued, and every reason it is withheld:
//! the variant does not conform, the specification is illustrative, modelling rules are broken,
//! indicative or proxy data carry too much of an indicator, or the probability of meeting the
//! specification is below the confidence the applicant asks for.

use super::CheckResult;
use crate::model::spec::Specification;

/// Default confidence: the declaration needs P(pass) of at least 90 % when uncertainty is run.
pub const DEFAULT_CONFIDENCE: f64 = 0.90;
/// Default largest share of an indicator that data flagged indicative may carry: 20 %.
pub const DEFAULT_MAX_INDICATIVE: f64 = 0.20;

/// The applicant's thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeclarationPolicy {
    /// Least P(pass) (all indicators at once) for a declaration.
    pub confidence: f64,
    /// Largest share of an indicator carried by indicative data.
    pub max_indicative: f64,
}

impl Default for DeclarationPolicy {
    fn default() -> Self {
        DeclarationPolicy { confidence: DEFAULT_CONFIDENCE, max_indicative: DEFAULT_MAX_INDICATIVE }
    }
}

/// A reason the declaration is withheld.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Withheld {
    /// A basic requirement, an indicator or a rule is not met at the central values.
    NotConforming,
    /// The specification's limits are illustrative.
    Illustrative,
    /// These modelling rules are broken (ids).
    RulesBroken(Vec<String>),
    /// Indicative data carry `share` of indicator `indicator` (more than `max`).
    IndicativeData { indicator: String, share: f64, max: f64 },
    /// P(pass) from `n` draws is below the confidence asked for.
    Probability { p: f64, n: usize, confidence: f64 },
}

impl Withheld {
    /// The reason in Chinese and English.
    pub fn text(&self) -> (String, String) {
        match self {
            Withheld::NotConforming => (
                "产品在中心值下不符合规范（基本要求、评价指标或建模规则未全部满足）".into(),
                "the product does not conform at the central values (a basic requirement, indicator or modelling rule is not met)".into(),
            ),
            Withheld::Illustrative => (
                "所依据的规范为示例性规范，其基准值并非标准值".into(),
                "the specification is illustrative: its limits are not those of a standard".into(),
            ),
            Withheld::RulesBroken(ids) => (
                format!("模型违反规范的建模规则：{}", ids.join("、")),
                format!("the model breaks the specification's modelling rules: {}", ids.join(", ")),
            ),
            Withheld::IndicativeData { indicator, share, max } => (
                format!(
                    "指标 {indicator} 有 {:.0}% 来自估算数据/替代数据（允许至多 {:.0}%）",
                    share * 100.0,
                    max * 100.0
                ),
                format!(
                    "indicative (estimated or proxy) data carry {:.0}% of indicator {indicator} (at most {:.0}% allowed)",
                    share * 100.0,
                    max * 100.0
                ),
            ),
            Withheld::Probability { p, n, confidence } => (
                format!(
                    "符合的概率为 {:.1}%（{n} 次蒙特卡罗抽样），低于要求的置信水平 {:.0}%",
                    p * 100.0,
                    confidence * 100.0
                ),
                format!(
                    "the probability of meeting the specification is {:.1}% ({n} Monte Carlo draws), below the confidence of {:.0}% asked for",
                    p * 100.0,
                    confidence * 100.0
                ),
            ),
        }
    }
}

/// The decision: a declaration may be issued only when `reasons` is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub may_issue: bool,
    pub reasons: Vec<Withheld>,
}

/// Decides for one checked variant. `indicative` holds the indicative share of each indicator
/// (spec order, from [`super::indicative_shares`]); `p_all` is (P(pass) overall, draws) when a
/// Monte Carlo run was made.
pub fn decide(
    spec: &Specification,
    check: &CheckResult,
    indicative: &[f64],
    p_all: Option<(f64, usize)>,
    policy: &DeclarationPolicy,
) -> Decision {
    let mut reasons = Vec::new();
    if !check.pass {
        reasons.push(Withheld::NotConforming);
    }
    if spec.illustrative {
        reasons.push(Withheld::Illustrative);
    }
    let broken: Vec<String> = check.rules.iter().filter(|r| !r.kept).map(|r| r.id.clone()).collect();
    if !broken.is_empty() {
        reasons.push(Withheld::RulesBroken(broken));
    }
    for (ind, share) in spec.indicators.iter().zip(indicative) {
        if *share > policy.max_indicative {
            reasons.push(Withheld::IndicativeData {
                indicator: ind.id.clone(),
                share: *share,
                max: policy.max_indicative,
            });
        }
    }
    if let Some((p, n)) = p_all
        && p < policy.confidence
    {
        reasons.push(Withheld::Probability { p, n, confidence: policy.confidence });
    }
    Decision { may_issue: reasons.is_empty(), reasons }
}
