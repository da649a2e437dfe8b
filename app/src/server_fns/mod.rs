//! Server functions: authorise → parse → store → return. Thin by design: rules live
//! in the `accord` crate, SQL in its storage modules.

pub mod dashboard;
pub mod partners;
pub mod site;
