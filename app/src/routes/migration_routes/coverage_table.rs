//! The route page's coverage table: a row per leg with what is in force and the gaps.

use super::gaps::GapTags;
use accord::coverage::{CommitmentCounts, LegCoverage};
use leptos::prelude::*;
use time::Date;

#[component]
pub fn CoverageTable(legs: Vec<LegCoverage>, today: Date) -> impl IntoView {
    view! {
        <table class="govuk-table accord-coverage" data-test="coverage-table">
            <caption class="govuk-visually-hidden">"Coverage of each leg, in route order"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Leg"</th>
                    <th scope="col" class="govuk-table__header">"Partner"</th>
                    <th scope="col" class="govuk-table__header">"Role"</th>
                    <th scope="col" class="govuk-table__header">"Agreements in force"</th>
                    <th scope="col" class="govuk-table__header">"Active sharing"</th>
                    <th scope="col" class="govuk-table__header">"Commitments"</th>
                    <th scope="col" class="govuk-table__header">"Gaps"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {legs.into_iter().map(|leg| view! { <CoverageRow leg today /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn CoverageRow(leg: LegCoverage, today: Date) -> impl IntoView {
    let LegCoverage { leg, coverage, agreements_in_force, active_sharing, gaps, .. } = leg;
    let held = if leg.is_home {
        view! {
            <td class="govuk-table__cell" colspan="3">
                <span class="accord-muted">"The UK: party to every agreement"</span>
            </td>
        }
        .into_any()
    } else {
        view! {
            <td class="govuk-table__cell" data-test="agreements-in-force">
                <Linked
                    count=agreements_in_force
                    links=coverage.agreements_in_force.iter().map(|a| (format!("/agreements/{}", a.id), a.reference.clone(), a.title.clone())).collect()
                    all=format!("/agreements?partner={}&status=in_force", leg.alpha2)
                />
            </td>
            <td class="govuk-table__cell" data-test="active-sharing">
                <Linked
                    count=active_sharing
                    links=coverage.active_sharing.iter().map(|s| (format!("/sharing/{}", s.id), s.reference.clone(), s.title.clone())).collect()
                    all=format!("/sharing?partner={}&status=active", leg.alpha2)
                />
            </td>
            <td class="govuk-table__cell" data-test="commitments-by-rag">{rag_counts(coverage.commitments, &leg.alpha2)}</td>
        }
        .into_any()
    };
    view! {
        <tr class="govuk-table__row" data-test="coverage-row" data-partner=leg.alpha2.clone()>
            <td class="govuk-table__cell govuk-table__cell--numeric">{leg.position}</td>
            <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href=format!("/partners/{}", leg.alpha2)>{leg.partner_name}</a>
            </th>
            <td class="govuk-table__cell">{leg.role.label()}</td>
            {held}
            <td class="govuk-table__cell" data-test="leg-gaps">
                <GapTags gaps today alpha2=leg.alpha2.clone() is_home=leg.is_home />
            </td>
        </tr>
    }
}

/// A count (a link to the filtered list that has them all), then each listed record as
/// a link (reference as the text, title on hover), and a link to that list for those
/// not listed.
#[component]
fn Linked(count: usize, links: Vec<(String, String, String)>, all: String) -> impl IntoView {
    if count == 0 {
        return view! { <span>"None"</span> }.into_any();
    }
    let more = count.saturating_sub(links.len());
    view! {
        <a class="govuk-link accord-count" href=all.clone() data-test="leg-count">{count}</a>
        <ul class="govuk-list govuk-body-s accord-compact-list">
            {links
                .into_iter()
                .map(|(href, reference, title)| view! { <li><a class="govuk-link" href=href title=title>{reference}</a></li> })
                .collect_view()}
            {(more > 0).then(|| view! {
                <li><a class="govuk-link" href=all data-test="more-records">{format!("and {more} more")}</a></li>
            })}
        </ul>
    }
    .into_any()
}

/// "2 red, 1 amber, 3 green, 1 not rated", leaving out the zeros, each a link to the
/// partner's commitments of that rating (withdrawn ones left out, as counted); "None"
/// when empty.
pub fn rag_counts(counts: CommitmentCounts, alpha2: &str) -> impl IntoView {
    if counts.total() == 0 {
        return view! { <span>"None"</span> }.into_any();
    }
    let parts = [
        ("red", counts.red, "red"),
        ("amber", counts.amber, "amber"),
        ("green", counts.green, "green"),
        ("not rated", counts.unrated, accord::commitment_record::NOT_RATED),
    ];
    let shown: Vec<_> = parts.into_iter().filter(|(_, n, _)| *n > 0).collect();
    let last = shown.len() - 1;
    shown
        .into_iter()
        .enumerate()
        .map(|(i, (label, n, code))| {
            let class = match label {
                "not rated" => "govuk-link accord-rag".to_owned(),
                colour => format!("govuk-link accord-rag accord-rag--{colour}"),
            };
            let href = format!("/commitments?partner={alpha2}&rag={code}&withdrawn=exclude");
            view! { <a class=class href=href data-test="rag-count">{format!("{n} {label}")}</a>{(i < last).then_some(", ")} }
        })
        .collect_view()
        .into_any()
}
