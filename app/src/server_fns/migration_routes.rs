//! Migration routes: the list, and a route's page with the coverage of every leg.

use crate::error::AppError;
use accord::coverage::RouteCoverage;
use accord::route::RouteList;
use leptos::prelude::*;

#[server]
pub async fn list_routes() -> Result<RouteList, AppError> {
    // Coverage across every route reads most of the registry: cached until a write.
    crate::state::cached("routes", (), |pool, clearance, today| async move {
        Ok(accord::storage::routes::list(&pool, clearance, today).await?)
    })
    .await
}

#[server]
pub async fn fetch_route(slug: String) -> Result<RouteCoverage, AppError> {
    // A route's coverage counts every commitment with each partner on it: cached
    // until a write, like the route list.
    crate::state::cached("route", slug.clone(), |pool, clearance, today| async move {
        accord::storage::routes::page(&pool, &slug, clearance, today)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}
