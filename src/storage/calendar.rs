//! The review calendar's events, within the reader's clearance, and the personal
//! iCalendar feeds (`feeds`) whose secret tokens are kept only as hashes.
//!
//! The events are the dates the dashboard and the review queue count: next review of
//! records still reviewed (an agreement not ended, a commitment not withdrawn, an
//! arrangement not ended), due dates of open commitments, and expiry of agreements
//! not ended. A commitment is shown under its agreement: it is an event only when both
//! are visible, and carries the higher of the two markings.

pub mod feeds;

use super::conditions::{agreement_not_ended, commitment_not_withdrawn, sharing_not_ended};
use super::marking;
use super::visibility::{visible, visible_levels};
use crate::domain::calendar::{CalendarEvent, CalendarTally, DayCount};
use crate::domain::Clearance;
use sqlx::{Row, SqliteExecutor};
use time::Date;

/// The columns every branch of [`EVENTS`] gives, the parent agreement's marking
/// (`a_…`) only for a commitment.
macro_rules! event_columns {
    ($date:literal, $kind:literal, $record:literal, $own:literal, $title:literal, $parent:literal) => {
        concat!(
            "SELECT ",
            $date,
            " AS date, '",
            $kind,
            "' AS kind, '",
            $record,
            "' AS record, ",
            $own,
            ".id AS record_id, ",
            $parent,
            ".reference AS reference, ",
            $title,
            " AS title, ",
            $own,
            ".classification, ",
            $own,
            ".caveat, ",
            $own,
            ".releasability"
        )
    };
}

/// The CTE `e` (no leading comma): the events from `?1` to `?2` inclusive for the
/// clearance rank `?3` (the CTE `visible`).
macro_rules! event_rows {
    () => {
        concat!(
            " e AS (",
            event_columns!("a.next_review_on", "review_due", "agreement", "a", "a.title", "a"),
            ", NULL AS a_classification, NULL AS a_caveat, NULL AS a_releasability
               FROM agreements a WHERE a.next_review_on BETWEEN ?1 AND ?2 AND ",
            agreement_not_ended!("a"),
            " AND ",
            visible!("a.classification"),
            " UNION ALL ",
            event_columns!("a.expires_on", "agreement_expires", "agreement", "a", "a.title", "a"),
            ", NULL, NULL, NULL
               FROM agreements a WHERE a.expires_on BETWEEN ?1 AND ?2 AND ",
            agreement_not_ended!("a"),
            " AND ",
            visible!("a.classification"),
            " UNION ALL ",
            event_columns!("c.next_review_on", "review_due", "commitment", "c", "c.text", "a"),
            ", a.classification, a.caveat, a.releasability
               FROM commitments c JOIN agreements a ON a.id = c.agreement_id
              WHERE c.next_review_on BETWEEN ?1 AND ?2 AND ",
            commitment_not_withdrawn!("c"),
            " AND ",
            visible!("c.classification", "a.classification"),
            " UNION ALL ",
            event_columns!("c.due_on", "commitment_due", "commitment", "c", "c.text", "a"),
            ", a.classification, a.caveat, a.releasability
               FROM commitments c JOIN agreements a ON a.id = c.agreement_id
              WHERE c.due_on BETWEEN ?1 AND ?2 AND c.status IN ",
            open_statuses!(),
            " AND ",
            visible!("c.classification", "a.classification"),
            " UNION ALL ",
            event_columns!("s.next_review_on", "review_due", "sharing", "s", "s.title", "s"),
            ", NULL, NULL, NULL
               FROM sharing_arrangements s WHERE s.next_review_on BETWEEN ?1 AND ?2 AND ",
            sharing_not_ended!("s"),
            " AND ",
            visible!("s.classification"),
            ")"
        )
    };
}

/// The events of each day from `?1` to `?2` (rank `?3`) whose place in their day's
/// order is after `?4` and at most `?5`: a month shows each day's first few, a day
/// page one page of that day.
const SHOWN: &str = concat!(
    "WITH ",
    visible_levels!("?3"),
    ",",
    event_rows!(),
    " SELECT * FROM (SELECT e.*, ROW_NUMBER() OVER
         (PARTITION BY date ORDER BY kind, reference, record_id) AS place FROM e)
       WHERE place > ?4 AND place <= ?5
       ORDER BY date, kind, reference, record_id"
);

/// How many events each day from `?1` to `?2` (rank `?3`) holds, by marking: the
/// days' counts and the marking of everything they count.
const TALLY: &str = concat!(
    "WITH ",
    visible_levels!("?3"),
    ",",
    event_rows!(),
    " SELECT date, classification, caveat, releasability, a_classification, a_caveat,
             a_releasability, COUNT(*) AS events
        FROM e GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY date"
);

/// Every event from `from` to `to` (inclusive) of the records a reader at `clearance`
/// may see, in date order (the personal feed).
pub async fn events(
    executor: impl SqliteExecutor<'_>,
    from: Date,
    to: Date,
    clearance: Clearance,
) -> Result<Vec<CalendarEvent>, sqlx::Error> {
    shown(executor, from, to, clearance, 0, i64::MAX).await
}

/// The events of each day from `from` to `to` that come after the first `skip` of
/// their day, at most `take` a day, in date order: what a month or a day page lists.
pub async fn shown(
    executor: impl SqliteExecutor<'_>,
    from: Date,
    to: Date,
    clearance: Clearance,
    skip: i64,
    take: i64,
) -> Result<Vec<CalendarEvent>, sqlx::Error> {
    let rows = sqlx::query(SHOWN)
        .bind(from)
        .bind(to)
        .bind(clearance.rank())
        .bind(skip)
        .bind(skip.saturating_add(take))
        .fetch_all(executor)
        .await?;
    rows.iter().map(event).collect()
}

/// Each day's number of events from `from` to `to` that a reader at `clearance` may
/// see (days without events left out), and the marking of all of them.
pub async fn tally(
    executor: impl SqliteExecutor<'_>,
    from: Date,
    to: Date,
    clearance: Clearance,
) -> Result<CalendarTally, sqlx::Error> {
    let rows =
        sqlx::query(TALLY).bind(from).bind(to).bind(clearance.rank()).fetch_all(executor).await?;
    let mut tally = CalendarTally::default();
    for row in &rows {
        let date: Date = row.try_get("date")?;
        let events: i64 = row.try_get("events")?;
        match tally.days.last_mut() {
            Some(day) if day.date == date => day.events += events,
            _ => tally.days.push(DayCount { date, events }),
        }
        tally.marking.raise(&effective_marking(row)?);
    }
    Ok(tally)
}

/// A row's marking, raised by its agreement's for a commitment.
fn effective_marking(row: &sqlx::sqlite::SqliteRow) -> Result<crate::Classification, sqlx::Error> {
    let mut marking = marking(row)?;
    if let Some(level) = row.try_get("a_classification")? {
        marking.raise(&crate::Classification {
            level,
            caveat: row.try_get("a_caveat")?,
            releasability: row.try_get("a_releasability")?,
        });
    }
    Ok(marking)
}

fn event(row: &sqlx::sqlite::SqliteRow) -> Result<CalendarEvent, sqlx::Error> {
    Ok(CalendarEvent {
        date: row.try_get("date")?,
        kind: row.try_get("kind")?,
        record: row.try_get("record")?,
        record_id: row.try_get("record_id")?,
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        marking: effective_marking(row)?,
    })
}
