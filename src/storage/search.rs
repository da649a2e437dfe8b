//! Full-text search (SQLite FTS5) over agreements, commitments and sharing
//! arrangements. The index (`search_index`) is kept in step by triggers
//! (migrations/0004_search.sql); this module only reads it.

use super::visibility::{visible, visible_levels};
use crate::domain::search::{
    fts_query, short_title, snippet_parts, SearchHit, SearchKind, SearchResults, MARK_START,
};
use crate::domain::{Classification, Clearance, Level};
use sqlx::SqliteExecutor;

/// Words either side of the match in a snippet.
const SNIPPET_TOKENS: i64 = 16;

/// One query, whatever the number of matches: MATCH once, join each hit back to its
/// record to filter on the record's current effective marking (a commitment's with
/// its agreement's: [`visible!`]), rank by bm25 (a title
/// match counts four times a body match) within each kind, count each kind in the
/// same pass, and keep the best `?3` of each.
const SEARCH_SQL: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    ",
hits AS (
    SELECT kind, record_id, bm25(search_index, 0.0, 0.0, 4.0, 1.0) AS score,
           snippet(search_index, 2, char(2), char(3), '…', ?4) AS title_snip,
           snippet(search_index, 3, char(2), char(3), '…', ?4) AS body_snip
    FROM search_index WHERE search_index MATCH ?1),
found AS (
    SELECT h.kind, h.record_id AS id, a.title, h.title_snip, h.body_snip, h.score,
           a.classification, a.caveat, a.releasability,
           NULL AS a_classification, NULL AS a_caveat, NULL AS a_releasability
    FROM hits h JOIN agreements a ON a.id = h.record_id
    WHERE h.kind = 'agreement' AND ",
    visible!("a.classification"),
    "
    UNION ALL
    SELECT h.kind, h.record_id, c.text, h.title_snip, h.body_snip, h.score,
           c.classification, c.caveat, c.releasability, a.classification, a.caveat, a.releasability
    FROM hits h JOIN commitments c ON c.id = h.record_id JOIN agreements a ON a.id = c.agreement_id
    WHERE h.kind = 'commitment' AND ",
    visible!("c.classification", "a.classification"),
    "
    UNION ALL
    SELECT h.kind, h.record_id, s.title, h.title_snip, h.body_snip, h.score,
           s.classification, s.caveat, s.releasability, NULL, NULL, NULL
    FROM hits h JOIN sharing_arrangements s ON s.id = h.record_id
    WHERE h.kind = 'sharing_arrangement' AND ",
    visible!("s.classification"),
    "),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY kind ORDER BY score, id) AS n,
           count(*) OVER (PARTITION BY kind) AS total
    FROM found)
SELECT kind, id, title, title_snip, body_snip, classification, caveat, releasability,
       a_classification, a_caveat, a_releasability, total
FROM ranked WHERE n <= ?3
ORDER BY kind, n"
);

/// One row of [`SEARCH_SQL`].
#[derive(sqlx::FromRow)]
struct HitRow {
    kind: SearchKind,
    id: i64,
    title: String,
    title_snip: String,
    body_snip: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    /// The agreement's marking, for a commitment (shown away from its agreement).
    a_classification: Option<Level>,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
    total: i64,
}

/// Agreements, commitments and sharing arrangements matching every word of `query`
/// (the last as a prefix), best first, at most `limit_per_kind` of each, with how
/// many of each kind match in all. Only records within `clearance` are returned or
/// counted. Text with nothing searchable in it finds nothing, without a query.
pub async fn search(
    db: impl SqliteExecutor<'_>,
    query: &str,
    clearance: Clearance,
    limit_per_kind: i64,
) -> Result<SearchResults, sqlx::Error> {
    let mut results = SearchResults::default();
    let Some(fts) = fts_query(query) else {
        return Ok(results);
    };
    // At least one row per kind, so each kind's total arrives even when no hits are wanted.
    let rows: Vec<HitRow> = sqlx::query_as(SEARCH_SQL)
        .bind(fts)
        .bind(clearance.rank())
        .bind(limit_per_kind.max(1))
        .bind(SNIPPET_TOKENS)
        .fetch_all(db)
        .await?;
    for row in rows {
        let group = results.group_mut(row.kind);
        group.total = row.total;
        if (group.hits.len() as i64) < limit_per_kind {
            group.hits.push(hit(row));
        }
    }
    Ok(results)
}

fn hit(row: HitRow) -> SearchHit {
    let own = Classification {
        level: row.classification,
        caveat: row.caveat.filter(|c| !c.trim().is_empty()),
        releasability: row.releasability.filter(|r| !r.trim().is_empty()),
    };
    let agreement = row.a_classification.map(|level| Classification {
        level,
        caveat: row.a_caveat,
        releasability: row.a_releasability,
    });
    // The body's words when they matched (the title is shown anyway), else the title's.
    let snippet = if row.body_snip.contains(MARK_START) { &row.body_snip } else { &row.title_snip };
    let snippet = snippet.trim();
    let title = match row.kind {
        SearchKind::Commitment => short_title(&row.title),
        SearchKind::Agreement | SearchKind::SharingArrangement => row.title,
    };
    SearchHit {
        kind: row.kind,
        id: row.id,
        title,
        href: row.kind.href(row.id),
        snippet: snippet_parts(snippet),
        // A commitment is shown away from its agreement: it carries both markings.
        classification: Classification::highest([&own].into_iter().chain(&agreement)),
    }
}
