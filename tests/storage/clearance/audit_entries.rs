//! The audit log page and each record's History section leave out entries about
//! records above the reader's clearance, counts included.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::seed::*;
use accord::domain::audit_log::{AuditFilter, RecordKind};
use accord::storage::audit::{self, Actor};
use accord::storage::audit_log;
use accord::{Clearance, Level};
use serde_json::json;
use sqlx::SqlitePool;

const OFFICIAL: Clearance = Clearance(Level::Official);
const SECRET: Clearance = Clearance(Level::Secret);
const TOP_SECRET: Clearance = Clearance(Level::TopSecret);

/// An update entry about each seeded record, plus a sign-in about no record.
async fn log_updates(pool: &SqlitePool, seeded: &Seeded) {
    let actor = Actor::system("test");
    let mut tx = accord::storage::begin_write(pool).await.unwrap();
    let records = [
        ("agreement", seeded.secret),
        ("agreement", seeded.official),
        ("agreement", seeded.top_secret),
        ("commitment", seeded.child_of_secret),
        ("commitment", seeded.visible_child),
        ("sharing_arrangement", seeded.governed),
        ("sharing_arrangement", seeded.eyes_only),
    ];
    for (entity, id) in records {
        let before = json!({ "title": "old", "owner": "same" });
        let after = json!({ "title": "new", "owner": "same" });
        audit::record(
            &mut *tx,
            &actor,
            "update",
            entity,
            Some(&id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await
        .unwrap();
    }
    audit::event(
        &mut *tx,
        &actor,
        accord::domain::audit::AuditAction::SignIn,
        "user",
        Some("1"),
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn ids_of(page: &accord::domain::audit_log::AuditPage, entity: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = page
        .entries
        .iter()
        .filter(|e| e.entity == entity)
        .filter_map(|e| e.entity_id.as_deref()?.parse().ok())
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn the_audit_log_lists_and_counts_only_entries_about_visible_records() {
    let (_dir, pool) = crate::fresh().await;
    let seeded = seed(&pool).await;
    log_updates(&pool, &seeded).await;
    let all = AuditFilter { page: 1, ..Default::default() };

    let official = audit_log::page(&pool, &all, OFFICIAL).await.unwrap();
    assert_eq!(ids_of(&official, "agreement"), vec![seeded.official]);
    // The child of the SECRET agreement is OFFICIAL, but shown under SECRET.
    assert_eq!(ids_of(&official, "commitment"), vec![seeded.visible_child]);
    // An arrangement is judged by its own marking (its governing agreement is hidden
    // from its page, not the arrangement itself).
    assert_eq!(ids_of(&official, "sharing_arrangement"), vec![seeded.governed]);
    assert_eq!(official.entries.iter().filter(|e| e.entity == "user").count(), 1);
    assert_eq!(official.total, official.entries.len() as i64, "the count is of what is shown");

    let secret = audit_log::page(&pool, &all, SECRET).await.unwrap();
    let mut expected = vec![seeded.secret, seeded.official];
    expected.sort_unstable();
    assert_eq!(ids_of(&secret, "agreement"), expected);
    assert_eq!(
        secret.total,
        official.total + 3,
        "SECRET sees its agreement, child and arrangement"
    );

    let top = audit_log::page(&pool, &all, TOP_SECRET).await.unwrap();
    assert_eq!(top.total, 8);
    assert!(top.entries.iter().any(|e| e.before.is_some()), "values for the highest clearance");
    assert!(secret.entries.iter().all(|e| e.before.is_none() && e.after.is_none()));
}

#[tokio::test]
async fn an_entry_about_a_missing_record_is_only_for_the_highest_clearance() {
    let (_dir, pool) = crate::fresh().await;
    let actor = Actor::system("test");
    let mut tx = accord::storage::begin_write(&pool).await.unwrap();
    audit::record(
        &mut *tx,
        &actor,
        "delete",
        "agreement",
        Some("999"),
        Some(&json!({})),
        None::<&()>,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let all = AuditFilter { page: 1, ..Default::default() };
    assert_eq!(audit_log::page(&pool, &all, SECRET).await.unwrap().total, 0);
    assert_eq!(audit_log::page(&pool, &all, TOP_SECRET).await.unwrap().total, 1);
}

#[tokio::test]
async fn a_history_section_holds_the_record_s_entries_within_clearance() {
    let (_dir, pool) = crate::fresh().await;
    let seeded = seed(&pool).await;
    log_updates(&pool, &seeded).await;
    let pool = &pool;
    let history = |kind, id: i64, clearance| async move {
        audit_log::record_history(pool, kind, &id.to_string(), clearance).await
    };

    let mine = history(RecordKind::Agreement, seeded.official, OFFICIAL).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].detail, "title", "the changed field, not its value");
    assert_eq!(mine[0].actor, Actor::system("test").name);

    assert!(history(RecordKind::Agreement, seeded.secret, OFFICIAL).await.unwrap().is_empty());
    assert_eq!(history(RecordKind::Agreement, seeded.secret, SECRET).await.unwrap().len(), 1);
    assert!(history(RecordKind::Commitment, seeded.child_of_secret, OFFICIAL)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        history(RecordKind::Commitment, seeded.child_of_secret, SECRET).await.unwrap().len(),
        1
    );
    // Entries of another kind with the same id are not this record's.
    let other_kind = history(RecordKind::Route, seeded.official, TOP_SECRET).await.unwrap();
    assert!(other_kind.is_empty());
}
