//! Sharing arrangements over HTTP, as a browser without JavaScript uses them: forms
//! post to their own page, then 303 to the record, 422 with the errors and the typed
//! values, or 409 with the conflict panel.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::{data_test, post, with, TestApp};

/// The `value` of the `<input name="{name}">`, as the page would show it.
fn input_value(html: &str, name: &str) -> Option<String> {
    let name_attr = format!("name=\"{name}\"");
    html.match_indices("<input").find_map(|(at, _)| {
        let tag = &html[at..at + html[at..].find('>')?];
        if !tag.contains(&name_attr) {
            return None;
        }
        let value =
            tag.split_once("value=\"").map_or("", |(_, rest)| rest.split('"').next().unwrap_or(""));
        Some(value.to_owned())
    })
}

/// A complete, valid "add a sharing arrangement" form for `reference`.
fn sharing_form(reference: &str) -> Vec<(&'static str, String)> {
    [
        ("reference", reference),
        ("title", "Coastguard vessel sightings"),
        ("uk_body_id", "4"),
        ("partner", "LY"),
        ("partner_body", "Coastguard operations room"),
        ("data_categories", "vessel_sightings"),
        ("data_categories", "passenger_data"),
        ("direction", "partner_to_uk"),
        ("legal_basis", "Exchange of letters, 2025"),
        ("handling_caveats", "Originator control"),
        ("onward_sharing", "prohibited"),
        ("osja_status", "in_progress"),
        ("osja_assessed_on", ""),
        ("agreement", ""),
        ("status", "active"),
        ("classification", "official"),
        ("caveat", ""),
        ("releasability", ""),
        ("next_review_on", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

async fn id_of(app: &TestApp, reference: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT id FROM sharing_arrangements WHERE reference = ?1")
        .bind(reference)
        .fetch_optional(&app.pool)
        .await
        .unwrap()
}

/// Adds an arrangement through the form, returning its id.
async fn add(app: &TestApp, form: &[(&'static str, String)]) -> i64 {
    let response = post(app, "/sharing/new", form).await;
    assert_eq!(response.status, 303, "{}", response.body);
    let location = response.header("location").expect("a Location");
    location.strip_prefix("/sharing/").and_then(|id| id.parse().ok()).expect("/sharing/{id}")
}

#[tokio::test]
async fn an_arrangement_without_a_partner_body_is_422_with_the_summary_and_typed_values() {
    let app = TestApp::spawn(false).await;
    let form = with(sharing_form("HTTP-SH-1"), "partner_body", "");
    let refused = post(&app, "/sharing/new", &form).await;
    assert_eq!(refused.status, 422);
    let summary = data_test(&refused.body, "error-summary").expect("an error summary");
    assert!(
        summary.contains("There is a problem") && summary.contains("Enter the partner body"),
        "{summary}"
    );
    assert!(refused.body.contains("href=\"#partner_body\""), "the summary links to the field");
    assert!(refused.body.contains("id=\"partner_body-error\""), "the field shows its own message");
    assert_eq!(
        input_value(&refused.body, "reference").as_deref(),
        Some("HTTP-SH-1"),
        "what was typed is kept"
    );
    assert_eq!(input_value(&refused.body, "title").as_deref(), Some("Coastguard vessel sightings"));
    assert!(
        refused.body.contains("value=\"vessel_sightings\" checked"),
        "ticked categories stay ticked"
    );
    assert_eq!(id_of(&app, "HTTP-SH-1").await, None, "nothing saved");
}

#[tokio::test]
async fn a_valid_arrangement_is_303_to_its_page_which_shows_every_field() {
    let app = TestApp::spawn(false).await;
    let saved = post(&app, "/sharing/new", &sharing_form("HTTP-SH-2")).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let id = id_of(&app, "HTTP-SH-2").await.expect("saved");
    assert_eq!(saved.header("location"), Some(format!("/sharing/{id}").as_str()));

    let (status, html) = app.get(&format!("/sharing/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "sharing-reference").as_deref(), Some("HTTP-SH-2"));
    assert_eq!(data_test(&html, "sharing-title").as_deref(), Some("Coastguard vessel sightings"));
    assert_eq!(data_test(&html, "sharing-uk-body").as_deref(), Some("National Crime Agency"));
    assert_eq!(data_test(&html, "sharing-partner").as_deref(), Some("Libya"));
    assert_eq!(
        data_test(&html, "sharing-data-categories").as_deref(),
        Some("Passenger data, Vessel sightings")
    );
    assert_eq!(data_test(&html, "sharing-direction").as_deref(), Some("Partner to UK"));
    assert_eq!(data_test(&html, "sharing-osja").as_deref(), Some("In progress"));
    assert_eq!(data_test(&html, "sharing-agreement").as_deref(), Some("None"));
    assert_eq!(data_test(&html, "classification-top").as_deref(), Some("OFFICIAL"));

    let (_, list) = app.get("/sharing?partner=LY&data_category=vessel_sightings").await;
    assert_eq!(data_test(&list, "result-count").as_deref(), Some("1 sharing arrangement"));
    assert!(list.contains(&format!("href=\"/sharing/{id}\"")));
    let (_, none) = app.get("/sharing?partner=FR").await;
    assert_eq!(data_test(&none, "result-count").as_deref(), Some("0 sharing arrangements"));
}

#[tokio::test]
async fn the_page_is_marked_with_its_governing_agreement_when_that_is_higher() {
    let app = TestApp::spawn(false).await;
    sqlx::query(
        "INSERT INTO agreements (reference, title, kind, legally_binding, classification)
         VALUES ('HO-LY-SECRET', 'Secret treaty', 'treaty', 1, 'secret')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let id = add(&app, &with(sharing_form("HTTP-SH-3"), "agreement", "ho-ly-secret")).await;
    let (_, html) = app.get(&format!("/sharing/{id}")).await;
    assert_eq!(data_test(&html, "classification-top").as_deref(), Some("SECRET"));
    assert_eq!(data_test(&html, "classification-bottom").as_deref(), Some("SECRET"));
    assert!(data_test(&html, "sharing-agreement")
        .unwrap()
        .contains("HO-LY-SECRET – Secret treaty"));
}

#[tokio::test]
async fn an_edit_with_a_stale_version_is_409_with_the_conflict_panel_and_changes_nothing() {
    let app = TestApp::spawn(false).await;
    let id = add(&app, &sharing_form("HTTP-SH-4")).await;
    let path = format!("/sharing/{id}/edit");
    let (status, edit_page) = app.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(input_value(&edit_page, "version").as_deref(), Some("1"));

    let first = with(with(sharing_form("HTTP-SH-4"), "version", "1"), "title", "Saved first");
    assert_eq!(post(&app, &path, &first).await.status, 303);

    let stale = with(with(sharing_form("HTTP-SH-4"), "version", "1"), "title", "Saved second");
    let refused = post(&app, &path, &stale).await;
    assert_eq!(refused.status, 409);
    let panel = data_test(&refused.body, "conflict").expect("the conflict panel");
    assert!(panel.contains("Saved first") && panel.contains("Saved second"), "{panel}");
    assert_eq!(
        input_value(&refused.body, "title").as_deref(),
        Some("Saved second"),
        "the user's values are kept"
    );
    assert_eq!(
        input_value(&refused.body, "version").as_deref(),
        Some("2"),
        "saving again replaces theirs"
    );

    let (title, version): (String, i64) =
        sqlx::query_as("SELECT title, version FROM sharing_arrangements WHERE id = ?1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((title.as_str(), version), ("Saved first", 2));
}

#[tokio::test]
async fn list_and_pages_of_demo_data_render_with_markings() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/sharing").await;
    assert_eq!(status, 200);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM sharing_arrangements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(data_test(&html, "result-count"), Some(format!("{stored} sharing arrangements")));
    assert_eq!(html.matches("data-test=\"sharing-row\"").count() as i64, stored.min(50));
    assert_eq!(data_test(&html, "classification-top"), data_test(&html, "classification-bottom"));
    assert_eq!(app.get("/sharing/new").await.0, 200);
    assert_eq!(app.get("/sharing/999999").await.0, 404);
    assert_eq!(app.get("/sharing/999999/edit").await.0, 404);
}
