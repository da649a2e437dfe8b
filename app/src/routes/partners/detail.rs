//! `/partners/{alpha2}`: one partner, its codes, what Accord holds on it — agreements,
//! commitments, sharing arrangements — the routes it sits on, and its coverage gaps.

mod records;

use crate::components::{CountLink, ErrorPage, Page};
use crate::routes::migration_routes::gaps::GapTags;
use crate::server_fns::partners::{fetch_partner, PartnerPage};
use accord::coverage::PartnerPicture;
use accord::route::PartnerRoute;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use records::{AgreementTable, CommitmentTable, SharingTable};

#[component]
pub fn PartnerDetail() -> impl IntoView {
    let params = use_params_map();
    let alpha2 = move || params.with(|p| p.get("alpha2").unwrap_or_default());
    let data = Resource::new_blocking(alpha2, fetch_partner);
    view! {
        <Suspense fallback=|| view! { <Page title="Partner"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <PartnerView page /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnerView(page: PartnerPage) -> impl IntoView {
    let PartnerPage { summary, picture, briefing, marking } = page;
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
    let code = p.alpha2.clone();
    // Each count links to the list filtered to the partner, whose count it is.
    let held = |key: &'static str, n: i64, href: String, test: &'static str| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value"><CountLink value=n href test /></dd>
            </div>
        }
    };
    let totals = (summary.agreements, summary.sharing_arrangements);
    view! {
        <Page title=p.name.clone() marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/partners">"Partners"</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-xl">{if p.is_home { "Home party" } else { "Partner" }}</span>
            <h1 class="govuk-heading-xl">{p.name.clone()}</h1>
            <crate::components::BriefingSections of=crate::server_fns::briefing_texts::BriefingOf::Partner(p.alpha2.clone()) texts=briefing />
            <crate::components::briefing_download::BriefingDownload page=format!("/partners/{}", p.alpha2) />
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
                        {held("Agreements", summary.agreements, format!("/agreements?partner={code}"), "partner-agreements-count")}
                        {held("Commitments", summary.commitments, format!("/commitments?partner={code}"), "partner-commitments-count")}
                        {held("Sharing arrangements", summary.sharing_arrangements, format!("/sharing?partner={code}"), "partner-sharing-count")}
                        {held("Routes", summary.routes, format!("/routes?partner={code}"), "partner-routes-count")}
                    </dl>
                </div>
            </div>
            {(!p.is_home).then(|| view! {
                <p class="govuk-body"><a class="govuk-link" href=format!("/partners/{}/reciprocity", p.alpha2) data-test="partner-reciprocity">{format!("Reciprocity: the United Kingdom's commitments beside {}'s", p.name)}</a></p>
            })}
            <Picture picture is_home=p.is_home totals />
        </Page>
    }
}

/// Gaps, routes and the records themselves.
/// `totals`: how many agreements and sharing arrangements the partner has (the page
/// lists the first few).
#[component]
fn Picture(picture: PartnerPicture, is_home: bool, totals: (i64, i64)) -> impl IntoView {
    let PartnerPicture {
        agreements,
        commitments,
        commitments_total,
        sharing,
        routes,
        gaps,
        today,
        coverage,
        ..
    } = picture;
    let code = coverage.alpha2.clone();
    let all = |list: &str| format!("/{list}?partner={code}");
    view! {
        <h2 class="govuk-heading-l" id="coverage">"Coverage gaps"</h2>
        <div class="govuk-body" data-test="partner-gaps">
            <GapTags gaps today alpha2=code.clone() is_home />
        </div>
        <h2 class="govuk-heading-l" id="routes">"Routes"</h2>
        <RouteList routes />
        {if is_home {
            view! {
                <h2 class="govuk-heading-l">"Agreements, commitments and sharing"</h2>
                <p class="govuk-body">
                    "The United Kingdom is a party to every agreement in Accord. See "
                    <a class="govuk-link" href="/agreements">"all agreements"</a>", "
                    <a class="govuk-link" href="/commitments">"all commitments"</a>" and "
                    <a class="govuk-link" href="/sharing">"all sharing arrangements"</a>"."
                </p>
            }
            .into_any()
        } else {
            view! {
                <AgreementTable agreements total=totals.0 all=all("agreements") />
                <CommitmentTable commitments total=commitments_total all=all("commitments") />
                <SharingTable sharing total=totals.1 all=all("sharing") />
            }
            .into_any()
        }}
    }
}

/// The routes the partner sits on, with its role(s) on each.
#[component]
fn RouteList(routes: Vec<PartnerRoute>) -> impl IntoView {
    if routes.is_empty() {
        return view! { <p class="govuk-body" data-test="partner-no-routes">"Not on any route."</p> }.into_any();
    }
    view! {
        <ul class="govuk-list govuk-list--bullet">
            {routes
                .into_iter()
                .map(|route| {
                    let roles = route.roles.iter().map(|r| r.label().to_lowercase()).collect::<Vec<_>>().join(" and ");
                    view! {
                        <li data-test="partner-route">
                            <a class="govuk-link" href=format!("/routes/{}", route.slug)>{route.name}</a>
                            " — "
                            <span data-test="partner-route-roles">{roles}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
