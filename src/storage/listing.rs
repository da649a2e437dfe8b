//! The one list machinery of the registry (agreements, commitments, sharing
//! arrangements): a page, the count, the aggregate marking, or every row as a stream,
//! for a [`ListFilter`] and the reader's clearance.
//!
//! Every query here is built by [`filtered`], which opens with the reader's visible
//! levels and puts the visibility condition first in the `WHERE`: a caller cannot ask
//! for rows (a page, an export) without the clearance filter.

use super::conditions::push_dates;
use super::database;
use super::date_tally::{self, DateRange, Dated};
use super::visibility::with_visible;
use crate::domain::list_filter::{ListFilter, PAGE_SIZE};
use crate::{Classification, Clearance};
use futures_util::stream::{Stream, TryStreamExt};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};
use std::pin::Pin;
use std::task::{Context, Poll};
use time::Date;
use tokio::sync::mpsc;

/// A list's filter as storage reads it: which tables it filters, how its rows look
/// and sort. Implemented in each aggregate's module.
pub trait Listed: ListFilter {
    /// One line of the list.
    type Row: Send + 'static;
    /// The filtered tables (after `FROM`), e.g. `commitments c JOIN agreements a …`.
    const FROM: &'static str;
    /// The listed record's id column (`c.id`).
    const ID: &'static str;
    /// The visibility condition (`visible!`) of the record and every record it is
    /// shown under.
    const VISIBLE: &'static str;
    /// The marking columns whose distinct values make the list's marking.
    const MARKING: &'static str;
    /// `SELECT … FROM page JOIN …`: the columns of the rows whose ids are in the CTE
    /// `page`.
    const ROWS: &'static str;

    /// The filter's conditions, each as `" AND …"`; the query has the CTEs `visible`
    /// and `dates`.
    fn push_conditions(&self, q: &mut QueryBuilder<Sqlite>);

    /// `" ORDER BY …"`, ending with the id so that the order is total.
    fn order(&self) -> String;

    /// A row of [`Self::ROWS`]; `today` dates what is derived (overdue).
    fn row(r: &SqliteRow, today: Date) -> Result<Self::Row, sqlx::Error>;

    /// The effective marking of a row of the [`Self::MARKING`] query.
    fn marking(r: &SqliteRow) -> Result<Classification, sqlx::Error>;

    /// The column of the date tally the writes keep (`storage::date_tally`, every
    /// commitment under the key `all`) that counts exactly what the filter selects,
    /// if one does: [`count`] then reads a few dozen tally rows instead of counting
    /// thousands of records. `None`, the default, counts the records.
    fn tallied(&self, _today: Date) -> Option<(Dated, DateRange)> {
        None
    }
}

/// `WITH visible, dates` and `select` over the filtered tables, with the filter's
/// conditions after the visibility condition.
fn filtered<F: Listed>(
    f: &F,
    clearance: Clearance,
    today: Date,
    select: &str,
) -> QueryBuilder<Sqlite> {
    let mut q = with_visible(clearance);
    push_dates(&mut q, today);
    q.push(select).push(" FROM ").push(F::FROM).push(" WHERE ").push(F::VISIBLE);
    f.push_conditions(&mut q);
    q
}

/// The rows query: ids chosen (and paged, when `paged`) first, rows joined after, so
/// only the rows shown carry their text and subqueries through the sort.
fn rows_query<F: Listed>(
    f: &F,
    clearance: Clearance,
    today: Date,
    paged: bool,
) -> QueryBuilder<Sqlite> {
    let order = f.order();
    let mut q = filtered(f, clearance, today, &format!(", page AS (SELECT {}", F::ID));
    q.push(&order);
    if paged {
        q.push(" LIMIT ")
            .push_bind(PAGE_SIZE)
            .push(" OFFSET ")
            .push_bind((f.page() - 1) * PAGE_SIZE);
    }
    q.push(") ").push(F::ROWS).push(&order);
    q
}

/// The page of the list the filter asks for, in its order.
pub async fn page<F: Listed>(
    pool: &SqlitePool,
    filter: &F,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<F::Row>, sqlx::Error> {
    let mut q = rows_query(filter, clearance, today, true);
    let rows = q.build().fetch_all(pool).await?;
    rows.iter().map(|r| F::row(r, today)).collect()
}

/// How many records match the filter.
pub async fn count<F: Listed>(
    pool: &SqlitePool,
    filter: &F,
    clearance: Clearance,
    today: Date,
) -> Result<i64, sqlx::Error> {
    if let Some(column) = filter.tallied(today) {
        let counts = date_tally::dated(pool, date_tally::ALL, clearance, &[column]).await?;
        return Ok(counts.first().map_or(0, |(_, [n])| *n));
    }
    let mut q = filtered(filter, clearance, today, " SELECT count(*)");
    q.build_query_scalar().fetch_one(pool).await
}

/// The id of every record the filter selects (all pages, in no set order): what a
/// list's briefing pack joins its queries to, so the filter's SQL is written once.
pub async fn ids<F: Listed>(
    pool: &SqlitePool,
    filter: &F,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut q = filtered(filter, clearance, today, &format!(" SELECT {}", F::ID));
    q.build_query_scalar().fetch_all(pool).await
}

/// One page and how many match in all.
pub async fn list<F: Listed>(
    pool: &SqlitePool,
    filter: &F,
    clearance: Clearance,
    today: Date,
) -> Result<(Vec<F::Row>, i64), sqlx::Error> {
    Ok((page(pool, filter, clearance, today).await?, count(pool, filter, clearance, today).await?))
}

/// The aggregate marking of every record the filter selects (not one page): the
/// highest level, every caveat and the most restrictive releasability, read as the
/// distinct markings in one query.
pub async fn marking<F: Listed>(
    pool: &SqlitePool,
    filter: &F,
    clearance: Clearance,
    today: Date,
) -> Result<Classification, sqlx::Error> {
    let mut q = filtered(filter, clearance, today, &format!(" SELECT DISTINCT {}", F::MARKING));
    // It reads every match: without the map, as the export's rows are.
    let rows = database::unmapped(pool, async |c| q.build().fetch_all(c).await).await?;
    let markings = rows.iter().map(F::marking).collect::<Result<Vec<_>, _>>()?;
    Ok(Classification::highest(&markings))
}

/// Rows in flight between the query and the reader: enough to keep both busy, few
/// enough that an export's memory stays flat whatever the number of rows.
const STREAM_BUFFER: usize = 256;

/// Every record the filter selects (all pages), in its order, read from SQLite as the
/// receiver takes them: a task runs the query on a pooled connection and waits
/// whenever [`STREAM_BUFFER`] rows are waiting. Dropping the stream ends the query.
pub fn stream<F: Listed>(
    pool: SqlitePool,
    filter: F,
    clearance: Clearance,
    today: Date,
) -> RowStream<F::Row> {
    let (sender, rows) = RowStream::channel();
    tokio::spawn(async move {
        let mut q = rows_query(&filter, clearance, today, false);
        unmapped(&pool, &sender, async |connection| {
            forward(&sender, q.build().fetch(connection), |row| F::row(row, today)).await;
        })
        .await;
    });
    rows
}

/// Runs `produce` on a connection that reads without the memory map
/// ([`database::unmapped`]: an export reads every row), or sends the failure to get one
/// as the stream's only item.
pub(crate) async fn unmapped<T>(
    pool: &SqlitePool,
    sender: &mpsc::Sender<Result<T, sqlx::Error>>,
    produce: impl AsyncFnOnce(&mut SqliteConnection),
) {
    if let Err(error) = database::unmapped(pool, async |c| Ok(produce(c).await)).await {
        // Nobody to tell if the reader has gone too.
        drop(sender.send(Err(error)).await);
    }
}

/// The rows of [`stream`], each a result: a failure mid-way is the last item.
#[derive(Debug)]
pub struct RowStream<T>(mpsc::Receiver<Result<T, sqlx::Error>>);

impl<T> RowStream<T> {
    /// A stream and the sender its producing task writes to, [`STREAM_BUFFER`] rows
    /// in flight at most.
    pub(crate) fn channel() -> (mpsc::Sender<Result<T, sqlx::Error>>, Self) {
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        (sender, RowStream(receiver))
    }
}

/// Sends each of `rows`, made into an item by `make`, until they end (true), or one
/// fails (its error is sent, last) or the reader has gone away (false: stop producing).
pub(crate) async fn forward<T>(
    sender: &mpsc::Sender<Result<T, sqlx::Error>>,
    mut rows: impl Stream<Item = Result<SqliteRow, sqlx::Error>> + Unpin,
    make: impl Fn(&SqliteRow) -> Result<T, sqlx::Error>,
) -> bool {
    loop {
        let next = match rows.try_next().await {
            Ok(Some(row)) => make(&row),
            Ok(None) => return true,
            Err(error) => Err(error),
        };
        let failed = next.is_err();
        // A closed channel: the reader went away (download cancelled).
        if sender.send(next).await.is_err() || failed {
            return false;
        }
    }
}

impl<T> Stream for RowStream<T> {
    type Item = Result<T, sqlx::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}
