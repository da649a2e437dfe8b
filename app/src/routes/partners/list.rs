//! `/partners`: every ISO 3166-1 country and territory, filtered by query parameters.
//!
//! The filter form is a plain GET form, so it works with JavaScript off. The form and
//! the table are an island: once hydrated, typing in the name field narrows the rows at
//! once, by the same rule the server applies (`Partner::matches_name`).

use crate::components::{ErrorPage, Page, Pagination};
use crate::server_fns::partners::fetch_route_partners;
use accord::iso::{partners_matching, regions};
use accord::{Classification, Partner, PartnerFilter, PartnerListQuery, PAGE_SIZE};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Partners are fixed ISO data (`accord::iso`), so the page needs a query only when it
/// keeps the partners on a route (or with a gap), which coverage decides.
#[component]
pub fn PartnerList() -> impl IntoView {
    let query = use_query_map();
    let list = query.with_untracked(|q| PartnerListQuery::from_query(|k| q.get(k)));
    let gap = list.gap;
    let only = list.route_partners_only();
    let data = Resource::new_blocking(
        move || (only, gap),
        |(only, gap)| async move {
            if only {
                fetch_route_partners(gap).await.map(|(codes, marking)| (Some(codes), marking))
            } else {
                Ok((None, Classification::default()))
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <Page title="Partners"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || {
                let list = list.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok((codes, marking)) => view! {
                            <Page title="Partners" marking>
                                <h1 class="govuk-heading-xl">"Partners"</h1>
                                <p class="govuk-body-l">"Countries and territories (ISO 3166-1) and what Accord holds on each."</p>
                                <Scope list=list.clone() />
                                <PartnerFinder list codes />
                            </Page>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What the route and gap filters keep, with a link to take them off.
#[component]
fn Scope(list: PartnerListQuery) -> impl IntoView {
    list.route_partners_only().then(|| {
        let what = match list.gap {
            Some(gap) => format!("Partners on a route with the gap: {}", gap.label()),
            None => "Partners on a route (the UK left out)".to_owned(),
        };
        let rest = PartnerListQuery { on_route: false, gap: None, ..list.clone() };
        let name = list.filter.name.clone().unwrap_or_default();
        let href = match rest.to_query_named(&name, 1) {
            q if q.is_empty() => "/partners".to_owned(),
            q => format!("/partners?{q}"),
        };
        view! {
            <p class="govuk-body" data-test="partner-scope">
                <strong>{what}</strong>" "
                <a class="govuk-link" href=href>"Show every partner"</a>
            </p>
        }
    })
}

/// The filter form, the count, the table and its pages. An island: only its query
/// travels with the page, and the browser narrows the rows as the user types (back
/// to the first page).
#[island]
fn PartnerFinder(list: PartnerListQuery, codes: Option<Vec<String>>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| crate::mark_hydrated());
    let filter = list.filter.clone();
    // The route and gap filters travel with the form as it is submitted.
    let mut keep = Vec::new();
    if list.on_route {
        keep.push(("on_route", "true".to_owned()));
    }
    if let Some(gap) = list.gap {
        keep.push(("gap", gap.code().to_owned()));
    }
    let typed = RwSignal::new(filter.name.clone().unwrap_or_default());
    let page = RwSignal::new(list.page);
    // The region and route filters apply as submitted; the name narrows live.
    let mut all = partners_matching(&PartnerFilter { name: None, ..filter.clone() });
    if let Some(codes) = &codes {
        all.retain(|p| codes.binary_search(&p.alpha2).is_ok());
    }
    let partners = StoredValue::new(all);
    // Counted and paged over references: only the rows shown are cloned (cloning all
    // 249 partners three times a render was a tenth of the page's server time).
    let matching_count = move || {
        let text = typed.get();
        partners.with_value(|all| all.iter().filter(|p| p.matches_name(&text)).count())
    };
    let count = move || match matching_count() {
        1 => "1 partner".to_owned(),
        n => format!("{n} partners"),
    };
    let shown = move || {
        let text = typed.get();
        let from = usize::try_from((page.get() - 1) * PAGE_SIZE).unwrap_or(0);
        partners.with_value(|all| {
            all.iter()
                .filter(|p| p.matches_name(&text))
                .skip(from)
                .take(PAGE_SIZE as usize)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let pages = move || {
        let list = list.clone();
        let name = typed.get();
        view! {
            <Pagination page=page.get() total=matching_count() as i64 page_size=PAGE_SIZE href=move |p| format!("/partners?{}", list.to_query_named(&name, p)) />
        }
    };
    view! {
            <FilterForm filter regions=regions() typed page keep />
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
                    {move || shown().into_iter().map(partner_row).collect_view()}
                </tbody>
            </table>
            {pages}
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
    page: RwSignal<i64>,
    keep: Vec<(&'static str, String)>,
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
            {keep.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
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
                    on:input=move |ev| {
                        typed.set(event_target_value(&ev));
                        page.set(1);
                    }
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
