//! Every request body, as data. See [`model`] for the description language.

pub mod databrain_credentials;
pub mod databrain_datasource;
pub mod databrain_workspace;
pub mod model;
pub mod paradigm;

pub use model::*;
