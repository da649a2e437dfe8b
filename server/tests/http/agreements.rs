//! Agreements and commitments over HTTP, as a browser without JavaScript uses them:
//! forms post to their own page, then 303 to the record, 422 with the errors and the
//! typed values, or 409 with the conflict panel.

use super::{data_test, post, with, TestApp};
use time::Duration;

/// The text of every element carrying `data-test="{test}"`, in page order.
fn all_data_test(html: &str, test: &str) -> Vec<String> {
    let marker = format!("data-test=\"{test}\"");
    html.match_indices(&marker).filter_map(|(at, _)| data_test(&html[at..], test)).collect()
}

/// The raw HTML of the first element carrying `data-test="{test}"` up to the end of the
/// page: enough to look for links and attributes inside it.
fn from_data_test<'a>(html: &'a str, test: &str) -> Option<&'a str> {
    html.find(&format!("data-test=\"{test}\"")).map(|at| &html[at..])
}

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

fn today() -> String {
    accord::dates::iso(accord::dates::today())
}

/// A complete, valid "add an agreement" form for `reference`.
fn agreement_form(reference: &str) -> Vec<(&'static str, String)> {
    vec![
        ("reference", reference.to_owned()),
        ("title", format!("HTTP test agreement {reference}")),
        ("kind", "memorandum_of_understanding".to_owned()),
        ("legally_binding", "no".to_owned()),
        ("partners", "LY".to_owned()),
        ("partners", String::new()),
        ("classification", "official".to_owned()),
        ("caveat", String::new()),
    ]
}

async fn id_of(app: &TestApp, reference: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT id FROM agreements WHERE reference = ?1")
        .bind(reference)
        .fetch_optional(&app.pool)
        .await
        .unwrap()
}

/// Adds an agreement through the form, returning its id.
async fn add_agreement(app: &TestApp, form: &[(&'static str, String)]) -> i64 {
    let response = post(app, "/agreements/new", form).await;
    assert_eq!(response.status, 303, "{}", response.body);
    let location = response.header("location").expect("a Location").to_owned();
    let id: i64 = location
        .strip_prefix("/agreements/")
        .and_then(|id| id.parse().ok())
        .expect("/agreements/{id}");
    id
}

#[tokio::test]
async fn an_agreement_without_a_title_is_422_with_the_summary_and_typed_values_then_saves_once_fixed(
) {
    let app = TestApp::spawn(false).await;
    let form = with(agreement_form("HTTP-NEW-1"), "title", "");
    let refused = post(&app, "/agreements/new", &form).await;
    assert_eq!(refused.status, 422);
    let summary = data_test(&refused.body, "error-summary").expect("an error summary");
    assert!(
        summary.contains("There is a problem") && summary.contains("Enter a title"),
        "{summary}"
    );
    let summary_html = from_data_test(&refused.body, "error-summary").unwrap();
    let summary_html = &summary_html[..summary_html.find("</ul>").unwrap()];
    assert!(summary_html.contains("href=\"#title\""), "the summary links to the title field");
    assert!(refused.body.contains("id=\"title-error\""), "the field shows its own message");
    assert_eq!(
        input_value(&refused.body, "reference").as_deref(),
        Some("HTTP-NEW-1"),
        "what was typed is kept"
    );
    assert_eq!(id_of(&app, "HTTP-NEW-1").await, None, "nothing saved");

    let fixed = with(form, "title", "Memorandum on returns");
    let saved = post(&app, "/agreements/new", &fixed).await;
    assert_eq!(saved.status, 303);
    let id = id_of(&app, "HTTP-NEW-1").await.expect("saved");
    assert_eq!(saved.header("location"), Some(format!("/agreements/{id}").as_str()));

    let (status, html) = app.get(&format!("/agreements/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "agreement-reference").as_deref(), Some("HTTP-NEW-1"));
    assert!(html.contains("Memorandum on returns"));
}

#[tokio::test]
async fn a_refused_status_change_is_422_naming_the_allowed_moves_and_an_allowed_one_is_recorded() {
    let app = TestApp::spawn(false).await;
    let id = add_agreement(&app, &agreement_form("HTTP-STATUS-1")).await;
    let path = format!("/agreements/{id}/status");
    let move_to = |to: &str, version: &str| {
        vec![
            ("version", version.to_owned()),
            ("to", to.to_owned()),
            ("changed_on", today()),
            ("note", format!("Moved to {to} by the HTTP test")),
            ("superseded_by", String::new()),
        ]
    };

    let refused = post(&app, &path, &move_to("in_force", "1")).await;
    assert_eq!(refused.status, 422);
    let summary =
        data_test(&refused.body, "error-summary").expect("an error summary on the agreement page");
    assert!(summary.contains("can only become: negotiating, terminated"), "{summary}");
    assert_eq!(
        data_test(&refused.body, "agreement-reference").as_deref(),
        Some("HTTP-STATUS-1"),
        "the agreement page, again"
    );
    let status: String = sqlx::query_scalar("SELECT status FROM agreements WHERE id = ?1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "proposed");

    let allowed = post(&app, &path, &move_to("negotiating", "1")).await;
    assert_eq!(allowed.status, 303, "{}", allowed.body);
    assert_eq!(allowed.header("location"), Some(format!("/agreements/{id}").as_str()));
    let (_, html) = app.get(&format!("/agreements/{id}")).await;
    let history = all_data_test(&html, "history-row");
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(
        history[1].contains("Proposed → Negotiating")
            && history[1].contains("Moved to negotiating"),
        "{history:?}"
    );
    let stored: (String, i64) = sqlx::query_as(
        "SELECT a.status, (SELECT count(*) FROM agreement_status_history h WHERE h.agreement_id = a.id) FROM agreements a WHERE a.id = ?1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, ("negotiating".to_owned(), 2));
}

#[tokio::test]
async fn a_stale_edit_is_409_with_the_conflict_panel_and_saves_nothing() {
    let app = TestApp::spawn(false).await;
    let id = add_agreement(&app, &agreement_form("HTTP-EDIT-1")).await;
    let path = format!("/agreements/{id}/edit");
    let edit =
        |title: &str| with(with(agreement_form("HTTP-EDIT-1"), "version", "1"), "title", title);

    let first = post(&app, &path, &edit("First editor title")).await;
    assert_eq!(first.status, 303, "{}", first.body);
    let second = post(&app, &path, &edit("Second editor title")).await;
    assert_eq!(second.status, 409);
    let conflict = data_test(&second.body, "conflict").expect("the conflict panel");
    assert!(
        conflict.contains("Second editor") && conflict.contains("First editor"),
        "both values shown: {conflict}"
    );
    assert_eq!(
        input_value(&second.body, "title").as_deref(),
        Some("Second editor title"),
        "the form keeps your values"
    );

    let (title, version): (String, i64) =
        sqlx::query_as("SELECT title, version FROM agreements WHERE id = ?1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((title.as_str(), version), ("First editor title", 2));
}

#[tokio::test]
async fn a_commitment_due_in_the_past_is_listed_as_overdue_until_it_is_met() {
    let app = TestApp::spawn(false).await;
    let agreement = add_agreement(&app, &agreement_form("HTTP-COMMIT-1")).await;
    let due = accord::dates::iso(accord::dates::today() - Duration::days(10));
    let text = "Readmit nationals within thirty days";
    let form = |status: &str| {
        vec![
            ("committing_party", "LY".to_owned()),
            ("text", text.to_owned()),
            ("category", "returns".to_owned()),
            ("due_on", due.clone()),
            ("status", status.to_owned()),
            ("rag", String::new()),
            ("classification", "official".to_owned()),
        ]
    };
    let added =
        post(&app, &format!("/agreements/{agreement}/commitments/new"), &form("in_progress")).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let location = added.header("location").expect("Location").to_owned();
    let commitment: i64 = location
        .strip_prefix("/commitments/")
        .and_then(|id| id.parse().ok())
        .expect("/commitments/{id}");

    let (status, html) = app.get("/commitments?overdue=true").await;
    assert_eq!(status, 200);
    let rows = all_data_test(&html, "commitment-row");
    let row = rows
        .iter()
        .find(|r| r.contains(text))
        .unwrap_or_else(|| panic!("listed as overdue: {rows:?}"));
    assert!(row.contains("Overdue") && row.contains("HTTP-COMMIT-1"), "{row}");
    let (_, page) = app.get(&format!("/agreements/{agreement}")).await;
    assert!(all_data_test(&page, "commitment-row")
        .iter()
        .any(|r| r.contains(text) && r.contains("Overdue")));

    let met =
        post(&app, &format!("/commitments/{commitment}/edit"), &with(form("met"), "version", "1"))
            .await;
    assert_eq!(met.status, 303, "{}", met.body);
    let (_, html) = app.get("/commitments?overdue=true").await;
    assert!(
        !all_data_test(&html, "commitment-row").iter().any(|r| r.contains(text)),
        "a met commitment is not overdue"
    );
    let (_, html) = app.get("/commitments?status=met").await;
    let rows = all_data_test(&html, "commitment-row");
    let row = rows.iter().find(|r| r.contains(text)).expect("listed as met");
    assert!(!row.contains("Overdue"), "{row}");
}

#[tokio::test]
async fn the_agreement_list_filtered_by_status_and_kind_shows_exactly_those() {
    let app = TestApp::spawn(true).await;
    let extra = with(with(agreement_form("HTTP-TREATY-1"), "kind", "treaty"), "status", "in_force");
    add_agreement(&app, &extra).await;

    let (status, html) = app.get("/agreements?status=in_force&kind=treaty").await;
    assert_eq!(status, 200);
    let expected: Vec<String> =
        sqlx::query_scalar("SELECT reference FROM agreements WHERE status = 'in_force' AND kind = 'treaty' ORDER BY reference")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(expected.len() >= 2, "the demo's treaty in force and ours: {expected:?}");
    // Each row's first cell links to the agreement by its reference.
    let shown: Vec<String> = html
        .split("data-test=\"agreement-row\"")
        .skip(1)
        .filter_map(|row| {
            row.split_once("href=\"/agreements/")?.1.split_once('>')?.1.split('<').next()
        })
        .map(str::to_owned)
        .collect();
    assert_eq!(shown, expected);
    assert_eq!(data_test(&html, "result-count"), Some(format!("{} agreements", expected.len())));
    let (_, unfiltered) = app.get("/agreements").await;
    assert_ne!(
        data_test(&unfiltered, "result-count"),
        data_test(&html, "result-count"),
        "the filter narrowed the list"
    );
}

#[tokio::test]
async fn a_secret_agreements_page_is_marked_secret_top_and_bottom() {
    let app = TestApp::spawn(false).await;
    let id =
        add_agreement(&app, &with(agreement_form("HTTP-SECRET-1"), "classification", "secret"))
            .await;
    let (status, html) = app.get(&format!("/agreements/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "classification-top").as_deref(), Some("SECRET"));
    assert_eq!(data_test(&html, "classification-bottom").as_deref(), Some("SECRET"));
    // And a list showing it carries the same marking.
    let (_, list) = app.get("/agreements").await;
    assert_eq!(data_test(&list, "classification-top").as_deref(), Some("SECRET"));
}

#[tokio::test]
async fn entry_into_force_dated_before_the_signature_is_422_on_the_date_not_a_failure() {
    let app = TestApp::spawn(false).await;
    let signed =
        with(with(agreement_form("HTTP-ORDER-1"), "status", "signed"), "signed_on", "2026-05-01");
    let id = add_agreement(&app, &signed).await;
    let form = vec![
        ("version", "1".to_owned()),
        ("to", "in_force".to_owned()),
        ("changed_on", "2026-04-01".to_owned()),
        ("note", "Came into force".to_owned()),
    ];
    let refused = post(&app, &format!("/agreements/{id}/status"), &form).await;
    assert_eq!(
        refused.status,
        422,
        "{}",
        data_test(&refused.body, "error-summary").unwrap_or_default()
    );
    assert!(refused.body.contains("id=\"changed_on-error\""), "the message sits by the date field");
    let status: String = sqlx::query_scalar("SELECT status FROM agreements WHERE id = ?1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "signed");
}
