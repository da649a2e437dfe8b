//! Records that match: agreements, commitments and sharing arrangements, from the
//! FTS5 index of each kind (migrations/0027_search_per_kind.sql).

use super::super::visibility::{commitment_visible, visible, visible_levels};
use crate::domain::search::{
    short_title, snippet_parts, HitStatus, PartnerName, SearchHit, SearchKind, SearchResults,
    MARK_START, SEARCH_COUNT_CAP,
};
use crate::domain::{Classification, Clearance, Level};
use sqlx::SqliteExecutor;

/// Words either side of the match in a snippet.
const SNIPPET_TOKENS: i64 = 16;

/// The common table expressions of one kind's matches, in the index of that kind
/// (migrations/0027_search_per_kind.sql), whose rowid is the record's id:
/// `{kind}_found`, at most `?5` hits whose record (`$table`, joined as `$alias`) is
/// visible, newest first (FTS5 walks its rowids downwards without sorting), scored by
/// bm25 with the given column weights; `{kind}_top`, the best `?3` of them; `{kind}_snips`, their snippets; and
/// `{kind}_hits`, those with the kind's count of hits.
///
/// `{kind}_snips` is a second MATCH filtered by `+rowid IN top`, where the `+` keeps
/// the rowid test away from FTS5, which would otherwise run the whole query again once
/// per row (a prefix query merges every matching term's list each time); it is
/// MATERIALIZED so that the planner runs it once, not once per row kept. The rowid floor
/// (the least id kept), which FTS5 does take, stops that MATCH where the kept hits end
/// instead of walking every hit: "returns" on the large set, 20,000 commitments' hits
/// walked for the 20 best of the newest 1,000 (the query 3.4 → 3.1 ms).
#[rustfmt::skip] // One line of SQL per line, as in the other queries.
macro_rules! kind_matches {
    ($kind:literal, $index:literal, $weights:literal, $table:literal, $alias:literal, $visible:expr) => {
        concat!(
            $kind, "_found AS MATERIALIZED (
    SELECT ", $index, ".rowid AS id, bm25(", $index, ", ", $weights, ") AS score
    FROM ", $index, " CROSS JOIN ", $table, " ", $alias, " ON ", $alias, ".id = ", $index, ".rowid
    WHERE ", $index, " MATCH ?1 AND ", $visible, "
    ORDER BY ", $index, ".rowid DESC LIMIT ?5),
", $kind, "_top AS MATERIALIZED (SELECT * FROM ", $kind, "_found ORDER BY score, id LIMIT ?3),
", $kind, "_snips AS MATERIALIZED (
    SELECT rowid AS id,
           snippet(", $index, ", 0, char(2), char(3), '…', ?4) AS title_snip,
           snippet(", $index, ", 1, char(2), char(3), '…', ?4) AS body_snip
    FROM ", $index, " WHERE ", $index, " MATCH ?1 AND +rowid IN (SELECT id FROM ", $kind, "_top)
      AND rowid >= (SELECT min(id) FROM ", $kind, "_top)),
", $kind, "_hits AS (
    SELECT '", $kind, "' AS kind, t.id, t.score, (SELECT count(*) FROM ", $kind, "_found) AS total,
           coalesce(sn.title_snip, '') AS title_snip, coalesce(sn.body_snip, '') AS body_snip
    FROM ", $kind, "_top t LEFT JOIN ", $kind, "_snips sn ON sn.id = t.id)"
        )
    };
}

/// One query, whatever the number of matches: each kind's MATCH in its own index
/// ([`kind_matches!`]), each hit joined back to its record to filter on the record's
/// current effective marking (a commitment's with its agreement's: [`visible!`], here
/// its stored effective rank), counted, and the best `?3` of each kind kept by bm25 (a
/// title match counts four times a body match, a party's name twice), with their
/// snippets. What the hits show besides is read afresh by [`DETAILS_SQL`]: this part
/// depends only on the index and on visibility, so the read cache keeps it across
/// commits that change neither (migrations/0024_search_changes.sql).
///
/// Bounded, so a common word costs about what a rare one does ("returns" on the large
/// set: 19,000 hits, from 139 ms of CPU to about 20): each kind reads at most `?5`
/// visible hits, newest first, and ranks and counts only those; a count that reaches
/// `?5` is shown as "more than" the cap. Scoring every hit with bm25 was most of the
/// cost.
const MATCHES_SQL: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    ",
",
    kind_matches!(
        "agreement",
        "search_index_agreements",
        "4.0, 1.0, 2.0",
        "agreements",
        "a",
        visible!("a.classification")
    ),
    ",
",
    kind_matches!(
        "commitment",
        "search_index_commitments",
        "4.0, 1.0",
        "commitments",
        "c",
        commitment_visible!("c")
    ),
    ",
",
    kind_matches!(
        "sharing_arrangement",
        "search_index_sharing",
        "4.0, 1.0, 2.0",
        "sharing_arrangements",
        "s",
        visible!("s.classification")
    ),
    "
SELECT kind, id, total, title_snip, body_snip FROM (
    SELECT * FROM agreement_hits
    UNION ALL SELECT * FROM commitment_hits
    UNION ALL SELECT * FROM sharing_arrangement_hits)
ORDER BY kind, score, id"
);

/// What the hits of [`MATCHES_SQL`] show, read from their records now: `?1` is the
/// hits as JSON (`[["commitment", 12], …]`, best first). Each record is tested against
/// the reader's clearance again, so a hit whose record has gone or been marked up
/// since is left out even if the matches were cached from before (the change count
/// that keeps them moves with both; this is the second lock on the door).
const DETAILS_SQL: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    ",
wanted AS (SELECT key AS position, value ->> 0 AS kind, value ->> 1 AS id FROM json_each(?1)),
kept AS (
    SELECT w.position, w.kind, w.id,
           coalesce(a.title, c.text, s.title) AS title,
           coalesce(a.status, c.status, s.status) AS status,
           coalesce(a.classification, c.classification, s.classification) AS classification,
           coalesce(a.caveat, c.caveat, s.caveat) AS caveat,
           coalesce(a.releasability, c.releasability, s.releasability) AS releasability,
           ca.classification AS a_classification, ca.caveat AS a_caveat,
           ca.releasability AS a_releasability,
           coalesce(a.id, c.agreement_id) AS parties_of, s.partner
    FROM wanted w
    LEFT JOIN agreements a ON w.kind = 'agreement' AND a.id = w.id AND ",
    visible!("a.classification"),
    "
    LEFT JOIN commitments c ON w.kind = 'commitment' AND c.id = w.id AND ",
    commitment_visible!("c"),
    "
    LEFT JOIN agreements ca ON ca.id = c.agreement_id
    LEFT JOIN sharing_arrangements s ON w.kind = 'sharing_arrangement' AND s.id = w.id AND ",
    visible!("s.classification"),
    "
    WHERE coalesce(a.id, c.id, s.id) IS NOT NULL)
SELECT position, kind, id, title, status, classification, caveat, releasability,
       a_classification, a_caveat, a_releasability,
       (SELECT json_group_array(json_array(p.alpha2, p.name)) FROM partners p
         WHERE p.is_home = 0 AND p.alpha2 IN
               (SELECT ap.partner FROM agreement_parties ap WHERE ap.agreement_id = kept.parties_of
                UNION ALL SELECT kept.partner)) AS partners
FROM kept
ORDER BY position"
);

/// What a full-text query finds within a clearance, before what the hits show is read:
/// per kind how many match and the best few, with their snippets. It changes only
/// with the index and records' visibility, so the read cache keeps it under
/// [`Topic::Search`](crate::storage::cache::Topic::Search).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matches {
    /// `(kind, matches counted up to one past the cap)`, for each kind that matched.
    pub totals: Vec<(SearchKind, i64)>,
    /// The hits kept, by kind and then best first.
    pub hits: Vec<Matched>,
    /// The last word as cut back, when these are the matches of the shorter word.
    pub shortened_to: Option<String>,
}

/// One hit of [`Matches`].
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Matched {
    pub kind: SearchKind,
    pub id: i64,
    title_snip: String,
    body_snip: String,
}

/// One row of [`MATCHES_SQL`].
#[derive(sqlx::FromRow)]
struct MatchRow {
    #[sqlx(flatten)]
    hit: Matched,
    total: i64,
}

/// One row of [`DETAILS_SQL`].
#[derive(sqlx::FromRow)]
struct HitRow {
    position: i64,
    kind: SearchKind,
    id: i64,
    title: String,
    status: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    /// The agreement's marking, for a commitment (shown away from its agreement).
    a_classification: Option<Level>,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
    /// `[["LY","Libya"], …]`
    partners: String,
}

/// What the FTS5 query `fts` finds within `clearance`, the best `limit_per_kind` of
/// each kind.
pub(super) async fn matches(
    db: impl SqliteExecutor<'_>,
    fts: &str,
    clearance: Clearance,
    limit_per_kind: i64,
) -> Result<Matches, sqlx::Error> {
    // At least one row per kind that matches, so its total arrives even when no hits are wanted.
    let rows: Vec<MatchRow> = sqlx::query_as(MATCHES_SQL)
        .bind(fts)
        .bind(clearance.rank())
        .bind(limit_per_kind.max(1))
        .bind(SNIPPET_TOKENS)
        // One past the cap, to know whether more match than it.
        .bind(SEARCH_COUNT_CAP + 1)
        .fetch_all(db)
        .await?;
    let mut found = Matches::default();
    for row in rows {
        if found.totals.last().is_none_or(|(kind, _)| *kind != row.hit.kind) {
            found.totals.push((row.hit.kind, row.total));
        }
        let kept = found.hits.iter().filter(|h| h.kind == row.hit.kind).count() as i64;
        if kept < limit_per_kind {
            found.hits.push(row.hit);
        }
    }
    Ok(found)
}

/// Fills the record groups of `results` with `found`, each hit completed from its
/// record as it stands now, within `clearance`.
pub(super) async fn fill(
    db: impl SqliteExecutor<'_>,
    found: &Matches,
    clearance: Clearance,
    results: &mut SearchResults,
) -> Result<(), sqlx::Error> {
    results.shortened_to.clone_from(&found.shortened_to);
    for (kind, total) in &found.totals {
        let group = results.group_mut(*kind);
        group.total = (*total).min(SEARCH_COUNT_CAP);
        group.more = *total > SEARCH_COUNT_CAP;
    }
    if found.hits.is_empty() {
        return Ok(());
    }
    let wanted: Vec<(&str, i64)> = found.hits.iter().map(|h| (h.kind.code(), h.id)).collect();
    let wanted = serde_json::to_string(&wanted).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let rows: Vec<HitRow> =
        sqlx::query_as(DETAILS_SQL).bind(wanted).bind(clearance.rank()).fetch_all(db).await?;
    for row in rows {
        let matched = usize::try_from(row.position).ok().and_then(|i| found.hits.get(i));
        let Some(matched) = matched else {
            return Err(sqlx::Error::Protocol(format!("search hit at {} unasked", row.position)));
        };
        let kind = row.kind;
        let hit = hit(row, matched)?;
        results.group_mut(kind).hits.push(hit);
    }
    Ok(())
}

fn hit(row: HitRow, matched: &Matched) -> Result<SearchHit, sqlx::Error> {
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
    let snippet = [&matched.body_snip, &matched.title_snip]
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
