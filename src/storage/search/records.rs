//! Records that match: agreements, commitments and sharing arrangements, from the
//! FTS5 index (migrations/0009_search_parties.sql).

use super::super::visibility::{commitment_visible, visible, visible_levels};
use crate::domain::search::{
    short_title, snippet_parts, HitStatus, PartnerName, SearchHit, SearchKind, SearchResults,
    MARK_START, SEARCH_COUNT_CAP,
};
use crate::domain::{Classification, Clearance, Level};
use sqlx::SqliteExecutor;

/// Words either side of the match in a snippet.
const SNIPPET_TOKENS: i64 = 16;

/// One query, whatever the number of matches: MATCH, join each hit back to its record
/// to filter on the record's current effective marking (a commitment's with its
/// agreement's: [`visible!`], here its stored effective rank), count each kind, and
/// keep the best `?3` of each by bm25 (a title match counts four times a body match,
/// a party's name twice). Only the rows kept read their titles, statuses, markings,
/// snippets and partners (an agreement's parties, a commitment's agreement's, an
/// arrangement's partner; never the UK).
///
/// Bounded, so a common word costs about what a rare one does ("returns" on the large
/// set: 19,000 hits, from 139 ms of CPU to about 20): each kind reads at most `?5`
/// visible hits, newest first (FTS5 walks its rowids downwards without sorting), and
/// ranks and counts only those; a count that reaches `?5` is shown as "more than"
/// the cap. Scoring every hit with bm25 was most of the cost. Each hit's kind and id
/// come from its rowid (`id * 4 + kind`, see migrations/0004_search.sql), not from
/// columns FTS5 would read per row; and snippets come from a second MATCH filtered by
/// `+rowid IN top`, where the `+` keeps the rowid test away from FTS5, which would
/// otherwise run the whole query again once per row. `snippets` is MATERIALIZED for
/// the same reason: left to itself, the planner ran that MATCH (a prefix query merges
/// every matching term's list each time) once per row kept, 40 times for a common
/// word, which was two thirds of the query's time ("returns" on the large set, pysqlite3:
/// 72–90 ms before, 24–27 ms after).
const SEARCH_SQL: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    ",
found AS MATERIALIZED (
    SELECT * FROM (
        SELECT search_index.rowid AS doc_id, 'agreement' AS kind, a.id,
               bm25(search_index, 0.0, 0.0, 4.0, 1.0, 2.0) AS score
        FROM search_index CROSS JOIN agreements a ON a.id = search_index.rowid / 4
        WHERE search_index MATCH ?1 AND search_index.rowid % 4 = 1 AND ",
    visible!("a.classification"),
    "
        ORDER BY search_index.rowid DESC LIMIT ?5)
    UNION ALL
    SELECT * FROM (
        SELECT search_index.rowid, 'commitment', c.id,
               bm25(search_index, 0.0, 0.0, 4.0, 1.0, 2.0)
        FROM search_index CROSS JOIN commitments c ON c.id = search_index.rowid / 4
        WHERE search_index MATCH ?1 AND search_index.rowid % 4 = 2 AND ",
    commitment_visible!("c"),
    "
        ORDER BY search_index.rowid DESC LIMIT ?5)
    UNION ALL
    SELECT * FROM (
        SELECT search_index.rowid, 'sharing_arrangement', s.id,
               bm25(search_index, 0.0, 0.0, 4.0, 1.0, 2.0)
        FROM search_index CROSS JOIN sharing_arrangements s ON s.id = search_index.rowid / 4
        WHERE search_index MATCH ?1 AND search_index.rowid % 4 = 3 AND ",
    visible!("s.classification"),
    "
        ORDER BY search_index.rowid DESC LIMIT ?5)),
totals AS (SELECT kind, count(*) AS total FROM found GROUP BY kind),
top AS MATERIALIZED (
    SELECT * FROM (SELECT * FROM found WHERE kind = 'agreement' ORDER BY score, id LIMIT ?3)
    UNION ALL
    SELECT * FROM (SELECT * FROM found WHERE kind = 'commitment' ORDER BY score, id LIMIT ?3)
    UNION ALL
    SELECT * FROM (SELECT * FROM found WHERE kind = 'sharing_arrangement' ORDER BY score, id LIMIT ?3)),
snippets AS MATERIALIZED (
    SELECT rowid AS doc_id,
           snippet(search_index, 2, char(2), char(3), '…', ?4) AS title_snip,
           snippet(search_index, 3, char(2), char(3), '…', ?4) AS body_snip
    FROM search_index WHERE search_index MATCH ?1 AND +rowid IN (SELECT doc_id FROM top)),
kept AS (
    SELECT top.kind, top.id, top.score, totals.total,
           coalesce(a.title, c.text, s.title) AS title,
           coalesce(a.status, c.status, s.status) AS status,
           coalesce(a.classification, c.classification, s.classification) AS classification,
           coalesce(a.caveat, c.caveat, s.caveat) AS caveat,
           coalesce(a.releasability, c.releasability, s.releasability) AS releasability,
           ca.classification AS a_classification, ca.caveat AS a_caveat,
           ca.releasability AS a_releasability,
           coalesce(a.id, c.agreement_id) AS parties_of, s.partner,
           coalesce(sn.title_snip, '') AS title_snip, coalesce(sn.body_snip, '') AS body_snip
    FROM top JOIN totals ON totals.kind = top.kind
    LEFT JOIN agreements a ON top.kind = 'agreement' AND a.id = top.id
    LEFT JOIN commitments c ON top.kind = 'commitment' AND c.id = top.id
    LEFT JOIN agreements ca ON ca.id = c.agreement_id
    LEFT JOIN sharing_arrangements s ON top.kind = 'sharing_arrangement' AND s.id = top.id
    LEFT JOIN snippets sn ON sn.doc_id = top.doc_id)
SELECT kind, id, title, title_snip, body_snip, status, classification, caveat, releasability,
       a_classification, a_caveat, a_releasability, total,
       (SELECT json_group_array(json_array(p.alpha2, p.name)) FROM partners p
         WHERE p.is_home = 0 AND p.alpha2 IN
               (SELECT ap.partner FROM agreement_parties ap WHERE ap.agreement_id = kept.parties_of
                UNION ALL SELECT kept.partner)) AS partners
FROM kept
ORDER BY kind, score, id"
);

/// One row of [`SEARCH_SQL`].
#[derive(sqlx::FromRow)]
struct HitRow {
    kind: SearchKind,
    id: i64,
    title: String,
    title_snip: String,
    body_snip: String,
    status: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    /// The agreement's marking, for a commitment (shown away from its agreement).
    a_classification: Option<Level>,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
    total: i64,
    /// `[["LY","Libya"], …]`
    partners: String,
}

/// Fills the record groups of `results` with what matches the FTS5 query `fts`.
pub(super) async fn find(
    db: impl SqliteExecutor<'_>,
    fts: &str,
    clearance: Clearance,
    limit_per_kind: i64,
    results: &mut SearchResults,
) -> Result<(), sqlx::Error> {
    // At least one row per kind that matches, so its total arrives even when no hits are wanted.
    let rows: Vec<HitRow> = sqlx::query_as(SEARCH_SQL)
        .bind(fts)
        .bind(clearance.rank())
        .bind(limit_per_kind.max(1))
        .bind(SNIPPET_TOKENS)
        // One past the cap, to know whether more match than it.
        .bind(SEARCH_COUNT_CAP + 1)
        .fetch_all(db)
        .await?;
    for row in rows {
        let group = results.group_mut(row.kind);
        group.total = row.total.min(SEARCH_COUNT_CAP);
        group.more = row.total > SEARCH_COUNT_CAP;
        if (group.hits.len() as i64) < limit_per_kind {
            group.hits.push(hit(row)?);
        }
    }
    Ok(())
}

fn hit(row: HitRow) -> Result<SearchHit, sqlx::Error> {
    let decode = |e: Box<dyn std::error::Error + Send + Sync>| sqlx::Error::ColumnDecode {
        index: format!("search hit {} {}", row.kind.code(), row.id),
        source: e,
    };
    let status = HitStatus::parse(row.kind, &row.status).map_err(|e| decode(e.into()))?;
    let pairs: Vec<(String, String)> =
        serde_json::from_str(&row.partners).map_err(|e| decode(e.into()))?;
    let mut partners: Vec<PartnerName> =
        pairs.into_iter().map(|(alpha2, name)| PartnerName { alpha2, name }).collect();
    partners.sort_by(|a, b| a.name.cmp(&b.name));
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
    // The body's words when they matched (the title is shown anyway), else the title's;
    // none when only a party's name matched (the partners are shown anyway).
    let snippet = [&row.body_snip, &row.title_snip]
        .into_iter()
        .find(|s| s.contains(MARK_START))
        .map_or("", |s| s.trim());
    let title = match row.kind {
        SearchKind::Commitment => short_title(&row.title),
        SearchKind::Agreement | SearchKind::SharingArrangement => row.title,
    };
    Ok(SearchHit {
        kind: row.kind,
        id: row.id,
        title,
        href: row.kind.href(row.id),
        snippet: snippet_parts(snippet),
        status,
        partners,
        // A commitment is shown away from its agreement: it carries both markings.
        classification: Classification::highest([&own].into_iter().chain(&agreement)),
    })
}
