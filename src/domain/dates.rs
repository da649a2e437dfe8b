//! Dates as people write and read them, and "today" in one place.

mod input;

pub use input::{DateError, DateInput, DatePart};
use time::{format_description::BorrowedFormatItem, macros::format_description, Date};

const ISO: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
const LONG: &[BorrowedFormatItem<'static>] =
    format_description!("[day padding:none] [month repr:long] [year]");

/// Today's date in UTC (the registry's day boundary).
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// Parses `YYYY-MM-DD` (what `<input type="date">` sends).
pub fn parse_iso(text: &str) -> Option<Date> {
    Date::parse(text.trim(), ISO).ok()
}

/// `YYYY-MM-DD`.
pub fn iso(date: Date) -> String {
    date.format(ISO).unwrap_or_default()
}

/// "26 November 2026", the GOV.UK style for dates in text.
pub fn long(date: Date) -> String {
    date.format(LONG).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_what_a_date_input_sends() {
        assert_eq!(parse_iso("2026-03-01"), Some(date!(2026 - 03 - 01)));
        assert_eq!(parse_iso("01/03/2026"), None);
        assert_eq!(parse_iso("2026-02-30"), None);
    }

    #[test]
    fn long_form_has_no_leading_zero() {
        assert_eq!(long(date!(2026 - 03 - 01)), "1 March 2026");
    }
}
