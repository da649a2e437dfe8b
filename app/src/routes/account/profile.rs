//! `/account`: who you are signed in as, what you may do, and how high you may read.

use crate::access::current_user;
use crate::components::{Page, SummaryRow};
use crate::forms::csrf::CsrfField;
use accord::{Action, Role};
use leptos::prelude::*;

#[component]
pub fn Account() -> impl IntoView {
    let Some(user) = current_user() else {
        return view! { <crate::components::ErrorPage error=crate::error::AppError::Unauthorized /> }
            .into_any();
    };
    let duties = Action::ALL
        .iter()
        .filter(|action| user.may(**action))
        .map(|action| action.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <Page title="Your account">
            <h1 class="govuk-heading-l">"Your account"</h1>
            <dl class="govuk-summary-list" data-test="account">
                <SummaryRow key="Name">{user.display_name.clone()}</SummaryRow>
                <SummaryRow key="Email address">{user.email.clone()}</SummaryRow>
                <SummaryRow key="Role">{user.role.label()}</SummaryRow>
                <SummaryRow key="Clearance">{user.clearance.label()}</SummaryRow>
                <SummaryRow key="You may">{duties}</SummaryRow>
            </dl>
            <p class="govuk-body">
                "You see records marked up to " <strong>{user.clearance.label()}</strong>
                ". Records above your clearance do not appear anywhere in Accord for you: not in lists, counts, search or exports."
            </p>
            <p class="govuk-body">
                <a class="govuk-link" href="/account/password" data-test="change-password">"Change your password"</a>
            </p>
            <super::calendar_feed::CalendarFeedSection />
            <super::digest::DigestSection />
            {(user.role == Role::Admin).then(|| view! {
                <h2 class="govuk-heading-m">"Administration"</h2>
                <ul class="govuk-list">
                    <li><a class="govuk-link" href="/admin/users">"Users"</a></li>
                    <li><a class="govuk-link" href="/admin/audit">"Audit log"</a></li>
                </ul>
                <h3 class="govuk-heading-s">"Backup"</h3>
                <p class="govuk-body">"Download a checked copy of the whole database (it includes records at every marking: handle it at TOP SECRET). The download is recorded in the audit log."</p>
                <form method="post" action="/admin/backup">
                    <CsrfField />
                    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-test="download-backup">"Download a backup"</button>
                </form>
            })}
        </Page>
    }
    .into_any()
}
