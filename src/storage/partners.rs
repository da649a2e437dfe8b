//! Partners: loaded from the ISO 3166 table, listed and filtered, summarised.

use crate::domain::iso::COUNTRIES;
use crate::domain::{Clearance, Partner, PartnerSummary};
use sqlx::{SqliteExecutor, SqlitePool};

pub use crate::domain::iso::HOME;

/// Upserts every country and territory in the ISO table (built from the keshvar
/// crate). Runs at each start so a crate upgrade flows through; returns how many
/// partners the table holds.
pub async fn sync_from_iso(pool: &SqlitePool) -> Result<usize, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    for country in COUNTRIES {
        sqlx::query(
            "INSERT INTO partners (alpha2, alpha3, numeric, name, region, sub_region, is_home)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (alpha2) DO UPDATE SET alpha3 = excluded.alpha3, numeric = excluded.numeric,
                 name = excluded.name, region = excluded.region, sub_region = excluded.sub_region,
                 is_home = excluded.is_home",
        )
        .bind(country.alpha2)
        .bind(country.alpha3)
        .bind(i64::from(country.numeric))
        .bind(country.name)
        .bind(country.region)
        .bind(country.sub_region)
        .bind(country.alpha2 == HOME)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(COUNTRIES.len())
}

pub async fn get(
    db: impl SqliteExecutor<'_>,
    alpha2: &str,
) -> Result<Option<Partner>, sqlx::Error> {
    sqlx::query_as::<_, Partner>(
        "SELECT alpha2, alpha3, numeric, name, region, sub_region, is_home FROM partners
         WHERE alpha2 = upper(?1)",
    )
    .bind(alpha2)
    .fetch_optional(db)
    .await
}

/// A partner and the counts of records on it the reader may see, with the highest
/// marking among those counted (the counts themselves disclose that much).
pub async fn summary(
    pool: &SqlitePool,
    alpha2: &str,
    clearance: Clearance,
) -> Result<Option<(PartnerSummary, crate::Classification)>, sqlx::Error> {
    let Some(partner) = get(pool, alpha2).await? else {
        return Ok(None);
    };
    let row: (i64, i64, i64, i64, Option<String>) = sqlx::query_as(
        "WITH visible AS (SELECT level FROM classification_levels WHERE rank <= ?2),
         a AS (SELECT ag.id, ag.classification FROM agreements ag
               JOIN agreement_parties p ON p.agreement_id = ag.id
               WHERE p.partner = ?1 AND ag.classification IN visible),
         c AS (SELECT c.classification FROM commitments c
               WHERE c.agreement_id IN (SELECT id FROM a) AND c.classification IN visible),
         s AS (SELECT classification FROM sharing_arrangements
               WHERE partner = ?1 AND classification IN visible),
         r AS (SELECT DISTINCT rt.id, rt.classification FROM routes rt
               JOIN route_legs l ON l.route_id = rt.id
               WHERE l.partner = ?1 AND rt.classification IN visible),
         marks AS (SELECT classification FROM a UNION ALL SELECT classification FROM c
                   UNION ALL SELECT classification FROM s UNION ALL SELECT classification FROM r)
         SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM c), (SELECT count(*) FROM s),
                (SELECT count(*) FROM r),
                (SELECT m.classification FROM marks m JOIN classification_levels l ON l.level = m.classification
                 ORDER BY l.rank DESC LIMIT 1)",
    )
    .bind(&partner.alpha2)
    .bind(clearance.rank())
    .fetch_one(pool)
    .await?;
    let marking = row
        .4
        .and_then(|level| level.parse().ok())
        .map(crate::Classification::new)
        .unwrap_or_default();
    let summary = PartnerSummary {
        partner,
        agreements: row.0,
        commitments: row.1,
        sharing_arrangements: row.2,
        routes: row.3,
    };
    Ok(Some((summary, marking)))
}
