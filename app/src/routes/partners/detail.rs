//! `/partners/{alpha2}`: one partner, its codes and what Accord holds on it.

use crate::components::{ErrorPage, Page};
use crate::server_fns::partners::fetch_partner;
use accord::{Classification, PartnerSummary};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PartnerDetail() -> impl IntoView {
    let params = use_params_map();
    let alpha2 = move || params.with(|p| p.get("alpha2").unwrap_or_default());
    let data = Resource::new_blocking(alpha2, fetch_partner);
    view! {
        <Suspense fallback=|| view! { <Page title="Partner"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((summary, marking)) => view! { <PartnerView summary marking /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnerView(summary: PartnerSummary, marking: Classification) -> impl IntoView {
    let p = summary.partner;
    let row = |key: &'static str, value: String, test: &'static str| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value" data-test=test>{value}</dd>
            </div>
        }
    };
    let or_none = |s: String| if s.is_empty() { "None".to_owned() } else { s };
    view! {
        <Page title=p.name.clone() marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/partners">"Partners"</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-xl">{if p.is_home { "Home party" } else { "Partner" }}</span>
            <h1 class="govuk-heading-xl">{p.name.clone()}</h1>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-half">
                    <h2 class="govuk-heading-m">"Codes and region"</h2>
                    <dl class="govuk-summary-list">
                        {row("ISO alpha-2", p.alpha2.clone(), "partner-alpha2")}
                        {row("ISO alpha-3", p.alpha3.clone(), "partner-alpha3")}
                        {row("ISO numeric", format!("{:03}", p.numeric), "partner-numeric")}
                        {row("Region", or_none(p.region.clone()), "partner-region")}
                        {row("Sub-region", or_none(p.sub_region.clone()), "partner-sub-region")}
                    </dl>
                </div>
                <div class="govuk-grid-column-one-half">
                    <h2 class="govuk-heading-m">"Held in Accord"</h2>
                    <dl class="govuk-summary-list">
                        {row("Agreements", summary.agreements.to_string(), "partner-agreements-count")}
                        {row("Commitments", summary.commitments.to_string(), "partner-commitments-count")}
                        {row("Sharing arrangements", summary.sharing_arrangements.to_string(), "partner-sharing-count")}
                        {row("Routes", summary.routes.to_string(), "partner-routes-count")}
                    </dl>
                </div>
            </div>
        </Page>
    }
}
