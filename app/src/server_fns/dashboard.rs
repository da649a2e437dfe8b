//! The dashboard's figures.

use crate::error::AppError;
use accord::dashboard::Dashboard;
use leptos::prelude::*;

#[server]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    let pool = crate::state::pool()?;
    let clearance = crate::state::clearance();
    Ok(accord::storage::dashboard::load(&pool, clearance, accord::dates::today()).await?)
}
