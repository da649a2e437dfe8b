//! `/partners` and `/partners/{alpha2}`.

pub mod detail;
pub mod list;
