//! Request hardening over HTTP: the body limit, bad bytes in forms, searches and
//! filters, a panic and a timeout each get a plain answer with a message, never a 500
//! that names its cause.

use super::{client, data_test, post, with, TestApp};
use accord_server::hardening::{self, Limits};
use axum::routing::get;
use std::time::Duration;

/// What no answer shown to a user may contain: SQL, a file path, a panic or a
/// source location. The first such thing `body` holds, if any.
pub fn cause_named(body: &str) -> Option<&'static str> {
    if body.to_lowercase().contains("sqlite") {
        return Some("sqlite");
    }
    ["SELECT ", "/work/", "panicked", ".rs:", "RUST_BACKTRACE"]
        .into_iter()
        .find(|l| body.contains(l))
}

pub fn assert_names_no_cause(body: &str) {
    if let Some(leak) = cause_named(body) {
        panic!("contains {leak:?}: {}", excerpt(body));
    }
}

/// The message a refusal shows: for a form refused for what was in it (422, 409) the
/// error summary; otherwise the page's heading.
pub fn refusal_message(status: u16, body: &str) -> Option<String> {
    let summary = data_test(body, "error-summary").filter(|s| s.len() > "There is a problem".len());
    if matches!(status, 409 | 422) {
        return summary;
    }
    let heading = || {
        let at = body.find("<h1")?;
        data_test(&body[at..].replacen("<h1", "<h1 data-test=\"h1\"", 1), "h1")
    };
    // A plain page (the access guard's) is one message paragraph.
    summary.or_else(heading).or_else(|| data_test(body, "message")).filter(|t| !t.is_empty())
}

/// Enough of a page to see what it says in a failure message.
pub fn excerpt(body: &str) -> String {
    let main = body.find("<main").map_or(body, |at| &body[at..]);
    main.chars().take(1200).collect()
}

fn agreement_form(reference: &str) -> Vec<(&'static str, String)> {
    [
        ("reference", reference),
        ("title", "Hardening test agreement"),
        ("kind", "memorandum_of_understanding"),
        ("legally_binding", "no"),
        ("partners", "LY"),
        ("classification", "official"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(&app.pool)
        .await
        .expect("count")
}

fn encode(form: &[(&'static str, String)]) -> Vec<u8> {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client::form_encode(&pairs).into_bytes()
}

#[tokio::test]
async fn a_post_over_the_body_limit_is_413_with_a_page_saying_so_and_writes_nothing() {
    let app = TestApp::spawn(false).await;
    let big = "x".repeat(hardening::MAX_BODY_BYTES + 1);
    let body = encode(&with(agreement_form("HARD-413"), "summary", &big));
    let form_type = ("Content-Type", "application/x-www-form-urlencoded");

    // Refused from its Content-Length, before it is read.
    let declared = app.post_raw("/agreements/new", &[form_type], &body).await;
    // Sent in chunks with no length (token first): refused while it is read.
    let mut token = client::form_encode(&[("csrf_token", &app.session.csrf)]).into_bytes();
    token.push(b'&');
    let mut chunked = Vec::new();
    for chunk in [&token[..]].into_iter().chain(body.chunks(64 * 1024)) {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut headers = app.session.headers();
    headers.extend([form_type, ("Transfer-Encoding", "chunked")]);
    let streamed = client::send_raw(app.addr, "POST", "/agreements/new", &headers, &chunked).await;

    for response in [declared, streamed] {
        assert_eq!(response.status, 413, "{}", excerpt(&response.body));
        let message = refusal_message(413, &response.body).unwrap_or_default();
        assert!(message.contains("too large"), "{message}: {}", excerpt(&response.body));
        assert!(response.header("content-type").is_some_and(|v| v.starts_with("text/html")));
        assert_names_no_cause(&response.body);
    }
    assert_eq!(count(&app, "agreements").await, 0);
}

#[tokio::test]
async fn a_nul_byte_in_indexed_text_is_422_with_the_field_error_and_writes_nothing() {
    let app = TestApp::spawn(false).await;
    let added = post(&app, "/agreements/new", &agreement_form("HARD-NUL-1")).await;
    assert_eq!(added.status, 303, "{}", excerpt(&added.body));
    let agreement: i64 = sqlx::query_scalar("SELECT id FROM agreements")
        .fetch_one(&app.pool)
        .await
        .expect("the agreement");
    let commitment = vec![
        ("committing_party", "LY".to_owned()),
        ("text", "Readmit nationals".to_owned()),
        ("category", "returns".to_owned()),
        ("status", "not_started".to_owned()),
        ("classification", "official".to_owned()),
    ];
    let route = vec![
        ("name", "Hardening route".to_owned()),
        ("classification", "official".to_owned()),
        ("leg_1_partner", "LY".to_owned()),
        ("leg_1_role", "departure".to_owned()),
    ];
    let cases = [
        (
            "/agreements/new".to_owned(),
            with(agreement_form("HARD-NUL-2"), "title", "Returns\0 pact"),
            "Title must not contain control characters",
        ),
        (
            "/agreements/new".to_owned(),
            with(agreement_form("HARD-NUL-3"), "summary", "Line one\u{1b}[2J"),
            "Summary must not contain control characters",
        ),
        (
            format!("/agreements/{agreement}/commitments/new"),
            with(commitment, "text", "Readmit\0 nationals"),
            "Commitment must not contain control characters",
        ),
        (
            "/routes/new".to_owned(),
            with(route, "name", "Central\0 Med"),
            "Name must not contain control characters",
        ),
    ];
    let tables = ["agreements", "commitments", "routes", "route_legs", "audit_log"];
    for (path, form, message) in cases {
        let mut before = Vec::new();
        for table in tables {
            before.push(count(&app, table).await);
        }
        let refused = post(&app, &path, &form).await;
        assert_eq!(refused.status, 422, "{path}: {}", excerpt(&refused.body));
        let summary = data_test(&refused.body, "error-summary").expect("an error summary");
        assert!(summary.contains(message), "{path}: {summary}");
        assert_names_no_cause(&refused.body);
        for (table, before) in tables.iter().zip(before) {
            assert_eq!(count(&app, table).await, before, "{path} wrote to {table}");
        }
    }
    // Tabs and line breaks are text, and the same form saves once the NUL is gone.
    let fixed = with(agreement_form("HARD-NUL-4"), "summary", "Line one\r\n\tLine two");
    let saved = post(&app, "/agreements/new", &fixed).await;
    assert_eq!(saved.status, 303, "{}", excerpt(&saved.body));
}

#[tokio::test]
async fn nul_bytes_and_overlong_filters_in_queries_are_answered_not_errors() {
    let app = TestApp::spawn(true).await;
    let long = "x".repeat(60_000); // longer than SQLite's LIKE pattern limit (50,000 bytes)
    let paths = [
        "/search?q=a%00b".to_owned(),
        "/search?q=%00".to_owned(),
        "/search?q=%FF%FE".to_owned(),
        format!("/agreements?owner={long}"),
        format!("/commitments?owner={long}"),
        "/agreements?owner=%25%25_%00&page=99999999999999999999".to_owned(),
        "/commitments?page=9223372036854775807&due_before=9999-99-99".to_owned(),
        "/sharing?partner=%00%FF&page=-1".to_owned(),
        format!("/sharing?partner={long}"),
        format!("/partners?name={long}"),
    ];
    for path in paths {
        let (status, body) = app.get(&path).await;
        assert_eq!(status, 200, "{}: {}", &path[..path.len().min(80)], excerpt(&body));
        assert_names_no_cause(&body);
    }
}

#[tokio::test]
async fn a_body_that_is_not_a_form_is_4xx_with_a_page_not_500() {
    let app = TestApp::spawn(false).await;
    let cases: [(&str, &[u8]); 3] = [
        ("text/plain", b"title=Plain"),
        ("application/json", b"{\"title\": \"json\"}"),
        ("application/x-www-form-urlencoded", b"title=%FF%FE\xff\xfe&reference=%"),
    ];
    for (content_type, body) in cases {
        let response =
            app.post_raw("/agreements/new", &[("Content-Type", content_type)], body).await;
        assert!((400..500).contains(&response.status), "{content_type}: {}", response.status);
        assert!(response.header("content-type").is_some_and(|v| v.starts_with("text/html")));
        assert!(
            refusal_message(response.status, &response.body).is_some(),
            "{content_type}: no message in {}",
            excerpt(&response.body)
        );
        assert_names_no_cause(&response.body);
    }
    assert_eq!(count(&app, "agreements").await, 0);
}

/// Serves `router` wrapped in the hardening layers on an ephemeral port.
async fn serve(router: axum::Router, limits: Limits) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = hardening::apply_with(router, limits);
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    addr
}

#[tokio::test]
async fn a_panic_is_a_plain_500_page_without_the_panic_message() {
    let router = axum::Router::new().route(
        "/boom",
        get(|| async {
            if std::hint::black_box(true) {
                panic!("SELECT secret FROM sqlite_master at /work/main/src/x.rs:1");
            }
            "unreachable"
        }),
    );
    let addr = serve(router, Limits::default()).await;
    let response = client::send(addr, "GET", "/boom", None).await;
    assert_eq!(response.status, 500);
    assert_eq!(
        data_test(&response.body, "error-heading").as_deref(),
        Some("Sorry, there is a problem with the service")
    );
    assert_names_no_cause(&response.body);
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_a_503_page() {
    let router = axum::Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        }),
    );
    let limits = Limits { timeout: Duration::from_millis(200), ..Limits::default() };
    let addr = serve(router, limits).await;
    let response = client::send(addr, "GET", "/slow", None).await;
    assert_eq!(response.status, 503);
    assert!(data_test(&response.body, "error-heading").is_some_and(|h| h.contains("too long")));
}

#[tokio::test]
async fn a_bare_error_answer_becomes_a_page_and_server_functions_keep_theirs() {
    let router = axum::Router::new()
        .route(
            "/bare",
            get(|| async { (axum::http::StatusCode::BAD_REQUEST, "Invalid URL: x.rs:1") }),
        )
        .route("/api/fn", get(|| async { (axum::http::StatusCode::BAD_REQUEST, "encoded error") }));
    let addr = serve(router, Limits::default()).await;
    let bare = client::send(addr, "GET", "/bare", None).await;
    assert_eq!(bare.status, 400);
    assert!(data_test(&bare.body, "error-message").is_some());
    assert_names_no_cause(&bare.body);
    let api = client::send(addr, "GET", "/api/fn", None).await;
    assert_eq!((api.status, api.body.as_str()), (400, "encoded error"));
}
