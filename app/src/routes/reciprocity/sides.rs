//! The two halves of a reciprocity page: delivery counted per side, and each side's
//! commitments.

use crate::components::{date_or_unset, CountLink, OverdueTag};
use accord::commitment_record::OPEN_LABEL;
use accord::rollup::reciprocity::{Delivery, Side};
use accord::ListFilter;
use leptos::prelude::*;

/// Delivery by side: a row per delivery (withdrawn apart, under the others), a column
/// per party, each count a link to the list it counts.
#[component]
pub fn DeliveryTable(sides: Vec<Side>) -> impl IntoView {
    let numeric = "govuk-table__header govuk-table__header--numeric";
    let row = move |delivery: Option<Delivery>, sides: &[Side]| {
        let heading = match delivery {
            Some(Delivery::Open) => OPEN_LABEL,
            Some(d) => d.label(),
            None => "All commitments",
        };
        let test = delivery.map_or("delivery-all".to_owned(), |d| format!("delivery-{}", d.code()));
        let apart = matches!(delivery, Some(Delivery::Withdrawn));
        let cells = sides.iter().map(|side| {
            let (value, filter) = match delivery {
                Some(d) => (side.count(d), d.filter(&side.filter)),
                None => (side.total, side.filter.clone()),
            };
            let what = match delivery {
                Some(d) => format!("{} commitments by {}", d.label().to_lowercase(), side.name),
                None => format!("commitments by {}", side.name),
            };
            let href = format!("/commitments?{}", filter.to_query());
            view! {
                <td class="govuk-table__cell govuk-table__cell--numeric" data-party=side.party.clone()>
                    <CountLink value href test="count" label=what />
                </td>
            }
        });
        view! {
            <tr class="govuk-table__row" class:accord-reciprocity__apart=apart data-test=test>
                <th scope="row" class="govuk-table__header">{heading}</th>
                {cells.collect_view()}
            </tr>
        }
    };
    let delivered = [Delivery::Met, Delivery::PartiallyMet, Delivery::NotMet, Delivery::Open];
    view! {
        <table class="govuk-table" data-test="reciprocity-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Delivery, side by side"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Delivery"</th>
                    {sides.iter().map(|s| view! { <th scope="col" class=numeric>{s.name.clone()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {delivered.into_iter().map(|d| row(Some(d), &sides)).collect_view()}
                {row(Some(Delivery::Withdrawn), &sides)}
                {row(None, &sides)}
            </tbody>
        </table>
    }
}

/// One side's commitments: the register's first page of them, and a link to the rest.
#[component]
pub fn SideList(side: Side, with_agreement: bool) -> impl IntoView {
    let Side { party, name, total, commitments, filter, .. } = side;
    let shown = i64::try_from(commitments.len()).unwrap_or(i64::MAX);
    let all = format!("/commitments?{}", filter.to_query());
    let heading = format!("Commitments by {name} ({total})");
    if commitments.is_empty() {
        return view! {
            <h2 class="govuk-heading-m">{heading}</h2>
            <p class="govuk-body" data-test="side-empty" data-party=party>"None that you can see."</p>
        }
        .into_any();
    }
    view! {
        <h2 class="govuk-heading-m">{heading}</h2>
        <table class="govuk-table" data-test="side-list" data-party=party>
            <caption class="govuk-visually-hidden">{format!("Commitments by {name}")}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Commitment"</th>
                {with_agreement.then(|| view! { <th scope="col" class="govuk-table__header">"Agreement"</th> })}
                <th scope="col" class="govuk-table__header">"Status"</th>
                <th scope="col" class="govuk-table__header">"Due"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {commitments.into_iter().map(|c| view! {
                    <tr class="govuk-table__row" data-test="side-row">
                        <td class="govuk-table__cell"><a class="govuk-link" href=format!("/commitments/{}", c.id)>{c.text}</a></td>
                        {with_agreement.then(|| view! {
                            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/agreements/{}", c.agreement_id)>{c.agreement_reference.clone()}</a></td>
                        })}
                        <td class="govuk-table__cell">{c.status.label()}</td>
                        <td class="govuk-table__cell">{date_or_unset(c.due_on)}" "<OverdueTag overdue=c.overdue /></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(total > shown).then(|| view! {
            <p class="govuk-body"><a class="govuk-link" href=all>{format!("View all {total} commitments by {name}")}</a></p>
        })}
    }
    .into_any()
}
