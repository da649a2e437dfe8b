//! `/admin/users`: every account, and the form to add one.

use super::IssuedPassword;
use crate::components::{ErrorPage, Page};
use crate::forms::choices::Choices;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{ErrorSummary, SelectField, TextField};
use crate::forms::FormValues;
use crate::server_fns::users::fetch_users;
use accord::UserRow;
use accord::{FormData, Level, Role};
use leptos::prelude::*;

#[component]
pub fn UserList() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| fetch_users());
    view! {
        <Suspense fallback=|| view! { <Page title="Users"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rows) => view! { <UsersView rows /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UsersView(rows: Vec<UserRow>) -> impl IntoView {
    let issued = use_context::<IssuedPassword>();
    let (values, _) = FormValues::for_path("/admin/users", FormData::default());
    let errors = values.errors.clone();
    provide_context(values);
    view! {
        <Page title="Users">
            <a class="govuk-back-link" href="/account">"Back"</a>
            <ErrorSummary errors />
            {issued.map(|issued| view! { <IssuedPanel issued /> })}
            <h1 class="govuk-heading-xl">"Users"</h1>
            <table class="govuk-table" data-test="users">
                <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} accounts", rows.len())}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Email address"</th>
                        <th scope="col" class="govuk-table__header">"Role"</th>
                        <th scope="col" class="govuk-table__header">"Clearance"</th>
                        <th scope="col" class="govuk-table__header">"State"</th>
                        <th scope="col" class="govuk-table__header">"Last signed in"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {rows.into_iter().map(|row| view! {
                        <tr class="govuk-table__row" data-test="user-row">
                            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/admin/users/{}", row.user.id)>{row.user.display_name.clone()}</a></td>
                            <td class="govuk-table__cell">{row.user.email.clone()}</td>
                            <td class="govuk-table__cell">{row.user.role.label()}</td>
                            <td class="govuk-table__cell">{row.user.clearance.label()}</td>
                            <td class="govuk-table__cell">
                                {if row.active {
                                    view! { <strong class="govuk-tag govuk-tag--green">"Active"</strong> }.into_any()
                                } else {
                                    view! { <strong class="govuk-tag govuk-tag--grey">"Disabled"</strong> }.into_any()
                                }}
                            </td>
                            <td class="govuk-table__cell">{row.last_sign_in_at.clone().unwrap_or_else(|| "Never".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2 class="govuk-heading-l" id="add">"Add a user"</h2>
            <form method="post" action="/admin/users" novalidate data-test="add-user-form" class="accord-panel">
                <CsrfField />
                <TextField name="email" label="Email address" input_type="email" width="govuk-!-width-one-half" />
                <TextField name="display_name" label="Full name" width="govuk-!-width-one-half" />
                <SelectField name="role" label="Role" options=Choices::of(Role::ALL, Role::code, Role::label) blank="Select a role" />
                <SelectField name="clearance" label="Clearance" options=Choices::of(Level::ALL, Level::code, Level::label) blank="Select a clearance" />
                <p class="govuk-body">"Accord makes a one-time password and shows it to you once. The user must choose their own password when they first sign in."</p>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Add user"</button>
            </form>
        </Page>
    }
}

/// The one-time password just made, shown once.
#[component]
pub fn IssuedPanel(issued: IssuedPassword) -> impl IntoView {
    view! {
        <div class="govuk-panel govuk-panel--confirmation accord-issued" data-test="issued-password">
            <h2 class="govuk-panel__title">"One-time password"</h2>
            <div class="govuk-panel__body">
                {format!("For {}: ", issued.email)}
                <strong><code data-test="one-time-password">{issued.password}</code></strong>
                <br />
                "Give it to them in person or by a separate channel. It is shown only now; they must change it when they sign in."
            </div>
        </div>
    }
}
