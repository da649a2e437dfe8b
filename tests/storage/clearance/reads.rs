//! Every read surface leaves out a record shown under one the reader cannot see — a
//! commitment under a SECRET (or TOP SECRET) agreement, a governing agreement, a
//! supersedes/amends link — in its rows, counts and marking, and shows it to a
//! reader cleared for it.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::seed::*;
use accord::storage::{commitments, dashboard, partners, routes, search, sharing};
use accord::{Clearance, CommitmentFilter, Level};

const OFFICIAL: Clearance = Clearance(Level::Official);
const SECRET: Clearance = Clearance(Level::Secret);
const TOP_SECRET: Clearance = Clearance(Level::TopSecret);

/// True when `value`'s debug text holds the marker: what a reader got, read whole.
fn shows(value: &impl std::fmt::Debug, marker: &str) -> bool {
    format!("{value:?}").contains(marker)
}

#[tokio::test]
async fn dashboard_counts_a_commitment_only_with_its_agreement() {
    let (_dir, pool) = crate::fresh().await;
    seed(&pool).await;
    let official = dashboard::load(&pool, OFFICIAL, TODAY).await.unwrap();
    let secret = dashboard::load(&pool, SECRET, TODAY).await.unwrap();
    let top = dashboard::load(&pool, TOP_SECRET, TODAY).await.unwrap();
    // Overdue: the visible child; + the child of the SECRET agreement; + the TOP SECRET one's.
    assert_eq!(
        (official.overdue_commitments, secret.overdue_commitments, top.overdue_commitments),
        (1, 2, 3)
    );
    // Overdue reviews: one agreement and its child per level seen.
    assert_eq!(
        (
            official.reviews_overdue.total(),
            secret.reviews_overdue.total(),
            top.reviews_overdue.total()
        ),
        (2, 4, 6)
    );
    let libya = |d: &accord::dashboard::Dashboard| {
        d.rag_by_partner.iter().find(|p| p.alpha2 == "LY").map(|p| (p.red, p.total))
    };
    assert_eq!(libya(&official), Some((1, 1)));
    assert_eq!(libya(&secret), Some((2, 2)));
    assert_eq!(libya(&top), Some((3, 3)));
    assert_eq!(official.marking.to_string(), "OFFICIAL");
    assert_eq!(secret.marking.to_string(), "SECRET UK EYES ONLY");
}

#[tokio::test]
async fn search_neither_lists_nor_counts_a_commitment_under_a_hidden_agreement() {
    let (_dir, pool) = crate::fresh().await;
    seed(&pool).await;
    for (marker, hidden_from, seen_by) in
        [(CHILD_OF_SECRET, OFFICIAL, SECRET), (CHILD_OF_TOP_SECRET, SECRET, TOP_SECRET)]
    {
        let hidden = search::search(&pool, marker, hidden_from, 20).await.unwrap();
        assert_eq!(hidden.total(), 0, "{marker} at {hidden_from:?}");
        assert!(!shows(&hidden, marker));
        let seen = search::search(&pool, marker, seen_by, 20).await.unwrap();
        assert_eq!(seen.commitments.total, 1, "{marker} at {seen_by:?}");
        // Found away from its agreement, the hit carries the agreement's marking.
        assert_eq!(seen.commitments.hits[0].classification.level, seen_by.0);
    }
    let visible = search::search(&pool, VISIBLE_CHILD, OFFICIAL, 20).await.unwrap();
    assert_eq!(visible.commitments.total, 1, "the control commitment is found");
}

#[tokio::test]
async fn the_register_lists_and_counts_a_commitment_only_with_its_agreement() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let filters = [
        CommitmentFilter::default(),
        CommitmentFilter { partner: Some("LY".into()), ..Default::default() },
        CommitmentFilter { overdue: true, ..Default::default() },
        CommitmentFilter { agreement: Some(s.secret), ..Default::default() },
    ];
    for filter in &filters {
        let (rows, total) = commitments::list(&pool, filter, OFFICIAL, TODAY).await.unwrap();
        assert!(!shows(&rows, CHILD_OF_SECRET), "{filter:?}");
        assert_eq!(total as usize, rows.len(), "{filter:?}");
        let (rows, _) = commitments::list(&pool, filter, SECRET, TODAY).await.unwrap();
        assert!(!shows(&rows, CHILD_OF_TOP_SECRET), "{filter:?}");
    }
    let (rows, total) = commitments::list(&pool, &filters[1], SECRET, TODAY).await.unwrap();
    assert_eq!(total, 2);
    let child = rows.iter().find(|r| r.id == s.child_of_secret).expect("listed at SECRET");
    assert_eq!(child.classification.to_string(), "SECRET", "its agreement's marking");

    assert!(commitments::get(&pool, s.child_of_secret, OFFICIAL, TODAY).await.unwrap().is_none());
    assert!(commitments::get(&pool, s.child_of_secret, SECRET, TODAY).await.unwrap().is_some());
    assert!(commitments::get(&pool, s.child_of_top_secret, SECRET, TODAY).await.unwrap().is_none());
    assert!(commitments::get(&pool, s.visible_child, OFFICIAL, TODAY).await.unwrap().is_some());
    assert!(commitments::parties(&pool, s.secret, OFFICIAL).await.unwrap().is_none());
    assert!(commitments::parties(&pool, s.top_secret, SECRET).await.unwrap().is_none());
}

#[tokio::test]
async fn the_partner_page_leaves_out_what_hangs_under_a_hidden_agreement() {
    let (_dir, pool) = crate::fresh().await;
    seed(&pool).await;
    let picture = routes::partner_picture(&pool, "LY", OFFICIAL, TODAY).await.unwrap();
    assert!(!shows(&picture, CHILD_OF_SECRET) && !shows(&picture, SECRET_AGREEMENT));
    assert_eq!((picture.commitments.len(), picture.commitments_total), (1, 1));
    assert_eq!(picture.coverage.commitments.total(), 1);
    assert_eq!(picture.marking.to_string(), "OFFICIAL");
    let (summary, marking) = partners::summary(&pool, "LY", OFFICIAL).await.unwrap().unwrap();
    assert_eq!((summary.agreements, summary.commitments, summary.sharing_arrangements), (1, 1, 1));
    assert_eq!(marking.to_string(), "OFFICIAL");

    let picture = routes::partner_picture(&pool, "LY", SECRET, TODAY).await.unwrap();
    assert!(shows(&picture, CHILD_OF_SECRET) && !shows(&picture, CHILD_OF_TOP_SECRET));
    assert_eq!((picture.commitments_total, picture.coverage.commitments.total()), (2, 2));
    // The demo's Libya: one SECRET UK EYES ONLY arrangement marks the whole page.
    assert_eq!(picture.marking.to_string(), "SECRET UK EYES ONLY");
    let (summary, marking) = partners::summary(&pool, "LY", SECRET).await.unwrap().unwrap();
    assert_eq!((summary.agreements, summary.commitments, summary.sharing_arrangements), (2, 2, 2));
    assert_eq!(marking.to_string(), "SECRET UK EYES ONLY");
}

#[tokio::test]
async fn route_coverage_counts_a_commitment_only_with_its_agreement() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let libya = |page: &accord::coverage::RouteCoverage| {
        page.legs.iter().find(|l| l.leg.alpha2 == "LY").map(|l| l.coverage.commitments)
    };
    let official = routes::page(&pool, s.route, OFFICIAL, TODAY).await.unwrap().unwrap();
    assert_eq!(libya(&official).map(|c| (c.red, c.overdue)), Some((1, 1)));
    assert_eq!(official.marking.to_string(), "OFFICIAL");
    assert!(!shows(&official, SECRET_AGREEMENT));
    let secret = routes::page(&pool, s.route, SECRET, TODAY).await.unwrap().unwrap();
    assert_eq!(libya(&secret).map(|c| (c.red, c.overdue)), Some((2, 2)));
    // The counts disclose commitments under a SECRET agreement: the page is SECRET.
    assert_eq!(secret.marking.level, Level::Secret);

    assert!(routes::page(&pool, s.secret_route, OFFICIAL, TODAY).await.unwrap().is_none());
    let list = routes::list(&pool, OFFICIAL, TODAY).await.unwrap();
    assert!(list.routes.iter().all(|r| r.slug != s.secret_route));
    assert_eq!(list.marking.to_string(), "OFFICIAL");
}

#[tokio::test]
async fn an_agreement_page_shows_no_link_to_an_agreement_the_reader_cannot_see() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let page = accord::storage::agreements::get(&pool, s.official, OFFICIAL, TODAY)
        .await
        .unwrap()
        .unwrap();
    assert!((page.supersedes.is_none(), page.amends.is_none()) == (true, true));
    // The edit form is pre-filled from the same record: no reference either.
    assert_eq!((page.draft.supersedes.as_deref(), page.draft.amends.as_deref()), (None, None));
    assert!(!shows(&page, "CLR-SECRET-1"));

    let page =
        accord::storage::agreements::get(&pool, s.official, SECRET, TODAY).await.unwrap().unwrap();
    assert_eq!(page.supersedes.map(|l| l.id), Some(s.secret));
    assert_eq!(page.draft.amends.as_deref(), Some("CLR-SECRET-1"));
}

#[tokio::test]
async fn a_sharing_page_shows_no_trace_of_a_governing_agreement_the_reader_cannot_see() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let page = sharing::get(&pool, s.governed, OFFICIAL).await.unwrap().expect("OFFICIAL");
    assert!(page.agreement.is_none() && page.draft.agreement.is_none());
    assert!(!shows(&page, "CLR-SECRET-1") && !shows(&page, SECRET_AGREEMENT));
    assert_eq!(page.page_marking().to_string(), "OFFICIAL");

    let page = sharing::get(&pool, s.governed, SECRET).await.unwrap().unwrap();
    assert_eq!(page.agreement.map(|a| a.id), Some(s.secret));
    assert!(sharing::get(&pool, s.eyes_only, OFFICIAL).await.unwrap().is_none());
}
