//! Subcommands of the `accord` binary other than `serve`, one module each.

pub mod audit;
pub mod backup;
pub mod import;
pub mod user;
