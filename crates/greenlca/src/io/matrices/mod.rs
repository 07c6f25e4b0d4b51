//! The matrix exchange: systems read and written as matrices (the matrix folder as triplet CSV or
//! Matrix Market files, USEEIO's dense CSV), straight into matrix types.

pub(crate) mod diagonal;
pub(crate) mod from_arrays;
pub(crate) mod mtx;
pub(crate) mod mtx_folder;
pub(crate) mod numbered;
pub(crate) mod triplet_fast;
pub(crate) mod triplet_read;
pub(crate) mod triplet_write;
pub(crate) mod useeio;

pub use from_arrays::Triplets;
pub use mtx::{read_csc, read_triplets, write as write_mtx};
pub use mtx_folder::{mtx_files, read_matrix_folder};
pub use triplet_read::{MatrixSystem, read_exchange_folder};
pub use triplet_write::exchange_folder_files;
pub use useeio::{read_dense_csv, read_useeio};
