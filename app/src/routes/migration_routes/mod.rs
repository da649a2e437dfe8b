//! `/routes` and `/routes/{slug}`: migration routes, their legs and coverage.

pub mod detail;
pub mod diagram;
pub mod gaps;
pub mod list;
mod coverage_table;
