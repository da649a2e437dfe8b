//! Reading the chain: verifying it end to end, its head, and opening a database
//! read-only so that verifying cannot change what it checks.

use super::chain::{select_rows, StoredRow};
use crate::audit::{Broken, ChainWalk};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection, SqliteExecutor};
use std::path::{Path, PathBuf};

/// What a walk of the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Rows that verified (up to the break, if any).
    pub entries: u64,
    /// The last row's id and hash, when the whole chain verified and is not empty.
    pub head: Option<(i64, String)>,
    /// The first break, if any.
    pub broken: Option<Broken>,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// Walks the whole log in id order, recomputing each hash and checking each link
/// and that ids run on without a gap; stops at the first broken row. With `expect`
/// (an operator's record of `head`), row ID must also still have exactly HASH.
///
/// Reads in one transaction (a consistent snapshot while a server appends) and in
/// batches by id, so memory stays flat for a log of any length. Writes nothing.
pub async fn verify(
    conn: &mut SqliteConnection,
    expect: Option<(i64, String)>,
) -> Result<VerifyReport, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let select = select_rows!("WHERE id > ?1 ORDER BY id LIMIT 1000");
    let mut walk = ChainWalk::new(expect);
    // i64::MIN, not 0: a row numbered 0 or below must be read to be reported.
    let mut after = i64::MIN;
    loop {
        let rows: Vec<StoredRow> = sqlx::query_as(select).bind(after).fetch_all(&mut *tx).await?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let (entry, hash) = row.into_parts();
            after = entry.id;
            if let Err(broken) = walk.check(&entry, hash.as_deref()) {
                let entries = walk.checked();
                return Ok(VerifyReport { entries, head: None, broken: Some(broken) });
            }
        }
    }
    let entries = walk.checked();
    Ok(match walk.finish() {
        Ok((entries, head)) => VerifyReport { entries, head, broken: None },
        Err(broken) => VerifyReport { entries, head: None, broken: Some(broken) },
    })
}

/// The latest sealed row's id and hash, for operators to keep outside the database
/// and pass back to [`verify`]. `None` while the log is empty.
pub async fn head(db: impl SqliteExecutor<'_>) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1")
        .fetch_optional(db)
        .await
}

/// Why a database could not be opened for reading its audit log.
#[derive(Debug, thiserror::Error)]
pub enum ReadOnlyError {
    #[error("there is no Accord database at {0}")]
    Missing(PathBuf),
    #[error("could not read {0}: {1}")]
    Sqlite(PathBuf, sqlx::Error),
    #[error(
        "{0} has no audit hash chain yet (written by an older Accord): run `accord migrate` first"
    )]
    NoChain(PathBuf),
}

/// Opens `data_dir`'s database read-only, without creating, migrating or sealing
/// anything: what `accord audit verify` checks is exactly what is on disk.
pub async fn open_read_only(data_dir: &Path) -> Result<SqliteConnection, ReadOnlyError> {
    let path = crate::storage::database::database_path(data_dir);
    if !path.is_file() {
        return Err(ReadOnlyError::Missing(path));
    }
    let fail = |e| ReadOnlyError::Sqlite(path.clone(), e);
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(10))
        .connect()
        .await
        .map_err(fail)?;
    let chained: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'hash')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(fail)?;
    if chained {
        Ok(conn)
    } else {
        Err(ReadOnlyError::NoChain(path))
    }
}
