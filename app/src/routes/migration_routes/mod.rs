//! `/routes` and `/routes/{slug}`: migration routes, their legs and coverage.

mod coverage_table;
pub mod detail;
pub mod diagram;
pub mod edit;
pub mod gaps;
pub mod list;
