//! Route and partner pages follow their own partners' changes
//! (migrations/0025_partner_changes.sql): through a random sequence of writes of every
//! kind, a route page or a partner page, at any clearance, never changes unless the
//! count of changes outside partners' commitments ('records' minus 'local') moved or
//! its partners' counts did; the review queue's agreement and arrangement counts, only
//! when the first did. And the
//! writes reviewers make all day (a status, a RAG, a marking, a text, dates, an
//! assessment) never move the first, so they keep the other partners' route pages.

use crate::random_writes;
use crate::tallies::{Steps, PARTNERS};
use accord::storage::review_queue::record_counts;
use accord::storage::routes::{page, partner_changes};
use accord::ReviewQueueQuery;
use accord::{BriefingSubject, Clearance, Level};
use sqlx::SqlitePool;
use time::Date;

/// Kinds of [`random_writes::write`] scoped to one agreement's commitments.
const LOCAL: &[usize] = &[1, 2, 5, 7, 8];

/// Every route's page (coverage and briefing) and the partner page of each of
/// [`PARTNERS`] and the UK (what the server's `fetch_partner` reads), at every clearance, each
/// with its stamp.
async fn pages(pool: &SqlitePool, slugs: &[String], today: Date) -> Vec<(String, String, i64)> {
    let mut all = Vec::new();
    // The review queue's agreements and arrangements, unfiltered and by partner: no
    // partner's stamp at all.
    let me = accord::review_queue::Mine {
        user_id: 1,
        display_name: "Returns Team".to_owned(),
        email: "team@test.gov.uk".to_owned(),
    };
    let by_partner = ReviewQueueQuery { partner: Some("FR".to_owned()), ..Default::default() };
    let mine = ReviewQueueQuery { mine: true, ..Default::default() };
    for query in [ReviewQueueQuery::default(), by_partner, mine] {
        for level in [Level::Official, Level::Secret, Level::TopSecret] {
            let counts = record_counts(pool, &query, &me, Clearance(level), today).await.unwrap();
            all.push((format!("queue records {query:?} at {level:?}"), format!("{counts:?}"), 0));
        }
    }
    // The home party too: party to everything, its page counts every commitment.
    for alpha2 in PARTNERS.iter().chain(&["GB"]) {
        let stamp = accord::storage::partners::changes(pool, alpha2).await.unwrap();
        for level in [Level::Official, Level::Secret, Level::TopSecret] {
            let clearance = Clearance(level);
            let summary =
                accord::storage::partners::summary(pool, alpha2, clearance).await.unwrap();
            let picture = accord::storage::routes::partner_picture(pool, alpha2, clearance, today)
                .await
                .unwrap();
            let subject = BriefingSubject::Partner((*alpha2).to_owned());
            let briefing = accord::storage::briefing_texts::for_subject(pool, &subject, clearance)
                .await
                .unwrap();
            let shown = format!("{summary:?} {picture:?} {briefing:?}");
            all.push((format!("partner {alpha2} at {level:?}"), shown, stamp));
        }
    }
    for slug in slugs {
        let stamp = partner_changes(pool, slug).await.unwrap();
        for level in [Level::Official, Level::Secret, Level::TopSecret] {
            let clearance = Clearance(level);
            let coverage = page(pool, slug, clearance, today).await.unwrap();
            let id = coverage.as_ref().map(|c| c.route.id);
            let briefing = match id {
                Some(id) => accord::storage::briefing_texts::for_subject(
                    pool,
                    &BriefingSubject::Route(id),
                    clearance,
                )
                .await
                .unwrap(),
                None => Vec::new(),
            };
            all.push((format!("{slug} at {level:?}"), format!("{coverage:?} {briefing:?}"), stamp));
        }
    }
    all
}

/// 'records' minus 'local': what every route page follows besides its partners.
async fn shared(pool: &SqlitePool) -> i64 {
    sqlx::query_scalar(
        "SELECT (SELECT n FROM change_counts WHERE what = 'records')
              - (SELECT n FROM change_counts WHERE what = 'local')",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_route_or_partner_page_never_changes_unless_its_partners_or_the_shared_count_moved() {
    let (_dir, pool) = crate::fresh().await;
    let today = accord::dates::parse_iso("2026-11-30").unwrap();
    accord::storage::demo::load(&pool, today).await.unwrap();
    let slugs: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM routes ORDER BY id").fetch_all(&pool).await.unwrap();
    assert!(slugs.len() >= 3, "the demo data has routes: {slugs:?}");
    let reviewer =
        crate::assessments::reviewer(&pool, "routes@test.gov.uk", Level::TopSecret).await;
    let mut steps = Steps(0x0a7e_5c0e_2026_0025);
    let mut before = pages(&pool, &slugs, today).await;
    let mut count = shared(&pool).await;
    let (mut changed_by_partners, mut kept_by_stamp) = (0, 0);
    for step in 0..300 {
        let Some(random_writes::Step { kind, after, .. }) =
            random_writes::step(&pool, &mut steps, &reviewer, today, step).await
        else {
            continue;
        };
        let now = pages(&pool, &slugs, today).await;
        let moved = shared(&pool).await;
        for ((name, was, stamp_was), (_, is, stamp)) in before.iter().zip(&now) {
            if was != is {
                assert!(
                    moved != count || stamp != stamp_was,
                    "{after}: the page of {name} changed and neither count moved"
                );
                if moved == count {
                    changed_by_partners += 1;
                }
            } else if LOCAL.contains(&kind) && stamp == stamp_was {
                kept_by_stamp += 1;
            }
        }
        if LOCAL.contains(&kind) {
            assert_eq!(
                moved, count,
                "{after}: a write within one agreement moved the shared count"
            );
        }
        (before, count) = (now, moved);
    }
    assert!(changed_by_partners > 20, "partners' writes changed pages ({changed_by_partners})");
    assert!(kept_by_stamp > 20, "other routes kept their stamps ({kept_by_stamp})");
}
