//! CSV and JSON exports of the lists (issue 12): the same filter as the page, within
//! the reader's clearance, marked, neutralised against formula injection, audited,
//! and refused to the signed-out.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::{client, data_test, Session, TestApp, PASSWORD};
use accord::storage::listing;
use accord::{Clearance, CommitmentFilter, Level, Rag, Role};

/// A marker in the text of records made SECRET for the test.
const SECRET_MARKER: &str = "ZZEXPORTSECRET";

/// The formula a hostile title carries.
const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";

async fn viewer(app: &TestApp) -> Session {
    app.add_user("viewer@exports.example", Role::Viewer, Level::Official).await;
    app.sign_in("viewer@exports.example", PASSWORD).await
}

async fn download(app: &TestApp, session: &Session, path: &str) -> client::Response {
    client::send_with(app.addr, "GET", path, None, &session.headers()).await
}

/// The CSV's records (the marking row, the header row, then the data rows).
fn records(body: &str) -> Vec<Vec<String>> {
    let body = body.strip_prefix('\u{feff}').expect("a UTF-8 byte-order mark first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The number a list page shows as its result count ("12 commitments").
async fn page_count(app: &TestApp, session: &Session, path: &str) -> usize {
    let (status, html) = app.get_as(session, path).await;
    assert_eq!(status, 200, "{path}");
    let count = data_test(&html, "result-count").unwrap();
    count.split_whitespace().next().unwrap().parse().unwrap()
}

/// Makes one OFFICIAL agreement SECRET (and its title the marker), and one of the
/// OFFICIAL commitments under an OFFICIAL agreement SECRET with the marker as text.
async fn hide_some(app: &TestApp) {
    sqlx::query(
        "UPDATE agreements SET classification = 'secret', title = ?1
          WHERE id = (SELECT min(id) FROM agreements WHERE classification = 'official')",
    )
    .bind(format!("{SECRET_MARKER} agreement"))
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE commitments SET classification = 'secret', text = ?1
          WHERE id = (SELECT min(c.id) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
                       WHERE c.classification = 'official' AND a.classification = 'official')",
    )
    .bind(format!("{SECRET_MARKER} commitment"))
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_csv_starts_with_the_bom_and_the_marking_row_and_names_its_file() {
    let app = TestApp::spawn(true).await;
    let response = download(&app, &app.session, "/commitments.csv?rag=red").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("text/csv; charset=utf-8"));
    let today = accord::dates::iso(accord::dates::today());
    assert_eq!(
        response.header("content-disposition"),
        Some(format!("attachment; filename=\"accord-commitments-{today}.csv\"").as_str())
    );
    assert!(response.body.starts_with('\u{feff}'), "BOM");
    let rows = records(&response.body);
    assert_eq!(rows[0].len(), 1, "the marking alone on the first row");
    // The marking of every red commitment, not of the first rows only.
    let red = CommitmentFilter { rag: Some(Rag::Red), ..Default::default() };
    let marking = listing::marking(&app.pool, &red, Clearance::HIGHEST, accord::dates::today());
    let marking = marking.await.unwrap().to_string();
    assert_eq!(rows[0][0], marking);
    // Each row's own marking is within the file's.
    assert!(rows[2..].iter().all(|r| !r[10].is_empty()));
    assert_eq!(rows[1][0], "id");
    assert!(rows[1].contains(&"rag".to_owned()));
    assert!(rows.len() > 2, "data rows");
    assert!(rows[2..].iter().all(|r| r[8] == "red"), "only red rows");
}

#[tokio::test]
async fn a_formula_in_a_title_comes_out_neutralised() {
    let app = TestApp::spawn(true).await;
    let reference: String = sqlx::query_scalar(
        "UPDATE agreements SET title = ?1
          WHERE id = (SELECT min(id) FROM agreements WHERE classification = 'official')
         RETURNING reference",
    )
    .bind(FORMULA)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let response = download(&app, &app.session, "/agreements.csv").await;
    let rows = records(&response.body);
    let row = rows.iter().find(|r| r.get(1) == Some(&reference)).expect("the agreement's row");
    assert_eq!(row[2], format!("'{FORMULA}"));
    // No cell anywhere starts a formula.
    for cell in rows.iter().skip(2).flatten() {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
    }
}

#[tokio::test]
async fn an_official_viewer_exports_no_secret_record_and_an_official_marking() {
    let app = TestApp::spawn(true).await;
    hide_some(&app).await;
    let viewer = viewer(&app).await;
    for path in ["/agreements.csv", "/commitments.csv", "/sharing.csv"] {
        let response = download(&app, &viewer, path).await;
        assert_eq!(response.status, 200, "{path}");
        let rows = records(&response.body);
        assert!(rows[0][0].starts_with("OFFICIAL"), "{path}: {}", rows[0][0]);
        assert!(!response.body.contains("SECRET"), "{path} holds a SECRET record or marking");
        // Every row's own marking is within the viewer's clearance.
        let marking = rows[1].iter().position(|c| c == "marking").unwrap();
        assert!(rows[2..].iter().all(|r| r[marking].starts_with("OFFICIAL")), "{path}");
    }
    for path in ["/agreements.json", "/commitments.json"] {
        let response = download(&app, &viewer, path).await;
        assert!(!response.body.contains(SECRET_MARKER), "{path}");
        // The administrator's export has them: the test can tell.
        let all = download(&app, &app.session, path).await;
        assert!(all.body.contains(SECRET_MARKER), "{path} as the administrator");
    }
}

#[tokio::test]
async fn a_csv_holds_as_many_rows_as_the_list_page_counts() {
    let app = TestApp::spawn(true).await;
    hide_some(&app).await;
    let viewer = viewer(&app).await;
    for query in [
        "/commitments?status=in_progress",
        "/commitments?rag=amber&sort=rag&dir=desc&page=2",
        "/agreements?status=in_force",
        "/agreements",
        "/sharing?direction=two_way",
    ] {
        for session in [&viewer, &app.session] {
            let expected = page_count(&app, session, query).await;
            let (list, rest) = query.split_once('?').unwrap_or((query, ""));
            let export = download(&app, session, &format!("{list}.csv?{rest}")).await;
            assert_eq!(records(&export.body).len() - 2, expected, "{query}");
        }
    }
}

#[tokio::test]
async fn a_json_export_has_the_marking_the_filter_and_the_items() {
    let app = TestApp::spawn(true).await;
    let viewer = viewer(&app).await;
    let expected = page_count(&app, &viewer, "/commitments?status=in_progress&sort=rag").await;
    let response = download(&app, &viewer, "/commitments.json?status=in_progress&sort=rag").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert!(json["marking"].as_str().unwrap().starts_with("OFFICIAL"));
    assert_eq!(json["filter"], serde_json::json!({ "status": "in_progress", "sort": "rag" }));
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), expected);
    let first = items[0].as_object().unwrap();
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    for name in ["id", "text", "agreement_reference", "due_on", "status", "rag", "marking"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(first["id"].is_i64());
    assert_eq!(first["status"], "in_progress");
    assert!(first["overdue"].is_boolean());
}

#[tokio::test]
async fn every_export_writes_one_audit_row() {
    let app = TestApp::spawn(true).await;
    let viewer = viewer(&app).await;
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'export'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    download(&app, &viewer, "/sharing.json?partner=fr").await;
    let rows: Vec<(Option<i64>, String, String)> = sqlx::query_as(
        "SELECT user_id, entity, after_json FROM audit_log WHERE action = 'export' ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len() as i64, before + 1);
    let (user_id, entity, details) = rows.last().unwrap();
    let viewer_id: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'viewer@exports.example'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(*user_id, Some(viewer_id));
    assert_eq!(entity, "sharing");
    let details: serde_json::Value = serde_json::from_str(details).unwrap();
    assert_eq!(details["list"], "/sharing");
    assert_eq!(details["format"], "json");
    assert_eq!(details["filter"], "partner=FR");
    assert!(details["marking"].as_str().unwrap().starts_with("OFFICIAL"));
}

#[tokio::test]
async fn the_signed_out_get_no_export() {
    let app = TestApp::spawn(true).await;
    for path in ["/agreements.csv", "/commitments.json", "/sharing.csv"] {
        let response = download(&app, &Session::default(), path).await;
        assert!(matches!(response.status, 303 | 302 | 401 | 403), "{path}: {}", response.status);
        assert!(!response.body.contains("marking"), "{path}");
        assert_eq!(response.header("content-disposition"), None, "{path}");
    }
}

#[tokio::test]
async fn each_list_page_links_to_its_exports_with_its_filter() {
    let app = TestApp::spawn(true).await;
    let (_, html) = app.get("/commitments?rag=red&page=2").await;
    assert!(html.contains("href=\"/commitments.csv?rag=red\""), "CSV link");
    assert!(html.contains("href=\"/commitments.json?rag=red\""), "JSON link");
    let (_, html) = app.get("/agreements").await;
    assert!(html.contains("href=\"/agreements.csv\""));
    let (_, html) = app.get("/sharing?partner=FR").await;
    assert!(html.contains("href=\"/sharing.csv?partner=FR\""));
}
