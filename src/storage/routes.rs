//! Migration routes and their legs, and the coverage of the partners along them.
//!
//! Every read takes the reader's clearance: a route above it is invisible, and so is
//! every record above it that coverage would count. Each function runs a fixed number
//! of queries, however many routes, legs or partners there are.

mod coverage;
mod partner_commitments;
mod partner_picture;
mod write;

pub use coverage::coverage_for_partners;
use coverage::Counting;
pub use partner_commitments::{partner_commitments, PartnerCommitments};
pub use partner_picture::partner_picture;
pub use write::{create, id_for_slug, unique_field, update};

use super::json_rows::{decode, json_rows};
use super::visibility::{visible, visible_levels};
use crate::domain::coverage::{gaps, GapCounts, GapKind, GapSummary, RouteCoverage};
use crate::domain::route::{Route, RouteLeg, RouteList, RouteSummary};
use crate::domain::{Classification, Clearance, Level, RouteRole};
use sqlx::{FromRow, SqliteExecutor, SqlitePool};
use std::collections::{BTreeMap, HashMap};
use time::Date;

#[derive(FromRow)]
struct RouteRow {
    id: i64,
    slug: String,
    name: String,
    description: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    next_review_on: Option<Date>,
    version: i64,
}

#[derive(FromRow)]
struct LegRow {
    route_id: i64,
    position: i64,
    partner: String,
    partner_name: String,
    is_home: bool,
    role: RouteRole,
}

/// A record's full marking from its three columns.
fn marking(level: Level, caveat: Option<String>, releasability: Option<String>) -> Classification {
    Classification {
        level,
        caveat: caveat.filter(|c| !c.trim().is_empty()),
        releasability: releasability.filter(|r| !r.trim().is_empty()),
    }
}

impl RouteRow {
    fn into_route(self, legs: Vec<RouteLeg>) -> Route {
        Route {
            id: self.id,
            slug: self.slug,
            name: self.name,
            description: self.description,
            marking: marking(self.classification, self.caveat, self.releasability),
            next_review_on: self.next_review_on,
            version: self.version,
            legs,
        }
    }
}

impl LegRow {
    fn into_leg(self) -> RouteLeg {
        RouteLeg {
            position: self.position,
            alpha2: self.partner,
            partner_name: self.partner_name,
            is_home: self.is_home,
            role: self.role,
        }
    }
}

/// Every route the reader may see, by name, with its legs in order.
async fn visible_routes(
    pool: &SqlitePool,
    clearance: Clearance,
) -> Result<Vec<Route>, sqlx::Error> {
    let rows: Vec<RouteRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?1"),
        " SELECT r.id, r.slug, r.name, r.description, r.classification, r.caveat,
                r.releasability, r.next_review_on, r.version FROM routes r
         WHERE ",
        visible!("r.classification"),
        " ORDER BY r.name"
    ))
    .bind(clearance.rank())
    .fetch_all(pool)
    .await?;
    // Every leg of every route: a few hundred rows, read as one row of JSON.
    let json: String = sqlx::query_scalar(json_rows!(
        "route_id, position, partner, partner_name, is_home, role" order "route_id, position",
        "WITH ",
        visible_levels!("?1"),
        " SELECT l.route_id, l.position, l.partner, p.name AS partner_name, p.is_home, l.role
           FROM route_legs l
           JOIN routes r ON r.id = l.route_id
           JOIN partners p ON p.alpha2 = l.partner
          WHERE ",
        visible!("r.classification")
    ))
    .bind(clearance.rank())
    .fetch_one(pool)
    .await?;
    let legs = decode::<(i64, i64, String, String, i64, RouteRole)>("route legs", &json)?
        .into_iter()
        .map(|(route_id, position, partner, partner_name, is_home, role)| LegRow {
            route_id,
            position,
            partner,
            partner_name,
            is_home: is_home != 0,
            role,
        });
    let mut by_route: HashMap<i64, Vec<RouteLeg>> = HashMap::new();
    for leg in legs {
        by_route.entry(leg.route_id).or_default().push(leg.into_leg());
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let legs = by_route.remove(&row.id).unwrap_or_default();
            row.into_route(legs)
        })
        .collect())
}

/// The distinct partners on some routes, in first-seen order.
fn partners_on(routes: &[Route]) -> Vec<String> {
    let mut seen = Vec::new();
    for leg in routes.iter().flat_map(|r| &r.legs) {
        if !seen.contains(&leg.alpha2) {
            seen.push(leg.alpha2.clone());
        }
    }
    seen
}

/// The route list: each visible route with its legs and its number of gaps, and the
/// highest marking of the routes and every record counted. Six queries.
pub async fn list(
    pool: &SqlitePool,
    clearance: Clearance,
    today: Date,
) -> Result<RouteList, sqlx::Error> {
    let routes = visible_routes(pool, clearance).await?;
    let coverage =
        coverage::load(pool, &partners_on(&routes), clearance, today, Counting::OverdueOnly)
            .await?;
    let mut marking = Classification::default();
    let routes = routes
        .into_iter()
        .map(|route| {
            let assembled = RouteCoverage::assemble(route, &coverage, today);
            marking.raise(&assembled.marking);
            RouteSummary {
                slug: assembled.route.slug,
                name: assembled.route.name,
                marking: assembled.route.marking,
                legs: assembled.route.legs,
                gaps: assembled.legs.iter().map(|l| l.gaps.len()).sum(),
            }
        })
        .collect();
    Ok(RouteList { routes, marking })
}

/// One route by its slug, with its legs in order; None when there is no such route
/// or it is above the reader's clearance.
pub async fn get_by_slug(
    pool: &SqlitePool,
    slug: &str,
    clearance: Clearance,
) -> Result<Option<Route>, sqlx::Error> {
    let row: Option<RouteRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT r.id, r.slug, r.name, r.description, r.classification, r.caveat,
                r.releasability, r.next_review_on, r.version FROM routes r
         WHERE r.slug = ?1 AND ",
        visible!("r.classification")
    ))
    .bind(slug)
    .bind(clearance.rank())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let legs = legs_of(pool, row.id).await?;
    Ok(Some(row.into_route(legs)))
}

async fn legs_of(db: impl SqliteExecutor<'_>, route_id: i64) -> Result<Vec<RouteLeg>, sqlx::Error> {
    let rows: Vec<LegRow> = sqlx::query_as(
        "SELECT l.route_id, l.position, l.partner, p.name AS partner_name, p.is_home, l.role FROM route_legs l JOIN partners p ON p.alpha2 = l.partner
         WHERE l.route_id = ?1 ORDER BY l.position",
    )
    .bind(route_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(LegRow::into_leg).collect())
}

/// The sum of the change counts of the partners on the route `slug`'s legs, the home
/// party left out as coverage leaves it out (migrations/0025_partner_changes.sql): it
/// moves whenever a commitment its page counts changes in place, so the read cache keys the page by it
/// ([`Topic::Partners`](crate::storage::cache::Topic::Partners)). A number, no record:
/// read at any clearance, it tells nothing (an unknown slug gives 0).
pub async fn partner_changes(pool: &SqlitePool, slug: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(pc.n), 0) FROM routes r
           JOIN route_legs l ON l.route_id = r.id
           JOIN partners p ON p.alpha2 = l.partner AND p.is_home = 0
           JOIN partner_change_counts pc ON pc.partner = l.partner
          WHERE r.slug = ?1",
    )
    .bind(slug)
    .fetch_one(pool)
    .await
}

/// The route page: a route with every leg's coverage and gaps. Six queries.
pub async fn page(
    pool: &SqlitePool,
    slug: &str,
    clearance: Clearance,
    today: Date,
) -> Result<Option<RouteCoverage>, sqlx::Error> {
    let Some(route) = get_by_slug(pool, slug, clearance).await? else {
        return Ok(None);
    };
    let partners = partners_on(std::slice::from_ref(&route));
    let coverage = coverage_for_partners(pool, &partners, clearance, today).await?;
    Ok(Some(RouteCoverage::assemble(route, &coverage, today)))
}

/// The dashboard's coverage-gaps panel over every partner on a visible route (the
/// home party left out), with the highest marking of those routes. Two queries.
///
/// The gap counts come without their records' markings ([`coverage::gap_counts`]):
/// the dashboard already carries the marking of every record it may count.
pub async fn gap_summary(
    pool: &SqlitePool,
    clearance: Clearance,
    today: Date,
    top: usize,
) -> Result<(GapSummary, Classification), sqlx::Error> {
    let routes = visible_routes(pool, clearance).await?;
    let partners: BTreeMap<&str, &str> = routes
        .iter()
        .flat_map(|r| &r.legs)
        .filter(|l| !l.is_home)
        .map(|l| (l.alpha2.as_str(), l.partner_name.as_str()))
        .collect();
    let on_routes = serde_json::Value::from(partners.keys().copied().collect::<Vec<_>>());
    let counts = coverage::gap_counts(pool, &on_routes.to_string(), clearance, today).await?;
    let partners: Vec<(String, String, GapCounts)> = partners
        .into_iter()
        .map(|(alpha2, name)| {
            let counts = counts.get(alpha2).copied().unwrap_or_default();
            (alpha2.to_owned(), name.to_owned(), counts)
        })
        .collect();
    let marking = Classification::highest(routes.iter().map(|r| &r.marking));
    Ok((GapSummary::of(&partners, top), marking))
}

/// The partners on any visible route (the home party left out), or only those with
/// the coverage gap `gap`: the partners behind each count of the dashboard's
/// coverage-gaps panel, by the same rule. With the highest marking of the routes and
/// every record the rule read (which partners are left out says something too).
pub async fn route_partners(
    pool: &SqlitePool,
    clearance: Clearance,
    today: Date,
    gap: Option<GapKind>,
) -> Result<(Vec<String>, Classification), sqlx::Error> {
    let routes = visible_routes(pool, clearance).await?;
    let coverage =
        coverage::load(pool, &partners_on(&routes), clearance, today, Counting::OverdueOnly)
            .await?;
    let mut marking = Classification::highest(routes.iter().map(|r| &r.marking));
    let mut codes = Vec::new();
    for partner in coverage.values().filter(|c| !c.is_home) {
        marking.raise(&partner.marking);
        let has = |kind| gaps(partner, today).iter().any(|g| g.kind() == kind);
        if gap.is_none_or(has) {
            codes.push(partner.alpha2.clone());
        }
    }
    codes.sort();
    Ok((codes, marking))
}
