//! `/routes/{slug}`: one route, its legs in order as a diagram, and the coverage of
//! every leg with its gaps.

use super::coverage_table::CoverageTable;
use super::diagram::RouteDiagram;
use super::gaps::count_gaps;
use crate::components::{ErrorPage, Page};
use crate::server_fns::migration_routes::{fetch_route, RoutePage};
use accord::coverage::RouteCoverage;
use accord::dates;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RouteDetail() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new_blocking(slug, fetch_route);
    let history =
        crate::components::history_resource(accord::domain::audit_log::RecordKind::Route, slug);
    view! {
        <Suspense fallback=|| view! { <Page title="Route"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match (data.await, history.await) {
                    (Ok(page), history) => view! { <RouteView page history /> }.into_any(),
                    (Err(error), _) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RouteView(page: RoutePage, history: crate::components::History) -> impl IntoView {
    let RoutePage { coverage: RouteCoverage { route, legs, marking, today }, briefing } = page;
    let total_gaps: usize = legs.iter().map(|l| l.gaps.len()).sum();
    let with_gaps = legs.iter().filter(|l| !l.gaps.is_empty()).count();
    let review = route.next_review_on.map_or_else(|| "Not set".to_owned(), dates::long);
    let row = |key: &'static str, value: String, test: &'static str| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value" data-test=test>{value}</dd>
            </div>
        }
    };
    view! {
        <Page title=route.name.clone() marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/routes">"Routes"</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-xl">"Route"</span>
            <h1 class="govuk-heading-xl">{route.name.clone()}</h1>
            {crate::access::may(accord::Action::Edit).then(|| view! { <a class="govuk-button govuk-button--secondary" href=format!("/routes/{}/edit", route.slug) role="button" draggable="false">"Edit route"</a> })}
            {(!route.description.is_empty()).then(|| view! { <p class="govuk-body-l">{route.description.clone()}</p> })}
            <crate::components::BriefingSections of=crate::server_fns::briefing_texts::BriefingOf::Route(route.slug.clone()) texts=briefing />
            <crate::components::briefing_download::BriefingDownload page=format!("/routes/{}", route.slug) />
            <dl class="govuk-summary-list">
                {row("Legs", route.legs.len().to_string(), "route-legs-count")}
                {row("Coverage gaps", format!("{} on {} of {} legs", count_gaps(total_gaps), with_gaps, legs.len()), "route-gaps")}
                {row("Next review", review, "route-next-review")}
                {row("Route record marking", route.marking.to_string(), "route-marking")}
            </dl>
            <h2 class="govuk-heading-l">"Legs"</h2>
            <RouteDiagram route_name=route.name.clone() legs=legs.clone() today />
            <h2 class="govuk-heading-l" id="coverage">"Coverage along the route"</h2>
            <p class="govuk-body">
                "For each leg: what the UK has in force with the partner, and the gaps. An agreement in force expiring within 90 days is a gap, as is any overdue commitment."
            </p>
            <CoverageTable legs today />
            <crate::components::RecordHistory history />
        </Page>
    }
}
