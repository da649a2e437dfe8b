//! `/import` (issue 12): the multipart upload through the real router (a good file
//! written and the user sent to the list with a banner; a bad one refused with its rows
//! and nothing written; no anti-forgery token, 403), viewers kept out, the templates,
//! the round trip export → import → export, and `accord import` as the built binary.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

mod round_trip;

use super::{client, Session, TestApp, PASSWORD};
use accord::{Level, Role};
use std::process::{Command, Output};

const AGREEMENTS: &str = "reference,title,kind,status,next_review_on,marking,partner_codes,legally_binding,signed_on,in_force_on,expires_on,lead_department,owner,summary,funding_gbp,funding_note,scope_tags,strands,supersedes,amends";

/// An agreements file (BOM, marking row, header) with rows of (reference, title).
pub fn agreements_file(rows: &[(&str, &str)]) -> Vec<u8> {
    let mut file = format!("\u{feff}OFFICIAL\r\n{AGREEMENTS}\r\n");
    for (reference, title) in rows {
        file.push_str(&format!(
            "{reference},{title},treaty,proposed,,OFFICIAL,TN,yes,,,,HO,,,,,,,,\r\n"
        ));
    }
    file.into_bytes()
}

const BOUNDARY: &str = "----accordtestboundary";

/// A `multipart/form-data` body: the token (when given), the kind and the file.
pub fn multipart(csrf: Option<&str>, kind: &str, file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut field = |name: &str, filename: Option<&str>, value: &[u8]| {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match filename {
            Some(f) => format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n"),
            None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n"),
        };
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    };
    if let Some(csrf) = csrf {
        field("csrf_token", None, csrf.as_bytes());
    }
    field("kind", None, kind.as_bytes());
    field("file", Some("import.csv"), file);
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts the import form as a browser without JavaScript would (redirect unfollowed).
pub async fn upload(
    app: &TestApp,
    session: &Session,
    csrf: Option<&str>,
    kind: &str,
    file: &[u8],
) -> client::Response {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let mut headers = session.headers();
    headers.push(("Content-Type", content_type.as_str()));
    let body = multipart(csrf, kind, file);
    client::send_raw(app.addr, "POST", "/import", &headers, &body).await
}

async fn count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM agreements").fetch_one(&app.pool).await.unwrap()
}

async fn editor(app: &TestApp) -> Session {
    app.add_user("editor@import.example", Role::Editor, Level::Secret).await;
    app.sign_in("editor@import.example", PASSWORD).await
}

#[tokio::test]
async fn an_editor_imports_a_good_file_and_sees_the_banner_on_the_list() {
    let app = TestApp::spawn(false).await;
    let session = editor(&app).await;
    let (status, page) = app.get_as(&session, "/import").await;
    assert_eq!(status, 200);
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    let file = agreements_file(&[("FCDO-TN-1", "Tunisia one"), ("FCDO-TN-2", "Tunisia two")]);
    let response = upload(&app, &session, Some(&session.csrf), "agreements", &file).await;
    assert_eq!(response.status, 303, "{}", response.body);
    assert_eq!(response.header("location"), Some("/agreements"));
    assert_eq!(count(&app).await, 2);
    let (_, list) = app.get_as(&session, "/agreements").await;
    assert!(list.contains("Imported 2 agreements"), "the banner");
    assert!(list.contains("FCDO-TN-2"));
}

#[tokio::test]
async fn a_bad_file_is_refused_with_its_rows_in_the_summary_and_nothing_written() {
    let app = TestApp::spawn(false).await;
    let session = editor(&app).await;
    let file = agreements_file(&[("FCDO-TN-1", "Fine"), ("FCDO-TN-2", ""), ("1-BAD", "Bad ref")]);
    let response = upload(&app, &session, Some(&session.csrf), "agreements", &file).await;
    assert_eq!(response.status, 422);
    let summary = super::data_test(&response.body, "error-summary").unwrap();
    assert!(summary.contains("Row 4: Enter a title"), "{summary}");
    assert!(summary.contains("Row 5: Reference must start with a letter"), "{summary}");
    assert!(response.body.contains("href=\"#row-4\""));
    assert!(response.body.contains("id=\"row-4\""), "the summary links to the table");
    assert!(response.body.contains("<title>Error: Import"), "the title says Error first");
    assert_eq!(count(&app).await, 0);
    // A file whose columns are wrong is one file-level error.
    let response =
        upload(&app, &session, Some(&session.csrf), "commitments", &agreements_file(&[])).await;
    assert_eq!(response.status, 422);
    let summary = super::data_test(&response.body, "error-summary").unwrap();
    assert!(summary.contains("unknown columns: reference"), "{summary}");
}

#[tokio::test]
async fn an_upload_without_the_anti_forgery_token_is_refused_and_writes_nothing() {
    let app = TestApp::spawn(false).await;
    let session = editor(&app).await;
    let file = agreements_file(&[("FCDO-TN-1", "Tunisia one")]);
    let response = upload(&app, &session, None, "agreements", &file).await;
    assert_eq!(response.status, 403);
    let response = upload(&app, &session, Some("not-the-token"), "agreements", &file).await;
    assert_eq!(response.status, 403);
    assert_eq!(count(&app).await, 0);
    // Other posts keep their 1 MiB limit: only the import may send more.
    let big = vec![b'a'; 2 * 1024 * 1024];
    let response = app
        .post_raw("/agreements/new", &[("Content-Type", "application/x-www-form-urlencoded")], &big)
        .await;
    assert_eq!(response.status, 413);
}

#[tokio::test]
async fn viewers_may_not_reach_the_import() {
    let app = TestApp::spawn(false).await;
    app.add_user("viewer@import.example", Role::Viewer, Level::Official).await;
    let viewer = app.sign_in("viewer@import.example", PASSWORD).await;
    for path in ["/import", "/import/template/agreements.csv"] {
        assert_eq!(app.get_as(&viewer, path).await.0, 403, "{path}");
    }
    let file = agreements_file(&[("FCDO-TN-1", "Tunisia one")]);
    let response = upload(&app, &viewer, Some(&viewer.csrf), "agreements", &file).await;
    assert_eq!(response.status, 403);
    assert_eq!(count(&app).await, 0);
}

#[tokio::test]
async fn the_templates_hold_the_marking_and_header_rows() {
    let app = TestApp::spawn(false).await;
    let session = editor(&app).await;
    let (status, body) = app.get_as(&session, "/import/template/agreements.csv").await;
    assert_eq!(status, 200);
    assert_eq!(body, format!("\u{feff}OFFICIAL\r\n{AGREEMENTS}\r\n"));
    let (status, body) = app.get_as(&session, "/import/template/commitments.csv").await;
    assert_eq!(status, 200);
    assert!(body.contains("\r\ntext,agreement_reference,"), "{body}");
    assert_eq!(app.get_as(&session, "/import/template/sharing.csv").await.0, 404);
}

fn accord(args: &[&str], data_dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("RUST_LOG", "off")
        .output()
        .expect("run accord")
}

#[tokio::test]
async fn accord_import_reports_a_bad_row_and_imports_a_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let pool = accord_server::startup::prepare_database(dir.path(), false).await.unwrap();
    pool.close().await;
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, agreements_file(&[("FCDO-TN-1", "Fine"), ("FCDO-TN-2", "")])).unwrap();
    let out = accord(&["import", bad.to_str().unwrap(), "--kind", "agreements"], dir.path());
    assert!(!out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("Row 4 (title): Enter a title"), "{printed}");
    let good = dir.path().join("good.csv");
    std::fs::write(&good, agreements_file(&[("FCDO-TN-1", "Fine")])).unwrap();
    let out = accord(&["import", good.to_str().unwrap(), "--kind", "agreements"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Imported 1 agreement");
    let pool = accord::storage::open(dir.path()).await.unwrap();
    let (agreements, audited): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM agreements),
                (SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND actor = 'system (accord import)')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((agreements, audited), (1, 1));
}
