//! A headline number on the dashboard.

use leptos::prelude::*;

/// A large figure with its caption, optionally linking to the records behind it.
#[component]
pub fn Figure(
    value: i64,
    #[prop(into)] caption: String,
    test: &'static str,
    #[prop(optional, into)] href: Option<String>,
    #[prop(optional)] warn: bool,
) -> impl IntoView {
    let number = view! {
        <span class="accord-figure__value" data-test=test>{value}</span>
    };
    view! {
        <div class="accord-figure" class:accord-figure--warn=move || { warn && value > 0 }>
            {match href {
                Some(href) => view! { <a class="govuk-link accord-figure__link" href=href>{number}</a> }.into_any(),
                None => number.into_any(),
            }}
            <span class="accord-figure__caption">{caption}</span>
        </div>
    }
}
