//! SQLite storage, one module per aggregate. Functions take an executor (pool or
//! transaction) and the reader's clearance, and return domain types, never HTTP ones.

/// The open commitment statuses as an SQL list, for `concat!` into queries: the SQL
/// twin of `CommitmentStatus::is_open`, and with `due_on < today` of `is_overdue`.
/// Migration 0006's partial index `commitments_open_due` spells out the same list
/// (a migration cannot use it); queries that filter by it can use that index.
macro_rules! open_statuses {
    () => {
        "('not_started', 'in_progress')"
    };
}
pub(crate) use open_statuses;

pub mod agreements;
pub mod assessments;
pub mod audit;
pub mod audit_log;
pub mod backup;
pub mod briefing_pack;
pub mod briefing_texts;
pub mod cache;
pub mod calendar;
pub mod choices;
pub mod commitments;
pub(crate) mod conditions;
pub mod dashboard;
pub mod database;
pub mod date_tally;
pub mod demo;
pub mod digests;
pub mod direct;
pub mod import;
pub(crate) mod json_rows;
pub mod listing;
pub mod memo;
pub mod partners;
pub mod record_reviews;
pub mod review_queue;
pub mod rollups;
pub mod routes;
pub mod search;
pub mod sessions;
pub mod sharing;
pub mod users;
pub(crate) mod visibility;
pub mod writer;

pub use database::{is_healthy, open, OpenError, MIGRATOR};
pub use writer::{begin_write, WriteTx};

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
    /// The database refused the values (e.g. a duplicate reference), by field.
    #[error("invalid values: {0:?}")]
    Invalid(crate::FieldErrors),
}

/// True when `error` is a UNIQUE violation on `table.column`.
pub(crate) fn is_unique_violation(error: &sqlx::Error, table_column: &str) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation() && db.message().contains(table_column))
}

/// Reads a record's marking from its `classification`, `caveat`, `releasability` columns.
pub(crate) fn marking(row: &sqlx::sqlite::SqliteRow) -> Result<crate::Classification, sqlx::Error> {
    use sqlx::Row;
    Ok(crate::Classification {
        level: row.try_get("classification")?,
        caveat: row.try_get("caveat")?,
        releasability: row.try_get("releasability")?,
    })
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

#[cfg(test)]
mod open_statuses_tests {
    use crate::CommitmentStatus;

    #[test]
    fn the_sql_list_is_the_domain_rule() {
        for status in CommitmentStatus::ALL {
            let listed = open_statuses!().contains(&format!("'{}'", status.code()));
            assert_eq!(listed, status.is_open(), "{status:?}");
        }
    }
}
