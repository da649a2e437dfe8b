//! Every row of the review queue for a query (all groups or the one asked for, every
//! page), for the queue's CSV and JSON exports (`/reviews.csv`, `/reviews.json`): the
//! page's own rows query, so the export cannot disagree with the page, one group
//! after another, streamed as the list exports are (`storage::listing::stream`), and
//! the aggregate marking of those rows, read first for the file's first line.

use super::{item, marking_columns, markings, records, rows_query, Branches};
use crate::domain::review_queue::{Mine, QueueGroup, QueueRow, ReviewQueueQuery};
use crate::domain::{Classification, Clearance};
use crate::storage::database;
use crate::storage::listing::{forward, unmapped, RowStream};
use crate::storage::visibility::with_visible;
use sqlx::sqlite::SqliteRow;
use sqlx::{SqliteConnection, SqlitePool};
use time::Date;

/// The aggregate marking of every row [`stream`] yields: the distinct markings of
/// each group's records, raised together.
pub async fn marking(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<Classification, sqlx::Error> {
    // Every queued record is read: without the map, as the rows are.
    let read = async |c: &mut SqliteConnection| read_markings(c, query, me, clearance, today).await;
    Ok(Classification::highest(&database::unmapped(pool, read).await?))
}

async fn read_markings(
    connection: &mut SqliteConnection,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<Classification>, sqlx::Error> {
    let mut found = Vec::new();
    for group in shown(query) {
        let branches = Branches { query, me, range: group.range(today) };
        if branches.kinds().is_empty() {
            continue;
        }
        let mut q = with_visible(clearance);
        q.push(", page AS (");
        branches.push(&mut q);
        q.push(concat!(") SELECT DISTINCT page.kind, ", marking_columns!(), records!()));
        for row in q.build().fetch_all(&mut *connection).await? {
            found.extend(markings(&row)?);
        }
    }
    Ok(found)
}

/// Every row of each group the query shows, by review date within the group, read
/// from SQLite as the receiver takes them (a task runs one group's query after
/// another and waits while the stream's buffer is full). Dropping the stream ends it.
pub fn stream(
    pool: SqlitePool,
    query: ReviewQueueQuery,
    me: Mine,
    clearance: Clearance,
    today: Date,
) -> RowStream<QueueRow> {
    let (sender, rows) = RowStream::channel();
    tokio::spawn(async move {
        unmapped(&pool, &sender, async |connection| {
            for group in shown(&query) {
                let branches = Branches { query: &query, me: &me, range: group.range(today) };
                if branches.kinds().is_empty() {
                    continue;
                }
                let mut q = rows_query(&branches, clearance, None);
                let make = |row: &SqliteRow| item(row).map(|item| QueueRow { group, item });
                if !forward(&sender, q.build().fetch(&mut *connection), make).await {
                    return;
                }
            }
        })
        .await;
    });
    rows
}

/// The groups the query shows: the one it names, or all four.
fn shown(query: &ReviewQueueQuery) -> impl Iterator<Item = QueueGroup> + '_ {
    QueueGroup::ALL.iter().copied().filter(|g| query.group.is_none_or(|q| q == *g))
}
