//! `/admin/users/{id}`: one account; change its role and clearance, disable or enable
//! it, or reset its password (a new one-time password, shown once).

use super::users::IssuedPanel;
use super::IssuedPassword;
use crate::components::{ErrorPage, Page, SummaryRow};
use crate::forms::choices::Choices;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{ErrorSummary, SelectField};
use crate::forms::FormValues;
use crate::server_fns::users::fetch_user;
use accord::{FormData, Level, Role, UserRow};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UserPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => fetch_user(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <Page title="User"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(row) => view! { <UserView row /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserView(row: UserRow) -> impl IntoView {
    let id = row.user.id;
    let path = format!("/admin/users/{id}");
    let mut record = FormData::default();
    record.0.push(("role".to_owned(), row.user.role.code().to_owned()));
    record.0.push(("clearance".to_owned(), row.user.clearance.code().to_owned()));
    let (values, _) = FormValues::for_path(&path, record);
    let errors = values.errors.clone();
    provide_context(values);
    let issued = use_context::<IssuedPassword>();
    // A saved change is confirmed by the page frame's success banner.
    view! {
        <Page title=format!("{} – Users", row.user.display_name)>
            <a class="govuk-back-link" href="/admin/users">"Back to users"</a>
            <ErrorSummary errors />
            {issued.map(|issued| view! { <IssuedPanel issued /> })}
            <span class="govuk-caption-l">"User"</span>
            <h1 class="govuk-heading-xl">{row.user.display_name.clone()}</h1>
            <dl class="govuk-summary-list" data-test="user-summary">
                <SummaryRow key="Email address">{row.user.email.clone()}</SummaryRow>
                <SummaryRow key="Role">{row.user.role.label()}</SummaryRow>
                <SummaryRow key="Clearance">{row.user.clearance.label()}</SummaryRow>
                <SummaryRow key="State">{if row.active { "Active" } else { "Disabled" }}</SummaryRow>
                <SummaryRow key="Last signed in">{row.last_sign_in_at.clone().unwrap_or_else(|| "Never".to_owned())}</SummaryRow>
                <SummaryRow key="Password">{if row.user.must_change_password { "One-time (to be changed at sign-in)" } else { "Chosen by the user" }}</SummaryRow>
            </dl>
            <h2 class="govuk-heading-m">"Role and clearance"</h2>
            <form method="post" action=path.clone() novalidate class="accord-panel" data-test="access-form">
                <CsrfField />
                <input type="hidden" name="version" value=row.version.to_string() />
                <SelectField name="role" label="Role" options=Choices::of(Role::ALL, Role::code, Role::label) />
                <SelectField name="clearance" label="Clearance" options=Choices::of(Level::ALL, Level::code, Level::label) hint="The highest marking they may see. A change applies to their very next request." />
                <button type="submit" class="govuk-button" data-module="govuk-button">"Save role and clearance"</button>
            </form>
            <h2 class="govuk-heading-m">"Password"</h2>
            <form method="post" action=format!("{path}/password") class="accord-panel">
                <CsrfField />
                <p class="govuk-body">"A new one-time password ends all their sessions; they choose their own at the next sign-in."</p>
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-test="reset-password">"Reset password"</button>
            </form>
            <h2 class="govuk-heading-m">{if row.active { "Disable the account" } else { "Enable the account" }}</h2>
            <form method="post" action=format!("{path}/active") class="accord-panel">
                <CsrfField />
                <input type="hidden" name="active" value=if row.active { "false" } else { "true" } />
                {if row.active {
                    view! { <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" data-test="disable">"Disable account"</button> }.into_any()
                } else {
                    view! { <button type="submit" class="govuk-button" data-module="govuk-button" data-test="enable">"Enable account"</button> }.into_any()
                }}
            </form>
        </Page>
    }
}
