//! Counts of commitments by date read from the date tally the writes keep
//! (migrations/0019_rollup_tallies.sql): how many open commitments fall due, and how
//! many are next reviewed, per month and per day, per roll-up key and effective rank.
//! Overdue, reviews due and the review queue's groups are ranges of it, worked out
//! for the day it is: never stored.

use crate::storage::json_rows::decode;
use crate::Clearance;
use sqlx::SqlitePool;
use time::Date;

/// Dates inclusive, `None` unbounded: the review queue's groups, overdue (up to
/// yesterday), reviews due (today to the horizon).
pub type DateRange = (Option<Date>, Option<Date>);

/// The key under which the dimension `all` counts every commitment once.
pub const ALL: &str = "all";

/// Everything dated before `today`: what is overdue (the same range as the review
/// queue's overdue group).
pub fn before(today: Date) -> DateRange {
    (None, Some(today.previous_day().unwrap_or(today)))
}

/// From `today` to the review horizon, inclusive: reviews due (`conditions::review_due!`).
pub fn review_window(today: Date) -> DateRange {
    let (today, horizon, _) = crate::storage::conditions::horizons(today);
    (Some(today), Some(horizon))
}

/// Which dated rows a figure counts (the date tally's `what`): open commitments by due
/// date; commitments not withdrawn by next review (the dashboard and the roll-ups);
/// those neither met nor withdrawn by next review (the review queue).
pub type Dated = &'static [&'static str];
pub const DUE: Dated = &["due"];
pub const REVIEWED: Dated = &["review", "met_review"];
pub const QUEUED: Dated = &["review"];

/// Counts of dated rows by tally key for a reader at `clearance`, one per column
/// given (what it counts, over which dates), each a few ranges of the date tally's
/// primary key: whole months where the range covers them, days at its ends.
pub async fn dated<const N: usize>(
    pool: &SqlitePool,
    dimension: &str,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    count(pool, dimension, None, clearance, columns).await
}

/// [`dated`] for the keys `keys` only (a JSON array of them, as `json_each` reads it):
/// a page about a few partners reads their rows, not every partner's.
pub async fn dated_for<const N: usize>(
    pool: &SqlitePool,
    dimension: &str,
    keys: &str,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    count(pool, dimension, Some(keys), clearance, columns).await
}

async fn count<const N: usize>(
    pool: &SqlitePool,
    dimension: &str,
    keys: Option<&str>,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    let mut q = sqlx::QueryBuilder::new("WITH parts AS (");
    let mut first = true;
    for (column, (what, range)) in columns.iter().enumerate() {
        for (grain, from, before) in periods(*range) {
            q.push(if first { "" } else { " UNION ALL " });
            first = false;
            q.push(format!(
                "SELECT {column} AS col, key, n FROM rollup_date_tally WHERE dimension = "
            ))
            .push_bind(dimension.to_owned())
            .push(format!(" AND grain = '{grain}' AND what IN ("));
            for (n, w) in what.iter().enumerate() {
                q.push(if n == 0 { "'" } else { ", '" }).push(*w).push("'");
            }
            q.push(")");
            if let Some(from) = from {
                q.push(" AND period >= ").push_bind(from);
            }
            if let Some(before) = before {
                q.push(" AND period < ").push_bind(before);
            }
            q.push(" AND rank <= ").push_bind(clearance.rank());
            if let Some(keys) = keys {
                q.push(" AND key IN (SELECT value FROM json_each(")
                    .push_bind(keys.to_owned())
                    .push("))");
            }
        }
    }
    if first {
        return Ok(Vec::new());
    }
    // One row of JSON for the lot (see `json_rows`): a roll-up reads hundreds of keys.
    q.push(
        ") SELECT json_group_array(json_array(key, col, n))
             FROM (SELECT key, col, sum(n) AS n FROM parts GROUP BY key, col)",
    );
    let json: String = q.build_query_scalar().fetch_one(pool).await?;
    let mut parts: Vec<(String, usize, i64)> = decode("date tally counts", &json)?;
    parts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut counts: Vec<(String, [i64; N])> = Vec::new();
    for (key, column, n) in parts {
        if counts.last().is_none_or(|(k, _)| *k != key) {
            counts.push((key, [0; N]));
        }
        if let (Some((_, row)), true) = (counts.last_mut(), column < N) {
            row[column] = n;
        }
    }
    Ok(counts)
}

/// The date tally's ranges that make up `range`: (grain, from inclusive, before
/// exclusive), as text ('YYYY-MM' months, 'YYYY-MM-DD' days). Whole months only
/// where the range is unbounded; a bounded range (a month or so at most) reads days.
fn periods((from, to): DateRange) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let day = |d: Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let month = |d: Date| format!("{:04}-{:02}", d.year(), u8::from(d.month()));
    // The first day of the month after `d`'s.
    let next_month = |d: Date| {
        let (year, m) = match d.month() {
            time::Month::December => (d.year() + 1, time::Month::January),
            m => (d.year(), m.next()),
        };
        Date::from_calendar_date(year, m, 1).unwrap_or(d)
    };
    let after = |d: Date| d.next_day().map(day);
    match (from, to) {
        (None, None) => vec![("month", None, None)],
        (None, Some(to)) => vec![
            ("month", None, Some(month(to))),
            ("day", Some(format!("{}-01", month(to))), after(to)),
        ],
        (Some(from), None) => {
            let next = next_month(from);
            vec![("day", Some(day(from)), Some(day(next))), ("month", Some(month(next)), None)]
        }
        (Some(from), Some(to)) => vec![("day", Some(day(from)), after(to))],
    }
}
