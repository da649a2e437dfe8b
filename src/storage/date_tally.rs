//! Counts of records by date read from the date tallies the writes keep: how many open
//! commitments fall due, and how many are next reviewed, per month and per day, per
//! roll-up key and effective rank (migrations/0019_rollup_tallies.sql); how many
//! agreements and arrangements are next reviewed and agreements expire, per kind
//! (0028_record_date_tally.sql). Overdue, reviews due and the review queue's groups
//! are ranges of them, worked out for the day it is: never stored.

use crate::storage::direct::{self, Param};
use crate::Clearance;
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};
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
/// Agreements and arrangements not ended, by next review date (the record date tally's
/// `what`).
pub const RECORD_REVIEWS: Dated = &["review"];

/// Which date tally a count reads.
#[derive(Clone, Copy)]
enum Tally<'a> {
    /// The commitments' (0019) of one dimension: every key, or those of a JSON array.
    Commitments { dimension: &'a str, keys: Option<&'a str> },
    /// The agreements' and arrangements' (0028), keyed by kind ('agreement', 'sharing').
    Records,
}

/// Counts of dated rows by tally key for a reader at `clearance`, one per column
/// given (what it counts, over which dates), each a few ranges of the date tally's
/// primary key: whole months where the range covers them, days at its ends.
pub async fn dated<const N: usize>(
    pool: &SqlitePool,
    dimension: &str,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    count(pool, Tally::Commitments { dimension, keys: None }, clearance, columns).await
}

/// [`dated`] for the keys `keys` only (a JSON array of them): a page about a few
/// partners gets their counts, not every partner's.
pub async fn dated_for<const N: usize>(
    pool: &SqlitePool,
    dimension: &str,
    keys: &str,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    count(pool, Tally::Commitments { dimension, keys: Some(keys) }, clearance, columns).await
}

/// Counts of agreements and sharing arrangements not ended by date, keyed by kind
/// ('agreement', 'sharing'; a kind with none is missing), for a reader at `clearance`:
/// [`dated`] for the record date tally (what it counts, over which dates).
pub async fn records_dated<const N: usize>(
    pool: &SqlitePool,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    count(pool, Tally::Records, clearance, columns).await
}

async fn count<const N: usize>(
    pool: &SqlitePool,
    tally: Tally<'_>,
    clearance: Clearance,
    columns: &[(Dated, DateRange); N],
) -> Result<Vec<(String, [i64; N])>, sqlx::Error> {
    let (dimension, keys) = match tally {
        Tally::Commitments { dimension, keys } => (Some(dimension), keys),
        Tally::Records => (None, None),
    };
    let wanted: Option<HashSet<String>> = keys
        .map(|keys| {
            serde_json::from_str::<Vec<String>>(keys).map_err(|e| {
                sqlx::Error::Protocol(format!("date tally keys {keys:?} not a JSON array: {e}"))
            })
        })
        .transpose()?
        .map(|keys| keys.into_iter().collect());
    // The period comes before the key in the tally's primary key, so SQLite reads every
    // key's rows in the range whatever keys are asked for. One key (a partner's page)
    // it compares in the scan, the cheapest test it has; several (the dashboard's
    // partners on routes) are kept while summing: as an IN list SQLite tested each row
    // with a b-tree seek, a quarter of the dashboard's time.
    let only = wanted.as_ref().filter(|w| w.len() == 1).and_then(|w| w.iter().next());
    let rank = clearance.rank();
    let mut sql = String::new();
    let mut texts: Vec<String> = Vec::new();
    for (column, (what, range)) in columns.iter().enumerate() {
        for (grain, from, before) in periods(*range) {
            if !sql.is_empty() {
                sql.push_str(" UNION ALL ");
            }
            // Parameters by number: ?1 the dimension, ?2 the rank, ?3 the only key
            // asked for; the dates from ?4 on, in the order they appear. The records'
            // tally has no dimension: ?1 is bound to NULL and not used.
            let whats: Vec<String> = what.iter().map(|w| format!("'{w}'")).collect();
            let whats = whats.join(", ");
            sql.push_str(&match tally {
                Tally::Commitments { .. } => format!(
                    "SELECT {column}, key, n FROM rollup_date_tally WHERE dimension = ?1
                       AND grain = '{grain}' AND what IN ({whats}) AND rank <= ?2"
                ),
                Tally::Records => format!(
                    "SELECT {column}, kind, n FROM record_date_tally
                      WHERE kind IN ('agreement', 'sharing') AND what IN ({whats})
                        AND grain = '{grain}' AND rank <= ?2"
                ),
            });
            if only.is_some() {
                sql.push_str(" AND key = ?3");
            }
            for (bound, operator) in [(from, ">="), (before, "<")] {
                if let Some(date) = bound {
                    texts.push(date);
                    sql.push_str(&format!(" AND period {operator} ?{}", texts.len() + 3));
                }
            }
        }
    }
    if sql.is_empty() {
        return Ok(Vec::new());
    }
    let mut params: Vec<Param<'_>> =
        vec![dimension.into(), rank.into(), only.map(String::as_str).into()];
    params.extend(texts.iter().map(Param::from));
    // The rows are summed here, by key, as they come (see `direct::read`): grouped in
    // SQL, a roll-up by partner (some 10,000 rows) spent most of its time sorting them
    // by key and writing them out as JSON.
    let mut sums: HashMap<String, [i64; N]> = HashMap::new();
    direct::read(pool, |direct| {
        direct.each(&sql, &params, |row| {
            let column = row.int(0).and_then(|c| usize::try_from(c).ok()).filter(|c| *c < N);
            let (Some(column), Some(key), Some(n)) = (column, row.text(1), row.int(2)) else {
                return Err(sqlx::Error::Protocol(format!(
                    "a date tally row not (column below {N}, key, count) in {sql:?}"
                )));
            };
            if wanted.as_ref().is_some_and(|wanted| !wanted.contains(key)) {
                return Ok(());
            }
            match sums.get_mut(key) {
                Some(counts) => counts[column] += n,
                None => {
                    let mut counts = [0; N];
                    counts[column] = n;
                    sums.insert(key.to_owned(), counts);
                }
            }
            Ok(())
        })
    })
    .await?;
    let mut sums: Vec<(String, [i64; N])> = sums.into_iter().collect();
    sums.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(sums)
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
