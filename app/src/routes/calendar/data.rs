//! The calendar's one server function: a month's events for the signed-in reader.

use crate::error::AppError;
use accord::calendar::{CalendarEvent, Month};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::Date;

/// A month of events, with the day the server calls today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub month: Month,
    pub today: Date,
    /// Every event of the month, in date order.
    pub events: Vec<CalendarEvent>,
}

/// The events of `month` (`YYYY-MM`; this month when absent or not a month) within
/// the reader's clearance, through the read cache until the next write.
#[server]
pub async fn fetch_calendar(month: Option<String>) -> Result<CalendarPage, AppError> {
    let today = accord::dates::today();
    let month = month.as_deref().and_then(Month::parse).unwrap_or(Month::of(today));
    let (from, to) = (month.first_day(), month.last_day());
    let events = crate::state::cached("calendar", (from, to), |pool, clearance, _| async move {
        Ok(accord::storage::calendar::events(&pool, from, to, clearance).await?)
    })
    .await?;
    Ok(CalendarPage { month, today, events })
}
