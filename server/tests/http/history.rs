//! Each record page has a History section: its own audit entries, who and what.

use crate::{data_test, TestApp};
use accord::storage::audit::{self, Actor};
use serde_json::json;

/// Records an update of `entity` `id` that changed its title, as `who`.
async fn log_title_change(app: &TestApp, who: &str, entity: &str, id: i64) {
    let mut tx = accord::storage::begin_write(&app.pool).await.expect("begin");
    let actor = Actor { user_id: None, name: who.to_owned() };
    let before = json!({ "title": "Before", "owner": "same" });
    let after = json!({ "title": "After", "owner": "same" });
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
    .expect("audit");
    tx.commit().await.expect("commit");
}

/// The first two records of `table` (a name from the fixed list below, not input):
/// id and the last segment of the page address (the slug, for a route).
async fn first_two(app: &TestApp, table: &'static str) -> Vec<(i64, String)> {
    let sql = match table {
        "agreements" => "SELECT id, CAST(id AS TEXT) FROM agreements ORDER BY id LIMIT 2",
        "commitments" => "SELECT id, CAST(id AS TEXT) FROM commitments ORDER BY id LIMIT 2",
        "sharing_arrangements" => {
            "SELECT id, CAST(id AS TEXT) FROM sharing_arrangements ORDER BY id LIMIT 2"
        }
        _ => "SELECT id, slug FROM routes ORDER BY id LIMIT 2",
    };
    sqlx::query_as(sql).fetch_all(&app.pool).await.expect("demo records")
}

#[tokio::test]
async fn every_record_page_shows_its_own_history() {
    let app = TestApp::spawn(true).await;
    for (table, entity, path) in [
        ("agreements", "agreement", "/agreements"),
        ("commitments", "commitment", "/commitments"),
        ("sharing_arrangements", "sharing_arrangement", "/sharing"),
        ("routes", "route", "/routes"),
    ] {
        let records = first_two(&app, table).await;
        let [(id, address), (_, other)] = records.as_slice() else {
            panic!("the demo has two {table}");
        };
        let who = format!("Historian of {entity}");
        log_title_change(&app, &who, entity, *id).await;
        let (status, page) = app.get(&format!("{path}/{address}")).await;
        assert_eq!(status, 200, "{path}/{address}");
        let history = data_test(&page, "record-history")
            .unwrap_or_else(|| panic!("{path}/{address} has a History section: {page}"));
        assert!(history.contains(&who), "{path}/{address}: who: {history}");
        assert!(history.contains("Updated: title"), "{path}/{address}: what: {history}");
        assert!(!history.contains("After"), "{path}/{address}: names, not values: {history}");

        // Another record of the same kind does not show this entry.
        let (_, page) = app.get(&format!("{path}/{other}")).await;
        assert!(!page.contains(&who), "{path}/{other} shows only its own entries");
    }
}
