//! A pack's upcoming reviews, and the aggregate marking of every record it draws on.

use super::records::marking;
use super::scope::{partner_agreements, scoped_commitment};
use crate::domain::briefing_pack::{PackReview, PACK_RECORD_LIMIT, REVIEW_HORIZON_DAYS};
use crate::domain::{Classification, Clearance, Level};
use crate::storage::conditions::{
    agreement_not_ended, commitment_not_withdrawn, sharing_not_ended,
};
use crate::storage::visibility::{visible, visible_levels};
use sqlx::{FromRow, SqlitePool};
use time::{Date, Duration};

#[derive(FromRow)]
struct ReviewRow {
    due_on: Date,
    kind: String,
    reference: String,
    total: i64,
}

/// Reviews of the scope's records (`codes`, a `Scope` as JSON) still reviewed, due by
/// today + [`REVIEW_HORIZON_DAYS`] (overdue ones too), soonest first, at most
/// [`PACK_RECORD_LIMIT`]; and how many there are in all.
pub(super) async fn upcoming(
    pool: &SqlitePool,
    codes: &str,
    clearance: Clearance,
    today: Date,
) -> Result<(Vec<PackReview>, i64), sqlx::Error> {
    let horizon = today.saturating_add(Duration::days(REVIEW_HORIZON_DAYS));
    let rows: Vec<ReviewRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        ", due AS (
             SELECT a.next_review_on AS due_on, 'Agreement' AS kind, a.reference AS reference
               FROM a WHERE a.next_review_on <= ?3 AND ",
        agreement_not_ended!("a"),
        " UNION ALL
             SELECT c.next_review_on, 'Commitment', a.reference || ' commitment ' || c.id
               FROM commitments c JOIN a ON a.id = c.agreement_id
              WHERE c.next_review_on <= ?3 AND ",
        commitment_not_withdrawn!("c"),
        " AND ",
        scoped_commitment!(),
        " AND ",
        visible!("c.classification", "a.classification"),
        " UNION ALL
             SELECT s.next_review_on, 'Sharing arrangement', s.reference
               FROM sharing_arrangements s
              WHERE s.partner IN (SELECT value FROM json_each(?1, '$.sharing'))
                AND s.next_review_on <= ?3 AND ",
        sharing_not_ended!("s"),
        " AND ",
        visible!("s.classification"),
        ") SELECT due_on, kind, reference, count(*) OVER () AS total FROM due
            ORDER BY due_on, kind, reference LIMIT ?4"
    ))
    .bind(codes)
    .bind(clearance.rank())
    .bind(horizon)
    .bind(PACK_RECORD_LIMIT)
    .fetch_all(pool)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    let reviews = rows
        .into_iter()
        .map(|r| PackReview { due_on: r.due_on, kind: r.kind, reference: r.reference })
        .collect();
    Ok((reviews, total))
}

/// The aggregate marking of every record of the scope the reader may see: their
/// agreements, the commitments under them and their sharing arrangements. The pack
/// counts all of these (the summary discloses them) even when it lists only some.
pub(super) async fn marks(
    pool: &SqlitePool,
    codes: &str,
    clearance: Clearance,
) -> Result<Classification, sqlx::Error> {
    type Row = (Level, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        " SELECT classification, caveat, releasability FROM a
          UNION
          SELECT c.classification, c.caveat, c.releasability
            FROM commitments c JOIN a ON a.id = c.agreement_id
           WHERE ",
        scoped_commitment!(),
        " AND ",
        visible!("c.classification", "a.classification"),
        " UNION
          SELECT s.classification, s.caveat, s.releasability FROM sharing_arrangements s
           WHERE s.partner IN (SELECT value FROM json_each(?1, '$.sharing')) AND ",
        visible!("s.classification")
    ))
    .bind(codes)
    .bind(clearance.rank())
    .fetch_all(pool)
    .await?;
    let marks: Vec<Classification> =
        rows.into_iter().map(|(level, caveat, release)| marking(level, caveat, release)).collect();
    Ok(Classification::highest(&marks))
}
