//! `/search`: full-text search pages, rendered on the server.

use super::{data_test, TestApp, PASSWORD};
use accord::{Level, Role};

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
async fn a_word_typed_past_its_stem_is_searched_cut_back_and_the_page_says_so() {
    let app = TestApp::spawn(true).await;
    // "returni" is the start of no stem ("returns" is held as "return").
    let (status, html) = app.get("/search?q=returni").await;
    assert_eq!(status, 200);
    assert_eq!(
        data_test(&html, "search-shortened").unwrap(),
        "No records matched “returni”: the records below are for words beginning “return”."
    );
    assert!(count(&html, "data-test=\"search-result\"") >= 1, "the records of the shorter word");
    let (status, html) = app.get("/search?q=returns").await;
    assert_eq!(status, 200);
    assert!(data_test(&html, "search-shortened").is_none(), "matched as typed");
    assert!(count(&html, "data-test=\"search-result\"") >= 1);
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

/// The `href`s of the result links, in page order (the first link of each result).
fn result_links(html: &str) -> Vec<String> {
    html.split("data-test=\"search-result\"")
        .skip(1)
        .filter_map(|rest| {
            let at = rest.find("href=\"")? + 6;
            Some(rest[at..at + rest[at..].find('"')?].to_owned())
        })
        .collect()
}

#[tokio::test]
async fn libya_lists_the_partner_first_then_agreements_with_libya_as_a_party() {
    let app = TestApp::spawn(true).await;
    // A demo agreement Libya is party to whose text never says "Libya".
    let silent: i64 = sqlx::query_scalar(
        "SELECT a.id FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
          WHERE p.partner = 'LY' AND a.classification = 'official'
            AND a.title || a.summary || a.reference || a.owner || a.scope_tags NOT LIKE '%libya%'
          ORDER BY a.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("a demo agreement with Libya as a silent party");
    let with_libya: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agreement_parties WHERE partner = 'LY'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    for q in ["Libya", "LY", "libya", "LIBYA"] {
        let (status, html) = app.get(&format!("/search?q={q}")).await;
        assert_eq!(status, 200, "{q}");
        let links = result_links(&html);
        assert_eq!(links.first().map(String::as_str), Some("/partners/LY"), "{q}: {links:?}");
    }
    let (_, html) = app.get("/search?q=Lib").await;
    assert!(result_links(&html).contains(&"/partners/LY".to_owned()), "a part of the name");
    let (_, html) = app.get("/search?q=Libya").await;
    assert!(result_links(&html).contains(&format!("/agreements/{silent}")), "found by its party");
    let heading = data_test(&html, "search-group-agreements").unwrap();
    assert!(heading.starts_with(&format!("Agreements ({with_libya})")), "{heading}");
    let direct = data_test(&html, "search-group-direct").unwrap();
    assert!(direct.starts_with("Direct matches (1)"), "{direct}");
}

#[tokio::test]
async fn central_mediterranean_lists_the_route_first() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/search?q=Central%20Mediterranean").await;
    assert_eq!(status, 200);
    let links = result_links(&html);
    assert_eq!(
        links.first().map(String::as_str),
        Some("/routes/central-mediterranean"),
        "{links:?}"
    );
    let direct = data_test(&html, "search-group-direct").unwrap();
    assert!(direct.contains("Route"), "{direct}");
    assert!(direct.contains("Libya"), "the route's partners: {direct}");
}

#[tokio::test]
async fn each_record_result_shows_its_status_tag_partners_and_marking() {
    let app = TestApp::spawn(true).await;
    let (_, html) = app.get("/search?q=Libya").await;
    let agreements =
        html.split("data-test=\"search-group-agreements\"").nth(1).expect("agreements group");
    let results = agreements.split("data-test=\"search-result\"").skip(1);
    let mut seen = 0;
    for result in results {
        let result = &result[..result.find("</li>").expect("result closes")];
        assert!(result.contains("data-test=\"search-result-status\""), "{result}");
        assert!(result.contains("class=\"govuk-tag govuk-tag--"), "{result}");
        let partners = data_test(result, "search-result-partners").expect("partners");
        assert!(partners.contains("Libya") && !partners.contains("United Kingdom"), "{partners}");
        let marking = data_test(result, "search-result-marking").expect("marking");
        assert!(marking.trim().starts_with("OFFICIAL") || marking.contains("SECRET"), "{marking}");
        seen += 1;
    }
    assert!(seen >= 2, "{seen} agreements");
}

#[tokio::test]
async fn an_official_reader_finds_no_secret_route_by_name_and_counts_none() {
    let app = TestApp::spawn(false).await;
    sqlx::query(
        "INSERT INTO routes (slug, name, classification) VALUES
           ('zz-open-route', 'Wallaby crossing', 'official'),
           ('zz-hidden-route', 'Wallaby tunnel', 'secret')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    app.add_user("viewer@test.example", Role::Viewer, Level::Official).await;
    let viewer = app.sign_in("viewer@test.example", PASSWORD).await;
    let (status, html) = app.get_as(&viewer, "/search?q=wallaby").await;
    assert_eq!(status, 200);
    assert_eq!(result_links(&html), ["/routes/zz-open-route"]);
    assert!(!html.contains("tunnel") && !html.contains("zz-hidden-route"));
    assert_eq!(data_test(&html, "search-summary").unwrap(), "1 result for “wallaby”");
    let (_, html) = app.get("/search?q=wallaby").await;
    assert_eq!(result_links(&html), ["/routes/zz-open-route", "/routes/zz-hidden-route"]);
    assert!(data_test(&html, "classification-top").unwrap().starts_with("SECRET"));
}
