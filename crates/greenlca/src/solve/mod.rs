//! Sparse LU solver for LCA technology matrices.
//!
//! A technology matrix is nearly triangular: supply chains run one way except for a few loops
//! (electricity, transport, fuels). The solver works in the manner of KLU:
//!
//! 1. [`SymbolicLu::analyze`] permutes A symmetrically to block upper-triangular form, the blocks
//!    being its strongly connected components (Tarjan), and orders each coupled block for little
//!    fill (approximate minimum degree on the block's symmetrized pattern). Once per pattern.
//! 2. [`NumericLu::factorize`] factorizes each coupled block by left-looking Gilbert-Peierls LU
//!    with threshold partial pivoting that keeps the diagonal while it is at least
//!    [`SolverOptions::pivot_tolerance`] of the column's largest candidate; 1x1 blocks need no
//!    work. A block whose predicted fill exceeds [`SolverOptions::dense_fill`] (input-output
//!    tables) gets a dense LU with the same pivoting instead.
//!    [`NumericLu::refactorize`] reuses the pivot order and the L/U pattern for new values (a
//!    Monte Carlo draw) while the kept pivots stay acceptable.
//! 3. Solves run block by block: substitution through the 1x1 blocks, the LU factors in coupled
//!    ones, the entries above the diagonal blocks applied as each block is solved. `A^T` solves
//!    (adjoints) use the same factors.
//!
//! Every index in a [`SolveError`] refers to the original numbering of A.
//!
//! Callers outside this module go through the solver interface: [`analyze`] picks the family
//! named by [`SolverOptions::kind`] and returns an [`Analysis`], whose [`Factorization`]s
//! refactorize, solve and check residuals. This LU is the first family.
//!
//! ```
//! use greenlca::solve::{NumericLu, SymbolicLu, relative_residual};
//! use sprs::TriMat;
//!
//! // Electricity (0) needs 0.1 of itself via transmission losses and 0.2 of fuel (1);
//! // fuel needs 0.5 electricity.
//! let mut t = TriMat::new((2, 2));
//! t.add_triplet(0, 0, 0.9);
//! t.add_triplet(1, 0, -0.2);
//! t.add_triplet(0, 1, -0.5);
//! t.add_triplet(1, 1, 1.0);
//! let a = t.to_csc::<usize>();
//!
//! let sym = SymbolicLu::analyze(a.view())?;
//! assert_eq!(sym.block_count(), 1);
//! let lu = NumericLu::factorize(&sym, a.view())?;
//! let mut x = vec![1.0, 0.0];
//! lu.solve_in_place(&mut x);
//! assert!(relative_residual(a.view(), &x, &[1.0, 0.0]) < 1e-15);
//! # Ok::<(), greenlca::solve::SolveError>(())
//! ```

mod block_factors;
mod block_solve;
mod btf;
mod btf_lu;
mod csc;
mod dense_lu;
mod error;
mod factorization;
mod factors;
mod gmres;
mod gp_lu;
mod ilu0;
mod iterative;
mod krylov;
mod matching;
mod numeric;
mod options;
mod ordering;
mod refactor;
mod refine;
mod residual;
mod select;
mod substitute;
mod symbolic;

pub use error::SolveError;
pub use factorization::{Analysis, Factorization};
pub use iterative::krylov_steps;
pub use numeric::NumericLu;
pub use options::{SolverKind, SolverOptions};
pub use residual::{relative_residual, relative_residual_transpose};
pub use select::analyze;
pub use symbolic::SymbolicLu;
