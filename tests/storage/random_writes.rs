//! Random writes of every kind that changes what pages show, for the tests that check
//! a change count or a tally against the records through a long random sequence.
#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use crate::tallies::{Steps, CAVEATS, LEVELS, PARTNERS, RAGS, STATUSES};
use accord::{Level, User};
use sqlx::SqlitePool;
use time::Date;

/// How many kinds of write [`write`] makes.
pub const KINDS: usize = 20;

/// Texts that the search tests' queries find, and one they do not.
pub const TEXTS: &[&str] = &[
    "Joint returns flights each quarter",
    "Border guard training in Libya",
    "A removal centre inspection regime",
    "Smuggling network disruption",
    "Nothing searched for here",
];

/// One step of a random sequence, as [`step`] made it.
pub struct Step {
    pub kind: usize,
    /// False when the schema refused the write (which then changed nothing).
    pub written: bool,
    /// "step 12: a commitment re-marked", for failure messages.
    pub after: String,
}

/// Step number `step` of a random sequence: a kind drawn by `steps` and its [`write`];
/// `None` when there was no row to write.
pub async fn step(
    pool: &SqlitePool,
    steps: &mut Steps,
    reviewer: &User,
    today: Date,
    step: usize,
) -> Option<Step> {
    let kind = steps.below(KINDS);
    let (written, after) = match write(pool, steps, reviewer, today, kind).await? {
        Ok(what) => (true, format!("step {step}: {what}")),
        Err(error) => (false, format!("step {step}: a refused write ({error})")),
    };
    Some(Step { kind, written, after })
}

/// Makes one write of kind `kind` (below [`KINDS`]) on a row `steps` picks, `reviewer`
/// recording assessments on `today`. What was done, or the error of a write the schema
/// refused (which changes nothing); `None` when there was no row to write.
pub async fn write(
    pool: &SqlitePool,
    steps: &mut Steps,
    reviewer: &User,
    today: Date,
    kind: usize,
) -> Option<Result<&'static str, sqlx::Error>> {
    let done = match kind {
        0 => {
            let Some(agreement) = steps.id(pool, "agreements").await else { return None };
            sqlx::query(
                "INSERT INTO commitments (agreement_id, committing_party, text, category, status,
                                          rag, classification, caveat)
                 SELECT ?1, partner, ?2, 'returns', ?3, nullif(?4, ''), ?5, nullif(?6, '')
                   FROM agreement_parties WHERE agreement_id = ?1 ORDER BY partner LIMIT 1",
            )
            .bind(agreement)
            .bind(steps.pick(TEXTS))
            .bind(steps.pick(STATUSES))
            .bind(steps.pick(RAGS))
            .bind(steps.pick(LEVELS))
            .bind(steps.pick(CAVEATS))
            .execute(pool)
            .await
            .map(|_| "a commitment created")
        }
        1 => {
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            sqlx::query("UPDATE commitments SET status = ?2, rag = nullif(?3, '') WHERE id = ?1")
                .bind(id)
                .bind(steps.pick(STATUSES))
                .bind(steps.pick(RAGS))
                .execute(pool)
                .await
                .map(|_| "a status and RAG changed")
        }
        2 => steps.remark(pool, "commitments").await.map(|_| "a commitment re-marked"),
        3 => steps.remark(pool, "agreements").await.map(|_| "an agreement re-marked"),
        4 => {
            let Some(id) = steps.id(pool, "agreements").await else { return None };
            let partner = steps.pick(PARTNERS);
            let sql = if steps.below(2) == 0 {
                "INSERT OR IGNORE INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)"
            } else {
                "DELETE FROM agreement_parties WHERE agreement_id = ?1 AND partner = ?2"
            };
            sqlx::query(sql)
                .bind(id)
                .bind(partner)
                .execute(pool)
                .await
                .map(|_| "an agreement's parties changed")
        }
        5 => {
            // Through the storage layer, as a reviewer records one.
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            let (version, level, caveat, releasability): (i64, Level, Option<String>, Option<String>) =
                sqlx::query_as(
                    "SELECT version, classification, caveat, releasability FROM commitments WHERE id = ?1",
                )
                .bind(id)
                .fetch_one(pool)
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
                pool, id, version, &draft, &reviewer,
            )
            .await;
            assert!(recorded.is_ok(), "assessment refused: {recorded:?}");
            Ok("an assessment recorded")
        }
        6 => {
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            sqlx::query(
                "DELETE FROM commitments WHERE id = ?1
                   AND NOT EXISTS (SELECT 1 FROM assessments WHERE commitment_id = ?1)",
            )
            .bind(id)
            .execute(pool)
            .await
            .map(|_| "a commitment deleted")
        }
        7 => {
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            sqlx::query("UPDATE commitments SET text = ?2, owner = ?3 WHERE id = ?1")
                .bind(id)
                .bind(steps.pick(TEXTS))
                .bind(steps.pick(&["", "Returns Team", "Border Team"]))
                .execute(pool)
                .await
                .map(|_| "a commitment's text and owner changed")
        }
        8 => {
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            let due = steps.pick(&[
                "",
                "2026-10-31",
                "2026-11-01",
                "2026-11-29",
                "2026-11-30",
                "2026-12-01",
                "2027-01-14",
            ]);
            let review = steps.pick(&[
                "",
                "2026-11-30",
                "2026-12-01",
                "2026-12-31",
                "2027-01-15",
                "2027-02-14",
            ]);
            sqlx::query(
                "UPDATE commitments SET due_on = nullif(?2, ''), next_review_on = nullif(?3, ''),
                        version = version + 1 WHERE id = ?1",
            )
            .bind(id)
            .bind(due)
            .bind(review)
            .execute(pool)
            .await
            .map(|_| "a commitment's dates changed")
        }
        9 => {
            let Some(id) = steps.id(pool, "agreements").await else { return None };
            sqlx::query("UPDATE agreements SET summary = ?2, owner = ?3 WHERE id = ?1")
                .bind(id)
                .bind(steps.pick(TEXTS))
                .bind(steps.pick(&["Returns Team", "Border Team", "Channel Team"]))
                .execute(pool)
                .await
                .map(|_| "an agreement's summary and owner changed")
        }
        10 => steps
            .remark(pool, "sharing_arrangements")
            .await
            .map(|_| "a sharing arrangement re-marked"),
        11 => {
            let Some(id) = steps.id(pool, "sharing_arrangements").await else { return None };
            sqlx::query("UPDATE sharing_arrangements SET title = ?2 WHERE id = ?1")
                .bind(id)
                .bind(steps.pick(TEXTS))
                .execute(pool)
                .await
                .map(|_| "a sharing arrangement's title changed")
        }
        12 => {
            let Some(id) = steps.id(pool, "agreements").await else { return None };
            sqlx::query("UPDATE agreements SET status = ?2, version = version + 1 WHERE id = ?1")
                .bind(id)
                .bind(steps.pick(&["in_force", "suspended", "signed", "expired"]))
                .execute(pool)
                .await
                .map(|_| "an agreement's status changed")
        }
        13 => {
            let partner = steps.pick(PARTNERS);
            sqlx::query("UPDATE partners SET name = ?2 WHERE alpha2 = ?1")
                .bind(partner)
                .bind(steps.pick(&["Libya", "Smuggling Republic", "Borderland"]))
                .execute(pool)
                .await
                .map(|_| "a partner renamed")
        }
        14 => {
            let Some(route) = steps.id(pool, "routes").await else { return None };
            let partner = steps.pick(PARTNERS);
            if steps.below(2) == 0 {
                sqlx::query(
                    "INSERT INTO route_legs (route_id, position, partner, role)
                     SELECT ?1, coalesce(max(position), 0) + 1, ?2, 'transit'
                       FROM route_legs WHERE route_id = ?1",
                )
                .bind(route)
                .bind(partner)
                .execute(pool)
                .await
                .map(|_| "a route leg added")
            } else {
                sqlx::query(
                    "DELETE FROM route_legs WHERE id = (SELECT max(id) FROM route_legs WHERE route_id = ?1)",
                )
                .bind(route)
                .execute(pool)
                .await
                .map(|_| "a route leg removed")
            }
        }
        15 => {
            let Some(id) = steps.id(pool, "sharing_arrangements").await else { return None };
            sqlx::query(
                "UPDATE sharing_arrangements SET status = ?2, version = version + 1 WHERE id = ?1",
            )
            .bind(id)
            .bind(steps.pick(&["proposed", "active", "active", "suspended", "ended"]))
            .execute(pool)
            .await
            .map(|_| "a sharing arrangement's status changed")
        }
        17 => {
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            let strand = steps.pick(&["prevent", "pursue", "protect", "prepare"]);
            let sql = if steps.below(2) == 0 {
                "INSERT OR IGNORE INTO commitment_strands (commitment_id, strand) VALUES (?1, ?2)"
            } else {
                "DELETE FROM commitment_strands WHERE commitment_id = ?1 AND strand = ?2"
            };
            sqlx::query(sql)
                .bind(id)
                .bind(strand)
                .execute(pool)
                .await
                .map(|_| "a commitment's strands changed")
        }
        18 => {
            let Some(id) = steps.id(pool, "agreements").await else { return None };
            sqlx::query(
                "UPDATE agreements SET lead_department_id =
                   (SELECT id FROM uk_bodies ORDER BY id LIMIT 1 OFFSET ?2) WHERE id = ?1",
            )
            .bind(id)
            .bind(i64::try_from(steps.below(4)).unwrap())
            .execute(pool)
            .await
            .map(|_| "an agreement's lead department changed")
        }
        19 => {
            // Next review (and an agreement's expiry, never before it came into force)
            // moved either side of a month's end, or cleared.
            let review = steps.pick(&["2026-11-28", "2026-11-30", "2026-12-01", "2027-01-02", ""]);
            let expiry = steps.pick(&["2026-11-29", "2026-12-05", "2027-02-01", ""]);
            let moved = steps.below(3);
            if moved < 2 {
                let Some(id) = steps.id(pool, "agreements").await else { return None };
                // One date or the other, so each alone is seen to move the tallies.
                let sql = if moved == 0 {
                    "UPDATE agreements SET next_review_on = nullif(?2, '') WHERE id = ?1"
                } else {
                    "UPDATE agreements
                        SET expires_on = iif(?3 = '', NULL, max(?3, coalesce(in_force_on, ?3)))
                      WHERE id = ?1"
                };
                sqlx::query(sql)
                    .bind(id)
                    .bind(review)
                    .bind(expiry)
                    .execute(pool)
                    .await
                    .map(|_| "an agreement's review or expiry date moved")
            } else {
                let Some(id) = steps.id(pool, "sharing_arrangements").await else { return None };
                sqlx::query(
                    "UPDATE sharing_arrangements SET next_review_on = nullif(?2, '') WHERE id = ?1",
                )
                .bind(id)
                .bind(review)
                .execute(pool)
                .await
                .map(|_| "a sharing arrangement's review date moved")
            }
        }
        _ => {
            let Some(id) = steps.id(pool, "commitments").await else { return None };
            let Some(agreement) = steps.id(pool, "agreements").await else { return None };
            sqlx::query("UPDATE commitments SET agreement_id = ?2 WHERE id = ?1")
                .bind(id)
                .bind(agreement)
                .execute(pool)
                .await
                .map(|_| "a commitment moved to another agreement")
        }
    };
    Some(done)
}
