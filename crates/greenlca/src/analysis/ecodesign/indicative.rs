//! How much of an indicator rests on data flagged indicative (estimates, proxies): the share of
//! its process contributions that come from background processes flagged `indicative`.

use crate::calc::{Engine, Study};
use crate::error::Result;
use crate::matrix::foreground::{Foreground, Target};
use crate::model::spec::{Measure, Specification};

/// Per indicator of `spec` (in order): the share (0 to 1) of the absolute process contributions
/// of its stages in scope that comes from processes flagged indicative. Values the applicant
/// declares and foreground measures (primary data of the model) carry no background data: 0.
pub fn indicative_shares(study: &Study, engine: &Engine, fg: &Foreground, spec: &Specification) -> Result<Vec<f64>> {
    let system = &study.system;
    let db = &study.inputs.database;
    let flagged: Vec<bool> = system
        .columns
        .iter()
        .map(|c| c.process.as_deref().and_then(|p| db.process(p)).is_some_and(|p| p.indicative))
        .collect();
    let mut out = Vec::with_capacity(spec.indicators.len());
    for ind in &spec.indicators {
        let scope = ind.stages.as_deref();
        let in_scope = |s| scope.is_none_or(|l: &[crate::model::Stage]| l.contains(&s));
        let mut d = vec![0.0; system.n()];
        let mut direct = vec![0.0; system.m()];
        for e in fg.entries.iter().filter(|e| in_scope(e.stage)) {
            match e.target {
                Target::Column(c) => d[c] -= e.value,
                Target::Flow(f) => direct[f] += e.value,
            }
        }
        // Contribution of column j: its supply times its direct result (impact or flow).
        let per_column: Option<(Vec<f64>, f64)> = match &ind.measure {
            Measure::Lcia(cat) => match study.characterization.category(cat) {
                Some(k) => {
                    let s = engine.lca.supply(&d)?;
                    let c = engine.lca.c();
                    let own: f64 =
                        direct.iter().enumerate().map(|(f, v)| v * c.get(k, f).copied().unwrap_or(0.0)).sum();
                    Some((s.iter().enumerate().map(|(j, x)| x * engine.intensities.direct[k][j]).collect(), own))
                }
                None => None,
            },
            Measure::Flow(id) => match system.flow_index.get(id) {
                Some(row) => {
                    let s = engine.lca.supply(&d)?;
                    let b = engine.lca.b();
                    Some((
                        s.iter().enumerate().map(|(j, x)| x * b.get(row, j).copied().unwrap_or(0.0)).collect(),
                        direct[row],
                    ))
                }
                None => None,
            },
            _ => None,
        };
        out.push(match per_column {
            None => 0.0,
            Some((contrib, own)) => {
                let total: f64 = contrib.iter().map(|c| c.abs()).sum::<f64>() + own.abs();
                let flagged_sum: f64 = contrib.iter().zip(&flagged).filter(|(_, f)| **f).map(|(c, _)| c.abs()).sum();
                if total > 0.0 { flagged_sum / total } else { 0.0 }
            }
        });
    }
    Ok(out)
}
