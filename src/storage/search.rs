//! Search: the partners and routes a query names ("direct matches"), then full-text
//! search (SQLite FTS5) over agreements, commitments and sharing arrangements. Each
//! kind has its index (`search_index_agreements`, `_commitments`, `_sharing`), kept in
//! step by triggers (migrations/0027_search_per_kind.sql); this module only reads them.

mod direct;
mod records;

use crate::domain::search::{fts_query, shortened_queries, typed_name, SearchResults};
use crate::domain::Clearance;
use sqlx::SqlitePool;

/// The most direct matches (partners and routes together) a search returns.
pub const DIRECT_LIMIT: usize = 10;

pub use records::{Matched, Matches};

/// What `query` finds within `clearance`: the partners and routes it names (at most
/// [`DIRECT_LIMIT`]), and the agreements, commitments and sharing arrangements
/// matching every word of it (the last as a prefix; an agreement also by its parties'
/// names), best first, at most `limit_per_kind` of each, with how many match in all.
/// Nothing above `clearance` is returned or counted. Text with nothing searchable in
/// it finds nothing, without a query. [`matches`], then [`complete`].
pub async fn search(
    pool: &SqlitePool,
    query: &str,
    clearance: Clearance,
    limit_per_kind: i64,
) -> Result<SearchResults, sqlx::Error> {
    let found = matches(pool, query, clearance, limit_per_kind).await?;
    complete(pool, query, &found, clearance).await
}

/// The records `query` finds within `clearance` (see [`search`]) before what they show
/// is read: the costly part of a search, and one that only the index and records'
/// visibility change, so the read cache keeps it under
/// [`Topic::Search`](crate::storage::cache::Topic::Search). One query; when no record
/// within `clearance` matches, up to three more with the last word cut back
/// ([`shortened_queries`]), the first that finds any kept with the word it searched for.
pub async fn matches(
    pool: &SqlitePool,
    query: &str,
    clearance: Clearance,
    limit_per_kind: i64,
) -> Result<Matches, sqlx::Error> {
    let Some(fts) = fts_query(query) else { return Ok(Matches::default()) };
    let found = records::matches(pool, &fts, clearance, limit_per_kind).await?;
    if !found.totals.is_empty() {
        return Ok(found);
    }
    for (fts, word) in shortened_queries(query) {
        let mut shortened = records::matches(pool, &fts, clearance, limit_per_kind).await?;
        if !shortened.totals.is_empty() {
            shortened.shortened_to = Some(word);
            return Ok(shortened);
        }
    }
    Ok(found)
}

/// The results of `query`: its direct matches, and `found` (what [`matches`] returned
/// for the same query and clearance) with each hit read from its record as it stands,
/// tested against `clearance` again. Two queries, on one connection.
pub async fn complete(
    pool: &SqlitePool,
    query: &str,
    found: &Matches,
    clearance: Clearance,
) -> Result<SearchResults, sqlx::Error> {
    let mut results = SearchResults::default();
    let mut conn = pool.acquire().await?;
    if let Some(typed) = typed_name(query) {
        results.direct = direct::find(&mut *conn, &typed, clearance, DIRECT_LIMIT).await?;
    }
    records::fill(&mut *conn, found, clearance, &mut results).await?;
    Ok(results)
}
