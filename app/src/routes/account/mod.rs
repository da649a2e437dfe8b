//! Signing in and out, and the signed-in user's own page and password.

pub mod calendar_feed;
pub mod digest;
pub mod password;
pub mod profile;
pub mod sign_in;

use crate::forms::FormValues;
use leptos::prelude::*;

/// A password input that never shows a value back (not even a refused one).
#[component]
pub fn PasswordField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "current-password")] autocomplete: &'static str,
) -> impl IntoView {
    let error = use_context::<FormValues>().and_then(|v| v.errors.get(name).map(str::to_owned));
    let class = if error.is_some() { "govuk-input govuk-input--error" } else { "govuk-input" };
    let group = if error.is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    };
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = [hint.map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class=group>
            <label class="govuk-label" for=name>{label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=hint_id.clone()>{h}</div> })}
            {error.clone().map(|e| view! {
                <p class="govuk-error-message" id=error_id.clone()>
                    <span class="govuk-visually-hidden">"Error: "</span>{e}
                </p>
            })}
            <input
                class=class
                id=name
                name=name
                type="password"
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=(!described.is_empty()).then_some(described.clone())
            />
        </div>
    }
}
