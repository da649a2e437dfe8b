//! GOV.UK form patterns over HTTP, as a browser without JavaScript uses them: dates
//! posted as day, month and year; caveat and releasability from the managed lists;
//! "Add another partner" showing the form again without writing; references and
//! markings of the demo data valid under the same rules.

use super::{post, with, TestApp};

/// A complete, valid "add an agreement" form for `reference`.
fn agreement_form(reference: &str) -> Vec<(&'static str, String)> {
    vec![
        ("reference", reference.to_owned()),
        ("title", format!("Form patterns agreement {reference}")),
        ("kind", "memorandum_of_understanding".to_owned()),
        ("legally_binding", "no".to_owned()),
        ("partners", "LY".to_owned()),
        ("partners", String::new()),
        ("classification", "official".to_owned()),
        ("caveat", String::new()),
        ("releasability", String::new()),
    ]
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.expect(sql)
}

async fn agreements(app: &TestApp) -> i64 {
    count(app, "SELECT count(*) FROM agreements").await
}

/// The opening tag of the element with `id="{id}"`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}"));
    let start = html[..at].rfind('<').expect("a tag");
    &html[start..at + html[at..].find('>').expect("tag end")]
}

/// The values selected in the selects named `name`, in page order.
fn selected(html: &str, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\"");
    html.match_indices(&marker)
        .filter(|(at, _)| html[..*at].rfind('<').is_some_and(|s| html[s..].starts_with("<select")))
        .map(|(at, _)| {
            let body = &html[at..at + html[at..].find("</select>").expect("select end")];
            body.split("<option ")
                .find(|o| o.contains(" selected"))
                .and_then(|o| o.split("value=\"").nth(1))
                .map(|v| v[..v.find('"').unwrap_or(0)].to_owned())
                .unwrap_or_default()
        })
        .collect()
}

#[tokio::test]
async fn a_caveat_or_releasability_outside_the_managed_lists_is_a_field_error_and_writes_nothing() {
    let app = TestApp::spawn(false).await;
    let (_, page) = app.get("/agreements/new").await;
    assert!(
        page.contains("<option value=\"UK EYES ONLY\">UK EYES ONLY</option>")
            && page.contains("<option value=\"SENSITIVE PERSONAL\">SENSITIVE PERSONAL</option>"),
        "the marking selects offer the managed lists"
    );
    for (field, value, message) in [
        // The demo's banner once read "OFFICIAL 2026-02-30".
        ("releasability", "2026-02-30", "Releasability can only contain marking words"),
        ("releasability", "REL GBR, XYZ", "Select a releasability from the list"),
        ("caveat", "SECRETIVE", "Select a handling caveat from the list"),
        ("caveat", "UK EYES ONLY", "Select a handling caveat from the list"),
    ] {
        let form = with(agreement_form("FP-MARK-1"), field, value);
        let refused = post(&app, "/agreements/new", &form).await;
        assert_eq!(refused.status, 422, "{field} = {value}");
        assert!(refused.body.contains(message), "{field} = {value}: {message}");
        assert!(refused.body.contains(&format!("id=\"{field}-error\"")), "beside the field");
        assert_eq!(agreements(&app).await, 0, "nothing written for {field} = {value}");
    }
    let listed = with(agreement_form("FP-MARK-1"), "releasability", "rel gbr,  fra");
    let listed = with(listed, "caveat", "sensitive");
    assert_eq!(post(&app, "/agreements/new", &listed).await.status, 303, "on the lists");
    let stored: (String, String) = sqlx::query_as(
        "SELECT caveat, releasability FROM agreements WHERE reference = 'FP-MARK-1'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("saved");
    assert_eq!(stored, ("SENSITIVE".to_owned(), "REL GBR, FRA".to_owned()));
}

#[tokio::test]
async fn a_date_posted_as_day_month_and_year_is_stored_and_a_wrong_part_is_named() {
    let app = TestApp::spawn(false).await;
    let mut form = agreement_form("FP-DATE-1");
    form.extend([
        ("signed_on-day", " 5 ".to_owned()),
        ("signed_on-month", "March".to_owned()),
        ("signed_on-year", "2026".to_owned()),
        ("in_force_on-day", "1".to_owned()),
        ("in_force_on-month", "".to_owned()),
        ("in_force_on-year", "2026".to_owned()),
    ]);
    let refused = post(&app, "/agreements/new", &form).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Date in force must include a month"));
    assert!(refused.body.contains("href=\"#in_force_on-month\""), "the summary links to the month");
    assert!(tag_with_id(&refused.body, "in_force_on-month").contains("govuk-input--error"));
    assert!(!tag_with_id(&refused.body, "in_force_on-day").contains("govuk-input--error"));
    assert!(tag_with_id(&refused.body, "signed_on-month").contains("value=\"March\""), "as typed");
    assert_eq!(agreements(&app).await, 0);

    let form = with(form, "in_force_on-month", "04");
    assert_eq!(post(&app, "/agreements/new", &form).await.status, 303);
    let dates: (String, String) = sqlx::query_as(
        "SELECT signed_on, in_force_on FROM agreements WHERE reference = 'FP-DATE-1'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("saved");
    assert_eq!(dates, ("2026-03-05".to_owned(), "2026-04-01".to_owned()));

    // The edit form shows each stored date in three parts.
    let id = count(&app, "SELECT id FROM agreements WHERE reference = 'FP-DATE-1'").await;
    let (_, edit) = app.get(&format!("/agreements/{id}/edit")).await;
    assert!(tag_with_id(&edit, "signed_on-day").contains("value=\"5\""));
    assert!(tag_with_id(&edit, "signed_on-month").contains("value=\"3\""));
    assert!(tag_with_id(&edit, "signed_on-year").contains("value=\"2026\""));
    assert!(!edit.contains("type=\"date\""), "no browser date picker");
}

#[tokio::test]
async fn add_another_partner_shows_the_form_again_with_every_value_and_writes_nothing() {
    let app = TestApp::spawn(false).await;
    let mut form = agreement_form("FP-ADD-1");
    form.retain(|(k, _)| *k != "partners");
    form.extend([
        ("partners", "LY".to_owned()),
        ("partners", "FR".to_owned()),
        ("add_another", "partners".to_owned()),
    ]);
    let shown = post(&app, "/agreements/new", &form).await;
    assert_eq!(shown.status, 200, "not an error");
    assert_eq!(agreements(&app).await, 0, "nothing written");
    assert_eq!(selected(&shown.body, "partners"), ["LY", "FR", ""], "one more, empty box");
    assert!(shown.body.contains("value=\"Form patterns agreement FP-ADD-1\""), "the title is kept");
    assert!(!shown.body.contains("data-test=\"error-summary\""), "no errors shown");

    // Remove takes that box away and keeps the others.
    let remove = with(form.clone(), "remove", "partners-0");
    let remove: Vec<_> = remove.into_iter().filter(|(k, _)| *k != "add_another").collect();
    let shown = post(&app, "/agreements/new", &remove).await;
    assert_eq!(shown.status, 200);
    assert_eq!(selected(&shown.body, "partners"), ["FR"]);
    assert_eq!(agreements(&app).await, 0);

    // On an edit form too: the record stays as it was.
    let saved = post(&app, "/agreements/new", &agreement_form("FP-ADD-2")).await;
    assert_eq!(saved.status, 303);
    let id = count(&app, "SELECT id FROM agreements WHERE reference = 'FP-ADD-2'").await;
    let mut edit = with(agreement_form("FP-ADD-2"), "title", "Changed");
    edit.extend([("version", "1".to_owned()), ("add_another", "partners".to_owned())]);
    let shown = post(&app, &format!("/agreements/{id}/edit"), &edit).await;
    assert_eq!(shown.status, 200);
    let (title, version): (String, i64) =
        sqlx::query_as("SELECT title, version FROM agreements WHERE id = ?1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .expect("row");
    assert_eq!((title.as_str(), version), ("Form patterns agreement FP-ADD-2", 1));
}

#[tokio::test]
async fn a_reference_must_start_with_a_letter() {
    let app = TestApp::spawn(false).await;
    let refused = post(&app, "/agreements/new", &agreement_form("2026-02-30")).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Reference must start with a letter"));
    assert_eq!(agreements(&app).await, 0);
}

#[tokio::test]
async fn the_demo_data_holds_valid_references_and_listed_marking_terms() {
    let app = TestApp::spawn(true).await;
    let scale = accord::storage::demo::large::Scale {
        partners: 20,
        agreements: 200,
        commitments_per_agreement: 2,
        sharing_arrangements: 50,
        routes: 3,
    };
    accord::storage::demo::large::load(&app.pool, accord::dates::today(), &scale)
        .await
        .expect("large demo");
    let references: Vec<String> = sqlx::query_scalar(
        "SELECT reference FROM agreements UNION ALL SELECT reference FROM sharing_arrangements",
    )
    .fetch_all(&app.pool)
    .await
    .expect("references");
    assert!(references.len() > 250);
    for reference in &references {
        assert_eq!(accord::domain::agreement::parse_reference(reference).as_ref(), Ok(reference));
    }
    let tables = ["agreements", "commitments", "sharing_arrangements", "routes", "briefing_texts"];
    let columns = tables
        .iter()
        .flat_map(|t| [(*t, "caveat"), (*t, "releasability")])
        .chain([("assessments", "caveat")]);
    for (table, column) in columns {
        let unlisted: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''
               AND {column} NOT IN (SELECT term FROM marking_terms WHERE kind = '{column}')"
        )))
        .fetch_all(&app.pool)
        .await
        .expect("terms");
        assert_eq!(unlisted, Vec::<String>::new(), "{table}.{column}");
    }
}
