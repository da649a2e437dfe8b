//! Briefing text on partner and route pages, and the form that edits one section.

use super::{data_test, Session, TestApp, PASSWORD};
use accord::{Level, Role};

/// Demo text of Libya's SECRET objectives (`src/storage/demo/briefing.rs`).
const LIBYA_SECRET_OBJECTIVES: &str = "paused coastguard programme";
/// Demo text of Libya's OFFICIAL top lines.
const LIBYA_TOP_LINES: &str = "safe, legal and humane migration management";

async fn user(app: &TestApp, email: &str, role: Role, level: Level) -> Session {
    app.add_user(email, role, level).await;
    app.sign_in(email, PASSWORD).await
}

async fn rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM briefing_texts")
        .fetch_one(&app.pool)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_viewer_is_refused_the_form_and_nothing_is_written() {
    let app = TestApp::spawn(true).await;
    let viewer = user(&app, "viewer@test.example", Role::Viewer, Level::Official).await;
    let before = rows(&app).await;
    for path in
        ["/partners/NE/briefing/top_lines/edit", "/routes/western-balkans/briefing/objectives/edit"]
    {
        let (status, _) = app.get_as(&viewer, path).await;
        assert_eq!(status, 403, "GET {path}");
        let form = [("body", "A viewer's text"), ("classification", "official"), ("version", "")];
        let posted = app.post_as(&viewer, path, &form).await;
        assert_eq!(posted.status, 403, "POST {path}");
    }
    assert_eq!(rows(&app).await, before);
    // Nor is a viewer offered the links.
    let (_, page) = app.get_as(&viewer, "/partners/LY").await;
    assert!(!page.contains("/briefing/"), "no briefing links for a viewer");
}

#[tokio::test]
async fn an_editor_adds_top_lines_and_sees_the_banner_and_the_text_on_the_partner_page() {
    let app = TestApp::spawn(true).await;
    let editor = user(&app, "editor@test.example", Role::Editor, Level::Secret).await;
    let (_, page) = app.get_as(&editor, "/partners/NE").await;
    assert!(data_test(&page, "briefing").is_some_and(|b| b.contains("Add top lines")), "{page}");
    let path = "/partners/NE/briefing/top_lines/edit";
    let (status, form) = app.get_as(&editor, path).await;
    assert_eq!(status, 200);
    assert!(form.contains("Add top lines") && form.contains("name=\"body\""), "{form}");

    // An empty body is refused, and nothing written.
    let before = rows(&app).await;
    let empty = [("body", "  "), ("classification", "official"), ("version", "")];
    let refused = app.post_as(&editor, path, &empty).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Enter the text"), "{}", refused.body);
    assert_eq!(rows(&app).await, before);

    let body = "Niger is a partner on <b>returns</b>.\r\n\r\nSecond paragraph.";
    let fields =
        [("body", body), ("classification", "official"), ("caveat", "SENSITIVE"), ("version", "")];
    let saved = app.post_as(&editor, path, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.header("location"), Some("/partners/NE"));
    let (_, page) = app.get_as(&editor, "/partners/NE").await;
    assert_eq!(
        data_test(&page, "success-message").as_deref().map(str::trim),
        Some("Top lines for Niger saved")
    );
    let section = data_test(&page, "briefing-section").expect("the section is shown");
    assert!(section.contains("Top lines") && section.contains("OFFICIAL-SENSITIVE"), "{section}");
    // Typed markup is text, and a blank line starts a paragraph.
    assert!(page.contains("Niger is a partner on &lt;b&gt;returns&lt;/b&gt;.</p>"), "{page}");
    assert!(page.contains("<p class=\"govuk-body\">Second paragraph.</p>"), "{page}");
    assert!(!page.contains("<b>returns</b>"));
    // The page is marked by the section.
    let top = data_test(&page, "classification-top").expect("banner");
    assert!(top.contains("OFFICIAL-SENSITIVE"), "{top}");
}

#[tokio::test]
async fn an_official_viewer_sees_the_official_sections_and_no_secret_one() {
    let app = TestApp::spawn(true).await;
    let viewer = user(&app, "viewer@test.example", Role::Viewer, Level::Official).await;
    let (status, page) = app.get_as(&viewer, "/partners/LY").await;
    assert_eq!(status, 200);
    assert!(page.contains(LIBYA_TOP_LINES), "the OFFICIAL top lines show");
    assert!(!page.contains(LIBYA_SECRET_OBJECTIVES), "no SECRET objectives for OFFICIAL");
    assert!(!page.contains("Add objectives"), "a viewer is not offered to add");
    // The administrator (TOP SECRET) sees them, and the page is marked SECRET.
    let (_, page) = app.get("/partners/LY").await;
    assert!(page.contains(LIBYA_SECRET_OBJECTIVES));
    let top = data_test(&page, "classification-top").expect("banner");
    assert!(top.trim().starts_with("SECRET"), "{top}");
}

#[tokio::test]
async fn a_stale_version_shows_the_conflict_panel_and_keeps_the_other_save() {
    let app = TestApp::spawn(true).await;
    let path = "/routes/central-mediterranean/briefing/top_lines/edit";
    let (version, marking): (i64, String) = sqlx::query_as(
        "SELECT b.version, b.classification FROM briefing_texts b JOIN routes r ON r.id = b.route_id
          WHERE r.slug = 'central-mediterranean' AND b.section = 'top_lines'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("demo top lines");
    let version = version.to_string();
    let first =
        [("body", "First save"), ("classification", marking.as_str()), ("version", &version)];
    let saved = app.post_form(path, &first).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.header("location"), Some("/routes/central-mediterranean"));
    let second =
        [("body", "Second save"), ("classification", marking.as_str()), ("version", &version)];
    let conflict = app.post_form(path, &second).await;
    assert_eq!(conflict.status, 409);
    assert!(data_test(&conflict.body, "conflict").is_some(), "{}", conflict.body);
    let (_, page) = app.get("/routes/central-mediterranean").await;
    assert!(page.contains("First save") && !page.contains("Second save"));
}

#[tokio::test]
async fn a_marking_cannot_be_lowered_nor_a_hidden_route_edited() {
    let app = TestApp::spawn(true).await;
    // Libya's lines to take are OFFICIAL-SENSITIVE in the demo data.
    let version: i64 = sqlx::query_scalar(
        "SELECT version FROM briefing_texts WHERE partner = 'LY' AND section = 'lines_to_take'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("demo lines");
    let version = version.to_string();
    let lower =
        [("body", "Lowered"), ("classification", "official"), ("version", version.as_str())];
    let refused = app.post_form("/partners/LY/briefing/lines_to_take/edit", &lower).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("A marking cannot be lowered"), "{}", refused.body);

    sqlx::query("INSERT INTO routes (slug, name, classification) VALUES ('hidden-way', 'Hidden way', 'secret')")
        .execute(&app.pool)
        .await
        .expect("secret route");
    let editor = user(&app, "editor@test.example", Role::Editor, Level::Official).await;
    let path = "/routes/hidden-way/briefing/objectives/edit";
    let (status, _) = app.get_as(&editor, path).await;
    assert_eq!(status, 404);
    let add = [("body", "Probe"), ("classification", "official"), ("version", "")];
    assert_eq!(app.post_as(&editor, path, &add).await.status, 404);
    let (status, _) = app.get_as(&editor, "/partners/LY/briefing/nonsense/edit").await;
    assert_eq!(status, 404);
}
