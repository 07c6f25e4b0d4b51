//! `--solver`: which sparse solver family `calc --matrices` and `mc --matrices` use (docs/performance.md, "Giant
//! coupled blocks: the solver choice").

use clap::ValueEnum;
use greenlca::solve::{SolverKind, SolverOptions};

/// The solver families offered on the command line.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum SolverArg {
    /// The Krylov solver when the largest loop of processes has 2,000 or more, else the direct LU.
    #[default]
    Auto,
    /// Direct sparse LU (block triangular form, AMD, left-looking LU).
    Lu,
    /// BiCGSTAB preconditioned by ILU(0), falling back to the direct LU when it does not converge.
    Iterative,
    /// Restarted GMRES(30) with the same preconditioner, check and fallback as `iterative`.
    Gmres,
}

impl SolverArg {
    /// The library options for this choice.
    pub fn options(self) -> SolverOptions {
        let kind = match self {
            SolverArg::Auto => SolverKind::Auto,
            SolverArg::Lu => SolverKind::BtfLu,
            SolverArg::Iterative => SolverKind::Iterative,
            SolverArg::Gmres => SolverKind::Gmres,
        };
        SolverOptions { kind, ..SolverOptions::default() }
    }
}
