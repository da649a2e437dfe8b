//! Facts about the whole site that every page needs.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// The illustrative demo data set is loaded.
    pub illustrative: bool,
}

#[server]
pub async fn fetch_site_info() -> Result<SiteInfo, AppError> {
    // Asked by every page, so cached until a write.
    crate::state::cached("site", (), |pool, _, _| async move {
        // Either illustrative set (the small demo or the large benchmark one) marks the site.
        Ok(SiteInfo { illustrative: accord::storage::demo::illustrative(&pool).await? })
    })
    .await
}
