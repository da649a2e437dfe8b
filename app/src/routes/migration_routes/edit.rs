//! `/routes/new` and `/routes/{slug}/edit`: a route and its ordered legs.
//!
//! Without JavaScript, legs are reordered by their "order" numbers, removed by
//! blanking the row, and added in the spare rows at the end.

use crate::components::{ErrorPage, Page};
use crate::forms::choices::Choices;
use crate::forms::conflict::ConflictPanel;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{
    AutocompleteScript, ClassificationFields, DateField, ErrorSummary, TextArea, TextField,
};
use crate::forms::FormValues;
use crate::server_fns::route_forms::{fetch_route_form, MAX_LEGS};
use accord::route::Route;
use accord::{FormData, RouteRole};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Empty rows offered after the last leg.
const SPARE_ROWS: usize = 3;

const FIELDS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("slug", "Web address name"),
    ("description", "Description"),
    ("classification", "Classification"),
    ("caveat", "Handling caveat"),
    ("next_review_on", "Next review date"),
];

fn record(route: &Route) -> FormData {
    let mut f = FormData::default();
    f.push("name", &route.name);
    f.push("slug", &route.slug);
    f.push("description", &route.description);
    route.marking.to_form(&mut f);
    f.push("next_review_on", route.next_review_on.map(accord::dates::iso).unwrap_or_default());
    for (i, leg) in route.legs.iter().enumerate() {
        let n = i + 1;
        f.push(&format!("leg_{n}_order"), n.to_string());
        f.push(&format!("leg_{n}_partner"), &leg.alpha2);
        f.push(&format!("leg_{n}_role"), leg.role.code());
    }
    f
}

#[component]
pub fn RouteNew() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| fetch_route_form(None));
    view! {
        <Suspense fallback=|| view! { <Page title="Add a route"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(_) => view! {
                        <Page title="Add a route">
                            <a class="govuk-back-link" href="/routes">"Back"</a>
                            <h1 class="govuk-heading-xl">"Add a route"</h1>
                            <RouteForm path="/routes/new".to_owned() record=FormData::default() version=None cancel="/routes".to_owned() />
                        </Page>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RouteEdit() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new_blocking(slug, |slug| fetch_route_form(Some(slug)));
    view! {
        <Suspense fallback=|| view! { <Page title="Edit route"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(route)) => {
                        let path = format!("/routes/{}/edit", route.slug);
                        let cancel = format!("/routes/{}", route.slug);
                        view! {
                            <Page title=format!("Edit route {}", route.name) marking=route.marking.clone()>
                                <a class="govuk-back-link" href=cancel.clone()>"Back"</a>
                                <span class="govuk-caption-l">{route.name.clone()}</span>
                                <h1 class="govuk-heading-xl">"Edit route"</h1>
                                <RouteForm path record=record(&route) version=Some(route.version) cancel />
                            </Page>
                        }.into_any()
                    }
                    Ok(None) => view! { <ErrorPage error=crate::error::AppError::NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RouteForm(
    path: String,
    record: FormData,
    version: Option<i64>,
    cancel: String,
) -> impl IntoView {
    let partners = Choices::partners_and_home();
    let (values, submission) = FormValues::for_path(&path, record.clone());
    let errors = values.errors.clone();
    let used = (1..=MAX_LEGS)
        .rev()
        .find(|i| {
            !values.values.text(&format!("leg_{i}_partner")).is_empty()
                || !values.values.text(&format!("leg_{i}_role")).is_empty()
        })
        .unwrap_or(0);
    let rows = (used + SPARE_ROWS).min(MAX_LEGS);
    let form_values = values.values.clone();
    provide_context(values);
    let conflict = submission.as_ref().filter(|s| s.conflict).map(|s| s.values.clone());
    let roles = Choices::of(RouteRole::ALL, RouteRole::code, RouteRole::label);
    view! {
        {conflict.map(|yours| view! { <ConflictPanel fields=FIELDS yours current=record.clone() /> })}
        {submission.map(|_| view! { <ErrorSummary errors=errors.clone() /> })}
        <form method="post" action=path novalidate data-test="route-form">
            <CsrfField />
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
            <TextField name="name" label="Name" hint="For example Central Mediterranean" />
            <TextField name="slug" label="Web address name (optional)" hint="Lower-case letters, digits and hyphens; left blank, it is made from the name" width="govuk-input--width-20" />
            <TextArea name="description" label="Description (optional)" rows=3 />
            <ClassificationFields />
            <DateField name="next_review_on" legend="Next review date (optional)" />
            <table class="govuk-table" data-test="leg-rows">
                <caption class="govuk-table__caption govuk-table__caption--m">"Legs, in order from source to destination"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Order"</th>
                    <th scope="col" class="govuk-table__header">"Partner"</th>
                    <th scope="col" class="govuk-table__header">"Role"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {(1..=rows).map(|n| {
                        let order = format!("leg_{n}_order");
                        let order_value = { let v = form_values.text(&order); if v.is_empty() { n.to_string() } else { v.to_owned() } };
                        let partner_error = errors.get(&format!("leg_{n}_partner")).map(str::to_owned);
                        let role_error = errors.get(&format!("leg_{n}_role")).map(str::to_owned);
                        view! {
                            <tr class="govuk-table__row" data-test="leg-row">
                                <td class="govuk-table__cell">
                                    <label class="govuk-visually-hidden" for=order.clone()>{format!("Order of leg row {n}")}</label>
                                    <input class="govuk-input govuk-input--width-2" id=order.clone() name=order type="number" min="1" value=order_value />
                                </td>
                                <td class="govuk-table__cell">
                                    <LegSelect name=format!("leg_{n}_partner") label=format!("Partner for leg row {n}") options=partners.clone() chosen=form_values.text(&format!("leg_{n}_partner")).to_owned() blank="None (no leg)" error=partner_error autocomplete=true />
                                </td>
                                <td class="govuk-table__cell">
                                    <LegSelect name=format!("leg_{n}_role") label=format!("Role for leg row {n}") options=roles.clone() chosen=form_values.text(&format!("leg_{n}_role")).to_owned() blank="Select a role" error=role_error autocomplete=false />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="govuk-body-s">"To reorder legs, change their order numbers. To remove a leg, set its partner to None and leave its role unselected. Save to get more empty rows."</p>
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button" data-module="govuk-button">"Save route"</button>
                <a class="govuk-link" href=cancel>"Cancel"</a>
            </div>
        </form>
        <AutocompleteScript />
    }
}

/// A compact select inside the legs table, with its own error message.
#[component]
fn LegSelect(
    name: String,
    label: String,
    options: Choices,
    chosen: String,
    blank: &'static str,
    error: Option<String>,
    /// The type-ahead over the select when JavaScript runs (the 249 partners).
    autocomplete: bool,
) -> impl IntoView {
    view! {
        <div class=if error.is_some() { "govuk-form-group govuk-form-group--error govuk-!-margin-bottom-0" } else { "govuk-form-group govuk-!-margin-bottom-0" }>
            <label class="govuk-visually-hidden" for=name.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="govuk-error-message" id=format!("{name}-error")><span class="govuk-visually-hidden">"Error: "</span>{e}</p> })}
            <select class="govuk-select" id=name.clone() name=name.clone() aria-describedby=error.as_ref().map(|_| format!("{name}-error")) data-autocomplete=autocomplete.then_some("") inner_html=options.options_html(&chosen, Some(blank))></select>
        </div>
    }
}
