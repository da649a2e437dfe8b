//! The audit hash chain: verified after real writes, broken by each kind of tampering
//! (done directly in SQLite after dropping the append-only triggers, as an attacker
//! with the file would), guarded by its triggers, and sealed once for old rows.
#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use accord::audit::{AuditAction, AuditEntry, Broken};
use accord::route::{NewRoute, RouteSlug};
use accord::storage::audit::{self, Actor, VerifyReport};
use accord::storage::{begin_write, routes, MIGRATOR};
use accord::{Level, RouteRole};
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

type Row = (
    i64,
    String,
    Option<i64>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A log of several entries written the way Accord writes them: the demo load,
/// route creations (each audited in its transaction) and a sign-in event.
async fn written_log() -> (tempfile::TempDir, SqlitePool) {
    let (dir, pool) = super::fresh().await;
    accord::storage::demo::load(&pool, accord::dates::today()).await.expect("demo load");
    for name in ["Audit route one", "Audit route two", "Audit route three"] {
        let route = NewRoute {
            slug: RouteSlug::from_name(name).expect("slug"),
            name: name.to_owned(),
            description: "For the audit tests".to_owned(),
            classification: Level::Official,
            caveat: None,
            next_review_on: None,
            legs: vec![
                ("FR".to_owned(), RouteRole::Transit),
                ("GB".to_owned(), RouteRole::Destination),
            ],
        };
        let mut tx = begin_write(&pool).await.unwrap();
        routes::create(&mut tx, &Actor::system("test"), accord::Clearance::HIGHEST, &route)
            .await
            .expect("create route");
        tx.commit().await.unwrap();
    }
    let details = serde_json::json!({ "client": "127.0.0.1" });
    audit::append_event(
        &pool,
        &Actor::system("test"),
        AuditAction::SignIn,
        "session",
        None,
        Some(&details),
    )
    .await
    .expect("event");
    assert!(count(&pool).await >= 5, "the log should have several entries");
    (dir, pool)
}

async fn count(pool: &SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(pool).await.unwrap()
}

async fn verify(pool: &SqlitePool, expect: Option<(i64, String)>) -> VerifyReport {
    let mut conn = pool.acquire().await.unwrap();
    audit::verify(&mut conn, expect).await.expect("verify runs")
}

async fn broken(pool: &SqlitePool) -> Broken {
    verify(pool, None).await.broken.expect("the chain should be broken")
}

/// What an attacker does first: the triggers stop nothing once they are gone.
async fn drop_triggers(pool: &SqlitePool) {
    for sql in [
        "DROP TRIGGER audit_log_append_only_update",
        "DROP TRIGGER audit_log_append_only_delete",
        "DROP TRIGGER audit_log_append_only_insert",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
}

async fn entry(pool: &SqlitePool, id: i64) -> AuditEntry {
    let row: Row = sqlx::query_as(
        "SELECT id, at, user_id, actor, action, entity, entity_id, before_json, after_json, prev_hash
         FROM audit_log WHERE id = ?1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    let (id, at, user_id, actor, action, entity, entity_id, before_json, after_json, prev_hash) =
        row;
    AuditEntry {
        id,
        at,
        user_id,
        actor,
        action,
        entity,
        entity_id,
        before_json,
        after_json,
        prev_hash,
    }
}

async fn hash_of(pool: &SqlitePool, id: i64) -> String {
    sqlx::query_scalar("SELECT hash FROM audit_log WHERE id = ?1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Rewrites every hash from row 1 on, as someone covering their tracks would.
async fn recompute_chain(pool: &SqlitePool) {
    let mut prev = None;
    for id in 1..=count(pool).await {
        let mut e = entry(pool, id).await;
        e.prev_hash = prev;
        let hash = e.hash();
        sqlx::query("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3")
            .bind(&e.prev_hash)
            .bind(&hash)
            .bind(id)
            .execute(pool)
            .await
            .unwrap();
        prev = Some(hash);
    }
}

#[tokio::test]
async fn a_log_written_through_storage_verifies_to_its_head() {
    let (_dir, pool) = written_log().await;
    let n = count(&pool).await;
    let head = audit::head(&pool).await.unwrap().expect("head");
    assert_eq!(head, (n, hash_of(&pool, n).await));
    let report = verify(&pool, None).await;
    assert_eq!(report, VerifyReport { entries: n as u64, head: Some(head.clone()), broken: None });
    assert!(verify(&pool, Some(head)).await.is_intact());
    assert!(verify(&pool, Some((2, hash_of(&pool, 2).await))).await.is_intact());
    let linked: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.prev_hash = a.hash",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(linked, n - 1, "each row links to the one before");
}

#[tokio::test]
async fn an_edited_row_is_named() {
    let (_dir, pool) = written_log().await;
    drop_triggers(&pool).await;
    sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE id = 3")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(broken(&pool).await, Broken::Edited { id: 3 });
}

#[tokio::test]
async fn a_deleted_row_is_named_with_or_without_renumbering() {
    let (_dir, pool) = written_log().await;
    drop_triggers(&pool).await;
    sqlx::query("DELETE FROM audit_log WHERE id = 3").execute(&pool).await.unwrap();
    assert_eq!(broken(&pool).await, Broken::Missing { first: 3, last: 3 });
    // Closing the gap leaves row 4 (now 3) pointing at the deleted row's hash.
    sqlx::query("UPDATE audit_log SET id = id - 1 WHERE id > 3").execute(&pool).await.unwrap();
    assert_eq!(broken(&pool).await, Broken::Unlinked { id: 3 });
}

#[tokio::test]
async fn a_row_inserted_in_the_middle_is_named() {
    let (_dir, pool) = written_log().await;
    drop_triggers(&pool).await;
    // Make room after row 2 (via a high range, as ids are unique at every step).
    sqlx::query("UPDATE audit_log SET id = id + 1000000 WHERE id >= 3")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET id = id - 999999 WHERE id >= 1000000")
        .execute(&pool)
        .await
        .unwrap();
    // A well-forged row: correct id, linked to row 2, with its own valid hash.
    let mut forged = entry(&pool, 2).await;
    forged.id = 3;
    forged.prev_hash = Some(hash_of(&pool, 2).await);
    forged.after_json = Some(r#"{"forged":true}"#.to_owned());
    sqlx::query(
        "INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )
    .bind(forged.id)
    .bind(&forged.at)
    .bind(forged.user_id)
    .bind(&forged.actor)
    .bind(&forged.action)
    .bind(&forged.entity)
    .bind(&forged.entity_id)
    .bind(&forged.before_json)
    .bind(&forged.after_json)
    .bind(&forged.prev_hash)
    .bind(forged.hash())
    .execute(&pool)
    .await
    .unwrap();
    // The row after it still links to the original row 2.
    assert_eq!(broken(&pool).await, Broken::Unlinked { id: 4 });
    // A carelessly forged one (a copied hash) shows at itself.
    sqlx::query("UPDATE audit_log SET hash = ?1 WHERE id = 3")
        .bind(hash_of(&pool, 2).await)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(broken(&pool).await, Broken::Edited { id: 3 });
}

#[tokio::test]
async fn the_recorded_head_detects_a_chain_recomputed_from_scratch() {
    let (_dir, pool) = written_log().await;
    let recorded = audit::head(&pool).await.unwrap().expect("head");
    drop_triggers(&pool).await;
    sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE id = 2")
        .execute(&pool)
        .await
        .unwrap();
    recompute_chain(&pool).await;
    assert!(verify(&pool, None).await.is_intact(), "a recomputed chain passes on its own");
    let report = verify(&pool, Some(recorded.clone())).await;
    assert!(
        matches!(report.broken, Some(Broken::NotExpected { id, .. }) if id == recorded.0),
        "{report:?}"
    );
    // Cutting the end off instead: the recorded head is gone.
    let n = count(&pool).await;
    sqlx::query("DELETE FROM audit_log WHERE id >= ?1").bind(n - 1).execute(&pool).await.unwrap();
    let report = verify(&pool, Some(recorded.clone())).await;
    assert_eq!(report.broken, Some(Broken::Truncated { id: recorded.0, last: n - 2 }));
}

#[tokio::test]
async fn the_triggers_refuse_updates_deletes_and_unchained_inserts() {
    let (_dir, pool) = written_log().await;
    let refused = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            let error = sqlx::query(sql).execute(&pool).await.expect_err(sql).to_string();
            assert!(
                error.contains("append-only") || error.contains("hash chain"),
                "{sql}: {error}"
            );
        }
    };
    refused("UPDATE audit_log SET actor = 'someone else' WHERE id = 2").await;
    refused("UPDATE audit_log SET hash = prev_hash WHERE id = 2").await;
    refused("UPDATE audit_log SET hash = NULL, prev_hash = NULL WHERE id = 2").await;
    refused("DELETE FROM audit_log WHERE id = 2").await;
    refused("DELETE FROM audit_log").await;
    refused("INSERT INTO audit_log (actor, action, entity) VALUES ('x', 'create', 'agreement')")
        .await;
    refused(
        "INSERT INTO audit_log (id, actor, action, entity, prev_hash, hash)
         SELECT max(id) + 1, 'x', 'create', 'agreement', NULL, hash FROM audit_log",
    )
    .await;
    assert!(verify(&pool, None).await.is_intact());
}

#[tokio::test]
async fn seal_leaves_an_unhashed_row_after_the_chain_unsealed() {
    let (_dir, pool) = written_log().await;
    drop_triggers(&pool).await;
    let n = count(&pool).await;
    sqlx::query(
        "INSERT INTO audit_log (id, actor, action, entity) VALUES (?1, 'around Accord', 'delete', 'agreement')",
    )
    .bind(n + 1)
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(audit::seal(&pool).await.unwrap(), 0);
    let hash: Option<String> = sqlx::query_scalar("SELECT hash FROM audit_log WHERE id = ?1")
        .bind(n + 1)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(hash, None);
    assert_eq!(broken(&pool).await, Broken::Unsealed { id: n + 1 });
}

/// Rows written before migration 0007 keep their ids and are sealed on opening.
#[tokio::test]
async fn rows_from_before_the_chain_are_kept_and_sealed_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = accord::storage::database::database_path(dir.path());
    let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    let before_chain =
        Migrator::with_migrations(MIGRATOR.iter().filter(|m| m.version < 7).cloned().collect());
    before_chain.run(&pool).await.unwrap();
    for (actor, action) in [("a", "create"), ("b", "update"), ("c", "sign_in")] {
        sqlx::query("INSERT INTO audit_log (actor, action, entity, after_json) VALUES (?1, ?2, 'agreement', '{}')")
            .bind(actor)
            .bind(action)
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;

    let pool = accord::storage::open(dir.path()).await.expect("open migrates and seals");
    let actors: Vec<(i64, String)> = sqlx::query_as("SELECT id, actor FROM audit_log ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(actors, vec![(1, "a".into()), (2, "b".into()), (3, "c".into())]);
    assert_eq!(verify(&pool, None).await.head.map(|(id, _)| id), Some(3));
    assert_eq!(audit::seal(&pool).await.unwrap(), 0, "nothing left to seal");
    audit::append_event(&pool, &Actor::system("test"), AuditAction::Backup, "database", None, None)
        .await
        .unwrap();
    assert!(verify(&pool, Some((3, hash_of(&pool, 3).await))).await.is_intact());
}

/// A database migrated without `storage::open` (so not sealed): the next entry seals first.
#[tokio::test]
async fn recording_on_an_unsealed_log_seals_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let options =
        SqliteConnectOptions::new().filename(dir.path().join("a.db")).create_if_missing(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    let before_chain =
        Migrator::with_migrations(MIGRATOR.iter().filter(|m| m.version < 7).cloned().collect());
    before_chain.run(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO audit_log (actor, action, entity) VALUES ('old', 'create', 'agreement')",
    )
    .execute(&pool)
    .await
    .unwrap();
    MIGRATOR.run(&pool).await.unwrap();
    let mut tx = begin_write(&pool).await.unwrap();
    audit::record(
        &mut tx,
        &Actor::system("test"),
        "update",
        "agreement",
        Some("1"),
        Some(&1),
        Some(&2),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let report = verify(&pool, None).await;
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.entries, 2);
}

#[tokio::test]
async fn an_unserialisable_value_or_unknown_action_is_an_error_and_writes_nothing() {
    let (_dir, pool) = super::fresh().await;
    let before = count(&pool).await;
    let actor = Actor::system("test");
    // JSON object keys must be strings: serde_json refuses this map.
    let unserialisable: std::collections::BTreeMap<(i32, i32), i32> = [((1, 2), 3)].into();
    let mut tx = begin_write(&pool).await.unwrap();
    let result = audit::record(
        &mut tx,
        &actor,
        "update",
        "agreement",
        None,
        Some(&1),
        Some(&unserialisable),
    )
    .await;
    assert!(matches!(result, Err(sqlx::Error::Encode(_))), "{result:?}");
    let result =
        audit::record(&mut tx, &actor, "teleport", "agreement", None, None::<&()>, Some(&1)).await;
    assert!(matches!(result, Err(sqlx::Error::Encode(_))), "{result:?}");
    tx.commit().await.unwrap();
    assert_eq!(count(&pool).await, before);
}
