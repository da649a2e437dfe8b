//! The change count 'search' (migrations/0024_search_changes.sql) moves whenever what a
//! search finds can change: through a random sequence of writes of every kind that
//! touches searched text or visibility, and of kinds that touch neither, the matches
//! of several queries at every clearance never change unless the count moved. And the
//! writes a reviewer makes all day (a status, a RAG, an assessment, a review date)
//! never move it, which is the point of keeping it apart.

use crate::tallies::{Steps, LEVELS, PARTNERS, RAGS, STATUSES};
use accord::storage::search::{matches, Matches};
use accord::{Clearance, Level};
use sqlx::SqlitePool;

const QUERIES: &[&str] = &["returns", "border", "ret", "libya", "removal centre", "smuggling"];
const TEXTS: &[&str] = &[
    "Joint returns flights each quarter",
    "Border guard training in Libya",
    "A removal centre inspection regime",
    "Smuggling network disruption",
    "Nothing searched for here",
];

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

/// Kinds of write that change neither searched text nor visibility: the count must
/// stay where it is after each.
const UNSEARCHED: &[usize] = &[1, 5, 8, 12];

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
    for step in 0..240 {
        let kind = steps.below(14);
        let what = match kind {
            0 => {
                let Some(agreement) = steps.id(&pool, "agreements").await else { continue };
                sqlx::query(
                    "INSERT INTO commitments (agreement_id, committing_party, text, category, status, classification)
                     SELECT ?1, partner, ?2, 'returns', 'in_progress', ?3
                       FROM agreement_parties WHERE agreement_id = ?1 ORDER BY partner LIMIT 1",
                )
                .bind(agreement)
                .bind(steps.pick(TEXTS))
                .bind(steps.pick(LEVELS))
                .execute(&pool)
                .await
                .map(|_| "a commitment created")
            }
            1 => {
                let Some(id) = steps.id(&pool, "commitments").await else { continue };
                sqlx::query(
                    "UPDATE commitments SET status = ?2, rag = nullif(?3, '') WHERE id = ?1",
                )
                .bind(id)
                .bind(steps.pick(STATUSES))
                .bind(steps.pick(RAGS))
                .execute(&pool)
                .await
                .map(|_| "a status and RAG changed")
            }
            2 => steps.remark(&pool, "commitments").await.map(|_| "a commitment re-marked"),
            3 => steps.remark(&pool, "agreements").await.map(|_| "an agreement re-marked"),
            4 => {
                let Some(id) = steps.id(&pool, "agreements").await else { continue };
                let partner = steps.pick(PARTNERS);
                let sql = if steps.below(2) == 0 {
                    "INSERT OR IGNORE INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)"
                } else {
                    "DELETE FROM agreement_parties WHERE agreement_id = ?1 AND partner = ?2"
                };
                sqlx::query(sql)
                    .bind(id)
                    .bind(partner)
                    .execute(&pool)
                    .await
                    .map(|_| "an agreement's parties changed")
            }
            5 => {
                // Through the storage layer, as a reviewer records one.
                let Some(id) = steps.id(&pool, "commitments").await else { continue };
                let (version, level, caveat, releasability): (i64, Level, Option<String>, Option<String>) =
                    sqlx::query_as(
                        "SELECT version, classification, caveat, releasability FROM commitments WHERE id = ?1",
                    )
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                let status = [
                    accord::CommitmentStatus::InProgress,
                    accord::CommitmentStatus::Met,
                    accord::CommitmentStatus::NotMet,
                ][steps.below(3)];
                let next = today.checked_add(time::Duration::days(steps.below(60) as i64));
                let mut draft = crate::assessments::draft(today, status, accord::Rag::Amber, next);
                draft.classification = accord::Classification { level, caveat, releasability };
                let recorded = accord::storage::assessments::record_assessment(
                    &pool, id, version, &draft, &reviewer,
                )
                .await;
                assert!(recorded.is_ok(), "step {step}: assessment refused: {recorded:?}");
                Ok("an assessment recorded")
            }
            6 => {
                let Some(id) = steps.id(&pool, "commitments").await else { continue };
                sqlx::query(
                    "DELETE FROM commitments WHERE id = ?1
                       AND NOT EXISTS (SELECT 1 FROM assessments WHERE commitment_id = ?1)",
                )
                .bind(id)
                .execute(&pool)
                .await
                .map(|_| "a commitment deleted")
            }
            7 => {
                let Some(id) = steps.id(&pool, "commitments").await else { continue };
                sqlx::query("UPDATE commitments SET text = ?2 WHERE id = ?1")
                    .bind(id)
                    .bind(steps.pick(TEXTS))
                    .execute(&pool)
                    .await
                    .map(|_| "a commitment's text changed")
            }
            8 => {
                let Some(id) = steps.id(&pool, "commitments").await else { continue };
                let review = steps.pick(&["", "2026-11-29", "2026-12-01", "2027-01-15"]);
                sqlx::query(
                    "UPDATE commitments SET next_review_on = nullif(?2, ''), due_on = nullif(?2, ''),
                            version = version + 1 WHERE id = ?1",
                )
                .bind(id)
                .bind(review)
                .execute(&pool)
                .await
                .map(|_| "a commitment's dates changed")
            }
            9 => {
                let Some(id) = steps.id(&pool, "agreements").await else { continue };
                sqlx::query("UPDATE agreements SET summary = ?2, owner = ?3 WHERE id = ?1")
                    .bind(id)
                    .bind(steps.pick(TEXTS))
                    .bind(steps.pick(&["Returns Team", "Border Team", "Channel Team"]))
                    .execute(&pool)
                    .await
                    .map(|_| "an agreement's summary and owner changed")
            }
            10 => steps
                .remark(&pool, "sharing_arrangements")
                .await
                .map(|_| "a sharing arrangement re-marked"),
            11 => {
                let Some(id) = steps.id(&pool, "sharing_arrangements").await else { continue };
                sqlx::query("UPDATE sharing_arrangements SET title = ?2 WHERE id = ?1")
                    .bind(id)
                    .bind(steps.pick(TEXTS))
                    .execute(&pool)
                    .await
                    .map(|_| "a sharing arrangement's title changed")
            }
            12 => {
                let Some(id) = steps.id(&pool, "agreements").await else { continue };
                sqlx::query(
                    "UPDATE agreements SET status = ?2, version = version + 1 WHERE id = ?1",
                )
                .bind(id)
                .bind(steps.pick(&["in_force", "suspended", "signed", "expired"]))
                .execute(&pool)
                .await
                .map(|_| "an agreement's status changed")
            }
            _ => {
                let partner = steps.pick(PARTNERS);
                sqlx::query("UPDATE partners SET name = ?2 WHERE alpha2 = ?1")
                    .bind(partner)
                    .bind(steps.pick(&["Libya", "Smuggling Republic", "Borderland"]))
                    .execute(&pool)
                    .await
                    .map(|_| "a partner renamed")
            }
        };
        let after = match what {
            Ok(what) => format!("step {step}: {what}"),
            Err(error) => format!("step {step}: a refused write ({error})"),
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
