//! Pages read through the read cache still show every write at once: a save through
//! a form, and a change made by another connection to the same file.

use super::{data_test, TestApp};

async fn agreements_counted(app: &TestApp) -> String {
    let (status, html) = app.get("/agreements?partner=LY").await;
    assert_eq!(status, 200);
    data_test(&html, "result-count").expect("a result count")
}

#[tokio::test]
async fn a_saved_agreement_appears_at_once_in_the_list_the_search_and_its_page() {
    let app = TestApp::spawn(false).await;
    let before = agreements_counted(&app).await;
    assert_eq!(before, "0 agreements");
    let (_, search) = app.get("/search?q=Quokka").await;
    assert!(data_test(&search, "search-no-results").is_some(), "nothing found yet");

    // Read twice so that what follows cannot be a first, uncached read.
    assert_eq!(agreements_counted(&app).await, before);
    let pairs = [
        ("reference", "HTTP-CACHE-1"),
        ("title", "Quokka readmission arrangement"),
        ("kind", "memorandum_of_understanding"),
        ("legally_binding", "no"),
        ("partners", "LY"),
        ("classification", "official"),
        ("caveat", ""),
    ];
    let saved = app.post_form("/agreements/new", &pairs).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = saved.header("location").expect("Location").to_owned();

    assert_eq!(agreements_counted(&app).await, "1 agreement");
    let (_, search) = app.get("/search?q=Quokka").await;
    let found = data_test(&search, "search-result").expect("a search result");
    assert!(found.contains("Quokka readmission arrangement"), "{found}");
    let (status, html) = app.get(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Quokka readmission arrangement"));

    // Another connection (as an administrator's sqlite3 would) renames it.
    sqlx::query("UPDATE agreements SET title = 'Wombat readmission arrangement' WHERE reference = 'HTTP-CACHE-1'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, html) = app.get(&page).await;
    assert!(html.contains("Wombat readmission arrangement"), "the page shows the new title");
    let (_, search) = app.get("/search?q=Wombat").await;
    let found = data_test(&search, "search-result").expect("a search result");
    assert!(found.contains("Wombat readmission arrangement"), "{found}");
}

/// The row of the route page's coverage table for `alpha2`.
fn coverage_row<'a>(html: &'a str, alpha2: &str) -> &'a str {
    let start = html.find(&format!("data-partner=\"{alpha2}\"")).expect("the partner's row");
    let end = html[start..].find("</tr>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// A route page is kept across changes to other partners' commitments
/// (migrations/0025_partner_changes.sql), so a change to its own partners' must reach
/// it at once: a RAG changed by another connection, as an assessment would.
#[tokio::test]
async fn a_route_page_shows_a_change_to_its_partners_commitments_at_once() {
    let app = TestApp::spawn(true).await;
    let path = "/routes/central-mediterranean";
    let (status, first) = app.get(path).await;
    assert_eq!(status, 200);
    let (_, again) = app.get(path).await;
    assert_eq!(coverage_row(&first, "LY"), coverage_row(&again, "LY"));
    assert!(
        coverage_row(&first, "LY").contains(" red</a>"),
        "Libya has red commitments in the demo"
    );

    let changed = sqlx::query(
        "UPDATE commitments SET rag = 'green'
          WHERE coalesce(rag, '') <> 'green'
            AND agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE partner = 'LY')",
    )
    .execute(&app.pool)
    .await
    .unwrap()
    .rows_affected();
    assert!(changed > 0);
    let (_, after) = app.get(path).await;
    let row = coverage_row(&after, "LY");
    assert!(!row.contains(" red</a>") && !row.contains(" amber</a>"), "every one green now: {row}");
    assert!(row.contains(" green</a>"), "{row}");
}
