//! GOV.UK summary list rows.

use leptos::prelude::*;

/// One key/value row; `test` names the value for tests.
#[component]
pub fn SummaryRow(
    key: &'static str,
    #[prop(optional)] test: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value" data-test=(!test.is_empty()).then_some(test)>{children()}</dd>
        </div>
    }
}

/// A date as "1 March 2026", or "Not set".
pub fn date_or_unset(date: Option<time::Date>) -> String {
    date.map(accord::dates::long).unwrap_or_else(|| "Not set".to_owned())
}
