//! Pages render on the server with their data, markings and statuses.

use super::{data_test, TestApp};

#[tokio::test]
async fn healthz_is_200_with_the_database_and_503_without() {
    let app = TestApp::spawn(false).await;
    assert_eq!(app.get("/healthz").await.0, 200);
    // Closing refuses new connections at once; it would then wait for ever for the one
    // the read cache keeps (to read SQLite's data_version), so do not wait for it.
    let _ = tokio::time::timeout(std::time::Duration::from_millis(200), app.pool.close()).await;
    assert_eq!(app.get("/healthz").await.0, 503);
}

#[tokio::test]
async fn every_page_is_marked_top_and_bottom() {
    let app = TestApp::spawn(true).await;
    for path in ["/", "/partners", "/partners/LY", "/routes", "/no-such-page"] {
        let (_, html) = app.get(path).await;
        let top = data_test(&html, "classification-top")
            .unwrap_or_else(|| panic!("{path}: no top marking"));
        let bottom = data_test(&html, "classification-bottom")
            .unwrap_or_else(|| panic!("{path}: no bottom marking"));
        assert_eq!(top, bottom, "{path}");
        assert!(
            ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]
                .iter()
                .any(|m| top.starts_with(m)),
            "{path}: {top}"
        );
        let first = html.find("classification-top").unwrap();
        let last = html.find("classification-bottom").unwrap();
        assert!(
            first < html.find("govuk-header").unwrap() && last > html.find("govuk-footer").unwrap(),
            "{path}: banner order"
        );
    }
}

#[tokio::test]
async fn dashboard_shows_figures_from_the_database() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/").await;
    assert_eq!(status, 200);
    let total: i64 = data_test(&html, "agreements-total").unwrap().parse().unwrap();
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agreements").fetch_one(&app.pool).await.unwrap();
    assert_eq!(total, stored);
    assert!(total >= 40);
    let overdue: i64 = data_test(&html, "overdue-commitments-count").unwrap().parse().unwrap();
    let expected: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM commitments WHERE status IN ('not_started', 'in_progress') AND due_on < date('now')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(overdue, expected);
    assert!(data_test(&html, "illustrative-banner").is_some());
    // The demo holds TOP SECRET records and the reader may see them all: the page
    // carries their aggregate marking (highest level, every caveat).
    assert_eq!(
        data_test(&html, "classification-top").unwrap(),
        "TOP SECRET SENSITIVE UK EYES ONLY"
    );
}

#[tokio::test]
async fn no_illustrative_banner_without_demo_data() {
    let app = TestApp::spawn(false).await;
    let (_, html) = app.get("/").await;
    assert!(data_test(&html, "illustrative-banner").is_none());
    assert_eq!(data_test(&html, "classification-top").unwrap(), "OFFICIAL");
}

#[tokio::test]
async fn partner_list_filters_without_javascript() {
    let app = TestApp::spawn(false).await;
    let (status, html) = app.get("/partners?name=mor&region=Africa").await;
    assert_eq!(status, 200);
    assert!(html.contains(">Morocco<"));
    assert!(!html.contains(">France<"));
    // Morocco and Comoros are the African partners whose names contain "mor".
    assert!(html.contains(">Comoros<"));
    assert_eq!(data_test(&html, "partner-count").unwrap(), "2 partners");
    let (_, all) = app.get("/partners").await;
    assert_eq!(data_test(&all, "partner-count").unwrap(), "249 partners");
}

#[tokio::test]
async fn partner_page_shows_codes_and_counts() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/partners/LY").await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "partner-alpha3").unwrap(), "LBY");
    assert_eq!(data_test(&html, "partner-numeric").unwrap(), "434");
    assert_eq!(data_test(&html, "partner-sub-region").unwrap(), "Northern Africa");
    let shown: i64 = data_test(&html, "partner-agreements-count").unwrap().parse().unwrap();
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agreement_parties WHERE partner = 'LY'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(shown, stored);
    assert!(shown >= 1);
}

#[tokio::test]
async fn unknown_partner_and_unknown_page_are_404() {
    let app = TestApp::spawn(false).await;
    let (status, html) = app.get("/partners/ZZ").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    assert_eq!(app.get("/nothing/here").await.0, 404);
}

#[tokio::test]
async fn the_bundle_is_sent_compressed_to_browsers_that_accept_it_and_revalidated() {
    let app = TestApp::spawn(false).await;
    let pkg = app.site_root().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("accord.js"), "plain bundle").unwrap();
    std::fs::write(pkg.join("accord.js.br"), "brotli bundle").unwrap();

    let compressed = super::client::send_with(
        app.addr,
        "GET",
        "/pkg/accord.js",
        None,
        &[("Accept-Encoding", "gzip, br")],
    )
    .await;
    assert_eq!(compressed.status, 200);
    assert_eq!(compressed.header("content-encoding"), Some("br"));
    assert_eq!(compressed.body, "brotli bundle");
    assert_eq!(compressed.header("cache-control"), Some("no-cache"));

    let plain = super::client::send(app.addr, "GET", "/pkg/accord.js", None).await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, "plain bundle");

    // Pages that show records are never stored.
    let page = super::client::send(app.addr, "GET", "/", None).await;
    assert_eq!(page.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn list_pages_send_html_only_with_the_filter_kept_in_its_selects() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/agreements?partner=LY&kind=treaty").await;
    assert_eq!(status, 200);
    // Every partner is offered, the chosen one selected, names escaped as text.
    assert!(html.contains(r#"<option value="LY" selected>Libya</option>"#), "chosen partner");
    assert!(html.contains(r#"<option value="FR">France</option>"#), "other partners");
    assert!(html.contains(r#"<option value="treaty" selected>"#), "chosen kind");
    assert!(html.contains(r#"<option value="">Any partner</option>"#), "blank first");
    assert!(!html.contains(r#"<option value="GB""#), "the UK is not a partner choice");
    // Islands mode: the page holds no copy of its data for hydration.
    assert!(!html.contains("__RESOLVED_RESOURCES[2]"), "no page data serialised");
    assert!(!html.contains(r#"\"rows\""#), "no rows serialised");
}

#[tokio::test]
async fn the_route_form_offers_the_uk_first_for_each_leg() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/routes/new").await;
    assert_eq!(status, 200);
    let leg = html.find(r#"id="leg_1_partner""#).expect("first leg's partner select");
    let after = &html[leg..];
    let uk = after.find(r#"<option value="GB">United Kingdom</option>"#).expect("UK offered");
    let af = after.find(r#"<option value="AF">Afghanistan</option>"#).expect("partners offered");
    assert!(uk < af, "the UK comes before the partners");
}
