//! The review calendar: dated events of the records a reader may see (review dates,
//! commitment due dates, agreement expiry dates), the month grid and list they are
//! shown in, and what a personal iCalendar feed may carry out of Accord.

mod month;

pub use month::{GridDay, Month, MonthGrid, NAV_MONTHS_AHEAD, NAV_MONTHS_BACK, WEEKDAYS};

use super::enums::vocabulary;
use crate::Classification;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

vocabulary! {
    /// What an event's date is.
    EventKind, "calendar event kind" {
        ReviewDue => "review_due", "Review due",
        CommitmentDue => "commitment_due", "Commitment due",
        AgreementExpires => "agreement_expires", "Agreement expires",
    }
}

vocabulary! {
    /// The kind of record an event belongs to.
    EventRecord, "calendar record kind" {
        Agreement => "agreement", "Agreement",
        Commitment => "commitment", "Commitment",
        Sharing => "sharing", "Sharing arrangement",
    }
}

impl EventKind {
    /// The word a grid cell has room for: "Review", "Due", "Expires".
    pub const fn short(self) -> &'static str {
        match self {
            EventKind::ReviewDue => "Review",
            EventKind::CommitmentDue => "Due",
            EventKind::AgreementExpires => "Expires",
        }
    }

    /// The GOV.UK tag colour the kind is shown in.
    pub const fn tag_colour(self) -> &'static str {
        match self {
            EventKind::ReviewDue => "light-blue",
            EventKind::CommitmentDue => "yellow",
            EventKind::AgreementExpires => "purple",
        }
    }
}

/// One dated event of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEvent {
    pub date: Date,
    pub kind: EventKind,
    pub record: EventRecord,
    pub record_id: i64,
    /// The record's reference; a commitment has none of its own, so its agreement's.
    pub reference: String,
    /// The agreement's or arrangement's title, or the commitment's text.
    pub title: String,
    /// The effective marking: a commitment's is the higher of its own and its agreement's.
    pub marking: Classification,
}

impl CalendarEvent {
    /// The record's address in Accord (relative).
    pub fn href(&self) -> String {
        let id = self.record_id;
        match self.record {
            EventRecord::Agreement => format!("/agreements/{id}"),
            EventRecord::Commitment => format!("/commitments/{id}"),
            EventRecord::Sharing => format!("/sharing/{id}"),
        }
    }

    /// How the record is named where its title may not go: its reference, and for a
    /// commitment its number under its agreement's reference.
    pub fn name(&self) -> String {
        match self.record {
            EventRecord::Commitment => {
                format!("{} commitment {}", self.reference, self.record_id)
            }
            _ => self.reference.clone(),
        }
    }

    /// A stable identifier for calendar clients: the same event keeps it across
    /// fetches, so a client updates it rather than adding a copy.
    pub fn uid(&self) -> String {
        format!("{}-{}-{}@accord", self.kind.code(), self.record.code(), self.record_id)
    }

    /// The title a feed may carry: only when the user chose titles and the record's
    /// effective marking is plain OFFICIAL (no handling caveat, no releasability), so
    /// nothing but OFFICIAL text leaves Accord (DESIGN.md: feeds carry references).
    pub fn feed_title(&self, include_titles: bool) -> Option<&str> {
        let plain = self.marking == Classification::new(crate::Level::Official);
        (include_titles && plain).then_some(self.title.as_str())
    }
}

/// The days a feed covers, from `today`: 90 days back to 18 months ahead, inclusive.
pub fn feed_range(today: Date) -> (Date, Date) {
    let from = today.saturating_sub(Duration::days(90));
    (from, Month::of(today).add(18).clamp_day(today.day()))
}

/// Events a month shows of each day, in the grid and in the list alike; the rest of a
/// crowded day are counted ("and 212 more") and listed on the day's own page.
pub const SHOWN_A_DAY: i64 = 3;

/// Events on one page of a day's list.
pub const DAY_PAGE_SIZE: i64 = 50;

/// How many events a day holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub date: Date,
    pub events: i64,
}

/// The events of a span of days counted, not loaded: each day's number (days without
/// events left out, in date order) and the marking of everything counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarTally {
    pub days: Vec<DayCount>,
    pub marking: Classification,
}

impl CalendarTally {
    /// The number of events on `date`.
    pub fn on(&self, date: Date) -> i64 {
        self.days.iter().find(|d| d.date == date).map_or(0, |d| d.events)
    }

    /// The number of events on every day together.
    pub fn total(&self) -> i64 {
        self.days.iter().map(|d| d.events).sum()
    }
}

/// `/calendar?day=2026-12-14` (and `&page=2`): a day's own list, every event of it.
pub fn day_href(date: Date, page: i64) -> String {
    let day = crate::dates::iso(date);
    if page > 1 {
        format!("/calendar?day={day}&page={page}")
    } else {
        format!("/calendar?day={day}")
    }
}

/// The marking of a page showing `events`: the highest of theirs.
pub fn page_marking(events: &[CalendarEvent]) -> Classification {
    Classification::highest(events.iter().map(|e| &e.marking))
}

/// Which way a month is shown: the grid (with the list below it), or the list alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CalendarView {
    #[default]
    Month,
    List,
}

impl CalendarView {
    /// `?view=list` is the list; anything else the month grid.
    pub fn parse(text: Option<&str>) -> Self {
        if text == Some("list") {
            CalendarView::List
        } else {
            CalendarView::Month
        }
    }
}

/// `/calendar?month=2026-12` (and `&view=list`): the address of a month.
pub fn calendar_href(month: Month, view: CalendarView) -> String {
    match view {
        CalendarView::Month => format!("/calendar?month={}", month.code()),
        CalendarView::List => format!("/calendar?month={}&view=list", month.code()),
    }
}

/// The id of a day's heading in the list view, for links to that day.
pub fn day_anchor(date: Date) -> String {
    format!("day-{}", crate::dates::iso(date))
}

#[cfg(test)]
mod tests;
