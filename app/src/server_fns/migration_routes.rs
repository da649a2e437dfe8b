//! Migration routes: the list, and a route's page with the coverage of every leg.

use crate::error::AppError;
use accord::coverage::RouteCoverage;
use accord::route::RouteSummary;
use accord::Classification;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the route list, and how many routes match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteListPage {
    pub routes: Vec<RouteSummary>,
    pub total: i64,
    pub marking: Classification,
}

/// The routes the reader may see, or those with a leg in `partner` (ISO alpha-2): the
/// partner page's count of routes, the same rule as the partner summary's. `page` is
/// 1-based (the first when not given), [`accord::PAGE_SIZE`] routes a page.
#[server]
pub async fn list_routes(
    partner: Option<String>,
    page: Option<i64>,
) -> Result<RouteListPage, AppError> {
    let page = page.unwrap_or(1);
    // Coverage across every route reads most of the registry: cached until a write.
    let accord::route::RouteList { routes, marking } =
        crate::state::cached("routes", (), |pool, clearance, today| async move {
            Ok(accord::storage::routes::list(&pool, clearance, today).await?)
        })
        .await?;
    let partner = partner.map(|p| p.trim().to_ascii_uppercase());
    let matching: Vec<RouteSummary> = routes
        .into_iter()
        .filter(|r| partner.as_ref().is_none_or(|p| r.legs.iter().any(|l| l.alpha2 == *p)))
        .collect();
    let total = matching.len() as i64;
    let from = usize::try_from((page.max(1) - 1) * accord::PAGE_SIZE).unwrap_or(usize::MAX);
    let routes = matching.into_iter().skip(from).take(accord::PAGE_SIZE as usize).collect();
    Ok(RouteListPage { routes, total, marking })
}

/// A route's page: its coverage, and the briefing sections the reader may see (in
/// order), `coverage.marking` raised by theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutePage {
    pub coverage: RouteCoverage,
    pub briefing: Vec<accord::BriefingText>,
}

#[server]
pub async fn fetch_route(slug: String) -> Result<RoutePage, AppError> {
    // A route's coverage counts every commitment with each partner on it: cached
    // until a write, but for changes to other partners' commitments.
    let on_route = slug.clone();
    let stamp =
        |pool| async move { accord::storage::routes::partner_changes(&pool, &on_route).await };
    crate::state::cached_by_partners(
        "route",
        slug.clone(),
        stamp,
        |pool, clearance, today| async move {
            let mut coverage = accord::storage::routes::page(&pool, &slug, clearance, today)
                .await?
                .ok_or(AppError::NotFound)?;
            let subject = accord::BriefingSubject::Route(coverage.route.id);
            let briefing =
                accord::storage::briefing_texts::for_subject(&pool, &subject, clearance).await?;
            for text in &briefing {
                coverage.marking.raise(&text.marking);
            }
            Ok(RoutePage { coverage, briefing })
        },
    )
    .await
}
