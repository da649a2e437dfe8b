//! Every figure leads to the records behind it: each figure and count on the
//! dashboard, a partner page and a route page is a link to a filtered list whose
//! stated count is the figure, for readers at each clearance.

use super::{data_test, Session, TestApp};
use accord::{Level, Role};

/// A link found on a page: where it goes, the number it shows, and what it is.
#[derive(Debug)]
struct Figure {
    what: String,
    href: String,
    value: i64,
}

/// The leading whole number of a text ("12 agreements", "3 red" → 12, 3).
fn leading_number(text: &str) -> Option<i64> {
    let digits: String =
        text.trim().chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.replace(',', "").parse().ok()
}

/// The link (`<a …>`) that holds the position `at`, if any.
fn enclosing_link(html: &str, at: usize) -> Option<&str> {
    let start = html[..at].rfind("<a ")?;
    if html[start..at].contains("</a>") {
        return None;
    }
    let end = start + html[start..].find('>')?;
    Some(&html[start..=end])
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let from = tag.find(&marker)? + marker.len();
    Some(tag[from..from + tag[from..].find('"')?].replace("&amp;", "&"))
}

/// Every element carrying `data-test="{test}"` inside a link (or the link itself),
/// with the link's address and the number the element starts with. A count of 0 is
/// shown without a link, and a gap without a number names no count: both left out.
/// Any other count that is not a link fails the test.
fn links(html: &str, test: &str) -> Vec<Figure> {
    let marker = format!("data-test=\"{test}\"");
    let mut figures = Vec::new();
    for (at, _) in html.match_indices(&marker) {
        let start = html[..at].rfind('<').unwrap_or(0);
        let text = data_test(&html[start..], test).unwrap_or_default();
        let Some(value) = leading_number(&text) else { continue };
        match enclosing_link(html, at).and_then(|tag| attribute(tag, "href")) {
            Some(href) => figures.push(Figure { what: format!("{test} {text}"), href, value }),
            None => assert_eq!(value, 0, "{test} \"{text}\" is a count but not a link"),
        }
    }
    figures
}

/// The figure named `test` (a whole number), panicking if the page has none.
fn number(html: &str, test: &str) -> i64 {
    let text = data_test(html, test).unwrap_or_else(|| panic!("no {test} on the page"));
    leading_number(&text).unwrap_or_else(|| panic!("{test}: {text}"))
}

/// The count a list states: agreements, commitments, sharing (`result-count`),
/// partners (`partner-count`) and routes (`route-count`).
async fn stated_count(app: &TestApp, session: &Session, href: &str) -> i64 {
    let (status, html) = app.get_as(session, href).await;
    assert_eq!(status, 200, "{href}");
    let test = if href.starts_with("/partners?") {
        "partner-count"
    } else if href.starts_with("/routes?") {
        "route-count"
    } else {
        "result-count"
    };
    number(&html, test)
}

/// Follows each figure's link and checks the list states the figure; returns how many
/// were followed.
async fn follow(app: &TestApp, session: &Session, figures: &[Figure]) -> usize {
    let mut problems = Vec::new();
    for figure in figures {
        if figure.href.starts_with("/agreements/") || figure.href.contains('#') {
            continue; // one record, or a place on a page: no count to compare
        }
        let listed = stated_count(app, session, &figure.href).await;
        if listed != figure.value {
            problems.push(format!("{}: {} lists {listed}", figure.what, figure.href));
        }
    }
    assert!(
        problems.is_empty(),
        "figures that are not their list's count:\n{}",
        problems.join("\n")
    );
    figures.len()
}

/// The dashboard's figures, each with its link.
fn dashboard_figures(html: &str) -> Vec<Figure> {
    let mut all = Vec::new();
    for test in [
        "overdue-commitments-count",
        "expiring-count",
        "status-count",
        "agreements-total",
        "rag-red",
        "rag-amber",
        "rag-green",
        "rag-unrated",
        "rag-total",
        "gap-kind-count",
        "route-partners-count",
    ] {
        all.extend(links(html, test));
    }
    for state in ["due", "overdue"] {
        let parts: Vec<Figure> = ["agreements", "commitments", "sharing"]
            .iter()
            .flat_map(|kind| links(html, &format!("review-{state}-{kind}")))
            .collect();
        assert_eq!(parts.len(), 3, "reviews {state}: a link per kind of record");
        let sum: i64 = parts.iter().map(|p| p.value).sum();
        assert_eq!(sum, number(html, &format!("reviews-{state}-count")), "reviews {state} add up");
        all.extend(parts);
    }
    all
}

async fn check_dashboard(app: &TestApp, session: &Session) -> usize {
    let (status, html) = app.get_as(session, "/").await;
    assert_eq!(status, 200);
    let figures = dashboard_figures(&html);
    // The headline figures link whatever their value.
    for test in ["overdue-commitments-count", "expiring-count"] {
        assert_eq!(links(&html, test).len(), 1, "{test} is a link");
    }
    follow(app, session, &figures).await
}

#[tokio::test]
async fn every_dashboard_figure_links_to_a_list_whose_count_is_the_figure() {
    let app = TestApp::spawn(true).await;
    let followed = check_dashboard(&app, &app.session).await;
    assert!(followed >= 30, "a real dashboard: {followed} figures followed");

    // The same within a lower clearance: the figures and the lists both shrink.
    for (email, level) in
        [("official@test.example", Level::Official), ("secret@test.example", Level::Secret)]
    {
        app.add_user(email, Role::Viewer, level).await;
        let session = app.sign_in(email, super::PASSWORD).await;
        check_dashboard(&app, &session).await;
    }
}

#[tokio::test]
async fn a_partner_pages_counts_and_gaps_link_to_lists_with_those_counts() {
    let app = TestApp::spawn(true).await;
    app.add_user("official@test.example", Role::Viewer, Level::Official).await;
    let official = app.sign_in("official@test.example", super::PASSWORD).await;
    for session in [&app.session, &official] {
        let (status, html) = app.get_as(session, "/partners/LY").await;
        assert_eq!(status, 200);
        let mut figures = Vec::new();
        for test in [
            "partner-agreements-count",
            "partner-commitments-count",
            "partner-sharing-count",
            "partner-routes-count",
        ] {
            figures.extend(links(&html, test));
        }
        assert!(figures.len() >= 3, "Libya has records: {figures:?}");
        // Overdue commitments are a gap whose tag names their number.
        let gaps: Vec<Figure> = links(&html, "gap-link")
            .into_iter()
            .filter(|g| g.href.contains("overdue=true"))
            .collect();
        figures.extend(gaps);
        follow(&app, session, &figures).await;
    }
}

#[tokio::test]
async fn a_route_pages_counts_and_gaps_link_to_lists_with_those_counts() {
    let app = TestApp::spawn(true).await;
    let (status, html) = app.get("/routes/central-mediterranean").await;
    assert_eq!(status, 200, "{html}");
    let mut figures = links(&html, "leg-count");
    figures.extend(links(&html, "rag-count"));
    figures
        .extend(links(&html, "gap-link").into_iter().filter(|g| g.href.contains("overdue=true")));
    assert!(figures.len() >= 4, "counts along the route: {figures:?}");
    follow(&app, &app.session, &figures).await;
}

#[tokio::test]
async fn partner_pages_list_a_few_records_and_link_to_all_of_them() {
    let app = TestApp::spawn(true).await;
    // More agreements with Libya than the page lists.
    for n in 0..12 {
        sqlx::query(
            "INSERT INTO agreements (reference, title, kind, status, classification, legally_binding)
             VALUES (?1, 'Many', 'other', 'proposed', 'official', 0)",
        )
        .bind(format!("MANY-{n:02}"))
        .execute(&app.pool)
        .await
        .expect("agreement");
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, partner)
             SELECT id, 'LY' FROM agreements WHERE reference = ?1",
        )
        .bind(format!("MANY-{n:02}"))
        .execute(&app.pool)
        .await
        .expect("party");
    }
    let (_, html) = app.get("/partners/LY").await;
    let rows = html.matches("data-test=\"partner-agreement-row\"").count();
    assert_eq!(rows as i64, accord::coverage::PARTNER_RECORD_LIMIT);
    let total = number(&html, "partner-agreements-count");
    assert!(total > rows as i64);
    let more = data_test(&html, "partner-agreements-more").expect("a view-all link");
    assert!(more.contains(&format!("View all {total} agreements")), "{more}");
    assert!(html.contains("href=\"/agreements?partner=LY\""));
    // In force first.
    let first = html.find("data-test=\"partner-agreement-row\"").expect("a row");
    let row_end = first + html[first..].find("</tr>").expect("row end");
    assert!(html[first..row_end].contains("In force"), "the first row is in force");
}
