//! The change count 'search' (migrations/0024_search_changes.sql) moves whenever what a
//! search finds can change: through a random sequence of writes of every kind that
//! touches searched text or visibility, and of kinds that touch neither, the matches
//! of several queries at every clearance never change unless the count moved. And the
//! writes a reviewer makes all day (a status, a RAG, an assessment, a review date)
//! never move it, which is the point of keeping it apart.

use crate::random_writes;
use crate::tallies::Steps;
use accord::storage::search::{matches, Matches};
use accord::{Clearance, Level};
use sqlx::SqlitePool;

const QUERIES: &[&str] = &["returns", "border", "ret", "libya", "removal centre", "smuggling"];

/// Every query's matches at every clearance, in order.
async fn all_matches(pool: &SqlitePool) -> Vec<Matches> {
    let mut all = Vec::new();
    for query in QUERIES {
        for level in [Level::Official, Level::Secret, Level::TopSecret] {
            all.push(matches(pool, query, Clearance(level), 20).await.unwrap());
        }
    }
    all
}

async fn search_count(pool: &SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT n FROM change_counts WHERE what = 'search'")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Kinds of [`random_writes::write`] that change neither searched text nor
/// visibility: the count must stay where it is after each.
const UNSEARCHED: &[usize] = &[1, 5, 8, 12, 14, 15, 17, 18];

#[tokio::test]
async fn the_search_count_moves_whenever_what_a_search_finds_changes() {
    let (_dir, pool) = crate::fresh().await;
    let today = accord::dates::parse_iso("2026-11-30").unwrap();
    accord::storage::demo::load(&pool, today).await.unwrap();
    let reviewer =
        crate::assessments::reviewer(&pool, "search@test.gov.uk", Level::TopSecret).await;
    let mut steps = Steps(0x5ea7_c4a1_2026_0024);
    let mut before = all_matches(&pool).await;
    assert!(before.iter().any(|m| !m.hits.is_empty()), "the demo data answers the test's queries");
    let mut count = search_count(&pool).await;
    let (mut found_changed, mut count_kept) = (0, 0);
    for step in 0..300 {
        let Some(random_writes::Step { kind, after, .. }) =
            random_writes::step(&pool, &mut steps, &reviewer, today, step).await
        else {
            continue;
        };
        let now = all_matches(&pool).await;
        let moved = search_count(&pool).await;
        if now != before {
            found_changed += 1;
            assert_ne!(
                moved, count,
                "{after}: what a search finds changed, the count did not move"
            );
        }
        if UNSEARCHED.contains(&kind) {
            assert_eq!(moved, count, "{after}: a write no search finds by moved the count");
            count_kept += 1;
        }
        (before, count) = (now, moved);
    }
    assert!(found_changed > 20, "the sequence changed what searches find ({found_changed} steps)");
    assert!(count_kept > 20, "the sequence made writes searches ignore ({count_kept} steps)");
}
