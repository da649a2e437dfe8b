//! The calendar's one server function: a month, or one day, of events for the
//! signed-in reader.

use crate::error::AppError;
use accord::calendar::{CalendarEvent, Month};
use accord::Classification;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::Date;

/// What `/calendar` shows: a month, or (with `?day=`) every event of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarData {
    Month(CalendarPage),
    Day(CalendarDay),
}

/// A month: each day's first [`accord::calendar::SHOWN_A_DAY`] events and every day's count, with the
/// day the server calls today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub month: Month,
    pub today: Date,
    /// The marking of all the month's events, shown or counted.
    pub marking: Classification,
    /// The month grid and the list, rendered once per cached month: a month of the
    /// whole register shows about a hundred events twice, which costs more to render
    /// than all the rest of the page.
    pub grid_html: String,
    pub list_html: String,
}

/// One page of a day's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: Date,
    pub today: Date,
    pub events: Vec<CalendarEvent>,
    /// How many events the day holds.
    pub total: i64,
    pub page: i64,
    /// The marking of all the day's events.
    pub marking: Classification,
}

/// `day` (`YYYY-MM-DD`, page `page`) when it is a date, else the month `month`
/// (`YYYY-MM`; this month when absent or not a month), within the reader's clearance,
/// through the read cache until the next write.
#[server]
pub async fn fetch_calendar(
    month: Option<String>,
    day: Option<String>,
    page: Option<i64>,
) -> Result<CalendarData, AppError> {
    use accord::calendar::{DAY_PAGE_SIZE, SHOWN_A_DAY};
    use accord::storage::calendar;
    let today = accord::dates::today();
    if let Some(date) = day.as_deref().and_then(accord::dates::parse_iso) {
        let page = page.unwrap_or(1).max(1);
        return crate::state::cached(
            "calendar day",
            (date, page),
            |pool, clearance, _| async move {
                let tally = calendar::tally(&pool, date, date, clearance).await?;
                let total = tally.total();
                // A page past the end shows the last one.
                let last = ((total + DAY_PAGE_SIZE - 1) / DAY_PAGE_SIZE).max(1);
                let page = page.min(last);
                let skip = (page - 1) * DAY_PAGE_SIZE;
                let events =
                    calendar::shown(&pool, date, date, clearance, skip, DAY_PAGE_SIZE).await?;
                let marking = tally.marking;
                Ok(CalendarData::Day(CalendarDay { date, today, events, total, page, marking }))
            },
        )
        .await;
    }
    let month = month.as_deref().and_then(Month::parse).unwrap_or(Month::of(today));
    let (from, to) = (month.first_day(), month.last_day());
    crate::state::cached("calendar", (from, to), |pool, clearance, _| async move {
        // One read transaction, so the counts and the events shown are of one moment.
        let mut read = pool.begin().await?;
        let tally = calendar::month_tally(&mut *read, month, clearance).await?;
        let events = calendar::shown(&mut *read, from, to, clearance, 0, SHOWN_A_DAY).await?;
        read.commit().await?;
        let grid_html = super::grid::html(month, today, &events, &tally);
        let list_html = super::list::html(month, today, &events, &tally);
        let marking = tally.marking;
        Ok(CalendarData::Month(CalendarPage { month, today, marking, grid_html, list_html }))
    })
    .await
}
