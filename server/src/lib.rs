#![recursion_limit = "512"]
//! The `accord` binary's library half: configuration, database start-up and the
//! router. Tests build the very same router through [`router::build`].

pub mod accounts;
pub mod admin_backup;
pub mod admin_users;
pub mod auth;
pub mod briefing;
pub mod calendar_feed;
pub mod cli;
pub mod config;
pub mod csp_nonce;
pub mod data_lock;
pub mod digest;
pub mod exports;
pub mod flash;
pub mod forms;
pub mod hardening;
pub mod health;
pub mod import;
pub mod memory;
pub mod pages;
pub mod router;
pub mod security_headers;
pub mod startup;
pub mod static_files;

pub use config::ServeConfig;
