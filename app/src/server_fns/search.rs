//! Search: partners and routes by name, then full-text search over records.

use crate::error::AppError;
use accord::search::SearchResults;
use leptos::prelude::*;

/// The most hits of each kind a results page shows (the counts cover them all).
pub const HITS_PER_KIND: i64 = 20;

/// The partners and routes `q` names, then the agreements, commitments and sharing
/// arrangements matching it, within the reader's clearance.
#[server]
pub async fn search_registry(q: String) -> Result<SearchResults, AppError> {
    // Ranking every match costs tens of milliseconds for a common word on a large
    // registry: each query's results are cached until the next write.
    crate::state::cached("search", q.clone(), |pool, clearance, _| async move {
        Ok(accord::storage::search::search(&pool, &q, clearance, HITS_PER_KIND).await?)
    })
    .await
}
