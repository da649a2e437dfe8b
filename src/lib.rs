//! Accord's domain: the words of DESIGN.md as types, the rules that derive from them
//! (overdue, highest marking, coverage) and, behind feature `ssr`, SQLite storage.
//!
//! Without `ssr` this crate compiles to WASM so the browser can run the same parsing
//! as the server; the server always re-runs it.

pub mod domain;

#[cfg(feature = "ssr")]
pub mod storage;

pub use domain::*;
