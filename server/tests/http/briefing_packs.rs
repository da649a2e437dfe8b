//! Briefing packs (issue 12): the DOCX download unzipped (marking in every header and
//! footer, the expected agreements in the body, nothing above the reader's clearance),
//! the print view, the audit entry of each download, and 404 for what the reader may
//! not see.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::{data_test, Session, TestApp, PASSWORD};
use accord::{Level, Role};
use std::io::Read;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const OFFICIAL_REF: &str = "BRF-OFFICIAL-1";
const SECRET_REF: &str = "BRF-SECRET-1";
const SECRET_ROUTE: &str = "brf-secret-route";
const ROUTE: &str = "brf-route";

/// An OFFICIAL and a SECRET agreement with Libya (dated, so the timeline has rows),
/// a commitment under each, an OFFICIAL route through Libya and a SECRET one.
async fn seed(app: &TestApp) {
    for (reference, level) in [(OFFICIAL_REF, "official"), (SECRET_REF, "secret")] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO agreements (reference, title, kind, legally_binding, status, signed_on,
                 in_force_on, expires_on, classification)
             VALUES (?1, 'Returns cooperation', 'treaty', 1, 'in_force', '2020-03-01',
                     '2020-06-01', '2028-06-01', ?2) RETURNING id",
        )
        .bind(reference)
        .bind(level)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, 'GB'), (?1, 'LY')",
        )
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO commitments (agreement_id, committing_party, text, category, owner, due_on,
                 status, rag, classification)
             VALUES (?1, 'LY', 'Commitment under ' || ?2, 'returns', 'Returns team', '2027-01-01',
                     'in_progress', 'amber', 'official')",
        )
        .bind(id)
        .bind(reference)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    for (slug, level) in [(ROUTE, "official"), (SECRET_ROUTE, "secret")] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO routes (slug, name, classification) VALUES (?1, ?1, ?2) RETURNING id",
        )
        .bind(slug)
        .bind(level)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO route_legs (route_id, position, partner, role)
             VALUES (?1, 1, 'LY', 'departure'), (?1, 2, 'GB', 'destination')",
        )
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    }
}

async fn viewer(app: &TestApp) -> Session {
    app.add_user("viewer@briefing.example", Role::Viewer, Level::Official).await;
    app.sign_in("viewer@briefing.example", PASSWORD).await
}

/// A GET whose body is kept as bytes (a DOCX is not text): status, headers, body.
async fn get_bytes(
    app: &TestApp,
    session: &Session,
    path: &str,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
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
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    assert!(
        !headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")),
        "a rendered file is answered whole, with its length"
    );
    (status, headers, raw[split + 4..].to_vec())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
}

/// Every `word/header*.xml`, `word/footer*.xml` and `word/document.xml` of a DOCX.
struct Docx {
    headers: Vec<String>,
    footers: Vec<String>,
    document: String,
}

fn unzip(bytes: &[u8]) -> Docx {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut docx = Docx { headers: vec![], footers: vec![], document: String::new() };
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut text = String::new();
        if !name.ends_with(".xml") {
            continue;
        }
        file.read_to_string(&mut text).unwrap();
        if name.starts_with("word/header") {
            docx.headers.push(text);
        } else if name.starts_with("word/footer") {
            docx.footers.push(text);
        } else if name == "word/document.xml" {
            docx.document = text;
        }
    }
    assert!(!docx.headers.is_empty() && !docx.footers.is_empty(), "a header and a footer");
    docx
}

#[tokio::test]
async fn an_official_viewer_downloads_a_docx_without_the_secret_agreement() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let session = viewer(&app).await;
    let (status, headers, body) = get_bytes(&app, &session, "/partners/LY/briefing.docx").await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let disposition = header(&headers, "content-disposition");
    assert!(disposition.starts_with("attachment; filename=\"briefing-ly-"), "{disposition}");
    assert!(disposition.ends_with(".docx\""), "{disposition}");
    let docx = unzip(&body);
    for part in docx.headers.iter().chain(&docx.footers) {
        assert!(part.contains(">OFFICIAL<"), "marking in every header and footer: {part}");
        assert!(!part.contains("SECRET"));
    }
    assert!(docx.footers.iter().any(|f| f.contains("PAGE")), "page numbers in the footer");
    assert!(docx.document.contains(OFFICIAL_REF));
    assert!(docx.document.contains("Commitment under BRF-OFFICIAL-1"));
    assert!(!docx.document.contains(SECRET_REF), "a SECRET agreement's reference leaked");
    assert!(docx.document.contains("Heading1"), "heading styles");

    // The download is audited: who, what, which format, which marking.
    let (actor, entity_id, details): (String, String, String) = sqlx::query_as(
        "SELECT actor, entity_id, after_json FROM audit_log
          WHERE action = 'export' AND entity = 'partner' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(actor.contains("viewer@briefing.example"), "{actor}");
    assert_eq!(entity_id, "LY");
    let details: serde_json::Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["format"], "docx");
    assert_eq!(details["marking"], "OFFICIAL");
}

#[tokio::test]
async fn a_secret_reader_gets_the_secret_agreement_and_a_secret_marking() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let (status, _, body) = get_bytes(&app, &app.session, "/partners/LY/briefing.docx").await;
    assert_eq!(status, 200);
    let docx = unzip(&body);
    assert!(docx.document.contains(SECRET_REF) && docx.document.contains(OFFICIAL_REF));
    for part in docx.headers.iter().chain(&docx.footers) {
        assert!(part.contains(">SECRET<"), "{part}");
    }
    let (status, _, body) =
        get_bytes(&app, &app.session, &format!("/routes/{SECRET_ROUTE}/briefing.docx")).await;
    assert_eq!(status, 200, "the administrator may see the SECRET route");
    assert!(unzip(&body).document.contains("Route legs"));
}

#[tokio::test]
async fn what_the_reader_may_not_see_answers_404() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let session = viewer(&app).await;
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'export'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for path in [
        format!("/routes/{SECRET_ROUTE}/briefing.docx"),
        "/routes/no-such-route/briefing.docx".to_owned(),
        "/partners/XX/briefing.docx".to_owned(),
        format!("/routes/{SECRET_ROUTE}/briefing"),
        "/partners/XX/briefing".to_owned(),
    ] {
        let (status, body) = app.get_as(&session, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains(SECRET_ROUTE) || path.contains(SECRET_ROUTE), "{path}");
    }
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'export'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(before, after, "nothing was exported, so nothing is audited");
}

#[tokio::test]
async fn the_print_view_shows_the_pack_within_clearance_marked_top_and_bottom() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let session = viewer(&app).await;
    let (status, html) = app.get_as(&session, "/partners/LY/briefing").await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "classification-top").unwrap().trim(), "OFFICIAL");
    assert_eq!(data_test(&html, "classification-bottom").unwrap().trim(), "OFFICIAL");
    let table = data_test(&html, "briefing-agreements-table").unwrap();
    assert!(table.contains(OFFICIAL_REF));
    assert!(!html.contains(SECRET_REF));
    assert!(html.contains("data-test=\"briefing-timeline\""), "the timeline picture");
    assert!(html.contains("href=\"/partners/LY/briefing.docx\""), "the download link");

    let (status, html) = app.get_as(&session, &format!("/routes/{ROUTE}/briefing")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the route diagram");
    let legs = data_test(&html, "briefing-legs-table").unwrap();
    assert!(legs.contains("Libya (LY)") && legs.contains("United Kingdom"), "{legs}");

    let printed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'export' AND after_json LIKE '%\"print\"%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(printed, 2, "each print view is audited as an export");
}

/// The text of a PDF, by Debian's `pdftotext` (poppler-utils, installed by scripts/setup).
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn an_official_viewer_downloads_a_pdf_without_the_secret_agreement() {
    let app = TestApp::spawn(false).await;
    seed(&app).await;
    let session = viewer(&app).await;
    let (status, headers, body) = get_bytes(&app, &session, "/partners/LY/briefing.pdf").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "application/pdf");
    assert!(header(&headers, "content-disposition").ends_with(".pdf\""));
    assert!(body.starts_with(b"%PDF"));
    let text = pdf_text(&body);
    assert!(text.contains(OFFICIAL_REF), "{text}");
    assert!(!text.contains(SECRET_REF));
    assert!(text.contains("OFFICIAL") && !text.contains("SECRET"));
    let format: String = sqlx::query_scalar(
        "SELECT json_extract(after_json, '$.format') FROM audit_log
          WHERE action = 'export' AND entity = 'partner' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(format, "pdf");
    let (status, _, _) =
        get_bytes(&app, &session, &format!("/routes/{SECRET_ROUTE}/briefing.pdf")).await;
    assert_eq!(status, 404);
}
