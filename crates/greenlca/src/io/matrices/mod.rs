//! The matrix exchange: systems read and written as matrices (the matrix folder as triplet CSV or
//! Matrix Market files, USEEIO's dense CSV), straight into matrix types.

pub mod mtx;
pub mod mtx_folder;
pub mod triplet_read;
pub mod triplet_write;
pub mod useeio;

pub use mtx_folder::{mtx_files, read_matrix_folder};
pub use triplet_read::{MatrixSystem, read_exchange_folder};
pub use triplet_write::exchange_folder_files;
pub use useeio::read_useeio;
