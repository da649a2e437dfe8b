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
    use accord::storage::search;
    // Ranking the matches costs milliseconds for a common word on a large registry:
    // what a query finds is cached until something it finds by changes (an edit of
    // indexed text, a marking); what its hits show, until the next write.
    let found = crate::state::cached_following(
        accord::storage::cache::Topic::Search,
        "search matches",
        q.clone(),
        |pool, clearance, _| {
            let q = q.clone();
            async move { Ok(search::matches(&pool, &q, clearance, HITS_PER_KIND).await?) }
        },
    )
    .await?;
    crate::state::cached("search", q.clone(), |pool, clearance, _| async move {
        Ok(search::complete(&pool, &q, &found, clearance).await?)
    })
    .await
}
