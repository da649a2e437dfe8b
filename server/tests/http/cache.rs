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
