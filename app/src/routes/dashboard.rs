//! `/`: the registry at a glance.

use crate::components::{CountLink, ErrorPage, Figure, FigurePart, Page};
use crate::server_fns::dashboard::load_dashboard;
use accord::coverage::GapSummary;
use accord::dashboard::{Dashboard as Figures, PartnerRag, ReviewCounts};
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
                <Figure value=figures.overdue_commitments caption="commitments overdue" test="overdue-commitments-count" href="/commitments?overdue=true" warn=true />
                <Figure value=figures.reviews_due.total() caption="reviews due in the next 30 days" test="reviews-due-count" parts=review_parts(figures.reviews_due, "due") />
                <Figure value=figures.reviews_overdue.total() caption="reviews past their date" test="reviews-overdue-count" parts=review_parts(figures.reviews_overdue, "overdue") warn=true />
                <Figure value=figures.expiring caption="agreements in force expiring in the next 90 days" test="expiring-count" href="/agreements?expiring=true" warn=true />
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
                                    <td class="govuk-table__cell govuk-table__cell--numeric">
                                        <CountLink value=count href=format!("/agreements?status={}", status.code()) test="status-count" label=format!("agreements {}", status.label().to_lowercase()) />
                                    </td>
                                </tr>
                            }).collect_view()}
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">"All"</th>
                                <td class="govuk-table__cell govuk-table__cell--numeric">
                                    <CountLink value=total href="/agreements".to_owned() test="agreements-total" label="agreements" />
                                </td>
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
                {rows.into_iter().map(|row| {
                    // RAG counts leave withdrawn commitments out; so do their lists.
                    let href = |rag: &str| {
                        let rag = if rag.is_empty() { String::new() } else { format!("&rag={rag}") };
                        format!("/commitments?partner={}{rag}&withdrawn=exclude", row.alpha2)
                    };
                    let label = |what: &str| format!("{what} commitments with {}", row.name);
                    view! {
                        <tr class="govuk-table__row" data-test="rag-row" data-partner=row.alpha2.clone()>
                            <th scope="row" class="govuk-table__header">
                                <a class="govuk-link" href=format!("/partners/{}", row.alpha2)>{row.name.clone()}</a>
                            </th>
                            <td class="govuk-table__cell govuk-table__cell--numeric accord-rag accord-rag--red"><CountLink value=row.red href=href("red") test="rag-red" label=label("red") /></td>
                            <td class="govuk-table__cell govuk-table__cell--numeric accord-rag accord-rag--amber"><CountLink value=row.amber href=href("amber") test="rag-amber" label=label("amber") /></td>
                            <td class="govuk-table__cell govuk-table__cell--numeric accord-rag accord-rag--green"><CountLink value=row.green href=href("green") test="rag-green" label=label("green") /></td>
                            <td class="govuk-table__cell govuk-table__cell--numeric"><CountLink value=row.unrated href=href(accord::commitment_record::NOT_RATED) test="rag-unrated" label=label("unrated") /></td>
                            <td class="govuk-table__cell govuk-table__cell--numeric"><CountLink value=row.total href=href("") test="rag-total" label=label("all") /></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The parts of a review figure, each a link to its list filtered by `review=state`.
fn review_parts(counts: ReviewCounts, state: &'static str) -> Vec<FigurePart> {
    let tests = if state == "due" {
        ["review-due-agreements", "review-due-commitments", "review-due-sharing"]
    } else {
        ["review-overdue-agreements", "review-overdue-commitments", "review-overdue-sharing"]
    };
    let part = |value, noun, list: &str, test| FigurePart {
        value,
        noun,
        href: format!("/{list}?review={state}"),
        test,
    };
    vec![
        part(counts.agreements, "agreements", "agreements", tests[0]),
        part(counts.commitments, "commitments", "commitments", tests[1]),
        part(counts.sharing, "sharing arrangements", "sharing", tests[2]),
    ]
}

/// How many partners on the routes have each kind of gap, and who has most.
#[component]
fn CoverageGaps(summary: GapSummary) -> impl IntoView {
    view! {
        <section class="accord-panel" data-test="coverage-gaps" aria-labelledby="coverage-gaps-title">
            <h2 class="govuk-heading-m" id="coverage-gaps-title">"Coverage gaps"</h2>
            <p class="govuk-body">
                "Across the "
                <a class="govuk-link" href="/partners?on_route=true" data-test="route-partners-count">{format!("{} partners on the routes", summary.partners)}</a>
                " (the UK left out)."
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
                                    <td class="govuk-table__cell govuk-table__cell--numeric">
                                        <CountLink value=count href=format!("/partners?gap={}", kind.code()) test="gap-kind-count" label=format!("partners: {}", kind.label().to_lowercase()) />
                                    </td>
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
