//! Migration routes: the list, and a route's page with the coverage of every leg.

use crate::error::AppError;
use accord::coverage::RouteCoverage;
use accord::route::RouteList;
use leptos::prelude::*;

#[server]
pub async fn list_routes() -> Result<RouteList, AppError> {
    let pool = crate::state::pool()?;
    let clearance = crate::state::clearance();
    Ok(accord::storage::routes::list(&pool, clearance, accord::dates::today()).await?)
}

#[server]
pub async fn fetch_route(slug: String) -> Result<RouteCoverage, AppError> {
    let pool = crate::state::pool()?;
    let clearance = crate::state::clearance();
    accord::storage::routes::page(&pool, &slug, clearance, accord::dates::today())
        .await?
        .ok_or(AppError::NotFound)
}
