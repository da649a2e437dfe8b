//! The dashboard's figures, each one query, all within the reader's clearance. A
//! commitment counts only when its agreement is visible too (its effective marking).

use super::visibility::{visible, visible_levels};
use crate::domain::dashboard::{Dashboard, PartnerRag};
use crate::domain::{AgreementStatus, Classification, Clearance, Level};
use sqlx::SqlitePool;
use time::Date;

/// How many partners the RAG table shows.
const RAG_PARTNERS: i64 = 10;

/// How many partners the coverage-gaps panel names.
const GAP_PARTNERS: usize = 8;

/// Every distinct marking among the records the figures count (`?1` the rank): the
/// figures disclose that much, so the page carries their aggregate. A commitment's
/// agreement is among the agreements, so commitments add only their own markings.
const MARKINGS: &str = concat!(
    "WITH ",
    visible_levels!("?1"),
    " SELECT classification, caveat, releasability FROM agreements WHERE ",
    visible!("classification"),
    " UNION SELECT c.classification, c.caveat, c.releasability
        FROM commitments c JOIN agreements a ON a.id = c.agreement_id WHERE ",
    visible!("c.classification", "a.classification"),
    " UNION SELECT classification, caveat, releasability FROM sharing_arrangements WHERE ",
    visible!("classification")
);

/// The dashboard's figures for a reader at `clearance`.
pub async fn load(
    pool: &SqlitePool,
    clearance: Clearance,
    today: Date,
) -> Result<Dashboard, sqlx::Error> {
    let rank = clearance.rank();
    let by_status: Vec<(AgreementStatus, i64)> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?1"),
        " SELECT status, count(*) FROM agreements WHERE ",
        visible!("classification"),
        " GROUP BY status"
    ))
    .bind(rank)
    .fetch_all(pool)
    .await?;
    let agreements_by_status = AgreementStatus::ALL
        .iter()
        .map(|s| (*s, by_status.iter().find(|(st, _)| st == s).map_or(0, |(_, n)| *n)))
        .collect();

    let in_30 = today.saturating_add(time::Duration::days(30));
    let in_90 = today.saturating_add(time::Duration::days(90));
    let (overdue_commitments, reviews_due, reviews_overdue, expiring): (i64, i64, i64, i64) =
        sqlx::query_as(concat!(
            "WITH ",
            visible_levels!("?1"),
            ", reviews AS (
                 SELECT next_review_on AS on_ FROM agreements
                  WHERE next_review_on <= ?3 AND ",
            visible!("classification"),
            "       AND status NOT IN ('expired', 'terminated', 'superseded')
                 UNION ALL
                 SELECT c.next_review_on FROM commitments c JOIN agreements a ON a.id = c.agreement_id
                  WHERE c.next_review_on <= ?3 AND ",
            visible!("c.classification", "a.classification"),
            "       AND c.status NOT IN ('withdrawn')
                 UNION ALL
                 SELECT next_review_on FROM sharing_arrangements
                  WHERE next_review_on <= ?3 AND ",
            visible!("classification"),
            "       AND status <> 'ended')
             SELECT
               (SELECT count(*) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
                 WHERE c.status IN ",
            crate::storage::open_statuses!(),
            " AND c.due_on < ?2 AND ",
            visible!("c.classification", "a.classification"),
            "),
               (SELECT count(*) FROM reviews WHERE on_ >= ?2 AND on_ <= ?3),
               (SELECT count(*) FROM reviews WHERE on_ < ?2),
               (SELECT count(*) FROM agreements
                 WHERE status = 'in_force' AND expires_on >= ?2 AND expires_on <= ?4 AND ",
            visible!("classification"),
            ")"
        ))
        .bind(rank)
        .bind(today)
        .bind(in_30)
        .bind(in_90)
        .fetch_one(pool)
        .await?;

    let rag_by_partner: Vec<PartnerRag> =
        sqlx::query_as::<_, (String, String, i64, i64, i64, i64, i64)>(concat!(
            "WITH ",
            visible_levels!("?1"),
            " SELECT p.alpha2, p.name,
                sum(c.rag = 'red'), sum(c.rag = 'amber'), sum(c.rag = 'green'),
                sum(c.rag IS NULL), count(*) AS total
         FROM commitments c
         JOIN agreements a ON a.id = c.agreement_id
         JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
         JOIN partners p ON p.alpha2 = ap.partner AND p.is_home = 0
         WHERE ",
            visible!("c.classification", "a.classification"),
            " AND c.status <> 'withdrawn'
         GROUP BY p.alpha2
         ORDER BY total DESC, p.name
         LIMIT ?2"
        ))
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

    let marks: Vec<(Level, Option<String>, Option<String>)> =
        sqlx::query_as(MARKINGS).bind(rank).fetch_all(pool).await?;
    let marks: Vec<Classification> = marks
        .into_iter()
        .map(|(level, caveat, releasability)| Classification { level, caveat, releasability })
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
