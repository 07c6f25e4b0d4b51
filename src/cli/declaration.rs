//! The verdict's uncertainty and the thresholds a self-declaration needs: the options `check` and
//! `report` share (--mc, --seed, --confidence, --max-indicative).

use anyhow::{Result, bail};
use clap::Args;
use greenlca::analysis::ecodesign::DeclarationPolicy;

#[derive(Debug, Args)]
pub struct VerdictArgs {
    /// Also run N Monte Carlo draws: the probability of meeting each indicator and all of them.
    #[arg(long, value_name = "N")]
    pub mc: Option<usize>,
    /// Seed for --mc.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Least probability of meeting the specification (with --mc) for a self-declaration.
    #[arg(long, default_value_t = greenlca::analysis::ecodesign::DEFAULT_CONFIDENCE, value_name = "P")]
    pub confidence: f64,
    /// Largest share of an indicator that data flagged indicative may carry for a self-declaration.
    #[arg(long, default_value_t = greenlca::analysis::ecodesign::DEFAULT_MAX_INDICATIVE, value_name = "SHARE")]
    pub max_indicative: f64,
}

impl VerdictArgs {
    /// The declaration policy these options set.
    pub fn policy(&self) -> Result<DeclarationPolicy> {
        declaration_policy(self.confidence, self.max_indicative)
    }
}

/// The policy from the command line; both values are shares between 0 and 1.
fn declaration_policy(confidence: f64, max_indicative: f64) -> Result<DeclarationPolicy> {
    if !(0.0..=1.0).contains(&confidence) {
        bail!("--confidence {confidence} is not a probability\n  hint: give a value between 0 and 1, e.g. 0.9");
    }
    if !(0.0..=1.0).contains(&max_indicative) {
        bail!("--max-indicative {max_indicative} is not a share\n  hint: give a value between 0 and 1, e.g. 0.2");
    }
    Ok(DeclarationPolicy { confidence, max_indicative })
}
