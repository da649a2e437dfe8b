//! Search: turning what someone typed into a safe FTS5 query and into the text that
//! names a partner or route; the results (direct matches first, then records grouped
//! by kind, each with a highlighted snippet, its status, partners and marking).
//!
//! Pure and serde-friendly, so the browser renders the same types the server built.

mod direct;
mod query;
mod results;

pub use direct::{
    fold, name_rank, partner_matches, typed_name, DirectKind, DirectMatch, DirectMatches,
    MIN_NAME_CHARS,
};
pub use query::{
    fts_query, last_word, short_title, shortened_queries, snippet_parts, SnippetPart, MARK_END,
    MARK_START, MAX_TERMS,
};
pub use results::{
    HitStatus, PartnerName, SearchGroup, SearchHit, SearchKind, SearchResults, SEARCH_COUNT_CAP,
};
