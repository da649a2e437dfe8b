//! Opening, migrating and refusing databases.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use accord::storage::{database::database_path, open, OpenError, MIGRATOR};

#[tokio::test]
async fn migrations_apply_to_a_fresh_file() {
    let (dir, pool) = super::fresh().await;
    assert!(database_path(dir.path()).exists());
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(applied as usize, MIGRATOR.iter().count());
    for table in [
        "agreements",
        "commitments",
        "assessments",
        "sharing_arrangements",
        "route_legs",
        "audit_log",
        "users",
        "sessions",
        "briefing_texts",
        "uk_bodies",
    ] {
        let exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)",
        )
        .bind(table)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(exists, "table {table} missing");
    }
}

#[tokio::test]
async fn wal_foreign_keys_and_full_sync_are_on() {
    let (_dir, pool) = super::fresh().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&pool).await.unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&pool).await.unwrap();
    assert_eq!(fk, 1);
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&pool).await.unwrap();
    assert_eq!(sync, 2, "synchronous should be FULL (2)");
    // And the constraint really bites.
    let bad = sqlx::query("INSERT INTO route_legs (route_id, position, partner, role) VALUES (999, 1, 'FR', 'transit')")
        .execute(&pool)
        .await;
    assert!(bad.is_err(), "a leg on a missing route must be refused");
}

#[tokio::test]
async fn bundled_sqlite_has_the_wal_reset_fix() {
    let (_dir, pool) = super::fresh().await;
    let version: String =
        sqlx::query_scalar("SELECT sqlite_version()").fetch_one(&pool).await.unwrap();
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().unwrap()).collect();
    assert!(parts >= vec![3, 51, 3], "SQLite {version} predates the WAL-reset fix in 3.51.3");
}

#[tokio::test]
async fn refuses_a_database_written_by_a_newer_version_and_leaves_it_alone() {
    let (dir, pool) = super::fresh().await;
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99990101000000, 'from the future', 1, x'00', 0)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let path = database_path(dir.path());
    let before = std::fs::read(&path).unwrap();
    let err = open(dir.path()).await.expect_err("must refuse");
    assert!(
        matches!(err, OpenError::NewerSchema { ref versions, .. } if versions == &vec![99990101000000]),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "a refused database must not change");
}

#[tokio::test]
async fn refuses_a_file_that_is_not_sqlite_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = database_path(dir.path());
    std::fs::write(&path, b"these are someone's notes, not a database").unwrap();
    let err = open(dir.path()).await.expect_err("must refuse");
    assert!(matches!(err, OpenError::NotSqlite(_)), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"these are someone's notes, not a database");
    assert!(!dir.path().join("accord.db-wal").exists());
}

#[tokio::test]
async fn refuses_a_data_directory_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file can never be created, even by root.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let err = open(&blocker.join("data")).await.expect_err("must refuse");
    assert!(matches!(err, OpenError::NotWritable(..)), "{err}");
}

#[tokio::test]
async fn reopening_an_existing_database_keeps_its_data() {
    let (dir, pool) = super::fresh().await;
    sqlx::query("INSERT INTO app_meta (key, value) VALUES ('probe', 'kept')")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let pool = open(dir.path()).await.expect("reopen");
    let value: String = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = 'probe'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(value, "kept");
}
