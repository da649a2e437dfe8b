//! The GOV.UK date input: a date typed as day, month and year in three fields, read
//! the way GOV.UK asks services to read it (month names or numbers, ordinals, spaces
//! around the numbers), refused with GOV.UK's wording and the wrong part named.

use super::parse_iso;
use crate::FormData;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// One of a date input's three fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    /// The three parts in the order the input shows them.
    pub const ALL: [DatePart; 3] = [DatePart::Day, DatePart::Month, DatePart::Year];

    /// `day`, `month`, `year`: the suffix of the field's name (`due_on-month`).
    pub fn suffix(self) -> &'static str {
        match self {
            DatePart::Day => "day",
            DatePart::Month => "month",
            DatePart::Year => "year",
        }
    }

    /// "Day", "Month", "Year": the part's label.
    pub fn label(self) -> &'static str {
        match self {
            DatePart::Day => "Day",
            DatePart::Month => "Month",
            DatePart::Year => "Year",
        }
    }

    /// The name the part's input posts as: `due_on` gives `due_on-day`.
    pub fn field(self, name: &str) -> String {
        format!("{name}-{}", self.suffix())
    }
}

/// A date as typed: the three fields of a date input, or (from a client that posts
/// one `YYYY-MM-DD` value, as the HTTP API and older tests do) that single value.
/// Both are read by [`DateInput::parse`], the one rule every form's dates go through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInput {
    pub day: String,
    pub month: String,
    pub year: String,
    /// A single `YYYY-MM-DD` value, read only when the three fields are all blank.
    pub iso: String,
}

/// Why a typed date was refused: GOV.UK's message, and the parts to highlight
/// (empty when the date was one `YYYY-MM-DD` value rather than three fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub parts: Vec<DatePart>,
}

impl DateError {
    /// The field the error belongs to, which the error summary links to: the first
    /// wrong part (`due_on-month`), or the date itself when it was one value.
    pub fn field(&self, name: &str) -> String {
        match self.parts.first() {
            Some(part) => part.field(name),
            None => name.to_owned(),
        }
    }
}

impl From<&str> for DateInput {
    /// A single `YYYY-MM-DD` value.
    fn from(iso: &str) -> Self {
        DateInput { iso: iso.to_owned(), ..DateInput::default() }
    }
}

impl DateInput {
    /// The date field `name` of a submitted form: its three parts (`name-day`,
    /// `name-month`, `name-year`) and, if sent, the single value `name`.
    pub fn from_form(form: &FormData, name: &str) -> DateInput {
        DateInput::read(name, |field| form.get(field).unwrap_or("").to_owned())
    }

    /// The date field `name` from any named values (a form, a query string), `value`
    /// giving "" for a field not sent; the single value is read trimmed.
    pub fn read(name: &str, value: impl Fn(&str) -> String) -> DateInput {
        DateInput {
            day: value(&DatePart::Day.field(name)),
            month: value(&DatePart::Month.field(name)),
            year: value(&DatePart::Year.field(name)),
            iso: value(name).trim().to_owned(),
        }
    }

    /// The three parts of a known date, as the date input shows it: `27`, `3`, `2027`.
    pub fn of(date: Date) -> DateInput {
        DateInput {
            day: date.day().to_string(),
            month: u8::from(date.month()).to_string(),
            year: date.year().to_string(),
            iso: String::new(),
        }
    }

    /// The three fields to show: as typed, or the single value split into them.
    pub fn shown(&self) -> DateInput {
        match (self.parts_blank(), parse_iso(&self.iso)) {
            (true, Some(date)) => DateInput::of(date),
            (true, None) if !self.iso.trim().is_empty() => {
                // Not a date: show it whole in the day field rather than lose it.
                DateInput { day: self.iso.trim().to_owned(), ..DateInput::default() }
            }
            _ => DateInput { iso: String::new(), ..self.clone() },
        }
    }

    /// The date as one line of text for comparing and showing: "27 3 2027" for any
    /// way of typing that date, the parts as typed when they are not one.
    pub fn text(&self) -> String {
        let shown = match self.parse("") {
            Ok(Some(date)) => DateInput::of(date),
            _ => self.shown(),
        };
        [shown.day.trim(), shown.month.trim(), shown.year.trim()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// True when nothing was typed.
    pub fn is_blank(&self) -> bool {
        self.parts_blank() && self.iso.trim().is_empty()
    }

    fn parts_blank(&self) -> bool {
        [&self.day, &self.month, &self.year].iter().all(|p| p.trim().is_empty())
    }

    fn part(&self, part: DatePart) -> &str {
        match part {
            DatePart::Day => self.day.trim(),
            DatePart::Month => self.month.trim(),
            DatePart::Year => self.year.trim(),
        }
    }

    /// The date, `None` when nothing was typed, or why it cannot be read; `what` names
    /// the date in messages ("Due date must include a month").
    ///
    /// GOV.UK's order of messages: missing parts first, then parts that cannot be
    /// right (13 as a month), then a date that does not exist (30 February).
    pub fn parse(&self, what: &str) -> Result<Option<Date>, DateError> {
        if self.parts_blank() {
            return match self.iso.trim() {
                "" => Ok(None),
                iso => parse_iso(iso)
                    .map(Some)
                    .ok_or_else(|| DateError { message: real_date(what), parts: Vec::new() }),
            };
        }
        let missing: Vec<DatePart> =
            DatePart::ALL.into_iter().filter(|p| self.part(*p).is_empty()).collect();
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|p| p.suffix()).collect();
            let message = format!("{what} must include a {}", names.join(" and "));
            return Err(DateError { message, parts: missing });
        }
        let day = read_day(self.part(DatePart::Day));
        let month = read_month(self.part(DatePart::Month));
        let year_text = self.part(DatePart::Year);
        let year = read_year(year_text);
        let wrong: Vec<DatePart> = [
            (DatePart::Day, day.is_none()),
            (DatePart::Month, month.is_none()),
            (DatePart::Year, year.is_none()),
        ]
        .into_iter()
        .filter_map(|(part, bad)| bad.then_some(part))
        .collect();
        let (Some(day), Some(month), Some(year)) = (day, month, year) else {
            let message =
                if wrong == [DatePart::Year] && year_text.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{what} must include a year with 4 numbers")
                } else {
                    real_date(what)
                };
            return Err(DateError { message, parts: wrong });
        };
        // Each part is possible but the day is past the month's end (30 February).
        Date::from_calendar_date(year, month, day)
            .map(Some)
            .map_err(|_| DateError { message: real_date(what), parts: vec![DatePart::Day] })
    }
}

fn real_date(what: &str) -> String {
    format!("{what} must be a real date")
}

/// 1 to 31, with or without a leading zero or an ordinal ending (`1st`, `02`, `23rd`).
fn read_day(text: &str) -> Option<u8> {
    let lower = text.to_ascii_lowercase();
    let digits =
        ["st", "nd", "rd", "th"].iter().find_map(|end| lower.strip_suffix(end)).unwrap_or(&lower);
    number(digits, 2).filter(|d| (1..=31).contains(d)).map(|d| d as u8)
}

/// 1 to 12 (leading zero allowed), or the month's name in full or shortened to at
/// least its first three letters (`mar`, `Sept`, `DECEMBER`).
fn read_month(text: &str) -> Option<Month> {
    if let Some(n) = number(text, 2) {
        return u8::try_from(n).ok().and_then(|n| Month::try_from(n).ok());
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches('.');
    if lower.chars().count() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let index = NAMES.iter().position(|name| name.starts_with(lower))?;
    Month::try_from(index as u8 + 1).ok()
}

/// Four digits.
fn read_year(text: &str) -> Option<i32> {
    (text.len() == 4).then(|| number(text, 4)).flatten().map(|y| y as i32)
}

/// A whole number of 1 to `max_digits` ASCII digits.
fn number(text: &str, max_digits: usize) -> Option<u32> {
    let ok =
        !text.is_empty() && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn typed(day: &str, month: &str, year: &str) -> DateInput {
        DateInput { day: day.into(), month: month.into(), year: year.into(), iso: String::new() }
    }

    fn refused(day: &str, month: &str, year: &str) -> DateError {
        typed(day, month, year).parse("Due date").expect_err("refused")
    }

    #[test]
    fn reads_numbers_names_ordinals_and_surrounding_spaces() {
        for (d, m, y) in [
            ("27", "3", "2027"),
            (" 27 ", " 03 ", " 2027 "),
            ("27th", "March", "2027"),
            ("27", "mar", "2027"),
            ("27", "MAR.", "2027"),
        ] {
            assert_eq!(
                typed(d, m, y).parse("Due date"),
                Ok(Some(date!(2027 - 03 - 27))),
                "{d} {m} {y}"
            );
        }
        assert_eq!(typed("1st", "Sept", "2026").parse("x"), Ok(Some(date!(2026 - 09 - 01))));
        assert_eq!(typed("02", "12", "2026").parse("x"), Ok(Some(date!(2026 - 12 - 02))));
    }

    #[test]
    fn nothing_typed_is_no_date() {
        assert_eq!(typed("", " ", "").parse("Due date"), Ok(None));
        assert!(DateInput::default().is_blank());
    }

    #[test]
    fn a_missing_part_is_named_and_only_it_is_highlighted() {
        let e = refused("27", "", "2027");
        assert_eq!(e.message, "Due date must include a month");
        assert_eq!(e.parts, [DatePart::Month]);
        assert_eq!(e.field("due_on"), "due_on-month");
        let e = refused("", "", "2027");
        assert_eq!(e.message, "Due date must include a day and month");
        assert_eq!(e.parts, [DatePart::Day, DatePart::Month]);
    }

    #[test]
    fn a_part_that_cannot_be_right_is_highlighted_alone() {
        let e = refused("27", "13", "2027");
        assert_eq!(e.message, "Due date must be a real date");
        assert_eq!(e.parts, [DatePart::Month]);
        let e = refused("32", "3", "2027");
        assert_eq!(e.parts, [DatePart::Day]);
        let e = refused("27", "Marchember", "2027");
        assert_eq!(e.parts, [DatePart::Month]);
        let e = refused("27", "3", "27");
        assert_eq!(e.message, "Due date must include a year with 4 numbers");
        assert_eq!(e.parts, [DatePart::Year]);
        let e = refused("x", "13", "2027");
        assert_eq!(e.parts, [DatePart::Day, DatePart::Month]);
    }

    #[test]
    fn a_day_past_the_end_of_its_month_is_not_a_real_date() {
        let e = refused("30", "2", "2026");
        assert_eq!(e.message, "Due date must be a real date");
        assert_eq!(e.parts, [DatePart::Day]);
        assert!(typed("29", "2", "2028").parse("x").is_ok(), "a leap year");
    }

    #[test]
    fn one_iso_value_is_read_when_the_parts_are_blank() {
        assert_eq!(DateInput::from("2026-03-01").parse("x"), Ok(Some(date!(2026 - 03 - 01))));
        let e = DateInput::from("2026-02-30").parse("Date signed").expect_err("refused");
        assert_eq!(e.message, "Date signed must be a real date");
        assert_eq!(e.field("signed_on"), "signed_on", "no part to point at");
    }

    #[test]
    fn reads_a_form_and_shows_a_stored_date_as_three_parts() {
        let form = FormData(vec![
            ("due_on-day".into(), "5".into()),
            ("due_on-month".into(), "June".into()),
            ("due_on-year".into(), "2027".into()),
        ]);
        let input = DateInput::from_form(&form, "due_on");
        assert_eq!(input.parse("x"), Ok(Some(date!(2027 - 06 - 05))));
        assert_eq!(input.text(), "5 6 2027", "the same date, however typed");
        let stored = DateInput::from("2027-06-05").shown();
        assert_eq!(
            (stored.day.as_str(), stored.month.as_str(), stored.year.as_str()),
            ("5", "6", "2027")
        );
        assert_eq!(DateInput::from("2027-06-05").text(), "5 6 2027");
    }
}
