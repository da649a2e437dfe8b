//! The review queue through the real router: a viewer's page holds what they may see
//! and nothing above, filters and groups narrow it, the header badge counts the user's
//! own reviews due, and the commitment form refuses a reviewer who is not one.

use super::{data_test, Session, TestApp, PASSWORD};
use accord::{dates, Level, QueueGroup, Role};
use time::{Date, Duration};

async fn signed_in(app: &TestApp, email: &str, role: Role, clearance: Level) -> Session {
    app.add_user(email, role, clearance).await;
    app.sign_in(email, PASSWORD).await
}

fn day(offset: i64) -> Date {
    dates::today().saturating_add(Duration::days(offset))
}

async fn agreement(app: &TestApp, reference: &str, level: &str, review: Date) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, classification, next_review_on, owner)
         VALUES (?1, 'Title of ' || ?1, 'treaty', 0, 'in_force', ?2, ?3, 'Someone') RETURNING id",
    )
    .bind(reference)
    .bind(level)
    .bind(review)
    .fetch_one(&app.pool)
    .await
    .expect("agreement");
    for partner in ["GB", "LY"] {
        sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)")
            .bind(id)
            .bind(partner)
            .execute(&app.pool)
            .await
            .expect("party");
    }
    id
}

async fn commitment(app: &TestApp, agreement: i64, text: &str, review: Date, owner: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, status, next_review_on, owner)
         VALUES (?1, 'LY', ?2, 'returns', 'in_progress', ?3, ?4) RETURNING id",
    )
    .bind(agreement)
    .bind(text)
    .bind(review)
    .bind(owner)
    .fetch_one(&app.pool)
    .await
    .expect("commitment")
}

#[tokio::test]
async fn a_viewer_sees_the_queue_of_what_they_may_see_and_nothing_above() {
    let app = TestApp::spawn(false).await;
    let open = agreement(&app, "RQH-OFFICIAL", "official", day(-1)).await;
    let secret = agreement(&app, "RQH-HIDDEN", "secret", day(-1)).await;
    let c = commitment(&app, open, "Patrol the coast together", day(2), "Test Viewer").await;
    commitment(&app, secret, "ZZHIDDENCOMMITMENT", day(-3), "Test Viewer").await;
    let viewer = signed_in(&app, "viewer@test.example", Role::Viewer, Level::Official).await;
    let reviewer = signed_in(&app, "reviewer@test.example", Role::Reviewer, Level::Secret).await;

    let (status, html) = app.get_as(&viewer, "/reviews").await;
    assert_eq!(status, 200);
    assert!(html.contains("RQH-OFFICIAL") && html.contains("Patrol the coast together"));
    assert!(
        !html.contains("RQH-HIDDEN") && !html.contains("ZZHIDDENCOMMITMENT"),
        "hidden records absent"
    );
    assert_eq!(data_test(&html, "group-overdue").map(|t| t.starts_with("Overdue (1)")), Some(true));
    // Due in two days: this week, or next week's when today is a Saturday or Sunday.
    let group = QueueGroup::of(day(2), dates::today());
    assert!(html.contains(&format!("{} (1)", group.label())));
    assert!(!html.contains("Record an assessment"), "a viewer cannot assess");
    // The badge counts the viewer's own (owner by display name) within clearance, by
    // group: a tag for the urgent ones, every group in words.
    let said = data_test(&html, "review-badge").expect("the badge");
    assert_eq!(said, format!("(yours: 1 {})", group.label().to_lowercase()));
    let this_week = data_test(&html, "review-badge-this_week");
    assert_eq!(this_week.as_deref(), (group == QueueGroup::ThisWeek).then_some("1"));
    assert_eq!(data_test(&html, "review-badge-overdue"), None, "the hidden one is not counted");

    let (_, html) = app.get_as(&reviewer, "/reviews").await;
    assert!(html.contains("RQH-HIDDEN") && html.contains("ZZHIDDENCOMMITMENT"));
    assert!(html.contains(&format!("/commitments/{c}/assessments/new")), "a reviewer may assess");
    assert!(html.contains("SECRET"), "the page carries the marking of what it shows");
    assert_eq!(data_test(&html, "review-badge"), None, "nothing of the reviewer's is due");
}

#[tokio::test]
async fn filters_and_a_group_narrow_the_queue() {
    let app = TestApp::spawn(false).await;
    let a = agreement(&app, "RQH-FILTER", "official", day(-1)).await;
    commitment(&app, a, "Share vessel sightings", day(10), "Maritime Desk").await;

    let (status, html) = app.get("/reviews?kind=agreement").await;
    assert_eq!(status, 200);
    assert!(html.contains("RQH-FILTER") && !html.contains("Share vessel sightings"));
    assert!(html.contains("Kind: Agreement"), "the filter shows as a tag");

    let (_, html) = app.get("/reviews?owner=maritime").await;
    assert!(html.contains("Share vessel sightings") && !html.contains("Title of RQH-FILTER"));

    let (_, html) = app.get("/reviews?group=next_30_days").await;
    assert!(html.contains("Share vessel sightings") && !html.contains("Title of RQH-FILTER"));
    assert!(!html.contains("data-test=\"group-overdue\""), "one group alone");

    let (_, html) = app.get("/reviews?partner=TN").await;
    assert!(!html.contains("Share vessel sightings") && !html.contains("Title of RQH-FILTER"));

    let (_, html) = app.get("/reviews?mine=true").await;
    assert!(!html.contains("Share vessel sightings"), "the administrator owns nothing here");
}

#[tokio::test]
async fn the_commitment_form_names_only_an_active_reviewer() {
    let app = TestApp::spawn(false).await;
    let a = agreement(&app, "RQH-FORM", "official", day(20)).await;
    let viewer = app.add_user("viewer@test.example", Role::Viewer, Level::Official).await;
    let reviewer = app.add_user("reviewer@test.example", Role::Reviewer, Level::Secret).await;

    let (status, form) = app.get(&format!("/agreements/{a}/commitments/new")).await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"reviewer_id\""), "the form offers a reviewer");
    assert!(
        form.contains(&format!("value=\"{reviewer}\""))
            && !form.contains(&format!("<option value=\"{viewer}\""))
    );

    let path = format!("/agreements/{a}/commitments/new");
    let post = |who: i64| {
        let who = who.to_string();
        let path = path.clone();
        let app = &app;
        async move {
            let fields = [
                ("committing_party", "LY"),
                ("text", "Name a reviewer"),
                ("category", "returns"),
                ("status", "not_started"),
                ("classification", "official"),
                ("reviewer_id", who.as_str()),
            ];
            app.post_form(&path, &fields).await
        }
    };
    let refused = post(viewer).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Select a reviewer from the list"));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM commitments")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(count, 0, "nothing written");

    let saved = post(reviewer).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM commitments").fetch_one(&app.pool).await.expect("id");
    let (_, page) = app.get(&format!("/commitments/{id}")).await;
    assert_eq!(data_test(&page, "commitment-reviewer").as_deref(), Some("Test Reviewer"));
}
