//! The dashboard's figures, each one query, all within the reader's clearance.

use crate::domain::dashboard::{Dashboard, PartnerRag};
use crate::domain::{AgreementStatus, Classification, Clearance, Level};
use sqlx::SqlitePool;
use time::Date;

/// How many partners the RAG table shows.
const RAG_PARTNERS: i64 = 10;

/// How many partners the coverage-gaps panel names.
const GAP_PARTNERS: usize = 8;

pub async fn load(
    pool: &SqlitePool,
    clearance: Clearance,
    today: Date,
) -> Result<Dashboard, sqlx::Error> {
    let rank = clearance.rank();
    let by_status: Vec<(AgreementStatus, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM agreements
         WHERE classification IN (SELECT level FROM classification_levels WHERE rank <= ?1)
         GROUP BY status",
    )
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
            "WITH visible AS (SELECT level FROM classification_levels WHERE rank <= ?1),
             reviews AS (
                 SELECT next_review_on AS on_ FROM agreements
                  WHERE next_review_on <= ?3 AND classification IN visible
                    AND status NOT IN ('expired', 'terminated', 'superseded')
                 UNION ALL
                 SELECT next_review_on FROM commitments
                  WHERE next_review_on <= ?3 AND classification IN visible
                    AND status NOT IN ('withdrawn')
                 UNION ALL
                 SELECT next_review_on FROM sharing_arrangements
                  WHERE next_review_on <= ?3 AND classification IN visible
                    AND status <> 'ended')
             SELECT
               (SELECT count(*) FROM commitments
                 WHERE status IN ",
            crate::storage::open_statuses!(),
            " AND due_on < ?2
                   AND classification IN visible),
               (SELECT count(*) FROM reviews WHERE on_ >= ?2 AND on_ <= ?3),
               (SELECT count(*) FROM reviews WHERE on_ < ?2),
               (SELECT count(*) FROM agreements
                 WHERE status = 'in_force' AND expires_on >= ?2 AND expires_on <= ?4
                   AND classification IN visible)"
        ))
        .bind(rank)
        .bind(today)
        .bind(in_30)
        .bind(in_90)
        .fetch_one(pool)
        .await?;

    let rag_by_partner: Vec<PartnerRag> =
        sqlx::query_as::<_, (String, String, i64, i64, i64, i64, i64)>(
            "SELECT p.alpha2, p.name,
                sum(c.rag = 'red'), sum(c.rag = 'amber'), sum(c.rag = 'green'),
                sum(c.rag IS NULL), count(*) AS total
         FROM commitments c
         JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
         JOIN partners p ON p.alpha2 = ap.partner AND p.is_home = 0
         WHERE c.classification IN (SELECT level FROM classification_levels WHERE rank <= ?1)
           AND c.status <> 'withdrawn'
         GROUP BY p.alpha2
         ORDER BY total DESC, p.name
         LIMIT ?2",
        )
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

    let top: Option<Level> = sqlx::query_scalar(
        "SELECT l.level FROM classification_levels l
         WHERE l.rank <= ?1 AND (
               EXISTS (SELECT 1 FROM agreements WHERE classification = l.level)
            OR EXISTS (SELECT 1 FROM commitments WHERE classification = l.level)
            OR EXISTS (SELECT 1 FROM sharing_arrangements WHERE classification = l.level))
         ORDER BY l.rank DESC LIMIT 1",
    )
    .bind(rank)
    .fetch_optional(pool)
    .await?;

    let (coverage_gaps, gaps_marking) =
        super::routes::gap_summary(pool, clearance, today, GAP_PARTNERS).await?;
    let mut marking = top.map(Classification::new).unwrap_or_default();
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
