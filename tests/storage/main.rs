//! Storage tests: each on a fresh, migrated SQLite file in a temporary directory.

mod agreements;
mod assessments;
mod audit;
mod backup;
mod briefing_pack;
mod briefing_texts;
mod cache;
mod calendar;
mod clearance;
mod commitments;
mod database;
mod digests;
mod direct;
mod import;
mod listing;
mod partners;
mod random_writes;
mod review_queue;
mod rollups;
mod routes;
mod search;
mod sharing;
mod tallies;
mod writer;
mod writes;

use sqlx::SqlitePool;
use tempfile::TempDir;

/// A fresh database with the partner list loaded. Keep the `TempDir` alive.
pub async fn fresh() -> (TempDir, SqlitePool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = accord::storage::open(dir.path()).await.expect("open fresh database");
    accord::storage::partners::sync_from_iso(&pool).await.expect("load partners");
    (dir, pool)
}
