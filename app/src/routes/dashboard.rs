//! `/`: the registry at a glance.

use crate::components::{ErrorPage, Figure, Page};
use crate::server_fns::dashboard::load_dashboard;
use accord::coverage::GapSummary;
use accord::dashboard::{Dashboard as Figures, PartnerRag};
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_dashboard());
    view! {
        <Suspense fallback=|| view! { <Page title="Dashboard"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(figures) => view! { <DashboardView figures /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(figures: Figures) -> impl IntoView {
    let total: i64 = figures.agreements_by_status.iter().map(|(_, n)| n).sum();
    view! {
        <Page title="Dashboard" marking=figures.marking.clone()>
            <h1 class="govuk-heading-xl">"Dashboard"</h1>
            <div class="accord-figures">
                <Figure value=figures.overdue_commitments caption="commitments overdue" test="overdue-commitments-count" warn=true />
                <Figure value=figures.reviews_due caption="reviews due in the next 30 days" test="reviews-due-count" />
                <Figure value=figures.reviews_overdue caption="reviews past their date" test="reviews-overdue-count" warn=true />
                <Figure value=figures.expiring caption="agreements in force expiring in the next 90 days" test="expiring-count" warn=true />
            </div>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-third">
                    <table class="govuk-table" data-test="agreements-by-status">
                        <caption class="govuk-table__caption govuk-table__caption--m">"Agreements by status"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Status"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Agreements"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {figures.agreements_by_status.into_iter().map(|(status, count)| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">
                                        <strong class=format!("govuk-tag govuk-tag--{}", status.tag_colour())>{status.label()}</strong>
                                    </th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric" data-test="status-count">{count}</td>
                                </tr>
                            }).collect_view()}
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">"All"</th>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-test="agreements-total">{total}</td>
                            </tr>
                        </tbody>
                    </table>
                </div>
                <div class="govuk-grid-column-two-thirds">
                    <RagByPartner rows=figures.rag_by_partner />
                </div>
            </div>
            <CoverageGaps summary=figures.coverage_gaps />
        </Page>
    }
}

#[component]
fn RagByPartner(rows: Vec<PartnerRag>) -> impl IntoView {
    view! {
        <table class="govuk-table" data-test="rag-by-partner">
            <caption class="govuk-table__caption govuk-table__caption--m">"Commitments by RAG, partners with the most commitments"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Partner"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Red"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Amber"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Green"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Not rated"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Total"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().map(|row| view! {
                    <tr class="govuk-table__row" data-test="rag-row">
                        <th scope="row" class="govuk-table__header">
                            <a class="govuk-link" href=format!("/partners/{}", row.alpha2)>{row.name}</a>
                        </th>
                        <td class="govuk-table__cell govuk-table__cell--numeric accord-rag accord-rag--red">{row.red}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric accord-rag accord-rag--amber">{row.amber}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric accord-rag accord-rag--green">{row.green}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{row.unrated}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{row.total}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// How many partners on the routes have each kind of gap, and who has most.
#[component]
fn CoverageGaps(summary: GapSummary) -> impl IntoView {
    view! {
        <section class="accord-panel" data-test="coverage-gaps" aria-labelledby="coverage-gaps-title">
            <h2 class="govuk-heading-m" id="coverage-gaps-title">"Coverage gaps"</h2>
            <p class="govuk-body">
                {format!("Across the {} partners on the routes (the UK left out).", summary.partners)}
                " "
                <a class="govuk-link" href="/routes">"See the routes"</a>
            </p>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-half">
                    <table class="govuk-table" data-test="gaps-by-kind">
                        <caption class="govuk-table__caption govuk-table__caption--s">"Partners with each gap"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Gap"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Partners"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {summary.by_kind.into_iter().map(|(kind, count)| view! {
                                <tr class="govuk-table__row" data-test="gap-kind-row" data-gap=kind.code()>
                                    <th scope="row" class="govuk-table__header">{kind.label()}</th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric" data-test="gap-kind-count">{count}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="govuk-grid-column-one-half">
                    <table class="govuk-table" data-test="gaps-by-partner">
                        <caption class="govuk-table__caption govuk-table__caption--s">"Partners with the most gaps"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Partner"</th>
                                <th scope="col" class="govuk-table__header">"Gaps"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {summary.worst.into_iter().map(|partner| view! {
                                <tr class="govuk-table__row" data-test="gap-partner-row">
                                    <th scope="row" class="govuk-table__header">
                                        <a class="govuk-link" href=format!("/partners/{}#coverage", partner.alpha2)>{partner.name}</a>
                                    </th>
                                    <td class="govuk-table__cell">
                                        {partner.gaps.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ")}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}
