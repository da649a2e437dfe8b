//! `/routes`: every migration route the reader may see, with its legs and gaps.

use crate::components::{list_title, ErrorPage, Page, Pagination};
use crate::server_fns::migration_routes::{list_routes, RouteListPage as Routes};
use accord::route::RouteSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `?partner=LY` keeps the routes with a leg in Libya; `?page=2` the second page.
#[component]
pub fn RouteList() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        query.with(|q| {
            let partner =
                q.get("partner").map(|p| p.trim().to_ascii_uppercase()).filter(|p| !p.is_empty());
            let page = q
                .get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .clamp(1, accord::agreement_filter::MAX_PAGE);
            (partner, page)
        })
    };
    let data = Resource::new_blocking(args, |(partner, page)| list_routes(partner, Some(page)));
    view! {
        <Suspense fallback=|| view! { <Page title="Routes"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                let (partner, page) = args();
                match data.await {
                    Ok(list) => view! { <RouteListView list partner page /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RouteListView(list: Routes, partner: Option<String>, page: i64) -> impl IntoView {
    let count = match list.total {
        1 => "1 route".to_owned(),
        n => format!("{n} routes"),
    };
    let total = list.total;
    let title = list_title("Routes", usize::from(partner.is_some()), page, total);
    let keep = partner.clone();
    let href = move |p: i64| {
        let mut pairs = Vec::new();
        if let Some(partner) = &keep {
            pairs.push(("partner", partner.clone()));
        }
        if p > 1 {
            pairs.push(("page", p.to_string()));
        }
        format!("/routes?{}", accord::query_string(&pairs))
    };
    let scope = partner.map(|code| {
        let name = accord::iso::COUNTRIES
            .iter()
            .find(|c| c.alpha2 == code)
            .map_or(code.clone(), |c| c.name.to_owned());
        view! {
            <p class="govuk-body" data-test="route-scope">
                <strong>{format!("Routes with a leg in {name}")}</strong>" "
                <a class="govuk-link" href="/routes">"Show every route"</a>
            </p>
        }
    });
    view! {
        <Page title marking=list.marking>
            <div class="accord-title-row">
                <h1 class="govuk-heading-xl">"Routes"</h1>
                {crate::access::may(accord::Action::Edit).then(|| view! { <a href="/routes/new" role="button" draggable="false" class="govuk-button" data-module="govuk-button">"Add a route"</a> })}
            </div>
            <p class="govuk-body-l">
                "Irregular-migration routes, leg by leg from source to destination, and where the UK's coverage has gaps."
            </p>
            {scope}
            <h2 class="govuk-heading-m" data-test="route-count">{count}</h2>
            <table class="govuk-table" data-test="route-table">
                <caption class="govuk-visually-hidden">"Routes, with their legs and coverage gaps"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Route"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Legs"</th>
                        <th scope="col" class="govuk-table__header">"Partners, in order"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Gaps"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {list.routes.into_iter().map(route_row).collect_view()}
                </tbody>
            </table>
            <Pagination page total page_size=accord::PAGE_SIZE href />
        </Page>
    }
}

fn route_row(route: RouteSummary) -> impl IntoView {
    let partners =
        route.legs.iter().map(|l| l.partner_name.as_str()).collect::<Vec<_>>().join(" → ");
    view! {
        <tr class="govuk-table__row" data-test="route-row">
            <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href=format!("/routes/{}", route.slug) data-test="route-link">{route.name}</a>
                <span class="accord-record-marking">{route.marking.to_string()}</span>
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric" data-test="route-legs-count">{route.legs.len()}</td>
            <td class="govuk-table__cell" data-test="route-partners">{partners}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric" data-test="route-gaps-count">
                {if route.gaps == 0 {
                    view! { <span>"0"</span> }.into_any()
                } else {
                    view! { <a class="govuk-link" href=format!("/routes/{}#coverage", route.slug)>{route.gaps}</a> }.into_any()
                }}
            </td>
        </tr>
    }
}
