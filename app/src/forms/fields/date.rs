//! The GOV.UK date input: day, month and year in three fields of one fieldset.

use super::{described_by, group_class, values, ErrorMessage};
use accord::dates::{DateInput, DatePart};
use leptos::prelude::*;

/// GOV.UK's hint for a date input.
const EXAMPLE: &str = "For example, 27 3 2027";

/// A date as three fields posted as `{name}-day`, `{name}-month`, `{name}-year`
/// (read back into one date by `accord::FormReader::date`). Shows what was typed, or
/// the record's date split into its parts. When refused, only the wrong parts are
/// highlighted: those the domain's own parsing names, or all three when the date as
/// a whole is wrong (in the past, before another date).
#[component]
pub fn DateField(
    name: &'static str,
    legend: &'static str,
    /// Shown before the example date.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let v = values();
    let typed = DateInput::from_form(&v.values, name);
    let part_error = DatePart::ALL
        .into_iter()
        .find_map(|part| v.errors.get(&part.field(name)).map(|e| (e.to_owned(), part)));
    let (error, wrong) = match part_error {
        Some((error, part)) => {
            let parts = typed.parse("").err().map(|e| e.parts).filter(|p| !p.is_empty());
            (Some(error), parts.unwrap_or_else(|| vec![part]))
        }
        None => match v.errors.get(name) {
            Some(error) => (Some(error.to_owned()), DatePart::ALL.to_vec()),
            None => (None, Vec::new()),
        },
    };
    let hint_text = match hint {
        Some(hint) => format!("{hint}. {EXAMPLE}"),
        None => EXAMPLE.to_owned(),
    };
    let shown = typed.shown();
    let input = move |part: DatePart| {
        let id = part.field(name);
        let width =
            if part == DatePart::Year { "govuk-input--width-4" } else { "govuk-input--width-2" };
        let error = if wrong.contains(&part) { " govuk-input--error" } else { "" };
        let value = match part {
            DatePart::Day => shown.day.clone(),
            DatePart::Month => shown.month.clone(),
            DatePart::Year => shown.year.clone(),
        };
        view! {
            <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for=id.clone()>{part.label()}</label>
                    <input
                        class=format!("govuk-input govuk-date-input__input {width}{error}")
                        id=id.clone()
                        name=id
                        type="text"
                        inputmode="numeric"
                        value=value
                    />
                </div>
            </div>
        }
    };
    let has_error = error.is_some();
    view! {
        <div class=group_class(has_error)>
            <fieldset class="govuk-fieldset" role="group" aria-describedby=described_by(name, true, has_error)>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <div class="govuk-hint" id=format!("{name}-hint")>{hint_text}</div>
                <ErrorMessage name=name.to_owned() error />
                // The error summary links a date wrong as a whole here (`#due_on`).
                <div class="govuk-date-input" id=name data-test=format!("date-{name}")>
                    {DatePart::ALL.map(input).into_iter().collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
