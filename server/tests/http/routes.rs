//! Route pages: the list, a route with its diagram and coverage, unknown routes.

use super::{data_test, TestApp};

/// How many elements carry `data-test="{test}"`.
fn count(html: &str, test: &str) -> usize {
    html.matches(&format!("data-test=\"{test}\"")).count()
}

#[tokio::test]
async fn the_route_list_shows_every_demo_route() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/routes").await;
    assert_eq!(status, 200);
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM routes").fetch_one(&app.pool).await.unwrap();
    assert_eq!(stored, 6);
    assert_eq!(count(&html, "route-row"), 6);
    assert!(html.contains("href=\"/routes/central-mediterranean\""));
    assert_eq!(data_test(&html, "route-count").unwrap(), "6 routes");
}

#[tokio::test]
async fn a_route_page_has_its_diagram_and_a_coverage_row_per_leg() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/routes/central-mediterranean").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1 class=\"govuk-heading-xl\">Central Mediterranean</h1>"));

    let svg_start = html.find("<svg").expect("an inline SVG");
    let svg = &html[svg_start..html[svg_start..].find("</svg>").unwrap() + svg_start];
    assert!(
        svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"route-diagram-title\"")
    );
    assert!(svg.contains("data-test=\"route-diagram\""));
    assert!(svg.contains("<title id=\"route-diagram-title\">"));

    let legs: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM route_legs l JOIN routes r ON r.id = l.route_id WHERE r.slug = 'central-mediterranean'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(legs, 7);
    assert_eq!(count(&html, "coverage-row"), 7);
    assert_eq!(count(svg, "diagram-node"), 7);
    // The text equivalent lists every leg in order.
    let text = data_test(&html, "route-legs-text").unwrap();
    assert!(text.starts_with("Eritrea — source"), "{text}");
    assert!(text.contains("United Kingdom — destination — home party"), "{text}");
    // Libya's returns arrangement expires within 90 days in the demo set.
    assert!(html.contains("data-gap=\"agreement_expiring_soon\""));
    assert!(html.contains("href=\"/partners/LY\""));
}

#[tokio::test]
async fn a_route_page_is_marked_with_the_highest_record_it_counts() {
    let app = TestApp::spawn(true).await;
    let (_, html) = app.get("/routes/central-mediterranean").await;
    let top = data_test(&html, "classification-top").unwrap();
    assert_eq!(top, data_test(&html, "classification-bottom").unwrap());
    // France's TOP SECRET joint intelligence cell agreement is in force and counted.
    assert!(top.starts_with("TOP SECRET"), "{top}");
}

#[tokio::test]
async fn an_unknown_route_is_404() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/routes/nope").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
}

#[tokio::test]
async fn the_partner_page_lists_records_routes_and_gaps() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/partners/LY").await;
    assert_eq!(status, 200);
    let agreements: i64 = data_test(&html, "partner-agreements-count").unwrap().parse().unwrap();
    assert_eq!(count(&html, "partner-agreement-row") as i64, agreements);
    let commitments: i64 = data_test(&html, "partner-commitments-count").unwrap().parse().unwrap();
    assert_eq!(count(&html, "partner-commitment-row") as i64, commitments);
    let sharing: i64 = data_test(&html, "partner-sharing-count").unwrap().parse().unwrap();
    assert_eq!(count(&html, "partner-sharing-row") as i64, sharing);
    let routes: i64 = data_test(&html, "partner-routes-count").unwrap().parse().unwrap();
    assert_eq!(count(&html, "partner-route") as i64, routes);
    assert!(data_test(&html, "partner-gaps").is_some());
    assert!(html.contains("data-gap=\"agreement_expiring_soon\""));
}

#[tokio::test]
async fn the_dashboard_has_a_coverage_gaps_panel() {
    let app = TestApp::spawn(true).await;
    let (_, html) = app.get("/").await;
    let panel = data_test(&html, "coverage-gaps").expect("coverage gaps panel");
    assert!(panel.contains("No agreement in force"), "{panel}");
    assert_eq!(count(&html, "gap-kind-row"), 4);
}

#[tokio::test]
async fn the_route_list_pages_through_many_routes_by_page_number() {
    let app = TestApp::spawn(false).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 55)
         INSERT INTO routes (slug, name) SELECT printf('paged-%02d', i), printf('Paged route %02d', i) FROM n",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let (status, html) = app.get("/routes").await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "route-count").unwrap(), "55 routes");
    assert_eq!(count(&html, "route-row"), 50, "a page of 50");
    assert!(html.contains("href=\"/routes?page=2\""), "a link to page 2 by its number");
    assert!(html.contains("<title>Routes (page 1 of 2) – Accord</title>"));

    let (status, html) = app.get("/routes?page=2").await;
    assert_eq!(status, 200);
    assert_eq!(count(&html, "route-row"), 5, "the rest on page 2");
    assert!(html.contains("<title>Routes (page 2 of 2) – Accord</title>"));
}
