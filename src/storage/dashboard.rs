//! The dashboard's figures, all within the reader's clearance. A commitment counts
//! only when its agreement is visible too (its effective marking). The commitments'
//! figures come from tallies the writes keep (RAG by partner, markings, and overdue
//! and reviews from the date tally), so they cost the same for any number of them;
//! so do the agreements by status, each partner's agreements in force, and the
//! agreements' and arrangements' reviews (their date tally).

use super::conditions::{agreement_expiring, dates, horizons};
use super::date_tally::{
    before, dated, records_dated, review_window, ALL, DUE, RECORD_REVIEWS, REVIEWED,
};
use super::visibility::{visible, visible_levels};
use crate::domain::dashboard::{Dashboard, PartnerRag, ReviewCounts};
use crate::domain::{AgreementStatus, Classification, Clearance, Level};
use sqlx::SqlitePool;
use time::Date;

/// How many partners the RAG table shows.
const RAG_PARTNERS: i64 = 10;

/// How many partners the coverage-gaps panel names.
const GAP_PARTNERS: usize = 8;

/// Every distinct marking among the records the figures count (`?1` the rank): the
/// figures disclose that much, so the page carries their aggregate. Read from the
/// tally the writes keep (migrations/0015_tallies.sql), by effective rank, so a
/// commitment counts with its agreement's level as [`visible!`] would.
const MARKINGS: &str = "SELECT DISTINCT classification, caveat, releasability
      FROM marking_tally WHERE rank <= ?1 AND n > 0";

/// The partners with the most commitments (not withdrawn) within `?1`, with their
/// RAG: a row a partner, summed ahead for the reader's rank
/// (migrations/0029_rollup_sums.sql).
const RAG_BY_PARTNER: &str = "SELECT p.alpha2, p.name, s.live_red, s.live_amber, s.live_green,
        s.live_unrated, s.live_red + s.live_amber + s.live_green + s.live_unrated AS total
   FROM rollup_sums s
   JOIN partners p ON p.alpha2 = s.key AND p.is_home = 0
  WHERE s.dimension = 'partner' AND s.clearance = ?1 AND total > 0
  ORDER BY total DESC, p.name
  LIMIT ?2";

/// Agreements by status within `?1`, from the tally the writes keep
/// (migrations/0021_agreement_tallies.sql) rather than a read of every agreement.
const AGREEMENTS_BY_STATUS: &str = "SELECT status, sum(n) FROM agreement_status_tally
  WHERE rank <= ?1 GROUP BY status HAVING sum(n) > 0";

/// The dashboard's figures for a reader at `clearance`.
pub async fn load(
    pool: &SqlitePool,
    clearance: Clearance,
    today: Date,
) -> Result<Dashboard, sqlx::Error> {
    let rank = clearance.rank();
    let by_status: Vec<(AgreementStatus, i64)> =
        sqlx::query_as(AGREEMENTS_BY_STATUS).bind(rank).fetch_all(pool).await?;
    let agreements_by_status = AgreementStatus::ALL
        .iter()
        .map(|s| (*s, by_status.iter().find(|(st, _)| st == s).map_or(0, |(_, n)| *n)))
        .collect();

    // Each figure is the count of a list filter (`storage::conditions`): the page
    // links every figure to its list, and the list's count must be the figure.
    let (horizon_today, review_horizon, expiry_horizon) = horizons(today);
    let expiring: i64 = sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?1"),
        ", ",
        dates!("?2", "?3", "?4"),
        " SELECT count(*) FROM agreements a WHERE ",
        agreement_expiring!("a"),
        " AND ",
        visible!("a.classification")
    ))
    .bind(rank)
    .bind(horizon_today)
    .bind(review_horizon)
    .bind(expiry_horizon)
    .fetch_one(pool)
    .await?;

    // Commitments from the date tally: every one of them, read in a few ranges.
    let columns =
        [(DUE, before(today)), (REVIEWED, review_window(today)), (REVIEWED, before(today))];
    let [overdue_commitments, commitment_reviews_due, commitment_reviews_overdue] =
        dated(pool, ALL, clearance, &columns).await?.pop().map_or([0; 3], |(_, n)| n);

    // Agreements and arrangements from theirs, in the same ranges.
    let reviews = records_dated(
        pool,
        clearance,
        &[(RECORD_REVIEWS, review_window(today)), (RECORD_REVIEWS, before(today))],
    )
    .await?;
    let part = |kind: &str, column: usize| {
        reviews.iter().find(|(k, _)| k == kind).map_or(0, |(_, counts)| counts[column])
    };
    let counts = |column: usize, commitments| ReviewCounts {
        agreements: part("agreement", column),
        commitments,
        sharing: part("sharing", column),
    };
    let reviews_due = counts(0, commitment_reviews_due);
    let reviews_overdue = counts(1, commitment_reviews_overdue);

    let rag_by_partner: Vec<PartnerRag> =
        sqlx::query_as::<_, (String, String, i64, i64, i64, i64, i64)>(RAG_BY_PARTNER)
            .bind(rank)
            .bind(RAG_PARTNERS)
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|(alpha2, name, red, amber, green, unrated, total)| PartnerRag {
                alpha2,
                name,
                red,
                amber,
                green,
                unrated,
                total,
            })
            .collect();

    let marks: Vec<(Level, String, String)> =
        sqlx::query_as(MARKINGS).bind(rank).fetch_all(pool).await?;
    // The tally keeps a blank caveat or releasability as ''.
    let given = |text: String| Some(text).filter(|t| !t.trim().is_empty());
    let marks: Vec<Classification> = marks
        .into_iter()
        .map(|(level, caveat, releasability)| Classification {
            level,
            caveat: given(caveat),
            releasability: given(releasability),
        })
        .collect();

    let (coverage_gaps, gaps_marking) =
        super::routes::gap_summary(pool, clearance, today, GAP_PARTNERS).await?;
    let mut marking = Classification::highest(&marks);
    marking.raise(&gaps_marking);

    Ok(Dashboard {
        agreements_by_status,
        overdue_commitments,
        reviews_due,
        reviews_overdue,
        expiring,
        rag_by_partner,
        coverage_gaps,
        marking,
    })
}
