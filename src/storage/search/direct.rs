//! Direct matches: the partners and routes a search names.

use super::super::visibility::{visible, visible_levels};
use crate::domain::search::{
    name_rank, partner_matches, DirectKind, DirectMatch, DirectMatches, PartnerName,
};
use crate::domain::{Classification, Clearance, Level};
use sqlx::SqliteExecutor;

/// Every route the reader may see, with its legs' partners as JSON
/// (`[[position, "LY", "Libya", is_home], …]`). Routes are few (tens, where partners
/// are hundreds and records thousands), so each is matched by name in Rust with the
/// partners' rule (any case, accents optional, start of a word): one query, however
/// many routes match, and the count is of routes within clearance only.
const ROUTES_SQL: &str = concat!(
    "WITH ",
    visible_levels!("?1"),
    "
SELECT r.slug, r.name, r.classification, r.caveat, r.releasability,
       (SELECT json_group_array(json_array(l.position, p.alpha2, p.name, p.is_home))
          FROM route_legs l JOIN partners p ON p.alpha2 = l.partner
         WHERE l.route_id = r.id) AS legs
FROM routes r WHERE ",
    visible!("r.classification")
);

#[derive(sqlx::FromRow)]
struct RouteRow {
    slug: String,
    name: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    legs: String,
}

/// The partners and routes `typed` (a [`typed_name`](crate::search::typed_name))
/// names, the best `limit` of them, with how many there are.
pub(super) async fn find(
    db: impl SqliteExecutor<'_>,
    typed: &str,
    clearance: Clearance,
    limit: usize,
) -> Result<DirectMatches, sqlx::Error> {
    let rows: Vec<RouteRow> =
        sqlx::query_as(ROUTES_SQL).bind(clearance.rank()).fetch_all(db).await?;
    let mut ranked = partner_matches(typed);
    for row in rows {
        if let Some(rank) = name_rank(&row.name, typed) {
            ranked.push((rank, route_match(row)?));
        }
    }
    Ok(DirectMatches::best(ranked, limit))
}

fn route_match(row: RouteRow) -> Result<DirectMatch, sqlx::Error> {
    let mut legs: Vec<(i64, String, String, i64)> =
        serde_json::from_str(&row.legs).map_err(|e| sqlx::Error::ColumnDecode {
            index: format!("legs of route {}", row.slug),
            source: e.into(),
        })?;
    legs.sort_by_key(|(position, ..)| *position);
    let count = legs.len();
    let mut partners: Vec<PartnerName> = Vec::new();
    for (_, alpha2, name, is_home) in legs {
        if is_home == 0 && !partners.iter().any(|p| p.alpha2 == alpha2) {
            partners.push(PartnerName { alpha2, name });
        }
    }
    Ok(DirectMatch {
        kind: DirectKind::Route,
        href: format!("/routes/{}", row.slug),
        name: row.name,
        code: None,
        detail: if count == 1 { "1 leg".to_owned() } else { format!("{count} legs") },
        partners,
        classification: Classification {
            level: row.classification,
            caveat: row.caveat.filter(|c| !c.trim().is_empty()),
            releasability: row.releasability.filter(|r| !r.trim().is_empty()),
        },
    })
}
