//! `/account/password`: change your password. After a one-time password (first start,
//! or an administrator's reset) this is the only page Accord shows until it is done.

use super::PasswordField;
use crate::access::current_user;
use crate::components::Page;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::ErrorSummary;
use crate::forms::FormValues;
use accord::FormData;
use leptos::prelude::*;

#[component]
pub fn ChangePassword() -> impl IntoView {
    let must = current_user().is_some_and(|u| u.must_change_password);
    let (values, _) = FormValues::for_path("/account/password", FormData::default());
    let errors = values.errors.clone();
    provide_context(values);
    // A refused change is titled "Error: Change your password" by the page frame.
    view! {
        <Page title="Change your password">
            // Someone who must change a one-time password has nowhere else to go yet.
            {(!must).then(|| view! { <a class="govuk-back-link" href="/account">"Back"</a> })}
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">"Change your password"</h1>
                    {must.then(|| view! {
                        <div class="govuk-inset-text" data-test="must-change-password">
                            "You signed in with a one-time password. Choose your own password to continue."
                        </div>
                    })}
                    <form method="post" action="/account/password" novalidate data-test="password-form">
                        <CsrfField />
                        <PasswordField name="current_password" label="Current password" />
                        <PasswordField
                            name="new_password"
                            label="New password"
                            hint="At least 12 characters. A few random words make a strong password that is easy to remember. Common passwords are refused."
                            autocomplete="new-password"
                        />
                        <PasswordField name="confirm_password" label="Confirm new password" autocomplete="new-password" />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Change password"</button>
                    </form>
                </div>
            </div>
        </Page>
    }
}
