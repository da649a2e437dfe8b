//! Every row of the review queue for a query (all groups or the one asked for, every
//! page), for the queue's CSV and JSON exports (`/reviews.csv`, `/reviews.json`):
//! the page's own query (`rows`), so the export cannot disagree with the page, one
//! query per group.

use crate::domain::review_queue::{Mine, QueueGroup, QueueItem, ReviewQueueQuery};
use crate::domain::Clearance;
use sqlx::SqlitePool;
use time::Date;

/// Each group the query shows (`query.group`, or all four) with all its rows, by
/// review date; the page number is ignored.
pub async fn all_rows(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    me: &Mine,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<(QueueGroup, Vec<QueueItem>)>, sqlx::Error> {
    let mut groups = Vec::new();
    for group in QueueGroup::ALL.iter().copied() {
        if query.group.is_some_and(|g| g != group) {
            continue;
        }
        // SQLite's LIMIT takes a 64-bit count: i64::MAX is "no limit".
        let rows = super::rows(pool, query, me, group.range(today), clearance, (i64::MAX, 0));
        groups.push((group, rows.await?));
    }
    Ok(groups)
}
