//! `/search`: full-text search pages, rendered on the server.

use super::{data_test, TestApp};

/// How many times `needle` occurs in `html`.
fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[tokio::test]
async fn search_finds_demo_records_grouped_by_kind_with_highlights() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/search?q=vessel").await;
    assert_eq!(status, 200);
    assert!(count(&html, "data-test=\"search-result\"") >= 2, "results listed");
    assert!(html.contains("<mark class=\"accord-search-mark\">"), "a highlighted match");
    let sharing = data_test(&html, "search-group-sharing").expect("sharing group");
    let shown: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sharing_arrangements
         WHERE title LIKE '%vessel%' OR partner_body LIKE '%vessel%' OR legal_basis LIKE '%vessel%'
            OR handling_caveats LIKE '%vessel%' OR reference LIKE '%vessel%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(shown >= 1);
    assert!(sharing.starts_with(&format!("Sharing arrangements ({shown})")), "{sharing}");
    assert!(html.contains("href=\"/sharing/"));
    // The page carries the highest marking among the hits it shows.
    let top = data_test(&html, "classification-top").unwrap();
    assert_eq!(top, data_test(&html, "classification-bottom").unwrap());
    let markings: Vec<&str> = html
        .split("data-test=\"search-result-marking\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('>')?.1.split('<').next())
        .map(str::trim)
        .collect();
    // The aggregate: the highest level of any hit, and every caveat any hit carries.
    let level =
        |m: &str| ["TOP SECRET", "SECRET", "OFFICIAL"].into_iter().find(|l| m.starts_with(l));
    let rank = |l: &str| ["OFFICIAL", "SECRET", "TOP SECRET"].iter().position(|x| *x == l);
    let highest = markings.iter().filter_map(|m| level(m)).max_by_key(|l| rank(l)).unwrap();
    assert_eq!(level(&top), Some(highest), "{top} among {markings:?}");
    for caveat in ["SENSITIVE", "UK EYES ONLY"] {
        if markings.iter().any(|m| m.contains(caveat)) {
            assert!(top.contains(caveat), "{top} lacks {caveat} of {markings:?}");
        }
    }
}

#[tokio::test]
async fn empty_query_shows_the_form_and_a_hint() {
    let app = TestApp::spawn(true).await;
    for path in ["/search", "/search?q=", "/search?q=%20%20"] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("Search the registry"), "{path}");
        assert!(data_test(&html, "search-hint").is_some(), "{path}");
        assert_eq!(count(&html, "data-test=\"search-result\""), 0, "{path}");
        assert_eq!(data_test(&html, "classification-top").unwrap(), "OFFICIAL");
    }
}

#[tokio::test]
async fn no_results_says_so_with_the_query_escaped() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/search?q=%3Cb%3Ezzqx%3C%2Fb%3E").await;
    assert_eq!(status, 200);
    assert_eq!(
        data_test(&html, "search-no-results").unwrap(),
        "No results for “&lt;b&gt;zzqx&lt;/b&gt;”"
    );
    assert!(!html.contains("<b>zzqx"));
}

#[tokio::test]
async fn a_query_cannot_inject_markup_into_the_page_title() {
    let app = TestApp::spawn(false).await;
    let (status, html) =
        app.get("/search?q=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)"), "query reflected as markup");
    assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
}

#[tokio::test]
async fn fts_syntax_in_the_query_is_not_an_error() {
    let app = TestApp::spawn(true).await;
    for q in ["%22", "*", "NEAR(", "OR", "channel%20AND%20%22", "title%3Achannel", "(%5E)"] {
        let (status, _) = app.get(&format!("/search?q={q}")).await;
        assert_eq!(status, 200, "{q}");
    }
}

#[tokio::test]
async fn markup_in_a_record_comes_back_escaped() {
    let app = TestApp::spawn(false).await;
    sqlx::query(
        "INSERT INTO agreements (reference, title, kind, legally_binding, summary)
         VALUES ('XSS-1', '<script>alert(1)</script> Quokka accord', 'treaty', 0,
                 'The <img src=x onerror=alert(2)> quokka clause.')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let (status, html) = app.get("/search?q=quokka").await;
    assert_eq!(status, 200);
    assert_eq!(count(&html, "data-test=\"search-result\""), 1);
    assert!(!html.contains("<script>alert(1)"), "title must be escaped");
    assert!(!html.contains("<img src=x"), "snippet must be escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Quokka accord"));
    assert!(
        html.contains("<mark class=\"accord-search-mark\">Quokka</mark>")
            || html.contains("<mark class=\"accord-search-mark\">quokka</mark>")
    );
}

#[tokio::test]
async fn every_page_has_the_header_search_box() {
    let app = TestApp::spawn(false).await;
    for path in ["/", "/partners", "/search?q=x", "/no-such-page"] {
        let (_, html) = app.get(path).await;
        let at = html
            .find("data-test=\"header-search\"")
            .unwrap_or_else(|| panic!("{path}: no header search"));
        let start = html[..at].rfind("<form").expect("inside a form");
        let form = &html[start..start + html[start..].find("</form>").expect("form closes")];
        assert!(
            form.contains("method=\"get\"") && form.contains("action=\"/search\""),
            "{path}: {form}"
        );
        assert!(form.contains("name=\"q\""), "{path}: {form}");
        assert!(form.contains(">Search Accord</label>"), "{path}: {form}");
    }
}
