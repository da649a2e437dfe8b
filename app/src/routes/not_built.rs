//! An honest page for a part of Accord that is not built yet.

use crate::components::Page;
use leptos::prelude::*;

#[component]
pub fn NotBuilt(title: &'static str) -> impl IntoView {
    view! {
        <Page title=title>
            <h1 class="govuk-heading-l">{title}</h1>
            <div class="govuk-inset-text" data-test="not-built">
                "This part of Accord is not built yet. It will list and manage "
                {title.to_lowercase()}
                " in a coming release; nothing here is placeholder data."
            </div>
            <p class="govuk-body">
                <a class="govuk-link" href="/">"Go to the dashboard"</a>
            </p>
        </Page>
    }
}
