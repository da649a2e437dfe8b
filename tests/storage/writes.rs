//! Storage writes as a server function runs them: one `BEGIN IMMEDIATE` transaction
//! begun by the caller, committed when the write succeeds and dropped (so rolled
//! back) when it fails.

use accord::storage::{begin_write, StorageError};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// Runs `write` in a fresh write transaction on `pool` and commits it if it succeeds.
pub async fn committed<T>(
    pool: &SqlitePool,
    write: impl AsyncFnOnce(&mut Transaction<'static, Sqlite>) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    let mut tx = begin_write(pool).await?;
    let value = write(&mut tx).await?;
    tx.commit().await?;
    Ok(value)
}
