//! `/partners`: every ISO 3166-1 country and territory, filtered by query parameters.
//!
//! The filter form is a plain GET form, so it works with JavaScript off. The form and
//! the table are an island: once hydrated, typing in the name field narrows the rows at
//! once, by the same rule the server applies (`Partner::matches_name`).

use crate::components::Page;
use accord::iso::{partners_matching, regions};
use accord::{Partner, PartnerFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Partners are fixed ISO data (`accord::iso`), so the page needs no query: the
/// server and the island read the same table.
#[component]
pub fn PartnerList() -> impl IntoView {
    let query = use_query_map();
    let filter = query.with_untracked(|q| PartnerFilter {
        name: q.get("name"),
        region: q.get("region"),
        sub_region: q.get("sub_region"),
    });
    view! {
        <Page title="Partners">
            <h1 class="govuk-heading-xl">"Partners"</h1>
            <p class="govuk-body-l">"Countries and territories (ISO 3166-1) and what Accord holds on each."</p>
            <PartnerFinder filter />
        </Page>
    }
}

/// The filter form, the count and the table. An island: only its filter travels
/// with the page, and the browser narrows the rows as the user types.
#[island]
fn PartnerFinder(filter: PartnerFilter) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| crate::mark_hydrated());
    let typed = RwSignal::new(filter.name.clone().unwrap_or_default());
    // The region filters apply as submitted; the name narrows live.
    let partners =
        StoredValue::new(partners_matching(&PartnerFilter { name: None, ..filter.clone() }));
    let visible = move || {
        let text = typed.get();
        partners.with_value(|all| {
            all.iter().filter(|p| p.matches_name(&text)).cloned().collect::<Vec<_>>()
        })
    };
    let count = move || {
        let n = visible().len();
        if n == 1 {
            "1 partner".to_owned()
        } else {
            format!("{n} partners")
        }
    };
    view! {
            <FilterForm filter regions=regions() typed />
            <h2 class="govuk-heading-m" data-test="partner-count" aria-live="polite">{count}</h2>
            <table class="govuk-table" data-test="partner-table">
                <caption class="govuk-visually-hidden">"Partners matching the filter"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Code"</th>
                        <th scope="col" class="govuk-table__header">"Region"</th>
                        <th scope="col" class="govuk-table__header">"Sub-region"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {move || visible().into_iter().map(partner_row).collect_view()}
                </tbody>
            </table>
    }
}

fn partner_row(partner: Partner) -> impl IntoView {
    view! {
        <tr class="govuk-table__row" data-test="partner-row">
            <td class="govuk-table__cell">
                <a class="govuk-link" href=format!("/partners/{}", partner.alpha2)>{partner.name}</a>
                {partner.is_home.then(|| view! { " " <strong class="govuk-tag govuk-tag--grey">"Home"</strong> })}
            </td>
            <td class="govuk-table__cell">{partner.alpha2}</td>
            <td class="govuk-table__cell" data-test="partner-region">{partner.region}</td>
            <td class="govuk-table__cell">{partner.sub_region}</td>
        </tr>
    }
}

#[component]
fn FilterForm(
    filter: PartnerFilter,
    regions: Vec<(String, Vec<String>)>,
    typed: RwSignal<String>,
) -> impl IntoView {
    let region = filter.region.unwrap_or_default();
    let sub_region = filter.sub_region.unwrap_or_default();
    let region_options = regions
        .iter()
        .map(|(r, _)| {
            let selected = *r == region;
            view! { <option value=r.clone() selected=selected>{r.clone()}</option> }
        })
        .collect_view();
    let sub_region_groups = regions
        .into_iter()
        .map(|(r, subs)| {
            let options = subs
                .into_iter()
                .map(|s| {
                    let selected = s == sub_region;
                    view! { <option value=s.clone() selected=selected>{s.clone()}</option> }
                })
                .collect_view();
            view! { <optgroup label=r>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <form method="get" action="/partners" class="accord-filters" role="search" aria-label="Filter partners">
            <div class="govuk-form-group">
                <label class="govuk-label" for="name">"Name"</label>
                <div class="govuk-hint" id="name-hint">"Part of the name, or the 2 or 3-letter code"</div>
                <input
                    class="govuk-input govuk-!-width-one-third"
                    id="name"
                    name="name"
                    type="search"
                    aria-describedby="name-hint"
                    autocomplete="off"
                    value=typed.get_untracked()
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
            </div>
            <div class="accord-filters__row">
                <div class="govuk-form-group">
                    <label class="govuk-label" for="region">"Region"</label>
                    <select class="govuk-select" id="region" name="region">
                        <option value="" selected=region.is_empty()>"Any region"</option>
                        {region_options}
                    </select>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="sub_region">"Sub-region"</label>
                    <select class="govuk-select" id="sub_region" name="sub_region">
                        <option value="" selected=sub_region.is_empty()>"Any sub-region"</option>
                        {sub_region_groups}
                    </select>
                </div>
            </div>
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button" data-module="govuk-button">"Apply filters"</button>
                <a class="govuk-link" href="/partners">"Clear filters"</a>
            </div>
        </form>
    }
}
