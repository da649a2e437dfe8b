//! `/routes` and `/routes/{slug}`: migration routes, their legs and coverage.

pub mod detail;
pub mod list;
