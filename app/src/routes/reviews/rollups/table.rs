//! A roll-up's table: one row per value of the dimension, its counts grouped under
//! status, RAG, dates and change. It is wider than any screen it is read on below
//! the desktop, so it scrolls inside its own labelled, focusable region.

// The browser never renders the table (the server keeps its HTML in the read cache).
#![cfg_attr(not(feature = "ssr"), allow(dead_code, unused_imports))]

use crate::components::CountLink;
use accord::rollup::{signed, Cell, Change, Dimension, RollupRow, CHANGE_DAYS};
use accord::{CommitmentStatus, ListFilter, Rag};
use leptos::prelude::*;

/// The column groups: heading and the cells under it.
fn groups() -> Vec<(&'static str, Vec<Cell>)> {
    vec![
        ("Status", CommitmentStatus::ALL.iter().map(|s| Cell::Status(*s)).collect()),
        (
            "RAG rating",
            Rag::ALL.iter().map(|r| Cell::Rag(Some(*r))).chain([Cell::Rag(None)]).collect(),
        ),
        ("Dates", vec![Cell::Overdue, Cell::ReviewDue, Cell::ReviewOverdue]),
    ]
}

#[component]
pub fn RollupTable(dimension: Dimension, rows: Vec<RollupRow>, caption: String) -> impl IntoView {
    let groups = groups();
    let th = "govuk-table__header govuk-table__header--numeric";
    let change_heading = format!("Change in {CHANGE_DAYS} days");
    let region = caption.clone();
    view! {
        <div class="accord-table-scroll" role="region" aria-label=region tabindex="0" data-test="rollup-region">
            <table class="govuk-table accord-rollup" data-test="rollup-table">
                <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
                <colgroup><col /><col /></colgroup>
                {groups.iter().map(|(_, cells)| view! { <colgroup span=cells.len().to_string()></colgroup> }).collect_view()}
                <colgroup span=Change::ALL.len().to_string()></colgroup>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" rowspan="2" class="govuk-table__header">{capitalised(dimension.noun())}</th>
                        <th scope="col" rowspan="2" class=th>"All"</th>
                        {groups.iter().map(|(heading, cells)| view! {
                            <th scope="colgroup" colspan=cells.len().to_string() class="govuk-table__header accord-rollup__group">{*heading}</th>
                        }).collect_view()}
                        <th scope="colgroup" colspan=Change::ALL.len().to_string() class="govuk-table__header accord-rollup__group">{change_heading}</th>
                    </tr>
                    <tr class="govuk-table__row">
                        {groups.iter().flat_map(|(_, cells)| cells.clone()).map(|cell| view! {
                            <th scope="col" class=th>{cell.label()}</th>
                        }).collect_view()}
                        {Change::ALL.iter().map(|change| view! { <th scope="col" class=th>{change.label()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {rows.into_iter().map(|row| view! { <Row dimension row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(dimension: Dimension, row: RollupRow) -> impl IntoView {
    let filter = dimension.filter(&row.key);
    let name = match dimension {
        Dimension::Partner => {
            view! { <a class="govuk-link" href=format!("/partners/{}", row.key)>{row.label.clone()}</a> }.into_any()
        }
        Dimension::Route => {
            view! { <a class="govuk-link" href=format!("/routes/{}", row.key)>{row.label.clone()}</a> }.into_any()
        }
        _ => view! { {row.label.clone()} }.into_any(),
    };
    let td = "govuk-table__cell govuk-table__cell--numeric";
    let counts = row.counts;
    let cells = Cell::all().into_iter().map(|cell| {
        let href = format!("/commitments?{}", cell.filter(&filter).to_query());
        let what = match cell {
            Cell::Total => "all commitments".to_owned(),
            Cell::Rag(Some(_)) | Cell::Rag(None) => {
                format!("{} commitments", cell.label().to_lowercase())
            }
            _ => format!("commitments {}", cell.label().to_lowercase()),
        };
        let label = format!("{what}, {}", row.label);
        view! { <td class=td><CountLink value=counts.get(cell) href test=cell.code() label /></td> }
    });
    let changes = Change::ALL.iter().map(|change| {
        let n = counts.change(*change);
        view! { <td class=td data-test=format!("change-{}", change.code())>{signed(n)}</td> }
    });
    view! {
        <tr class="govuk-table__row" data-test="rollup-row" data-key=row.key.clone()>
            <th scope="row" class="govuk-table__header">{name}</th>
            {cells.collect_view()}
            {changes.collect_view()}
        </tr>
    }
}

/// "Lead department" from "lead department"; "CONTEST strand" stays as it is.
fn capitalised(noun: &str) -> String {
    let mut chars = noun.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
