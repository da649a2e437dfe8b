//! GOV.UK form fields bound to the [`FormValues`] in context: each shows its value
//! and, when the last submit was refused, its error message.

mod autocomplete;
mod date;
mod marking;

pub use autocomplete::AutocompleteScript;
pub use date::DateField;
pub use marking::ClassificationFields;

use super::choices::Choices;
use super::FormValues;
use accord::FieldErrors;
use leptos::prelude::*;

fn values() -> FormValues {
    use_context::<FormValues>().unwrap_or_default()
}

/// `describedby` for a field with an optional hint and error.
fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{name}-hint"));
    }
    if error {
        ids.push(format!("{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
fn Hint(name: String, hint: Option<&'static str>) -> impl IntoView {
    hint.map(|h| view! { <div class="govuk-hint" id=format!("{name}-hint")>{h}</div> })
}

#[component]
fn ErrorMessage(name: String, error: Option<String>) -> impl IntoView {
    error.map(|e| {
        view! {
            <p class="govuk-error-message" id=format!("{name}-error")>
                <span class="govuk-visually-hidden">"Error: "</span>
                {e}
            </p>
        }
    })
}

fn group_class(error: bool) -> &'static str {
    if error {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    }
}

/// A one-line text input (dates use [`DateField`]).
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "")] width: &'static str,
) -> impl IntoView {
    let v = values();
    let error = v.errors.get(name).map(str::to_owned);
    let class = format!(
        "govuk-input{}{}",
        if error.is_some() { " govuk-input--error" } else { "" },
        if width.is_empty() { String::new() } else { format!(" {width}") }
    );
    view! {
        <div class=group_class(error.is_some())>
            <label class="govuk-label" for=name>{label}</label>
            <Hint name=name.to_owned() hint />
            <ErrorMessage name=name.to_owned() error=error.clone() />
            <input
                class=class
                id=name
                name=name
                type=input_type
                value=v.values.get(name).unwrap_or_default().to_owned()
                aria-describedby=described_by(name, hint.is_some(), error.is_some())
            />
        </div>
    }
}

/// A multi-line text area.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let v = values();
    let error = v.errors.get(name).map(str::to_owned);
    view! {
        <div class=group_class(error.is_some())>
            <label class="govuk-label" for=name>{label}</label>
            <Hint name=name.to_owned() hint />
            <ErrorMessage name=name.to_owned() error=error.clone() />
            <textarea
                class=if error.is_some() { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" }
                id=name
                name=name
                rows=rows
                aria-describedby=described_by(name, hint.is_some(), error.is_some())
            >
                {v.values.get(name).unwrap_or_default().to_owned()}
            </textarea>
        </div>
    }
}

/// A select; `options` are (value, label). `blank` adds a first empty option.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] options: Choices,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] blank: Option<&'static str>,
    /// Which of several same-named selects this is (0-based), for repeated fields.
    #[prop(optional)]
    index: usize,
    /// Offer a type-ahead over the options when JavaScript runs (the select stays
    /// without it): `accessible-autocomplete`, started by [`AutocompleteScript`].
    #[prop(optional)]
    autocomplete: bool,
) -> impl IntoView {
    let v = values();
    let id = if index == 0 { name.to_owned() } else { format!("{name}-{}", index + 1) };
    let error = if index == 0 { v.errors.get(name).map(str::to_owned) } else { None };
    let chosen = v.values.all(name).get(index).map(|s| s.to_string()).unwrap_or_default();
    view! {
        <div class=group_class(error.is_some())>
            <label class="govuk-label" for=id.clone()>{label}</label>
            <Hint name=id.clone() hint />
            <ErrorMessage name=id.clone() error=error.clone() />
            <select
                class=if error.is_some() { "govuk-select govuk-select--error" } else { "govuk-select" }
                id=id.clone()
                name=name
                aria-describedby=described_by(&id, hint.is_some(), error.is_some())
                data-autocomplete=autocomplete.then_some("")
                inner_html=options.options_html(&chosen, blank)
            ></select>
        </div>
    }
}

/// A group of checkboxes sharing `name`; `options` are (value, label).
#[component]
pub fn Checkboxes(
    name: &'static str,
    legend: &'static str,
    #[prop(into)] options: Choices,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let v = values();
    let error = v.errors.get(name).map(str::to_owned);
    let chosen: Vec<String> = v.values.all(name).into_iter().map(str::to_owned).collect();
    view! {
        <div class=group_class(error.is_some())>
            <fieldset class="govuk-fieldset" aria-describedby=described_by(name, hint.is_some(), error.is_some())>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <Hint name=name.to_owned() hint />
                <ErrorMessage name=name.to_owned() error=error.clone() />
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {options
                        .0
                        .into_iter()
                        .enumerate()
                        .map(|(i, (value, text))| {
                            // The first box carries the bare name as id: the error summary links to it.
                            let id = if i == 0 { name.to_owned() } else { format!("{name}-{value}") };
                            let checked = chosen.iter().any(|c| c.as_str() == value.as_str());
                            view! {
                                <div class="govuk-checkboxes__item">
                                    <input class="govuk-checkboxes__input" id=id.clone() name=name type="checkbox" value=value checked=checked />
                                    <label class="govuk-label govuk-checkboxes__label" for=id>{text}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// Yes / No radios sending "yes" or "no".
#[component]
pub fn YesNo(
    name: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let v = values();
    let error = v.errors.get(name).map(str::to_owned);
    let chosen = v.values.text(name).to_owned();
    let radio = move |value: &'static str, text: &'static str, id: String| {
        let checked = chosen == value;
        view! {
            <div class="govuk-radios__item">
                <input class="govuk-radios__input" id=id.clone() name=name type="radio" value=value checked=checked />
                <label class="govuk-label govuk-radios__label" for=id>{text}</label>
            </div>
        }
    };
    view! {
        <div class=group_class(error.is_some())>
            <fieldset class="govuk-fieldset" aria-describedby=described_by(name, hint.is_some(), error.is_some())>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <Hint name=name.to_owned() hint />
                <ErrorMessage name=name.to_owned() error=error.clone() />
                <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
                    {radio("yes", "Yes", name.to_owned())}
                    {radio("no", "No", format!("{name}-no"))}
                </div>
            </fieldset>
        </div>
    }
}

/// The GOV.UK error summary: every problem, each linking to its field.
#[component]
pub fn ErrorSummary(errors: FieldErrors) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="govuk-error-summary" data-module="govuk-error-summary" data-test="error-summary">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {errors
                                .0
                                .into_iter()
                                .map(|(field, message)| view! { <li><a href=format!("#{field}")>{message}</a></li> })
                                .collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        }
    })
}
