//! The dashboard's figures.

use crate::error::AppError;
use accord::dashboard::Dashboard;
use leptos::prelude::*;

#[server]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    crate::state::cached("dashboard", (), |pool, clearance, today| async move {
        Ok(accord::storage::dashboard::load(&pool, clearance, today).await?)
    })
    .await
}
