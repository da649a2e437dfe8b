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
use super::json_rows::{decode, json_rows};
use super::marking;
use super::visibility::{commitment_visible, visible, visible_levels};
use crate::domain::calendar::{
    CalendarEvent, CalendarTally, DayCount, EventKind, EventRecord, Month,
};
use crate::domain::{Classification, Clearance, Level};
use serde::Deserialize;
use sqlx::{Row, SqliteExecutor};
use time::macros::format_description;
use time::Date;

/// What places an event in its day's order (kind, reference, id), and what it is: the
/// date, kind, record and id, and the reference (a commitment's is its agreement's,
/// `$parent`).
macro_rules! event_key {
    ($date:literal, $kind:literal, $record:literal, $own:literal, $parent:literal) => {
        concat!(
            $date,
            " AS date, '",
            $kind,
            "' AS kind, '",
            $record,
            "' AS record, ",
            $own,
            ".id AS record_id, ",
            $parent,
            ".reference AS reference"
        )
    };
}

/// The columns every branch of [`EVENTS`] gives, the parent agreement's marking
/// (`a_…`) only for a commitment.
macro_rules! event_columns {
    ($date:literal, $kind:literal, $record:literal, $own:literal, $title:literal, $parent:literal) => {
        concat!(
            "SELECT ",
            event_key!($date, $kind, $record, $own, $parent),
            ", ",
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

/// The agreements' and arrangements' events from `?1` to `?2` for the clearance rank
/// `?3` (the CTE `visible`), in the columns of [`event_columns!`]: the branches of
/// [`event_rows!`] that are few enough for a month to count by query.
macro_rules! record_events {
    () => {
        concat!(
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
            event_columns!("s.next_review_on", "review_due", "sharing", "s", "s.title", "s"),
            ", NULL, NULL, NULL
               FROM sharing_arrangements s WHERE s.next_review_on BETWEEN ?1 AND ?2 AND ",
            sharing_not_ended!("s"),
            " AND ",
            visible!("s.classification")
        )
    };
}

/// The CTE `e` (no leading comma): the events from `?1` to `?2` inclusive for the
/// clearance rank `?3` (the CTE `visible`).
macro_rules! event_rows {
    () => {
        concat!(
            " e AS (",
            record_events!(),
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
            ")"
        )
    };
}

/// One kind of event's records from `?1` to `?2`, each numbered in its day by
/// (reference, id), the first `?5` of each day kept: only the columns a day's order
/// needs, so the commitments' come from an index without reading their rows.
macro_rules! firsts_of_each_day {
    ($date:literal, $kind:literal, $record:literal, $own:literal, $from:literal, $parent:literal, $where:expr) => {
        concat!(
            "SELECT * FROM (SELECT ",
            event_key!($date, $kind, $record, $own, $parent),
            ", ROW_NUMBER() OVER (PARTITION BY ",
            $date,
            " ORDER BY ",
            $parent,
            ".reference, ",
            $own,
            ".id) AS nth FROM ",
            $from,
            " WHERE ",
            $date,
            " BETWEEN ?1 AND ?2 AND ",
            $where,
            ") WHERE nth <= ?5"
        )
    };
}

/// The commitment events of each day from `?1` to `?2` (the CTE `days`) by the date
/// column given, each numbered in its day by (reference, id), the first `?5` of each
/// day kept: read in that order from an index holding each commitment's agreement's
/// reference (`commitments_review_day`, migrations/0023; `commitments_due_day`, 0026),
/// a day at a time, so a day's first few cost an index seek and the rest of the
/// month's thousands are never read.
macro_rules! first_commitments_of_each_day {
    ($date:literal, $kind:literal, $index:literal, $where:expr) => {
        concat!(
            "SELECT * FROM (SELECT c.",
            $date,
            " AS date, '",
            $kind,
            "' AS kind,
                    'commitment' AS record, c.id AS record_id, c.agreement_reference AS reference,
                    ROW_NUMBER() OVER (PARTITION BY c.",
            $date,
            " ORDER BY c.agreement_reference, c.id) AS nth
               FROM days d JOIN commitments c ON c.id IN (
                    SELECT x.id FROM commitments x INDEXED BY ",
            $index,
            " WHERE x.",
            $date,
            " = d.day AND ",
            $where,
            " AND ",
            commitment_visible!("x"),
            " ORDER BY x.agreement_reference, x.id LIMIT ?5)) WHERE nth <= ?5"
        )
    };
}

/// The events of each day from `?1` to `?2` (rank `?3`) whose place in their day's
/// order (kind, reference, id) is after `?4` and at most `?5`: a month shows each
/// day's first few, a day page one page of that day.
///
/// Each kind's first `?5` of a day are found before any record is read whole (those
/// hold every event that can be among the day's first `?5`), then only the events
/// shown are joined to their records. A month of the whole register holds thousands
/// of commitment events; numbering them with their text and markings read 40–60 ms
/// on the large set, numbering them from `commitments_review_rank_agreement` and
/// `commitments_status_due_rank` 11–15 ms, and taking each day's first reviews from
/// `commitments_review_day` (pysqlite3, December 2026 at TOP SECRET and OFFICIAL)
/// the same answers in about half and a sixth of the time. Taking each day's first
/// commitments due from `commitments_due_day` as well took the month from 3.9–4.8 ms
/// to 2.7–3.2 (pysqlite3, November 2026 to January 2027, both ranks; same answers).
macro_rules! shown_events {
    () => {
        concat!(
            "WITH ",
            visible_levels!("?3"),
            ", days(day) AS (SELECT ?1 WHERE ?1 <= ?2
                     UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < ?2)",
            ", firsts AS (",
            firsts_of_each_day!(
                "a.next_review_on",
                "review_due",
                "agreement",
                "a",
                "agreements a",
                "a",
                concat!(agreement_not_ended!("a"), " AND ", visible!("a.classification"))
            ),
            " UNION ALL ",
            firsts_of_each_day!(
                "a.expires_on",
                "agreement_expires",
                "agreement",
                "a",
                "agreements a",
                "a",
                concat!(agreement_not_ended!("a"), " AND ", visible!("a.classification"))
            ),
            " UNION ALL ",
            first_commitments_of_each_day!(
                "next_review_on",
                "review_due",
                "commitments_review_day",
                commitment_not_withdrawn!("x")
            ),
            " UNION ALL ",
            // The index is partial, on open commitments: the condition spells out its own.
            first_commitments_of_each_day!(
                "due_on",
                "commitment_due",
                "commitments_due_day",
                concat!("x.status IN ", open_statuses!())
            ),
            " UNION ALL ",
            firsts_of_each_day!(
                "s.next_review_on",
                "review_due",
                "sharing",
                "s",
                "sharing_arrangements s",
                "s",
                concat!(sharing_not_ended!("s"), " AND ", visible!("s.classification"))
            ),
            "), placed AS (SELECT firsts.*, ROW_NUMBER() OVER
         (PARTITION BY date ORDER BY kind, reference, record_id) AS place FROM firsts)
     SELECT p.date, p.kind, p.record, p.record_id, p.reference,
            CASE p.record WHEN 'agreement' THEN a.title WHEN 'commitment' THEN c.text
                          ELSE s.title END AS title,
            CASE p.record WHEN 'agreement' THEN a.classification
                          WHEN 'commitment' THEN c.classification
                          ELSE s.classification END AS classification,
            CASE p.record WHEN 'agreement' THEN a.caveat WHEN 'commitment' THEN c.caveat
                          ELSE s.caveat END AS caveat,
            CASE p.record WHEN 'agreement' THEN a.releasability
                          WHEN 'commitment' THEN c.releasability
                          ELSE s.releasability END AS releasability,
            ca.classification AS a_classification, ca.caveat AS a_caveat,
            ca.releasability AS a_releasability
       FROM placed p
       LEFT JOIN agreements a ON p.record = 'agreement' AND a.id = p.record_id
       LEFT JOIN commitments c ON p.record = 'commitment' AND c.id = p.record_id
       LEFT JOIN agreements ca ON ca.id = c.agreement_id
       LEFT JOIN sharing_arrangements s ON p.record = 'sharing' AND s.id = p.record_id
      WHERE p.place > ?4 AND p.place <= ?5"
        )
    };
}

/// [`shown_events!`] as one row of JSON (`storage::json_rows`), in the day's order: a
/// month holds a hundred events or more, and the feed thousands.
const SHOWN: &str = json_rows!(
    "date, kind, record, record_id, reference, title, classification, caveat, releasability,
     a_classification, a_caveat, a_releasability" order "date, kind, reference, record_id",
    shown_events!()
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
    let json: String = sqlx::query_scalar(SHOWN)
        .bind(from)
        .bind(to)
        .bind(clearance.rank())
        .bind(skip)
        .bind(skip.saturating_add(take))
        .fetch_one(executor)
        .await?;
    decode::<EventRow>("calendar events", &json)?.into_iter().map(EventRow::into_event).collect()
}

/// A row of [`SHOWN`], read from its JSON array in this order.
#[derive(Deserialize)]
struct EventRow {
    date: String,
    kind: EventKind,
    record: EventRecord,
    record_id: i64,
    reference: String,
    title: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    a_classification: Option<Level>,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
}

impl EventRow {
    fn into_event(self) -> Result<CalendarEvent, sqlx::Error> {
        let date =
            Date::parse(&self.date, format_description!("[year]-[month]-[day]")).map_err(|e| {
                sqlx::Error::Decode(format!("calendar event date {:?}: {e}", self.date).into())
            })?;
        let own = Classification {
            level: self.classification,
            caveat: self.caveat,
            releasability: self.releasability,
        };
        let marking = effective(own, self.a_classification, self.a_caveat, self.a_releasability);
        Ok(CalendarEvent {
            date,
            kind: self.kind,
            record: self.record,
            record_id: self.record_id,
            reference: self.reference,
            title: self.title,
            marking,
        })
    }
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

/// A month's events (`?1` to `?2`, the month `?4`, rank `?3`) counted per day (rows
/// `day`), and the markings they disclose (rows `marking`), from the tallies the
/// writes keep. The commitments': their events per day from the date tally (0019:
/// open ones by due date, those not withdrawn by next review), their markings from
/// migrations/0020_calendar_tallies.sql. The agreements' and arrangements' (reviews
/// and expiry of those not ended), both from their date tally (0028).
const MONTH_TALLY: &str = "
    SELECT 'day' AS part, date, sum(n) AS events, NULL AS classification, NULL AS caveat,
           NULL AS releasability
      FROM (SELECT period AS date, n FROM rollup_date_tally
             WHERE dimension = 'all' AND grain = 'day'
               AND what IN ('due', 'review', 'met_review')
               AND period BETWEEN ?1 AND ?2 AND key = '' AND rank <= ?3
            UNION ALL
            SELECT period, n FROM record_date_tally
             WHERE kind IN ('agreement', 'sharing') AND what IN ('review', 'expiry')
               AND grain = 'day' AND period BETWEEN ?1 AND ?2 AND rank <= ?3)
     GROUP BY date HAVING sum(n) > 0
    UNION ALL
    SELECT 'marking', NULL, NULL, classification, nullif(caveat, ''), nullif(releasability, '')
      FROM (SELECT classification, caveat, releasability
              FROM calendar_marking_tally WHERE month = ?4 AND rank <= ?3 AND n > 0
            UNION
            SELECT classification, caveat, releasability FROM record_date_tally
             WHERE kind IN ('agreement', 'sharing') AND what IN ('review', 'expiry')
               AND grain = 'month' AND period = ?4 AND rank <= ?3 AND n > 0)
    ORDER BY part, date";

/// The events of `month` that a reader at `clearance` may see, counted per day, and
/// their marking: what [`tally`] gives for the month's first to last day, read from
/// the tallies the writes keep instead of from every commitment the month holds.
pub async fn month_tally(
    executor: impl SqliteExecutor<'_>,
    month: Month,
    clearance: Clearance,
) -> Result<CalendarTally, sqlx::Error> {
    let rows = sqlx::query(MONTH_TALLY)
        .bind(month.first_day())
        .bind(month.last_day())
        .bind(clearance.rank())
        .bind(month.code())
        .fetch_all(executor)
        .await?;
    let mut tally = CalendarTally::default();
    for row in &rows {
        if row.try_get::<&str, _>("part")? == "day" {
            tally
                .days
                .push(DayCount { date: row.try_get("date")?, events: row.try_get("events")? });
        } else {
            tally.marking.raise(&marking(row)?);
        }
    }
    Ok(tally)
}

/// A row's marking, raised by its agreement's for a commitment.
fn effective_marking(row: &sqlx::sqlite::SqliteRow) -> Result<Classification, sqlx::Error> {
    Ok(effective(
        marking(row)?,
        row.try_get("a_classification")?,
        row.try_get("a_caveat")?,
        row.try_get("a_releasability")?,
    ))
}

/// An event's marking: the record's own, raised by its agreement's (`a_…`, given for a
/// commitment only).
fn effective(
    mut own: Classification,
    a_level: Option<Level>,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
) -> Classification {
    if let Some(level) = a_level {
        own.raise(&Classification { level, caveat: a_caveat, releasability: a_releasability });
    }
    own
}
