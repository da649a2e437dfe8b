//! `/sign-in`: the one page a signed-out visitor can see. The form posts to itself;
//! the server (server/src/auth/sign_in.rs) signs in and redirects, or renders this
//! page again with the problem.

use super::PasswordField;
use crate::components::Page;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::FormValues;
use accord::FormData;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignIn() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let (values, submission) = FormValues::for_path("/sign-in", FormData::default());
    let errors = values.errors.clone();
    let next =
        submission.as_ref().and_then(|s| s.values.get("next").map(str::to_owned)).unwrap_or(next);
    provide_context(values);
    // A refused sign-in is titled "Error: Sign in" by the page frame.
    view! {
        <Page title="Sign in">
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">"Sign in to Accord"</h1>
                    <p class="govuk-body">
                        "Accord holds records marked up to TOP SECRET. Sign in with the account your administrator gave you."
                    </p>
                    <form method="post" action="/sign-in" novalidate data-test="sign-in-form">
                        <CsrfField />
                        <input type="hidden" name="next" value=next />
                        <TextField name="email" label="Email address" input_type="email" width="govuk-!-width-two-thirds" />
                        <PasswordField name="password" label="Password" />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Sign in"</button>
                    </form>
                    <p class="govuk-body">"If you have forgotten your password, ask an Accord administrator to reset it."</p>
                </div>
            </div>
        </Page>
    }
}
