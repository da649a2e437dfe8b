//! Partner list and partner page.

use crate::error::AppError;
use accord::{Classification, Partner, PartnerFilter, PartnerSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The partner list with what its filter form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerListPage {
    pub partners: Vec<Partner>,
    /// Region → sub-regions.
    pub regions: Vec<(String, Vec<String>)>,
}

#[server]
pub async fn list_partners(filter: PartnerFilter) -> Result<PartnerListPage, AppError> {
    let pool = crate::state::pool()?;
    let partners = accord::storage::partners::list(&pool, &filter).await?;
    let regions = accord::storage::partners::regions(&pool).await?;
    Ok(PartnerListPage { partners, regions })
}

#[server]
pub async fn fetch_partner(alpha2: String) -> Result<(PartnerSummary, Classification), AppError> {
    let pool = crate::state::pool()?;
    accord::storage::partners::summary(&pool, &alpha2, crate::state::clearance())
        .await?
        .ok_or(AppError::NotFound)
}
