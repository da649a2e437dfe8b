//! The partner page's record tables: agreements, commitments, sharing arrangements.

use accord::coverage::{PartnerAgreement, PartnerCommitment, PartnerSharing};
use accord::{dates, SharingStatus};
use leptos::prelude::*;
use time::Date;

fn date_or_dash(date: Option<Date>) -> String {
    date.map_or_else(|| "—".to_owned(), dates::long)
}

fn sharing_colour(status: SharingStatus) -> &'static str {
    match status {
        SharingStatus::Active => "green",
        SharingStatus::Proposed => "grey",
        SharingStatus::Suspended => "orange",
        SharingStatus::Ended => "red",
    }
}

/// A heading with the count of all of them, and a note when there is nothing to list.
fn heading(id: &'static str, title: &'static str, n: i64) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-l" id=id>{format!("{title} ({n})")}</h2>
        {(n == 0).then(|| view! { <p class="govuk-body">"None held in Accord."</p> })}
    }
}

/// When only the first `shown` of `total` are listed: which ones, and a link to the
/// filtered list that has them all (`noun` plural, lower case).
fn view_all(
    shown: usize,
    total: i64,
    order: &'static str,
    noun: &'static str,
    all: String,
    test: &'static str,
) -> impl IntoView {
    (total > shown as i64).then(|| {
        view! {
            <p class="govuk-body" data-test=test>
                {format!("The first {shown} are listed: {order}. ")}
                <a class="govuk-link" href=all>{format!("View all {total} {noun}")}</a>
            </p>
        }
    })
}

/// The first agreements (in force first) of `total`; `all` is the list filtered to
/// the partner.
#[component]
pub fn AgreementTable(agreements: Vec<PartnerAgreement>, total: i64, all: String) -> impl IntoView {
    let n = agreements.len();
    view! {
        {heading("agreements", "Agreements", total)}
        {view_all(n, total, "in force first, then those being made, then the closed ones", "agreements", all, "partner-agreements-more")}
        {(n > 0).then(|| view! {
            <table class="govuk-table" data-test="partner-agreements">
                <caption class="govuk-visually-hidden">"Agreements with this partner"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Reference"</th>
                        <th scope="col" class="govuk-table__header">"Title"</th>
                        <th scope="col" class="govuk-table__header">"Kind"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"Expires"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {agreements.into_iter().map(|a| view! {
                        <tr class="govuk-table__row" data-test="partner-agreement-row">
                            <td class="govuk-table__cell accord-nowrap">{a.reference}</td>
                            <td class="govuk-table__cell">
                                <a class="govuk-link" href=format!("/agreements/{}", a.id)>{a.title}</a>
                                <span class="accord-record-marking">{a.marking.to_string()}</span>
                            </td>
                            <td class="govuk-table__cell">{a.kind.label()}</td>
                            <td class="govuk-table__cell">
                                <strong class=format!("govuk-tag govuk-tag--{}", a.status.tag_colour())>{a.status.label()}</strong>
                            </td>
                            <td class="govuk-table__cell">{date_or_dash(a.expires_on)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// The first commitments (open first, soonest due first) of `total`; `all` is the
/// register filtered to the partner.
#[component]
pub fn CommitmentTable(
    commitments: Vec<PartnerCommitment>,
    total: i64,
    all: String,
) -> impl IntoView {
    let n = commitments.len();
    view! {
        {heading("commitments", "Commitments", total)}
        {view_all(n, total, "open ones first, soonest due first", "commitments", all, "partner-commitments-more")}
        {(n > 0).then(|| view! {
            <table class="govuk-table" data-test="partner-commitments">
                <caption class="govuk-visually-hidden">"Commitments under agreements with this partner, open ones first, soonest due first"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Commitment"</th>
                        <th scope="col" class="govuk-table__header">"Agreement"</th>
                        <th scope="col" class="govuk-table__header">"Due"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"RAG"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {commitments.into_iter().map(|c| view! {
                        <tr class="govuk-table__row" data-test="partner-commitment-row">
                            <td class="govuk-table__cell">
                                <a class="govuk-link" href=format!("/commitments/{}", c.id)>{c.text}</a>
                                <span class="accord-record-marking">{c.marking.to_string()}</span>
                            </td>
                            <td class="govuk-table__cell accord-nowrap">
                                <a class="govuk-link" href=format!("/agreements/{}", c.agreement_id)>{c.agreement_reference}</a>
                            </td>
                            <td class="govuk-table__cell">
                                {date_or_dash(c.due_on)}
                                {c.overdue.then(|| view! {
                                    " " <strong class="govuk-tag govuk-tag--red" data-test="overdue-tag">"Overdue"</strong>
                                })}
                            </td>
                            <td class="govuk-table__cell">{c.status.label()}</td>
                            <td class="govuk-table__cell">
                                {match c.rag {
                                    Some(rag) => view! { <strong class=format!("govuk-tag govuk-tag--{}", rag.tag_colour())>{rag.label()}</strong> }.into_any(),
                                    None => view! { <span>"Not rated"</span> }.into_any(),
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// The first arrangements (active first) of `total`; `all` is the list filtered to
/// the partner.
#[component]
pub fn SharingTable(sharing: Vec<PartnerSharing>, total: i64, all: String) -> impl IntoView {
    let n = sharing.len();
    view! {
        {heading("sharing", "Sharing arrangements", total)}
        {view_all(n, total, "active ones first", "sharing arrangements", all, "partner-sharing-more")}
        {(n > 0).then(|| view! {
            <table class="govuk-table" data-test="partner-sharing">
                <caption class="govuk-visually-hidden">"Intelligence-sharing arrangements with this partner"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Arrangement"</th>
                        <th scope="col" class="govuk-table__header">"Direction"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {sharing.into_iter().map(|s| view! {
                        <tr class="govuk-table__row" data-test="partner-sharing-row">
                            <td class="govuk-table__cell">
                                <a class="govuk-link" href=format!("/sharing/{}", s.id)>{s.title}</a>
                                <span class="accord-record-marking">{s.marking.to_string()}</span>
                            </td>
                            <td class="govuk-table__cell">{s.direction.label()}</td>
                            <td class="govuk-table__cell">
                                <strong class=format!("govuk-tag govuk-tag--{}", sharing_colour(s.status))>{s.status.label()}</strong>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
