//! greenlca's own formats: the database folder (CSV tables by column name, with the uncertainty
//! columns every CSV format shares), product models and eco-design specifications and evidence
//! (TOML).

pub(crate) mod csv_table;
pub(crate) mod database_read;
pub(crate) mod database_write;
pub(crate) mod evidence_info;
pub(crate) mod layer_read;
pub(crate) mod pedigree_read;
pub(crate) mod product_basis_toml;
pub(crate) mod product_toml;
pub(crate) mod spec_limits_toml;
pub(crate) mod spec_toml;
pub(crate) mod stage_scheme_toml;
pub(crate) mod uncertainty_columns;

pub use database_read::read_database;
pub use database_write::{Overwrite, write_database, write_database_with};
pub use product_toml::read_product_model;
