//! The review queue: records due for review, within the reader's clearance, counted
//! and listed by group (`domain::review_queue` defines the groups). A page runs a
//! fixed number of queries: one for the four counts, one per group shown (at most
//! [`GROUP_PREVIEW`] or [`PAGE_SIZE`] rows, never the whole group).

mod branches;
pub mod export;

use super::date_tally::{dated, records_dated, ALL, QUEUED, RECORD_REVIEWS};
use super::visibility::with_visible;
use crate::domain::review_queue::{
    Mine, QueueGroup, QueueGroupRows, QueueItem, QueueKind, ReviewQueueQuery, GROUP_PREVIEW,
};
use crate::domain::{
    AgreementStatus, Classification, Clearance, CommitmentStatus, Level, SharingStatus, PAGE_SIZE,
};
use branches::{Branches, Range};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::Date;

/// The markings of a queued record and of what it is shown under, as the columns
/// [`markings`] reads (with `page.kind`).
macro_rules! marking_columns {
    () => {
        "c.classification AS c_level, c.caveat AS c_caveat, c.releasability AS c_rel,
         a.classification AS a_level, a.caveat AS a_caveat, a.releasability AS a_rel,
         s.classification AS s_level, s.caveat AS s_caveat, s.releasability AS s_rel"
    };
}
use marking_columns;

/// The queued records (the CTE `page` of kind, id and date) joined to their tables: a
/// commitment to its agreement too.
macro_rules! records {
    () => {
        " FROM page
          LEFT JOIN commitments c ON page.kind = 'commitment' AND c.id = page.id
          LEFT JOIN agreements a ON a.id = CASE page.kind WHEN 'commitment' THEN c.agreement_id
                                                          WHEN 'agreement' THEN page.id END
          LEFT JOIN sharing_arrangements s ON page.kind = 'sharing' AND s.id = page.id"
    };
}
use records;

/// The groups as an array, in `QueueGroup::ALL` order (a unit test checks they agree).
const GROUPS: [QueueGroup; 4] =
    [QueueGroup::Overdue, QueueGroup::ThisWeek, QueueGroup::Next30Days, QueueGroup::Later];

/// How many visible records of each group match the query, in `QueueGroup::ALL` order.
pub async fn counts(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<(QueueGroup, i64)>, sqlx::Error> {
    if query.narrows_by_kind_only() {
        let records = record_counts(pool, query, me, clearance, today).await?;
        return with_commitments(pool, query, me, clearance, today, records).await;
    }
    // Filtered (the badge's "mine" on every page), every kind in one statement: the
    // commitments are counted from their rows here either way.
    let kinds = Branches { query, me, range: (None, None) }.kinds();
    let counted = count_kinds(pool, query, me, &kinds, clearance, today).await?;
    Ok(GROUPS.iter().copied().zip(counted).collect())
}

/// How many visible agreements and sharing arrangements of each group match the query.
/// Only those records, their parties, strands and the users named on them decide it,
/// never a commitment, so the read cache keeps it across commitments' changes and
/// assessments ([`Topic::Partners`](crate::storage::cache::Topic::Partners) with no
/// partner).
pub async fn record_counts(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<[i64; GROUPS.len()], sqlx::Error> {
    let branches = Branches { query, me, range: (None, None) };
    let kinds: Vec<QueueKind> =
        branches.kinds().into_iter().filter(|k| *k != QueueKind::Commitment).collect();
    if !query.narrows_by_kind_only() {
        return count_kinds(pool, query, me, &kinds, clearance, today).await;
    }
    // In no filter but their kind: every queued one, from the record date tally (on
    // the large set, counting the agreements and arrangements took 1.4 ms here).
    let columns = GROUPS.map(|g| (RECORD_REVIEWS, g.range(today)));
    let mut counted = [0; GROUPS.len()];
    for (kind, counts) in records_dated(pool, clearance, &columns).await? {
        if kinds.iter().any(|k| k.code() == kind) {
            counted.iter_mut().zip(counts).for_each(|(sum, n)| *sum += n);
        }
    }
    Ok(counted)
}

/// `records` ([`record_counts`] of the same query, reader and day) with the queued
/// commitments of each group added.
async fn with_commitments(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
    records: [i64; GROUPS.len()],
) -> Result<Vec<(QueueGroup, i64)>, sqlx::Error> {
    let branches = Branches { query, me, range: (None, None) };
    let commitments = if !branches.kinds().contains(&QueueKind::Commitment) {
        [0; GROUPS.len()]
    } else if query.narrows_by_kind_only() {
        // In no filter but their kind: every queued one, from the date tally (on the
        // large set, the commitments alone took about 30 ms to count here).
        let columns = GROUPS.map(|g| (QUEUED, g.range(today)));
        dated(pool, ALL, clearance, &columns).await?.pop().map_or([0; GROUPS.len()], |(_, n)| n)
    } else {
        count_kinds(pool, query, me, &[QueueKind::Commitment], clearance, today).await?
    };
    Ok(GROUPS.iter().zip(records).zip(commitments).map(|((g, r), c)| (*g, r + c)).collect())
}

/// How many visible records of `kinds` in each group match a filtered query (one that
/// narrows by more than kind), counted from the records themselves.
async fn count_kinds(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    kinds: &[QueueKind],
    clearance: Clearance,
    today: Date,
) -> Result<[i64; GROUPS.len()], sqlx::Error> {
    if kinds.is_empty() {
        return Ok([0; GROUPS.len()]);
    }
    let branches = Branches { query, me, range: (None, None) };
    let mut q = with_visible(clearance);
    // Filtered, SQLite starts from the filter's few records (a partner's agreements,
    // my records): one pass over them, summing a test per group, is cheaper than a
    // count per group (a partner's commitments: 0.5 against 1.5 ms). Each kind is
    // counted on its own and the counts added: passing every queued record of every
    // kind through one union to count them took twice as long.
    q.push(" SELECT");
    for n in 0..QueueGroup::ALL.len() {
        q.push(if n == 0 { " " } else { ", " }).push(format!("coalesce(sum(g{n}), 0)"));
    }
    q.push(" FROM (");
    for (k, kind) in kinds.iter().copied().enumerate() {
        q.push(if k == 0 { "SELECT" } else { " UNION ALL SELECT" });
        for (n, group) in QueueGroup::ALL.iter().enumerate() {
            let (from, to) = group.range(today);
            q.push(if n == 0 { " " } else { ", " }).push("coalesce(sum(1");
            if let Some(from) = from {
                q.push(" AND d >= ").push_bind(from);
            }
            if let Some(to) = to {
                q.push(" AND d <= ").push_bind(to);
            }
            q.push(format!("), 0) AS g{n}"));
        }
        q.push(" FROM (");
        branches.push_kind(&mut q, kind);
        q.push(")");
    }
    q.push(")");
    let row = q.build().fetch_one(pool).await?;
    let mut counted = [0; GROUPS.len()];
    for (n, count) in counted.iter_mut().enumerate() {
        *count = row.try_get::<i64, _>(n)?;
    }
    Ok(counted)
}

/// The signed-in user's badge: their records (owned or reviewed) in each group of the
/// queue, within their clearance; the queue's own count with "mine" set.
pub async fn badge_counts(
    pool: &SqlitePool,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<(QueueGroup, i64)>, sqlx::Error> {
    let query = ReviewQueueQuery { mine: true, ..Default::default() };
    counts(pool, &query, me, clearance, today).await
}

/// Who a commitment may name as reviewer: active reviewers and administrators, as
/// (id, display name) by name. (Storage checks the choice again when it is saved.)
pub async fn reviewer_choices(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(id AS TEXT), display_name FROM users
          WHERE active = 1 AND role IN ('reviewer', 'admin') ORDER BY display_name, id",
    )
    .fetch_all(pool)
    .await
}

/// The queue as a page shows it: with `query.group`, that group alone, a page of
/// [`PAGE_SIZE`] rows; otherwise every group with its first [`GROUP_PREVIEW`] rows.
pub async fn queue(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<QueueGroupRows>, sqlx::Error> {
    let records = record_counts(pool, query, me, clearance, today).await?;
    queue_given(pool, query, me, clearance, today, records).await
}

/// [`queue`], the agreements and arrangements of each group already counted
/// (`records`, from [`record_counts`] for the same query, reader and day).
pub async fn queue_given(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
    records: [i64; GROUPS.len()],
) -> Result<Vec<QueueGroupRows>, sqlx::Error> {
    let counts = with_commitments(pool, query, me, clearance, today, records).await?;
    let mut groups = Vec::new();
    for (group, total) in counts {
        if query.group.is_some_and(|g| g != group) {
            continue;
        }
        let (limit, offset) = match query.group {
            Some(_) => (PAGE_SIZE, (query.page.max(1) - 1) * PAGE_SIZE),
            None => (GROUP_PREVIEW, 0),
        };
        let rows = if total > offset {
            rows(pool, query, me, group.range(today), clearance, (limit, offset)).await?
        } else {
            Vec::new()
        };
        groups.push(QueueGroupRows { group, total, rows });
    }
    Ok(groups)
}

/// `limit` rows from `offset` of the records whose review date is in `range`, by
/// date (then kind and id, so pages do not overlap). Ids are chosen first and the
/// text joined after, for the rows shown only.
async fn rows(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    range: Range,
    clearance: Clearance,
    (limit, offset): (i64, i64),
) -> Result<Vec<QueueItem>, sqlx::Error> {
    let branches = Branches { query, me, range };
    if branches.kinds().is_empty() {
        return Ok(Vec::new());
    }
    let mut q = rows_query(&branches, clearance, Some((limit, offset)));
    q.build().fetch_all(pool).await?.iter().map(item).collect()
}

/// The rows query of [`rows`] (every row in the range when `paged` is `None`); the
/// caller checks the branches include a kind.
fn rows_query(
    branches: &Branches<'_>,
    clearance: Clearance,
    paged: Option<(i64, i64)>,
) -> QueryBuilder<Sqlite> {
    let mut q = with_visible(clearance);
    q.push(", page AS (");
    branches.push(&mut q);
    q.push(" ORDER BY d, kind, id");
    if let Some((limit, offset)) = paged {
        q.push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    }
    q.push(concat!(
        ") SELECT page.kind, page.id, page.d,
                  CASE page.kind WHEN 'sharing' THEN s.reference ELSE a.reference END AS reference,
                  CASE page.kind WHEN 'commitment' THEN c.text WHEN 'agreement' THEN a.title
                       ELSE s.title END AS title,
                  CASE page.kind WHEN 'sharing' THEN (SELECT name FROM partners WHERE alpha2 = s.partner)
                       ELSE (SELECT group_concat(p.name, ', ') FROM agreement_parties ap
                               JOIN partners p ON p.alpha2 = ap.partner
                              WHERE ap.agreement_id = a.id AND p.is_home = 0) END AS partners,
                  CASE page.kind WHEN 'commitment' THEN c.owner WHEN 'agreement' THEN a.owner
                       ELSE '' END AS owner,
                  u.display_name AS reviewer,
                  CASE page.kind WHEN 'commitment' THEN c.status WHEN 'agreement' THEN a.status
                       ELSE s.status END AS status,
                  c.rag, ",
        marking_columns!(),
        records!(),
        " LEFT JOIN users u ON u.id = c.reviewer_id
          ORDER BY page.d, page.kind, page.id"
    ));
    q
}

/// The marking in the columns `{p}_level`, `{p}_caveat`, `{p}_rel`, if the row has one.
fn marking_of(r: &sqlx::sqlite::SqliteRow, p: &str) -> Result<Option<Classification>, sqlx::Error> {
    let level: Option<Level> = r.try_get(format!("{p}_level").as_str())?;
    let Some(level) = level else { return Ok(None) };
    Ok(Some(Classification {
        level,
        caveat: r.try_get(format!("{p}_caveat").as_str())?,
        releasability: r.try_get(format!("{p}_rel").as_str())?,
    }))
}

/// A row's markings ([`marking_columns`]): a commitment's own and its agreement's (its
/// effective marking), an agreement's, or an arrangement's.
fn markings(r: &sqlx::sqlite::SqliteRow) -> Result<Vec<Classification>, sqlx::Error> {
    let kind: QueueKind = r.try_get("kind")?;
    Ok(match kind {
        QueueKind::Commitment => {
            [marking_of(r, "c")?, marking_of(r, "a")?].into_iter().flatten().collect()
        }
        QueueKind::Agreement => marking_of(r, "a")?.into_iter().collect(),
        QueueKind::Sharing => marking_of(r, "s")?.into_iter().collect(),
    })
}

fn item(r: &sqlx::sqlite::SqliteRow) -> Result<QueueItem, sqlx::Error> {
    let kind: QueueKind = r.try_get("kind")?;
    let code: String = r.try_get("status")?;
    let unknown = |e: crate::UnknownVariant| sqlx::Error::Decode(Box::new(e));
    let status = match kind {
        QueueKind::Commitment => code.parse::<CommitmentStatus>().map_err(unknown)?.label(),
        QueueKind::Agreement => code.parse::<AgreementStatus>().map_err(unknown)?.label(),
        QueueKind::Sharing => code.parse::<SharingStatus>().map_err(unknown)?.label(),
    };
    let markings = markings(r)?;
    Ok(QueueItem {
        kind,
        id: r.try_get("id")?,
        reference: r.try_get::<Option<String>, _>("reference")?.unwrap_or_default(),
        title: r.try_get::<Option<String>, _>("title")?.unwrap_or_default(),
        partners: r.try_get::<Option<String>, _>("partners")?.unwrap_or_default(),
        owner: r.try_get::<Option<String>, _>("owner")?.unwrap_or_default(),
        reviewer: r.try_get("reviewer")?,
        next_review_on: r.try_get("d")?,
        status: status.to_owned(),
        rag: r.try_get("rag")?,
        classification: Classification::highest(&markings),
    })
}

#[cfg(test)]
mod groups_tests {
    #[test]
    fn the_groups_array_is_every_group_in_order() {
        assert_eq!(super::GROUPS.as_slice(), crate::domain::review_queue::QueueGroup::ALL);
    }
}
