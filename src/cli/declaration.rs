//! The thresholds a self-declaration needs (`check` and `report`: --confidence, --max-indicative).

use anyhow::{Result, bail};
use greenlca::analysis::ecodesign::DeclarationPolicy;

/// The policy from the command line; both values are shares between 0 and 1.
pub fn declaration_policy(confidence: f64, max_indicative: f64) -> Result<DeclarationPolicy> {
    if !(0.0..=1.0).contains(&confidence) {
        bail!("--confidence {confidence} is not a probability\n  hint: give a value between 0 and 1, e.g. 0.9");
    }
    if !(0.0..=1.0).contains(&max_indicative) {
        bail!("--max-indicative {max_indicative} is not a share\n  hint: give a value between 0 and 1, e.g. 0.2");
    }
    Ok(DeclarationPolicy { confidence, max_indicative })
}
