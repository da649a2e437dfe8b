//! `/routes`: every migration route the reader may see, with its legs and gaps.

use crate::components::{ErrorPage, Page};
use crate::server_fns::migration_routes::list_routes;
use accord::route::{RouteList as Routes, RouteSummary};
use leptos::prelude::*;

#[component]
pub fn RouteList() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| list_routes());
    view! {
        <Suspense fallback=|| view! { <Page title="Routes"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <RouteListView list /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RouteListView(list: Routes) -> impl IntoView {
    let count = match list.routes.len() {
        1 => "1 route".to_owned(),
        n => format!("{n} routes"),
    };
    view! {
        <Page title="Routes" marking=list.marking>
            <div class="accord-title-row">
                <h1 class="govuk-heading-xl">"Routes"</h1>
                {crate::access::may(accord::Action::Edit).then(|| view! { <a href="/routes/new" role="button" draggable="false" class="govuk-button" data-module="govuk-button">"Add a route"</a> })}
            </div>
            <p class="govuk-body-l">
                "Irregular-migration routes, leg by leg from source to destination, and where the UK's coverage has gaps."
            </p>
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
                {route.gaps}
            </td>
        </tr>
    }
}
