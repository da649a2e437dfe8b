//! Recording assessments and marking records reviewed, through the real router: who
//! may, refused forms, the banner and the timeline, back-dated assessments, hidden
//! commitments.

use crate::{data_test, Session, TestApp, PASSWORD};
use accord::{Level, Role};

/// An OFFICIAL commitment (no caveat) under an OFFICIAL agreement: (id, version).
async fn official_commitment(app: &TestApp) -> (i64, i64) {
    sqlx::query_as(
        "SELECT c.id, c.version FROM commitments c JOIN agreements a ON a.id = c.agreement_id
          WHERE c.classification = 'official' AND a.classification = 'official'
            AND c.caveat IS NULL AND c.releasability IS NULL
          ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the demo has an OFFICIAL commitment")
}

async fn assessments(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM assessments WHERE commitment_id = ?1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("count")
}

async fn user(app: &TestApp, email: &str, role: Role, clearance: Level) -> Session {
    app.add_user(email, role, clearance).await;
    app.sign_in(email, PASSWORD).await
}

/// A complete assessment form for an OFFICIAL commitment read at `version`.
fn form(version: i64, assessed_on: &str) -> Vec<(&'static str, String)> {
    vec![
        ("version", version.to_string()),
        ("assessed_on", assessed_on.to_owned()),
        ("status", "met".into()),
        ("rag", "green".into()),
        ("progress_note", "Readmissions resumed in full".into()),
        ("evidence", "Minutes https://example.org/minutes".into()),
        ("next_review_on-day", "1".into()),
        ("next_review_on-month", "1".into()),
        ("next_review_on-year", "2099".into()),
        ("classification", "official".into()),
        ("caveat", String::new()),
        ("releasability", String::new()),
    ]
}

fn pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn timeline_len(page: &str) -> usize {
    page.matches("data-test=\"assessment\"").count()
}

#[tokio::test]
async fn viewers_and_editors_cannot_record_an_assessment_and_nothing_is_written() {
    let app = TestApp::spawn(true).await;
    let (id, version) = official_commitment(&app).await;
    let before = assessments(&app, id).await;
    let path = format!("/commitments/{id}/assessments/new");
    let today = accord::dates::iso(accord::dates::today());
    for (email, role) in
        [("viewer@test.example", Role::Viewer), ("editor@test.example", Role::Editor)]
    {
        let session = user(&app, email, role, Level::Secret).await;
        let (status, _) = app.get_as(&session, &path).await;
        assert_eq!(status, 403, "{email} GET");
        let posted = app.post_as(&session, &path, &pairs(&form(version, &today))).await;
        assert_eq!(posted.status, 403, "{email} POST");
        let (_, page) = app.get_as(&session, &format!("/commitments/{id}")).await;
        assert!(!page.contains(&path), "{email} is not offered the form");
    }
    assert_eq!(assessments(&app, id).await, before, "nothing was written");
}

#[tokio::test]
async fn a_refused_assessment_is_shown_again_with_its_errors_and_nothing_is_written() {
    let app = TestApp::spawn(true).await;
    let (id, version) = official_commitment(&app).await;
    let before = assessments(&app, id).await;
    let reviewer = user(&app, "reviewer@test.example", Role::Reviewer, Level::Secret).await;
    let today = accord::dates::iso(accord::dates::today());
    let mut refused = form(version, &today);
    refused.retain(|(k, _)| *k != "rag");
    let path = format!("/commitments/{id}/assessments/new");
    let answer = app.post_as(&reviewer, &path, &pairs(&refused)).await;
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("<title>Error: "), "titled Error:");
    let summary = data_test(&answer.body, "error-summary").expect("an error summary");
    assert!(summary.contains("Select red, amber or green"), "{summary}");
    assert!(answer.body.contains("Readmissions resumed in full"), "the note is kept");
    assert_eq!(assessments(&app, id).await, before, "nothing was written");
}

#[tokio::test]
async fn a_recorded_assessment_redirects_with_a_banner_and_grows_the_timeline() {
    let app = TestApp::spawn(true).await;
    let (id, version) = official_commitment(&app).await;
    let reviewer = user(&app, "reviewer@test.example", Role::Reviewer, Level::Secret).await;
    let page_path = format!("/commitments/{id}");
    let (status, page) = app.get_as(&reviewer, &page_path).await;
    assert_eq!(status, 200);
    let shown = timeline_len(&page);
    let path = format!("/commitments/{id}/assessments/new");
    let (status, blank) = app.get_as(&reviewer, &path).await;
    assert_eq!(status, 200, "the reviewer may open the form");
    assert!(blank.contains("name=\"assessed_on-day\""), "a GOV.UK date input");

    let today = accord::dates::iso(accord::dates::today());
    let saved = app.post_as(&reviewer, &path, &pairs(&form(version, &today))).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.header("location"), Some(page_path.as_str()));
    let (_, page) = app.get_as(&reviewer, &page_path).await;
    let banner = data_test(&page, "success-banner").expect("a success banner");
    assert!(banner.contains("Assessment recorded"), "{banner}");
    assert_eq!(timeline_len(&page), shown + 1, "the timeline grew");
    assert_eq!(data_test(&page, "commitment-status").as_deref(), Some("Met"));
    assert!(page.contains("href=\"https://example.org/minutes\""), "evidence links");

    // Back-dated: history, not the current state; a stale version is a conflict.
    let mut old = form(version + 1, "2020-01-01");
    old.retain(|(k, _)| *k != "status");
    old.push(("status", "not_met".into()));
    let saved = app.post_as(&reviewer, &path, &pairs(&old)).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (_, page) = app.get_as(&reviewer, &page_path).await;
    assert_eq!(timeline_len(&page), shown + 2);
    assert_eq!(data_test(&page, "commitment-status").as_deref(), Some("Met"), "unchanged");
    let stale = app.post_as(&reviewer, &path, &pairs(&form(version, &today))).await;
    assert_eq!(stale.status, 409, "the form was read before the first save");
}

#[tokio::test]
async fn a_commitment_the_reviewer_may_not_see_is_not_found_and_nothing_is_written() {
    let app = TestApp::spawn(true).await;
    let hidden: (i64, i64) = sqlx::query_as(
        "SELECT c.id, c.version FROM commitments c JOIN agreements a ON a.id = c.agreement_id
          WHERE c.classification <> 'official' OR a.classification <> 'official' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the demo has a commitment above OFFICIAL");
    let before = assessments(&app, hidden.0).await;
    let official = user(&app, "low@test.example", Role::Reviewer, Level::Official).await;
    let today = accord::dates::iso(accord::dates::today());
    for id in [hidden.0, 999_999] {
        let path = format!("/commitments/{id}/assessments/new");
        let (status, _) = app.get_as(&official, &path).await;
        assert_eq!(status, 404, "GET {path}");
        let posted = app.post_as(&official, &path, &pairs(&form(hidden.1, &today))).await;
        assert_eq!(posted.status, 404, "POST {path}");
    }
    assert_eq!(assessments(&app, hidden.0).await, before, "nothing was written");
}

#[tokio::test]
async fn agreements_and_arrangements_are_marked_reviewed_with_a_banner_and_history() {
    let app = TestApp::spawn(true).await;
    let reviewer = user(&app, "reviewer@test.example", Role::Reviewer, Level::Secret).await;
    let official = user(&app, "official@test.example", Role::Viewer, Level::Official).await;
    let today = accord::dates::iso(accord::dates::today());
    for (table, base, noun) in [
        ("agreements", "/agreements", "Agreement"),
        ("sharing_arrangements", "/sharing", "Sharing arrangement"),
    ] {
        let sql = match table {
            "agreements" => "SELECT id, version, reference FROM agreements WHERE classification = 'official' AND caveat IS NULL AND releasability IS NULL ORDER BY id LIMIT 1",
            _ => "SELECT id, version, reference FROM sharing_arrangements WHERE classification = 'official' AND caveat IS NULL AND releasability IS NULL ORDER BY id LIMIT 1",
        };
        let (id, version, reference): (i64, i64, String) =
            sqlx::query_as(sql).fetch_one(&app.pool).await.expect("an OFFICIAL record");
        let path = format!("{base}/{id}/reviews/new");
        let form = [
            ("version", version.to_string()),
            ("reviewed_on", today.clone()),
            ("note", format!("Reviewed {noun} with partners")),
            ("next_review_on", "2099-06-30".to_owned()),
            ("classification", "official".to_owned()),
        ];
        let refused = app.post_as(&reviewer, &path, &pairs(&form[..4])).await;
        assert_eq!(refused.status, 422, "no classification: {path}");
        let saved = app.post_as(&reviewer, &path, &pairs(&form)).await;
        assert_eq!(saved.status, 303, "{path}: {}", saved.body);
        let (_, page) = app.get_as(&reviewer, &format!("{base}/{id}")).await;
        let banner = data_test(&page, "success-banner").expect("a banner");
        assert!(banner.contains(&format!("{noun} {reference} marked as reviewed")), "{banner}");
        let history = data_test(&page, "record-reviews").expect("the review history");
        assert!(history.contains(&format!("Reviewed {noun} with partners")), "{history}");
        let next: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT next_review_on FROM {table} WHERE id = ?1"
        )))
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("next review");
        assert_eq!(next.as_deref(), Some("2099-06-30"), "{table}");

        // A SECRET review of an OFFICIAL record: shown and marking the page for SECRET
        // readers, absent for OFFICIAL ones.
        let secret_note = format!("ZZSECRETREVIEW of {noun}");
        let mut secret = form.clone();
        secret[0].1 = (version + 1).to_string();
        secret[2].1 = secret_note.clone();
        secret[4].1 = "secret".to_owned();
        let saved = app.post_as(&reviewer, &path, &pairs(&secret)).await;
        assert_eq!(saved.status, 303, "{path}: {}", saved.body);
        let (_, page) = app.get_as(&reviewer, &format!("{base}/{id}")).await;
        assert!(page.contains(&secret_note), "a SECRET reader sees it");
        let top = data_test(&page, "classification-top").unwrap_or_default();
        assert!(top.starts_with("SECRET"), "the page is marked {top}");
        let (status, page) = app.get_as(&official, &format!("{base}/{id}")).await;
        assert_eq!(status, 200);
        assert!(!page.contains("ZZSECRETREVIEW"), "an OFFICIAL reader does not");
        let top = data_test(&page, "classification-top").unwrap_or_default();
        assert!(top.starts_with("OFFICIAL"), "the page is marked {top}");
    }
    let viewer = user(&app, "viewer@test.example", Role::Viewer, Level::Secret).await;
    let (status, _) = app.get_as(&viewer, "/agreements/1/reviews/new").await;
    assert_eq!(status, 403);
}
