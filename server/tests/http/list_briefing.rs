//! Briefing packs of filtered lists (`/agreements/briefing?…`, `/commitments/briefing…`)
//! and the review queue's exports (`/reviews.csv`, `/reviews.json`), issue 12: the
//! list's filter selects exactly what the pack holds, within the reader's clearance,
//! marked on every page, audited.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::{data_test, Session, TestApp, PASSWORD};
use accord::review_queue::Mine;
use accord::{dates, Level, Role};
use std::io::Read;
use time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// In force with Libya: OFFICIAL and SECRET; proposed with Libya; in force with Tunisia.
const LY_IN_FORCE: &str = "LBR-LY-FORCE";
const LY_SECRET: &str = "LBR-LY-SECRET";
const LY_PROPOSED: &str = "LBR-LY-PROPOSED";
const TN_IN_FORCE: &str = "LBR-TN-FORCE";
const RED: &str = "Red commitment under";
const AMBER: &str = "Amber commitment under";

/// The four agreements, each with a red and an amber OFFICIAL commitment and a review
/// due in ten days; under the SECRET agreement, the commitments are hidden with it.
async fn seed(app: &TestApp) {
    let review = dates::today().saturating_add(Duration::days(10));
    for (reference, partner, status, level) in [
        (LY_IN_FORCE, "LY", "in_force", "official"),
        (LY_SECRET, "LY", "in_force", "secret"),
        (LY_PROPOSED, "LY", "proposed", "official"),
        (TN_IN_FORCE, "TN", "in_force", "official"),
    ] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO agreements (reference, title, kind, legally_binding, status, signed_on,
                 in_force_on, expires_on, next_review_on, classification, owner)
             VALUES (?1, 'Title of ' || ?1, 'treaty', 1, ?2, '2020-03-01', '2020-06-01',
                     '2029-06-01', ?3, ?4, 'Someone') RETURNING id",
        )
        .bind(reference)
        .bind(status)
        .bind(review)
        .bind(level)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, 'GB'), (?1, ?2)",
        )
        .bind(id)
        .bind(partner)
        .execute(&app.pool)
        .await
        .unwrap();
        for (rag, text) in [("red", RED), ("amber", AMBER)] {
            sqlx::query(
                "INSERT INTO commitments (agreement_id, committing_party, text, category, owner,
                     due_on, status, rag, classification, next_review_on)
                 VALUES (?1, ?2, ?3 || ' ' || ?4, 'returns', '=HYPERLINK(\"x\")', '2030-01-01',
                         'in_progress', ?5, 'official', ?6)",
            )
            .bind(id)
            .bind(partner)
            .bind(text)
            .bind(reference)
            .bind(rag)
            .bind(review)
            .execute(&app.pool)
            .await
            .unwrap();
        }
    }
}

async fn viewer(app: &TestApp) -> (i64, Session) {
    let id = app.add_user("viewer@lists.example", Role::Viewer, Level::Official).await;
    (id, app.sign_in("viewer@lists.example", PASSWORD).await)
}

/// A GET answered as bytes: status, content type, body.
async fn get_bytes(app: &TestApp, session: &Session, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", app.addr);
    for (name, value) in session.headers() {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let content_type = head
        .split("\r\n")
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    (status, content_type, raw[split + 4..].to_vec())
}

/// A DOCX's headers and footers (all of them) and its body.
fn unzip(bytes: &[u8]) -> (Vec<String>, String) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let (mut margins, mut document) = (Vec::new(), String::new());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut text = String::new();
        if name.starts_with("word/header") || name.starts_with("word/footer") {
            file.read_to_string(&mut text).unwrap();
            margins.push(text);
        } else if name == "word/document.xml" {
            file.read_to_string(&mut text).unwrap();
            document = text;
        }
    }
    assert!(margins.len() >= 2, "a header and a footer");
    (margins, document)
}

#[tokio::test]
async fn a_filtered_agreements_docx_holds_what_the_filter_selects_within_clearance() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let (_, session) = viewer(&app).await;
    let path = "/agreements/briefing.docx?partner=LY&status=in_force&page=2";
    let (status, content_type, body) = get_bytes(&app, &session, path).await;
    assert_eq!(status, 200);
    assert!(content_type.contains("wordprocessingml"), "{content_type}");
    let (margins, document) = unzip(&body);
    for part in &margins {
        assert!(part.contains(">OFFICIAL<") && !part.contains("SECRET"), "{part}");
    }
    assert!(document.contains(LY_IN_FORCE), "the filtered agreement, whatever the page");
    assert!(document.contains(&format!("{RED} {LY_IN_FORCE}")), "its commitments");
    for other in [LY_SECRET, LY_PROPOSED, TN_IN_FORCE] {
        assert!(!document.contains(other), "{other} is not selected or not visible");
    }
    assert!(document.contains("Briefing: agreements (Partner: Libya; Status: In force)"));

    // An administrator's pack of the same list holds the SECRET agreement, so says so.
    let (_, _, body) = get_bytes(&app, &app.session, path).await;
    let (margins, document) = unzip(&body);
    assert!(document.contains(LY_SECRET) && !document.contains(TN_IN_FORCE));
    assert!(margins.iter().all(|p| p.contains(">SECRET<")));

    // Audited as an export of the list: its filter (without the page), format, marking.
    let details: String = sqlx::query_scalar(
        "SELECT after_json FROM audit_log WHERE action = 'export' AND entity = 'agreements'
          AND actor LIKE '%viewer@lists.example%' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let details: serde_json::Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["list"], "/agreements");
    assert_eq!(details["format"], "docx");
    assert_eq!(details["filter"], "partner=LY&status=in_force");
    assert_eq!(details["marking"], "OFFICIAL");
}

/// The text of a PDF page by page, by `pdftotext` (poppler-utils).
fn pdf_pages(bytes: &[u8]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|page| {
            page.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
        })
        .filter(|lines: &Vec<String>| !lines.is_empty())
        .collect()
}

#[tokio::test]
async fn a_filtered_commitments_pdf_is_marked_on_every_page_and_holds_the_filtered_ones() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let (_, session) = viewer(&app).await;
    let (status, content_type, body) =
        get_bytes(&app, &session, "/commitments/briefing.pdf?rag=red").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/pdf");
    let pages = pdf_pages(&body);
    assert!(!pages.is_empty());
    for (n, lines) in pages.iter().enumerate() {
        assert_eq!(lines.first().map(String::as_str), Some("OFFICIAL"), "page {n} top");
        assert_eq!(lines.last().map(String::as_str), Some("OFFICIAL"), "page {n} bottom");
    }
    let text = pages.concat().join("\n");
    for reference in [LY_IN_FORCE, LY_PROPOSED, TN_IN_FORCE] {
        assert!(text.contains(reference), "{reference}: its red commitment's agreement");
    }
    assert!(text.contains("Red commitment"), "{text}");
    assert!(!text.contains("Amber commitment"), "only red commitments are selected");
    assert!(!text.contains(LY_SECRET) && !text.contains("SECRET"));
}

#[tokio::test]
async fn the_print_view_of_a_list_is_marked_top_and_bottom_and_links_its_files() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let (_, session) = viewer(&app).await;
    let (status, html) = app.get_as(&session, "/agreements/briefing?partner=LY").await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "classification-top").unwrap().trim(), "OFFICIAL");
    assert_eq!(data_test(&html, "classification-bottom").unwrap().trim(), "OFFICIAL");
    let table = data_test(&html, "briefing-agreements-table").unwrap();
    assert!(table.contains(LY_IN_FORCE) && table.contains(LY_PROPOSED));
    assert!(!html.contains(TN_IN_FORCE) && !html.contains(LY_SECRET));
    assert!(html.contains("href=\"/agreements/briefing.pdf?partner=LY\""), "its PDF");

    // The list page offers the pack of its own filter, without the page number.
    let (status, html) = app.get_as(&session, "/commitments?rag=red&page=2").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/commitments/briefing.docx?rag=red\""), "the DOCX link");
    assert!(html.contains("href=\"/commitments/briefing?rag=red\""), "the print view link");
    // An agreement is still an agreement: `/agreements/briefing` is no id.
    let (status, _) = app.get_as(&session, "/agreements/briefing").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_review_queue_csv_is_marked_neutralised_and_holds_the_visible_queue() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let (id, session) = viewer(&app).await;
    let (status, csv) = app.get_as(&session, "/reviews.csv").await;
    assert_eq!(status, 200);
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "OFFICIAL", "the marking row");
    assert_eq!(lines[1], "group,kind,id,reference,title,partner,owner,next_review_on,marking");
    assert!(!csv.contains(LY_SECRET) && !csv.contains("SECRET"));
    assert!(csv.contains("'=HYPERLINK"), "a formula is neutralised");
    assert!(!csv.contains(",=HYPERLINK"));

    let me = Mine { user_id: id, display_name: String::new(), email: String::new() };
    let query = accord::ReviewQueueQuery::default();
    let counts = accord::storage::review_queue::counts(
        &app.pool,
        &query,
        &me,
        accord::Clearance(Level::Official),
        dates::today(),
    )
    .await
    .unwrap();
    let queued: i64 = counts.iter().map(|(_, n)| n).sum();
    assert_eq!(queued, 9, "three agreements and six commitments are visible");
    assert_eq!(lines.len() as i64 - 2, queued, "a row per queued record");

    let (status, json) = app.get_as(&session, "/reviews.json?kind=agreement").await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["marking"], "OFFICIAL");
    assert_eq!(json["filter"]["kind"], "agreement");
    assert_eq!(json["items"].as_array().unwrap().len(), 3);
    assert_eq!(json["items"][0]["group"], "next_30_days");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'reviews'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2, "each export is audited");
}
