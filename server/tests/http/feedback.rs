//! Saves are confirmed and refusals are seen, as a browser without JavaScript gets
//! them: after each kind of save the page the 303 leads to shows a success banner
//! saying what happened, once; a refused save is titled "Error: …" with its error
//! summary before the form.

use super::client::Response;
use super::{data_test, post, session_cookie, with, TestApp, PASSWORD};

fn today() -> String {
    accord::dates::iso(accord::dates::today())
}

fn agreement_form(reference: &str) -> Vec<(&'static str, String)> {
    [
        ("reference", reference),
        ("title", "Feedback test agreement"),
        ("kind", "memorandum_of_understanding"),
        ("legally_binding", "no"),
        ("partners", "LY"),
        ("classification", "official"),
        ("caveat", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn status_form(to: &str, version: &str) -> Vec<(&'static str, String)> {
    [
        ("version", version),
        ("to", to),
        ("changed_on", today().as_str()),
        ("note", "Moved by the feedback test"),
        ("superseded_by", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn commitment_form(text: &str) -> Vec<(&'static str, String)> {
    [
        ("committing_party", "LY"),
        ("text", text),
        ("category", "returns"),
        ("status", "in_progress"),
        ("rag", ""),
        ("classification", "official"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn sharing_form(reference: &str) -> Vec<(&'static str, String)> {
    [
        ("reference", reference),
        ("title", "Coastguard vessel sightings"),
        ("uk_body_id", "4"),
        ("partner", "LY"),
        ("partner_body", "Coastguard operations room"),
        ("data_categories", "vessel_sightings"),
        ("direction", "partner_to_uk"),
        ("onward_sharing", "prohibited"),
        ("osja_status", "in_progress"),
        ("status", "active"),
        ("classification", "official"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn route_form(name: &str) -> Vec<(&'static str, String)> {
    [
        ("name", name),
        ("slug", ""),
        ("description", ""),
        ("classification", "official"),
        ("caveat", ""),
        ("next_review_on", ""),
        ("leg_1_partner", "LY"),
        ("leg_1_role", "departure"),
        ("leg_1_order", "1"),
        ("leg_2_partner", "GB"),
        ("leg_2_role", "destination"),
        ("leg_2_order", "2"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// The page's `<title>` text.
fn title(html: &str) -> &str {
    let start = html.find("<title>").map_or(0, |at| at + "<title>".len());
    let end = html[start..].find("</title>").map_or(start, |at| start + at);
    &html[start..end]
}

/// Follows a save's 303: the page shows `expected` in a success banner (an alert at
/// the top of the main content), and a second visit no longer does. Returns where
/// the save led.
async fn confirmed_once(app: &TestApp, saved: &Response, expected: &str) -> String {
    assert_eq!(saved.status, 303, "saved: {}", saved.body);
    let to = saved.header("location").expect("a Location").to_owned();
    let (status, html) = app.get(&to).await;
    assert_eq!(status, 200, "{to}");
    assert_eq!(data_test(&html, "success-message").as_deref(), Some(expected), "{to}");
    let banner = html.find("data-test=\"success-banner\"").expect("the banner");
    let open = html[..banner].rfind('<').expect("its tag");
    let tag = &html[open..banner + html[banner..].find('>').expect("its end")];
    assert!(
        tag.contains("govuk-notification-banner--success") && tag.contains("role=\"alert\""),
        "a GOV.UK success banner that is announced: {tag}"
    );
    let main = html.find("id=\"main-content\"").expect("main");
    let heading = html.find("<h1").expect("a heading");
    assert!(main < banner && banner < heading, "the banner heads the main content");
    let (_, again) = app.get(&to).await;
    assert_eq!(data_test(&again, "success-banner"), None, "shown once only, on {to}");
    to
}

/// A refused post: titled "Error: …", with the error summary before `form_marker`
/// (the form, or whatever must follow the summary on that page).
fn refused_and_seen(refused: &Response, form_marker: &str) {
    assert!(matches!(refused.status, 409 | 422), "refused: {}", refused.status);
    let html = &refused.body;
    assert!(title(html).starts_with("Error: "), "title: {}", title(html));
    let summary = html.find("data-test=\"error-summary\"").expect("an error summary");
    let form = html.find(form_marker).unwrap_or_else(|| panic!("{form_marker} on the page"));
    assert!(summary < form, "the summary comes before {form_marker}");
    assert!(html[summary - 200..summary].contains("data-module=\"govuk-error-summary\""));
    assert_eq!(data_test(html, "success-banner"), None, "nothing was saved");
}

#[tokio::test]
async fn agreement_saves_and_status_changes_are_confirmed_once() {
    let app = TestApp::spawn(false).await;
    let added = post(&app, "/agreements/new", &agreement_form("fb-ly-2026-010")).await;
    let page = confirmed_once(&app, &added, "Agreement FB-LY-2026-010 added").await;

    let edit = with(agreement_form("FB-LY-2026-010"), "version", "1");
    let edited = post(&app, &format!("{page}/edit"), &edit).await;
    confirmed_once(&app, &edited, "Agreement FB-LY-2026-010 updated").await;

    let (_, html) = app.get(&page).await;
    assert_eq!(
        data_test(&html, "status-moves").as_deref(),
        Some("From Proposed you can move to: Negotiating, Terminated.")
    );
    let select = &html[html.find("id=\"to\"").expect("the status select")..];
    let select = &select[..select.find("</select>").expect("its end")];
    let offered: Vec<&str> =
        select.split("<option value=\"").skip(1).filter_map(|o| o.split('"').next()).collect();
    assert_eq!(offered, ["", "negotiating", "terminated"], "only the allowed moves");

    let changed = post(&app, &format!("{page}/status"), &status_form("negotiating", "2")).await;
    confirmed_once(&app, &changed, "Status changed to Negotiating").await;
}

#[tokio::test]
async fn commitment_sharing_and_route_saves_are_confirmed_once() {
    let app = TestApp::spawn(false).await;
    let added = post(&app, "/agreements/new", &agreement_form("FB-LY-2026-011")).await;
    let agreement = added.header("location").expect("Location").to_owned();

    let text = "Readmit nationals within thirty days of a request";
    let added = post(&app, &format!("{agreement}/commitments/new"), &commitment_form(text)).await;
    let commitment = confirmed_once(&app, &added, "Commitment added").await;
    let edit = with(commitment_form(text), "version", "1");
    let edited = post(&app, &format!("{commitment}/edit"), &edit).await;
    confirmed_once(&app, &edited, "Commitment updated").await;

    let added = post(&app, "/sharing/new", &sharing_form("FB-SH-001")).await;
    let sharing = confirmed_once(&app, &added, "Sharing arrangement FB-SH-001 added").await;
    let edit = with(sharing_form("FB-SH-001"), "version", "1");
    let edited = post(&app, &format!("{sharing}/edit"), &edit).await;
    confirmed_once(&app, &edited, "Sharing arrangement FB-SH-001 updated").await;

    let added = post(&app, "/routes/new", &route_form("Feedback Passage")).await;
    let route = confirmed_once(&app, &added, "Route Feedback Passage added").await;
    let edit = with(route_form("Feedback Passage"), "version", "1");
    let edited = post(&app, &format!("{route}/edit"), &edit).await;
    confirmed_once(&app, &edited, "Route Feedback Passage updated").await;
}

#[tokio::test]
async fn account_changes_are_confirmed_once() {
    let mut app = TestApp::spawn(false).await;
    let id =
        app.add_user("viewer@test.example", accord::Role::Viewer, accord::Level::Official).await;
    let path = format!("/admin/users/{id}");
    let version: i64 = sqlx::query_scalar("SELECT version FROM users WHERE id = ?1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let version = version.to_string();
    let access = [("role", "editor"), ("clearance", "secret"), ("version", version.as_str())];
    let saved = app.post_form(&path, &access).await;
    confirmed_once(&app, &saved, "Role and clearance saved").await;
    let disabled = app.post_form(&format!("{path}/active"), &[("active", "false")]).await;
    confirmed_once(&app, &disabled, "Account disabled").await;

    let new = "a different passphrase for the admin";
    let change = [("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)];
    let changed = app.post_form("/account/password", &change).await;
    // Changing the password renews the session: go on with the new cookie.
    if let Some(cookie) = session_cookie(&changed) {
        app.session.cookie = Some(cookie);
    }
    confirmed_once(&app, &changed, "Your password has been changed").await;
}

#[tokio::test]
async fn refused_saves_are_titled_error_with_the_summary_before_the_form() {
    let app = TestApp::spawn(false).await;
    let added = post(&app, "/agreements/new", &agreement_form("FB-LY-2026-012")).await;
    let agreement = added.header("location").expect("Location").to_owned();

    let no_title = with(agreement_form("FB-LY-2026-013"), "title", "");
    let refused = post(&app, "/agreements/new", &no_title).await;
    refused_and_seen(&refused, "action=\"/agreements/new\"");
    let stale = with(agreement_form("FB-LY-2026-012"), "version", "7");
    let refused = post(&app, &format!("{agreement}/edit"), &stale).await;
    refused_and_seen(&refused, &format!("action=\"{agreement}/edit\""));

    // The status form sits at the foot of a long page: its summary heads the page,
    // straight after the heading, before the record's details.
    let refused = post(&app, &format!("{agreement}/status"), &status_form("in_force", "1")).await;
    refused_and_seen(&refused, "data-test=\"agreement-summary\"");
    let heading = refused.body.find("<h1").expect("the heading");
    let summary = refused.body.find("data-test=\"error-summary\"").expect("the summary");
    assert!(heading < summary, "the summary follows the heading");

    let no_text = commitment_form("");
    let refused = post(&app, &format!("{agreement}/commitments/new"), &no_text).await;
    refused_and_seen(&refused, "data-test=\"commitment-form\"");
    let no_body = with(sharing_form("FB-SH-002"), "partner_body", "");
    let refused = post(&app, "/sharing/new", &no_body).await;
    refused_and_seen(&refused, "action=\"/sharing/new\"");
    let refused = post(&app, "/routes/new", &route_form("")).await;
    refused_and_seen(&refused, "data-test=\"route-form\"");

    // A page not answering a refusal is not titled as one.
    let (_, html) = app.get(&agreement).await;
    assert!(!title(&html).starts_with("Error: "), "{}", title(&html));
}

#[tokio::test]
async fn every_form_has_a_back_link_above_its_heading_and_a_title_of_its_own() {
    let app = TestApp::spawn(false).await;
    let added = post(&app, "/agreements/new", &agreement_form("FB-LY-2026-014")).await;
    let agreement = added.header("location").expect("Location").to_owned();
    let text = "Share vessel sightings every week";
    let added = post(&app, &format!("{agreement}/commitments/new"), &commitment_form(text)).await;
    let commitment = added.header("location").expect("Location").to_owned();
    let commitment_id = commitment.trim_start_matches("/commitments/");
    let added = post(&app, "/sharing/new", &sharing_form("FB-SH-003")).await;
    let sharing = added.header("location").expect("Location").to_owned();
    let added = post(&app, "/routes/new", &route_form("Feedback Strait")).await;
    let route = added.header("location").expect("Location").to_owned();

    let pages = [
        ("/agreements/new".to_owned(), "Add an agreement".to_owned()),
        (format!("{agreement}/edit"), "Edit agreement FB-LY-2026-014".to_owned()),
        (format!("{agreement}/commitments/new"), "Add a commitment to FB-LY-2026-014".to_owned()),
        (
            format!("{commitment}/edit"),
            format!("Edit commitment {commitment_id}: Share vessel sightings every week"),
        ),
        ("/sharing/new".to_owned(), "Add a sharing arrangement".to_owned()),
        (format!("{sharing}/edit"), "Edit sharing arrangement FB-SH-003".to_owned()),
        ("/routes/new".to_owned(), "Add a route".to_owned()),
        (format!("{route}/edit"), "Edit route Feedback Strait".to_owned()),
        ("/account/password".to_owned(), "Change your password".to_owned()),
        ("/admin/users".to_owned(), "Users".to_owned()),
        ("/import".to_owned(), "Import from a spreadsheet".to_owned()),
    ];
    for (path, expected) in pages {
        let (status, html) = app.get(&path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(title(&html), format!("{expected} – Accord"), "{path}");
        let back = html.find("class=\"govuk-back-link\"").unwrap_or_else(|| panic!("{path}"));
        let heading = html.find("<h1").expect("a heading");
        assert!(back < heading, "the back link is above the heading on {path}");
    }

    let (_, html) = app.get(&commitment).await;
    assert_eq!(
        title(&html),
        format!("Commitment {commitment_id}: Share vessel sightings every week – Accord")
    );

    // A filtered list has a title of its own (and a page of many says which page).
    for (path, expected) in [
        ("/agreements", "Agreements"),
        ("/agreements?status=proposed", "Agreements (1 filter applied)"),
        ("/commitments?status=not_started&rag=red", "Commitments (2 filters applied)"),
        ("/sharing?partner=LY", "Sharing arrangements (1 filter applied)"),
        ("/routes?partner=LY", "Routes (1 filter applied)"),
    ] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(title(&html), format!("{expected} – Accord"), "{path}");
    }
}
