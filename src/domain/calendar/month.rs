//! A calendar month (`2026-12` in addresses) and its grid: weeks Monday first, each
//! day with its events, today marked.

use super::{CalendarEvent, CalendarTally};
use serde::{Deserialize, Serialize};
use time::{Date, Duration, Weekday};

/// How far the previous and next links reach from the current month: the span of the
/// personal feed (`feed_range`), so a crawler (or a person) following them stops
/// there; any other month is still shown at its address.
pub const NAV_MONTHS_BACK: i32 = 3;
pub const NAV_MONTHS_AHEAD: i32 = 18;

/// A month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: time::Month,
}

impl Month {
    /// The month `date` falls in.
    pub fn of(date: Date) -> Self {
        Month { year: date.year(), month: date.month() }
    }

    /// Parses `YYYY-MM` (years 1900 to 9999); `None` otherwise.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok().filter(|y| (1900..=9999).contains(y))?;
        let month = time::Month::try_from(month.parse::<u8>().ok()?).ok()?;
        Some(Month { year, month })
    }

    /// `2026-12`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, u8::from(self.month))
    }

    /// "December 2026".
    pub fn label(self) -> String {
        format!("{} {}", self.month, self.year)
    }

    /// The month `n` months later (earlier when negative).
    pub fn add(self, n: i32) -> Self {
        let index = self.year * 12 + i32::from(u8::from(self.month)) - 1 + n;
        let month =
            time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
        Month { year: index.div_euclid(12), month }
    }

    /// Months from `other` to `self` (negative when `self` is earlier).
    pub fn since(self, other: Month) -> i32 {
        (self.year - other.year) * 12 + i32::from(u8::from(self.month))
            - i32::from(u8::from(other.month))
    }

    pub fn first_day(self) -> Date {
        self.clamp_day(1)
    }

    pub fn last_day(self) -> Date {
        self.clamp_day(self.month.length(self.year))
    }

    /// The day `day` of this month, or its last day when the month is shorter.
    pub fn clamp_day(self, day: u8) -> Date {
        let day = day.clamp(1, self.month.length(self.year));
        // Valid by construction: the day is within the month's length.
        Date::from_calendar_date(self.year, self.month, day).unwrap_or(Date::MIN)
    }
}

/// One day of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridDay {
    pub date: Date,
    /// False for the days of the weeks' ends that belong to the month before or after.
    pub in_month: bool,
    pub is_today: bool,
    /// The day's events shown (the first few of `count`).
    pub events: Vec<CalendarEvent>,
    /// How many events the day holds in all.
    pub count: i64,
}

/// A month as whole weeks, Monday first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGrid {
    pub month: Month,
    pub weeks: Vec<Vec<GridDay>>,
}

impl MonthGrid {
    /// Lays out `month` with `events` (those outside the month are left out) on their
    /// days, in the order given, each day with its count from `tally`.
    pub fn new(month: Month, events: &[CalendarEvent], tally: &CalendarTally, today: Date) -> Self {
        let first = month.first_day();
        let last = month.last_day();
        let start = first
            .saturating_sub(Duration::days(i64::from(first.weekday().number_days_from_monday())));
        let mut weeks = Vec::new();
        let mut day = start;
        while day <= last {
            let mut week = Vec::with_capacity(7);
            for _ in 0..7 {
                let in_month = Month::of(day) == month;
                week.push(GridDay {
                    date: day,
                    in_month,
                    is_today: day == today,
                    events: if in_month {
                        events.iter().filter(|e| e.date == day).cloned().collect()
                    } else {
                        Vec::new()
                    },
                    count: if in_month { tally.on(day) } else { 0 },
                });
                day = day.saturating_add(Duration::days(1));
            }
            weeks.push(week);
        }
        MonthGrid { month, weeks }
    }
}

/// The weekdays in grid order, for column headings.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];
