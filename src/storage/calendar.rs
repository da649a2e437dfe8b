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
use crate::domain::calendar::CalendarEvent;
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

/// Events from `?1` to `?2` inclusive for the clearance rank `?3`, in date order.
const EVENTS: &str = concat!(
    "WITH ",
    visible_levels!("?3"),
    " ",
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
    " ORDER BY date, kind, reference, record_id"
);

/// The events from `from` to `to` (inclusive) of the records a reader at `clearance`
/// may see, in date order.
pub async fn events(
    executor: impl SqliteExecutor<'_>,
    from: Date,
    to: Date,
    clearance: Clearance,
) -> Result<Vec<CalendarEvent>, sqlx::Error> {
    let rows =
        sqlx::query(EVENTS).bind(from).bind(to).bind(clearance.rank()).fetch_all(executor).await?;
    rows.iter().map(event).collect()
}

fn event(row: &sqlx::sqlite::SqliteRow) -> Result<CalendarEvent, sqlx::Error> {
    let mut marking = marking(row)?;
    if let Some(level) = row.try_get("a_classification")? {
        marking.raise(&crate::Classification {
            level,
            caveat: row.try_get("a_caveat")?,
            releasability: row.try_get("a_releasability")?,
        });
    }
    Ok(CalendarEvent {
        date: row.try_get("date")?,
        kind: row.try_get("kind")?,
        record: row.try_get("record")?,
        record_id: row.try_get("record_id")?,
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        marking,
    })
}
