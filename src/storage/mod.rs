//! SQLite storage, one module per aggregate. Functions take an executor (pool or
//! transaction) and the reader's clearance, and return domain types, never HTTP ones.

pub mod audit;
pub mod dashboard;
pub mod database;
pub mod demo;
pub mod partners;
pub mod routes;
pub mod search;

pub use database::{begin_write, is_healthy, open, OpenError, MIGRATOR};

/// A storage error: a database failure, or a record someone else changed first.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("not found")]
    NotFound,
    /// The record's version moved on since the caller read it.
    #[error("the record was changed by someone else")]
    Conflict,
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;
