//! Partners: loaded from the ISO 3166 table, listed and filtered, summarised.

use super::visibility::{visible, visible_levels};
use crate::domain::iso::COUNTRIES;
use crate::domain::{Classification, Clearance, Level, Partner, PartnerSummary};
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
        .execute(&mut **tx)
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

/// The counts of a partner's records visible at the rank `?2` (`?1` the partner), one
/// row per distinct marking among them (at least one row, its marking NULL when there
/// are none), its commitments' part (the CTEs `c`, their markings, and `c_count`, how
/// many) given. A commitment counts when its agreement is one of the partner's visible
/// agreements, so its effective marking is within clearance too.
macro_rules! summary_sql {
    ($commitments:expr) => {
        concat!(
            "WITH ",
            visible_levels!("?2"),
            ",
     a AS (SELECT ag.id, ag.classification, ag.caveat, ag.releasability FROM agreements ag
           JOIN agreement_parties p ON p.agreement_id = ag.id
           WHERE p.partner = ?1 AND ",
            visible!("ag.classification"),
            "), ",
            $commitments,
            ",
     s AS (SELECT classification, caveat, releasability FROM sharing_arrangements
           WHERE partner = ?1 AND ",
            visible!("classification"),
            "),
     r AS (SELECT DISTINCT rt.id, rt.classification, rt.caveat, rt.releasability FROM routes rt
           JOIN route_legs l ON l.route_id = rt.id
           WHERE l.partner = ?1 AND ",
            visible!("rt.classification"),
            "),
     marks AS (SELECT classification, caveat, releasability FROM a
               UNION SELECT classification, caveat, releasability FROM c
               UNION SELECT classification, caveat, releasability FROM s
               UNION SELECT classification, caveat, releasability FROM r)
     SELECT (SELECT count(*) FROM a), (SELECT n FROM c_count), (SELECT count(*) FROM s),
            (SELECT count(*) FROM r), m.classification, m.caveat, m.releasability
       FROM (SELECT 1) LEFT JOIN marks m"
        )
    };
}

/// [`summary_sql!`] with the commitments counted one by one.
const SUMMARY_COUNTED: &str = summary_sql!(concat!(
    "c AS (SELECT c.classification, c.caveat, c.releasability FROM commitments c
           WHERE c.agreement_id IN (SELECT id FROM a) AND ",
    visible!("c.classification"),
    "),
     c_count AS (SELECT count(*) AS n FROM c)"
));

/// [`summary_sql!`] with the commitments' count and markings read from the roll-up
/// tallies the writes keep (migrations/0019_rollup_tallies.sql, 0029_rollup_sums.sql):
/// a partner's markings are its commitments' and their agreements' (those agreements
/// are in `a` too), at effective rank within clearance. On the large set, reading a
/// partner's commitments for their markings was most of the page's queries. The home
/// party has no roll-up rows: [`summary`] counts its commitments.
const SUMMARY_TALLIED: &str = summary_sql!(
    "c AS (SELECT classification, nullif(caveat, '') AS caveat,
                  nullif(releasability, '') AS releasability
             FROM rollup_marking_tally
            WHERE dimension = 'partner' AND key = ?1 AND rank <= ?2 AND n > 0),
     c_count AS (SELECT coalesce((SELECT total FROM rollup_sums
                                   WHERE dimension = 'partner' AND clearance = ?2 AND key = ?1),
                                 0) AS n)"
);

/// A partner and the counts of records on it the reader may see, with the aggregate
/// marking of those counted (the counts themselves disclose that much).
pub async fn summary(
    pool: &SqlitePool,
    alpha2: &str,
    clearance: Clearance,
) -> Result<Option<(PartnerSummary, Classification)>, sqlx::Error> {
    summary_from(pool, alpha2, clearance, false).await
}

/// [`summary`] with every partner's commitments counted one by one: what the tallies
/// must agree with.
pub async fn summary_counted(
    pool: &SqlitePool,
    alpha2: &str,
    clearance: Clearance,
) -> Result<Option<(PartnerSummary, Classification)>, sqlx::Error> {
    summary_from(pool, alpha2, clearance, true).await
}

async fn summary_from(
    pool: &SqlitePool,
    alpha2: &str,
    clearance: Clearance,
    counted: bool,
) -> Result<Option<(PartnerSummary, Classification)>, sqlx::Error> {
    let Some(partner) = get(pool, alpha2).await? else {
        return Ok(None);
    };
    let sql = if counted || partner.is_home { SUMMARY_COUNTED } else { SUMMARY_TALLIED };
    type Row = (i64, i64, i64, i64, Option<Level>, Option<String>, Option<String>);
    let rows: Vec<Row> =
        sqlx::query_as(sql).bind(&partner.alpha2).bind(clearance.rank()).fetch_all(pool).await?;
    let Some(&(agreements, commitments, sharing_arrangements, routes, ..)) = rows.first() else {
        return Err(sqlx::Error::RowNotFound); // the query always returns a row
    };
    let marks: Vec<Classification> = rows
        .into_iter()
        .filter_map(|(.., level, caveat, releasability)| {
            level.map(|level| Classification { level, caveat, releasability })
        })
        .collect();
    let summary = PartnerSummary { partner, agreements, commitments, sharing_arrangements, routes };
    Ok(Some((summary, Classification::highest(&marks))))
}

/// The change count of partner `alpha2` (migrations/0025_partner_changes.sql): it moves
/// whenever one of its agreements' commitments changes in place, so the read cache
/// keys the partner page by it
/// ([`Topic::Partners`](crate::storage::cache::Topic::Partners)). A number, no record
/// (0 for a partner never counted).
pub async fn changes(pool: &SqlitePool, alpha2: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce((SELECT n FROM partner_change_counts WHERE partner = ?1), 0)",
    )
    .bind(alpha2)
    .fetch_one(pool)
    .await
}
