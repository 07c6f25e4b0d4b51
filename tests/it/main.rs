//! The integration tests as one test binary (one link of the library instead of one per file): a
//! module per area, the helpers they share in `common`.

mod common;

mod background_uncertainty;
mod cache;
mod cache_db;
mod careless;
mod check;
mod cli_bad_input;
mod designer;
mod export;
mod hostile;
mod import;
mod known_answers;
mod layers;
mod matrix_market;
mod mc_warm;
mod methods;
mod methods_fedefl;
mod peers;
mod plots;
mod properties;
mod public_data;
mod report;
mod report_evaluation;
mod solver;
mod solver_gmres;
mod solver_iterative;
mod sources;
mod stage_schemes;
mod uncertainty;
mod verdict;
mod xlsx;
