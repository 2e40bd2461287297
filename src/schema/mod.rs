//! The schema layer: the description language ([`model`]), every request body as data, the
//! endpoint table ([`endpoints`]) and the severity policy ([`policy`]). It imports nothing else
//! from the crate.

pub mod databrain_credentials;
pub mod databrain_datasource;
pub mod databrain_workspace;
pub mod endpoints;
pub mod model;
pub mod paradigm;
pub mod policy;

pub use model::*;
