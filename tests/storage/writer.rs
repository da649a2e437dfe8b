//! The writer (`storage::writer`): edits take turns on one open transaction and share
//! its commit. An acknowledged edit is on disk; a failed or abandoned one is undone
//! without taking the others of its batch with it.
#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::fresh;
use accord::storage::database::database_path;
use accord::storage::{begin_write, writer};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqlitePool};
use std::path::PathBuf;

const ADD: &str = "INSERT INTO app_meta (key, value) VALUES (?1, 'written')";

/// Whether `key` is there for a connection of its own, outside the pool.
async fn on_disk(path: &PathBuf, key: &str) -> bool {
    let mut other =
        SqliteConnectOptions::new().filename(path).read_only(true).connect().await.unwrap();
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = ?1)")
        .bind(key)
        .fetch_one(&mut other)
        .await
        .unwrap()
}

async fn keys(pool: &SqlitePool, prefix: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT key FROM app_meta WHERE key LIKE ?1 || '%' ORDER BY key")
        .bind(prefix)
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_edit_is_committed_before_it_is_acknowledged() {
    let (dir, pool) = fresh().await;
    let path = database_path(dir.path());
    let edits: Vec<_> = (0..32)
        .map(|n| {
            let (pool, path) = (pool.clone(), path.clone());
            tokio::spawn(async move {
                let key = format!("edit {n:02}");
                let mut tx = begin_write(&pool).await.unwrap();
                sqlx::query(ADD).bind(&key).execute(&mut **tx).await.unwrap();
                tx.commit().await.unwrap();
                on_disk(&path, &key).await
            })
        })
        .collect();
    for edit in edits {
        assert!(edit.await.unwrap(), "acknowledged, so committed: another connection sees it");
    }
    assert_eq!(keys(&pool, "edit ").await.len(), 32);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_or_abandoned_edit_is_undone_and_the_rest_of_its_batch_kept() {
    let (_dir, pool) = fresh().await;
    let edits: Vec<_> = (0..48)
        .map(|n| {
            let pool = pool.clone();
            tokio::spawn(async move {
                let key = format!("edit {n:02}");
                let mut tx = begin_write(&pool).await.unwrap();
                sqlx::query(ADD).bind(&key).execute(&mut **tx).await.unwrap();
                match n % 4 {
                    // A statement fails after the edit wrote: the caller returns the
                    // error and drops the transaction, as `?` does.
                    1 => {
                        let again = sqlx::query(ADD).bind(&key).execute(&mut **tx).await;
                        assert!(again.is_err(), "the key is taken");
                        drop(tx);
                    }
                    2 => tx.rollback().await.unwrap(),
                    _ => tx.commit().await.unwrap(),
                }
            })
        })
        .collect();
    for edit in edits {
        edit.await.unwrap();
    }
    let expected: Vec<String> =
        (0..48).filter(|n| n % 4 == 0 || n % 4 == 3).map(|n| format!("edit {n:02}")).collect();
    assert_eq!(keys(&pool, "edit ").await, expected, "only the committed edits are there");
}

#[tokio::test]
async fn an_edit_sees_the_edits_before_it() {
    let (_dir, pool) = fresh().await;
    let mut first = begin_write(&pool).await.unwrap();
    sqlx::query(ADD).bind("first").execute(&mut **first).await.unwrap();
    let second = {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut tx = begin_write(&pool).await.unwrap();
            let seen: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = 'first')")
                    .fetch_one(&mut **tx)
                    .await
                    .unwrap();
            tx.commit().await.unwrap();
            seen
        })
    };
    // The second edit waits for its turn while the first is open.
    tokio::task::yield_now().await;
    assert!(!second.is_finished());
    first.commit().await.unwrap();
    assert!(second.await.unwrap(), "the second edit saw the first one's write");
}

/// An upsert on a table with triggers, as the first statement of a new batch (SQLite
/// failed to prepare it with "no such table" until the batch read the schema first).
#[tokio::test]
async fn an_upsert_can_open_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let pool = accord::storage::open(dir.path()).await.unwrap();
    let mut tx = begin_write(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO partners (alpha2, alpha3, numeric, name, region, sub_region, is_home)
         VALUES ('ZZ', 'ZZQ', 999, 'Test', '', '', 0)
         ON CONFLICT (alpha2) DO UPDATE SET name = excluded.name",
    )
    .execute(&mut **tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Edits queued for the writer (`writer::edit`), mixed with edits through
/// `begin_write`: each acknowledged one is on disk, a failed one is undone (what it
/// wrote before failing too) and the rest of its batch kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_edits_are_committed_or_undone_one_by_one() {
    let (dir, pool) = fresh().await;
    let path = database_path(dir.path());
    let edits: Vec<_> = (0..96)
        .map(|n| {
            let (pool, path) = (pool.clone(), path.clone());
            tokio::spawn(async move {
                let key = format!("edit {n:02}");
                if n % 3 == 2 {
                    let mut tx = begin_write(&pool).await.unwrap();
                    sqlx::query(ADD).bind(&key).execute(&mut **tx).await.unwrap();
                    tx.commit().await.unwrap();
                    return (n, on_disk(&path, &key).await);
                }
                let written = key.clone();
                let result = writer::edit(&pool, move |direct| {
                    direct.execute(ADD, &[written.as_str().into()])?;
                    if n % 3 == 1 {
                        // Fails after writing: the key is taken.
                        direct.execute(ADD, &[written.as_str().into()])?;
                    }
                    Ok::<_, sqlx::Error>(n)
                })
                .await;
                match result {
                    Ok(value) => {
                        assert_eq!(value, n, "the edit's own value comes back");
                        (n, on_disk(&path, &key).await)
                    }
                    Err(error) => {
                        assert!(error.as_database_error().is_some_and(|e| e.is_unique_violation()));
                        (n, false)
                    }
                }
            })
        })
        .collect();
    for edit in edits {
        let (n, saved) = edit.await.unwrap();
        assert_eq!(saved, n % 3 != 1, "edit {n}: acknowledged, so committed; failed, so not");
    }
    let expected: Vec<String> =
        (0..96).filter(|n| n % 3 != 1).map(|n| format!("edit {n:02}")).collect();
    assert_eq!(keys(&pool, "edit ").await, expected, "only the kept edits are there");
}

/// A queued edit sees what the edits before it in its batch wrote, and one on the
/// default (single-threaded) runtime runs too.
#[tokio::test]
async fn a_queued_edit_sees_the_edits_before_it() {
    let (_dir, pool) = fresh().await;
    let mut first = begin_write(&pool).await.unwrap();
    sqlx::query(ADD).bind("first").execute(&mut **first).await.unwrap();
    let second = {
        let pool = pool.clone();
        tokio::spawn(async move {
            writer::edit(&pool, |direct| {
                let seen = direct
                    .first("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = 'first')", &[])?;
                direct.execute(ADD, &["second".into()])?;
                Ok::<_, sqlx::Error>(seen.and_then(|seen| seen.int()) == Some(1))
            })
            .await
            .unwrap()
        })
    };
    tokio::task::yield_now().await;
    assert!(!second.is_finished(), "it waits for the first edit's turn");
    first.commit().await.unwrap();
    assert!(second.await.unwrap(), "the queued edit saw the first one's write");
    assert_eq!(keys(&pool, "").await.iter().filter(|k| *k == "second").count(), 1);
}

/// A queued edit that panics is undone and its caller told; the edits after it run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_queued_edit_is_undone_and_the_queue_goes_on() {
    let (_dir, pool) = fresh().await;
    let panicking = writer::edit(&pool, |direct| {
        direct.execute(ADD, &["panicked".into()])?;
        if direct.first("SELECT 1", &[])?.is_some() {
            panic!("a bug in an edit");
        }
        Ok::<_, sqlx::Error>(())
    })
    .await;
    assert!(panicking.is_err(), "the caller hears the edit was not saved");
    writer::edit(&pool, |direct| direct.execute(ADD, &["after".into()])).await.unwrap();
    assert_eq!(
        keys(&pool, "")
            .await
            .iter()
            .filter(|k| ["panicked", "after"].contains(&k.as_str()))
            .collect::<Vec<_>>(),
        ["after"]
    );
}
