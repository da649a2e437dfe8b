//! Roll-ups and reciprocity over HTTP on the demo data: every count on the pages is a
//! link to a list whose stated count is that count, for readers at two clearances
//! (whose figures differ, so the test can tell); unknown addresses answer 404.

use super::{data_test, element_text, Session, TestApp};
use accord::rollup::{Cell, Dimension};
use accord::{Level, Role};

/// Each count link on a page whose number carries one of `tests`: (test, href, value).
/// A count of 0 is shown without a link and is left out.
fn count_links(html: &str, tests: &[&str]) -> Vec<(String, String, i64)> {
    let mut found = Vec::new();
    for piece in html.split("<a ").skip(1) {
        let Some(tag_end) = piece.find('>') else { continue };
        let (tag, inner) = (&piece[..tag_end], &piece[tag_end + 1..]);
        let Some(href) = tag.split("href=\"").nth(1).and_then(|h| h.split('"').next()) else {
            continue;
        };
        let Some(rest) = inner.strip_prefix("<span data-test=\"") else { continue };
        let Some((test, rest)) = rest.split_once("\">") else { continue };
        let Some(value) = rest.split('<').next().and_then(|n| n.parse().ok()) else { continue };
        if tests.contains(&test) {
            found.push((test.to_owned(), href.replace("&amp;", "&"), value));
        }
    }
    found
}

/// Follows every link and returns the figures that are not their list's count.
async fn mismatches(
    app: &TestApp,
    session: &Session,
    links: &[(String, String, i64)],
) -> Vec<String> {
    let mut problems = Vec::new();
    for (test, href, value) in links {
        let (status, html) = app.get_as(session, href).await;
        assert_eq!(status, 200, "{href}");
        let stated = data_test(&html, "result-count").unwrap_or_default();
        let listed: i64 = stated.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(-1);
        if listed != *value {
            problems.push(format!("{test} = {value}, but {href} lists {stated}"));
        }
    }
    problems
}

async fn reader(app: &TestApp, email: &str, level: Level) -> Session {
    app.add_user(email, Role::Viewer, level).await;
    app.sign_in(email, super::PASSWORD).await
}

#[tokio::test]
async fn every_rollup_cell_links_to_a_list_whose_count_is_the_cell() {
    let app = TestApp::spawn(true).await;
    let official = reader(&app, "official@test.example", Level::Official).await;
    let secret = reader(&app, "secret@test.example", Level::Secret).await;
    let codes: Vec<&str> = Cell::all().into_iter().map(Cell::code).collect();
    let mut totals = Vec::new();
    for session in [&official, &secret] {
        let mut problems = Vec::new();
        let mut total = 0;
        for dimension in Dimension::ALL {
            let path = format!("/reviews/rollups/{}", dimension.code());
            let (status, html) = app.get_as(session, &path).await;
            assert_eq!(status, 200, "{path}");
            assert!(
                html.contains("data-test=\"rollup-region\""),
                "{path}: the table scrolls in its region"
            );
            let links = count_links(&html, &codes);
            assert!(links.len() >= 10, "{path}: a real roll-up, {} links", links.len());
            total += links.iter().filter(|(t, _, _)| t == "total").map(|(_, _, v)| v).sum::<i64>();
            problems.extend(mismatches(&app, session, &links).await);
        }
        assert!(
            problems.is_empty(),
            "cells that are not their list's count:\n{}",
            problems.join("\n")
        );
        totals.push(total);
    }
    assert!(totals[0] < totals[1], "an OFFICIAL reader counts fewer commitments: {totals:?}");
}

#[tokio::test]
async fn reciprocity_counts_link_to_lists_with_those_counts() {
    let app = TestApp::spawn(true).await;
    let official = reader(&app, "official@test.example", Level::Official).await;
    // An OFFICIAL agreement whose commitments both sides made.
    let id: i64 = sqlx::query_scalar(
        "SELECT a.id FROM agreements a WHERE a.classification = 'official'
            AND (SELECT count(DISTINCT committing_party) FROM commitments c
                  WHERE c.agreement_id = a.id AND c.classification = 'official') >= 2
          ORDER BY a.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("a demo agreement with commitments on both sides");
    for session in [&app.session, &official] {
        for path in [format!("/agreements/{id}/reciprocity"), "/partners/LY/reciprocity".to_owned()]
        {
            let (status, html) = app.get_as(session, &path).await;
            assert_eq!(status, 200, "{path}");
            assert!(html.contains("data-test=\"reciprocity-table\""), "{path}");
            let links = count_links(&html, &["count"]);
            assert!(links.len() >= 4, "{path}: both sides counted, {links:?}");
            let problems = mismatches(&app, session, &links).await;
            assert!(problems.is_empty(), "{path}:\n{}", problems.join("\n"));
        }
    }
    let (_, agreement) = app.get(&format!("/agreements/{id}")).await;
    assert!(agreement.contains(&format!("href=\"/agreements/{id}/reciprocity\"")));
    let (_, libya) = app.get("/partners/LY").await;
    assert!(libya.contains("href=\"/partners/LY/reciprocity\""));
}

#[tokio::test]
async fn unknown_rollups_and_reciprocity_subjects_are_not_found() {
    let app = TestApp::spawn(true).await;
    for path in [
        "/reviews/rollups/colour",
        "/partners/GB/reciprocity",
        "/partners/ZZ/reciprocity",
        "/agreements/99999999/reciprocity",
        "/agreements/not-a-number/reciprocity",
    ] {
        let (status, _) = app.get(path).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, html) = app.get("/reviews/rollups").await;
    assert_eq!(status, 200);
    for dimension in Dimension::ALL {
        assert!(html.contains(&format!("href=\"/reviews/rollups/{}\"", dimension.code())));
    }
}

/// What each column's hidden label says its count is of, as a screen reader hears it
/// after the number: written out here, not taken from the page's code.
const HIDDEN_WHATS: [(&str, &str); 14] = [
    ("total", "all commitments"),
    ("not_started", "commitments not started"),
    ("in_progress", "commitments in progress"),
    ("met", "commitments met"),
    ("partially_met", "commitments partially met"),
    ("not_met", "commitments not met"),
    ("withdrawn", "commitments withdrawn"),
    ("red", "red commitments"),
    ("amber", "amber commitments"),
    ("green", "green commitments"),
    ("not_rated", "not rated commitments"),
    ("overdue", "commitments overdue"),
    ("review_due", "commitments review due"),
    ("review_overdue", "commitments review overdue"),
];

#[tokio::test]
async fn every_rollup_count_says_what_it_counts_and_of_which_row() {
    let app = TestApp::spawn(true).await;
    for dimension in Dimension::ALL {
        let path = format!("/reviews/rollups/{}", dimension.code());
        let (status, html) = app.get(&path).await;
        assert_eq!(status, 200, "{path}");
        let rows: Vec<&str> = html
            .split("data-test=\"rollup-row\"")
            .skip(1)
            .map(|row| row.split("</tr>").next().unwrap_or_default())
            .collect();
        assert!(rows.len() >= 2, "{path}: a real roll-up, {} rows", rows.len());
        let mut labelled = 0;
        for row in rows {
            let name = element_text(row, "<th").unwrap_or_default();
            assert!(!name.is_empty(), "{path}: a row without a name: {row}");
            for cell in row.split("<td").skip(1) {
                let Some(rest) = cell.split("<span data-test=\"").nth(1) else { continue };
                let Some((code, rest)) = rest.split_once("\">") else { continue };
                let Some(hidden) = element_text(rest, "govuk-visually-hidden") else {
                    // A count of 0 is plain text: nothing to follow, nothing to say.
                    assert!(rest.starts_with("0<"), "{path}, {name}: {code} has no label");
                    continue;
                };
                let what = HIDDEN_WHATS.iter().find(|(c, _)| *c == code).map(|(_, w)| *w);
                let what = what.unwrap_or_else(|| panic!("{path}: unknown column {code}"));
                assert_eq!(hidden, format!("{what}, {name}"), "{path}: the label of {code}");
                labelled += 1;
            }
        }
        assert!(labelled >= 10, "{path}: {labelled} labelled counts");
    }
}
