//! Submitted forms and the errors found in them: the plumbing every record's
//! parsing rule uses, so a failed submit can say exactly which field is wrong.

mod add_another;

pub use add_another::{BoxChange, ADD_ANOTHER, REMOVE};

use super::dates::DateInput;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use time::Date;

/// A submitted HTML form: the name/value pairs in order (checkbox groups repeat a name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value for `name`, as typed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The first value for `name`, trimmed; empty when absent.
    pub fn text(&self, name: &str) -> &str {
        self.get(name).map(str::trim).unwrap_or("")
    }

    /// Every non-empty value for `name` (checkboxes, repeated selects).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// Adds a value (used when turning a stored record back into form values).
    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }

    /// The value of `name` as one line, to compare two versions of a form and show
    /// the difference: a date field (three parts, or one `YYYY-MM-DD` value) as
    /// "27 3 2027", a repeated field as its values joined by commas.
    pub fn shown(&self, name: &str) -> String {
        let parts = super::dates::DatePart::ALL.map(|p| p.field(name));
        if parts.iter().any(|p| self.get(p).is_some()) {
            return DateInput::from_form(self, name).text();
        }
        match super::dates::parse_iso(self.text(name)) {
            Some(date) => DateInput::of(date).text(),
            None => self.all(name).join(", "),
        }
    }

    /// A field error for every field whose value holds a control character, in form
    /// order. No form asks for one and a NUL byte breaks SQLite's full-text index, so
    /// they are refused at the door rather than stored. Forms not read through
    /// [`FormReader`] (which applies this itself) call it directly.
    pub fn control_character_errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for (name, value) in &self.0 {
            if value.chars().any(is_control) {
                errors.add(name, control_message(&label(name)));
            }
        }
        errors
    }
}

/// A character no form field may hold: a control character other than tab, carriage
/// return and line feed (which a text area sends).
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\r' | '\n')
}

fn control_message(what: &str) -> String {
    format!("{what} must not contain control characters")
}

/// A field's name as a label, for a message about a field read without one:
/// `committing_party` → "Committing party".
fn label(name: &str) -> String {
    let words = name.trim_end_matches("_id").replace('_', " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "This field".to_owned(),
    }
}

/// Messages keyed by field name, in the order they were found (the form's order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    /// Records a message for `field` (the first message for a field wins).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field.to_owned(), message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == field).map(|(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn single(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        errors
    }
}

/// Reads typed values out of a form, collecting every problem rather than stopping at
/// the first, so the user sees them all at once.
///
/// Every field holding a control character is refused (see
/// [`FormData::control_character_errors`]), whichever way the parser reads it.
pub struct FormReader<'a> {
    form: &'a FormData,
    pub errors: FieldErrors,
    /// Fields holding a control character, reported by [`FormReader::finish`] unless
    /// a reader method named them first.
    controls: FieldErrors,
}

impl<'a> FormReader<'a> {
    pub fn new(form: &'a FormData) -> Self {
        FormReader {
            form,
            errors: FieldErrors::default(),
            controls: form.control_character_errors(),
        }
    }

    /// Text that must be present; `message` says what to enter.
    pub fn required(&mut self, name: &str, message: &str) -> String {
        let text = self.form.text(name);
        if text.is_empty() {
            self.errors.add(name, message);
        }
        text.to_owned()
    }

    /// Text that must be present and no longer than `max` characters.
    pub fn required_max(&mut self, name: &str, message: &str, what: &str, max: usize) -> String {
        let text = self.required(name, message);
        self.check_len(name, &text, what, max);
        text
    }

    /// Optional text, trimmed; empty when not given, no longer than `max` characters.
    pub fn optional(&mut self, name: &str, what: &str, max: usize) -> String {
        let text = self.form.text(name).to_owned();
        self.check_len(name, &text, what, max);
        text
    }

    fn check_len(&mut self, name: &str, text: &str, what: &str, max: usize) {
        if text.chars().any(is_control) {
            self.errors.add(name, control_message(what));
        }
        if text.chars().count() > max {
            self.errors.add(name, format!("{what} must be {max} characters or fewer"));
        }
    }

    /// An optional date from a GOV.UK date input (`name-day`, `name-month`,
    /// `name-year`; see [`DateInput`]). A refused part is reported on that part's
    /// field (`due_on-month`), which the error summary links to.
    ///
    /// A single `YYYY-MM-DD` value posted as `name` is read too, when the three parts
    /// are blank: clients of the HTTP API and scripted posts send dates that way, and
    /// reading both here keeps one rule for every form's dates.
    pub fn date(&mut self, name: &str, what: &str) -> Option<Date> {
        match DateInput::from_form(self.form, name).parse(what) {
            Ok(date) => date,
            Err(error) => {
                self.errors.add(&error.field(name), error.message);
                None
            }
        }
    }

    /// A date that must be given: `message` ("Enter the date of the change") when
    /// nothing was typed, otherwise as [`FormReader::date`].
    pub fn required_date(&mut self, name: &str, what: &str, message: &str) -> Option<Date> {
        if DateInput::from_form(self.form, name).is_blank() {
            self.errors.add(name, message);
            return None;
        }
        self.date(name, what)
    }

    /// A required value from a closed vocabulary.
    pub fn choice<T: FromStr>(&mut self, name: &str, message: &str) -> Option<T> {
        match self.form.text(name) {
            "" => {
                self.errors.add(name, message);
                None
            }
            text => {
                let parsed = text.parse().ok();
                if parsed.is_none() {
                    self.errors.add(name, message);
                }
                parsed
            }
        }
    }

    /// Zero or more values from a closed vocabulary (checkboxes); unknown values are errors.
    pub fn choices<T: FromStr + PartialEq>(&mut self, name: &str, what: &str) -> Vec<T> {
        let mut out = Vec::new();
        for text in self.form.all(name) {
            match text.parse::<T>() {
                Ok(value) if !out.contains(&value) => out.push(value),
                Ok(_) => {}
                Err(_) => self.errors.add(name, format!("Select a valid {what}")),
            }
        }
        out
    }

    /// "yes" / "no" radios; `message` when neither was chosen.
    pub fn yes_no(&mut self, name: &str, message: &str) -> Option<bool> {
        match self.form.text(name) {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                self.errors.add(name, message);
                None
            }
        }
    }

    /// An optional whole number ≥ 0 (commas and a leading £ allowed, as people type money).
    pub fn whole_number(&mut self, name: &str, what: &str) -> Option<i64> {
        let text: String =
            self.form.text(name).chars().filter(|c| !matches!(c, ',' | '£' | ' ')).collect();
        if text.is_empty() {
            return None;
        }
        match text.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                self.errors.add(name, format!("{what} must be a whole number, like 250000"));
                None
            }
        }
    }

    /// An optional record id (a select of other records).
    pub fn id(&mut self, name: &str, what: &str) -> Option<i64> {
        let text = self.form.text(name);
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<i64>().ok().filter(|n| *n > 0);
        if parsed.is_none() {
            self.errors.add(name, format!("Select a valid {what}"));
        }
        parsed
    }

    /// Returns `value` when no problem was found.
    pub fn finish<T>(mut self, value: T) -> Result<T, FieldErrors> {
        for (name, message) in std::mem::take(&mut self.controls.0) {
            self.errors.add(&name, message);
        }
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let data = form(&[("title", " "), ("signed_on", "2026-02-30")]);
        let mut reader = FormReader::new(&data);
        reader.required("title", "Enter a title");
        reader.date("signed_on", "Date signed");
        let errors = reader.finish(()).unwrap_err();
        assert_eq!(errors.0[0], ("title".into(), "Enter a title".into()));
        assert_eq!(errors.0[1].0, "signed_on");
    }

    #[test]
    fn a_date_is_read_from_its_three_parts_and_a_wrong_part_is_named() {
        let data = form(&[
            ("due_on-day", " 27 "),
            ("due_on-month", "March"),
            ("due_on-year", "2027"),
            ("signed_on-day", "27"),
            ("signed_on-year", "2027"),
            ("changed_on-day", ""),
        ]);
        let mut reader = FormReader::new(&data);
        assert_eq!(
            reader.date("due_on", "Due date"),
            time::Date::from_calendar_date(2027, time::Month::March, 27).ok()
        );
        assert_eq!(reader.date("signed_on", "Date signed"), None);
        assert_eq!(
            reader.required_date(
                "changed_on",
                "Date of the change",
                "Enter the date of the change"
            ),
            None
        );
        let errors = reader.finish(()).unwrap_err();
        assert_eq!(errors.get("signed_on-month"), Some("Date signed must include a month"));
        assert_eq!(errors.get("changed_on"), Some("Enter the date of the change"));
        assert_eq!(data.shown("due_on"), "27 3 2027");
    }

    #[test]
    fn money_accepts_commas_and_pound_sign_but_not_negatives() {
        let data = form(&[("a", "£1,250,000"), ("b", "-5")]);
        let mut reader = FormReader::new(&data);
        assert_eq!(reader.whole_number("a", "Funding"), Some(1_250_000));
        assert_eq!(reader.whole_number("b", "Funding"), None);
        assert!(reader.errors.get("b").is_some());
    }

    #[test]
    fn text_longer_than_the_limit_is_refused() {
        let long = "x".repeat(301);
        let data = form(&[("title", long.as_str())]);
        let mut reader = FormReader::new(&data);
        reader.required_max("title", "Enter a title", "Title", 300);
        assert!(reader.errors.get("title").is_some());
    }

    #[test]
    fn a_nul_byte_is_a_field_error_named_after_the_field() {
        let data =
            form(&[("title", "a\0b"), ("summary", "x\u{1b}y"), ("lead_department_id", "1\0")]);
        let mut reader = FormReader::new(&data);
        reader.required_max("title", "Enter a title", "Title", 300);
        let errors = reader.finish(()).unwrap_err();
        assert_eq!(errors.get("title"), Some("Title must not contain control characters"));
        // Fields the parser never read through the reader are refused all the same.
        assert_eq!(errors.get("summary"), Some("Summary must not contain control characters"));
        assert_eq!(
            errors.get("lead_department_id"),
            Some("Lead department must not contain control characters")
        );
    }

    #[test]
    fn tabs_and_line_breaks_are_text_but_other_controls_are_not() {
        let data = form(&[("summary", "line one\r\n\tline two")]);
        assert!(data.control_character_errors().is_empty());
        assert!(FormReader::new(&data).finish(()).is_ok());
        for c in ['\0', '\u{7}', '\u{2}', '\u{7f}', '\u{85}'] {
            let data = form(&[("summary", &format!("a{c}b"))]);
            assert!(data.control_character_errors().get("summary").is_some(), "{c:?}");
        }
    }

    #[test]
    fn checkbox_groups_drop_duplicates_and_refuse_unknown_values() {
        use crate::ContestStrand;
        let data = form(&[("strands", "pursue"), ("strands", "pursue"), ("strands", "attack")]);
        let mut reader = FormReader::new(&data);
        let strands: Vec<ContestStrand> = reader.choices("strands", "CONTEST strand");
        assert_eq!(strands, vec![ContestStrand::Pursue]);
        assert!(reader.errors.get("strands").is_some());
    }
}
