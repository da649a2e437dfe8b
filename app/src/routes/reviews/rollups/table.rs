//! A roll-up's table: one row per value of the dimension, its counts grouped under
//! status, RAG, dates and change. It is wider than any screen it is read on below
//! the desktop, so it scrolls inside its own labelled, focusable region.

// The browser never renders the table (the server keeps its HTML in the read cache).
#![cfg_attr(not(feature = "ssr"), allow(dead_code, unused_imports))]

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
                <tbody class="govuk-table__body" inner_html=rows_html(dimension, &rows)></tbody>
            </table>
        </div>
    }
}

/// The table's rows as one string of HTML. A roll-up by partner has about 200 rows of
/// 13 linked counts; rendered as a view a cell at a time they took most of the page's
/// time without the read cache (bench/README, session 31), written here they cost a
/// fraction. The markup is [`CountLink`](crate::components::CountLink)'s: a count
/// links to its register list, a 0 is plain, and the hidden label says what the count
/// is of.
fn rows_html(dimension: Dimension, rows: &[RollupRow]) -> String {
    use html_escape::{encode_double_quoted_attribute_to_string, encode_text_to_string};
    use std::fmt::Write;
    let cells = Cell::all();
    // What each column counts, for its hidden label: the same for every row.
    let whats: Vec<String> = cells.iter().map(|cell| what(*cell)).collect();
    // The page a row's name links to, where the dimension's rows name records.
    let page = match dimension {
        Dimension::Partner => Some("partners"),
        Dimension::Route => Some("routes"),
        _ => None,
    };
    let mut html = String::with_capacity(rows.len() * 2_048);
    for row in rows {
        let filter = dimension.filter(&row.key);
        html.push_str("<tr class=\"govuk-table__row\" data-test=\"rollup-row\" data-key=\"");
        encode_double_quoted_attribute_to_string(&row.key, &mut html);
        html.push_str("\"><th scope=\"row\" class=\"govuk-table__header\">");
        if let Some(page) = page {
            let _ = write!(html, "<a class=\"govuk-link\" href=\"/{page}/");
            encode_double_quoted_attribute_to_string(&row.key, &mut html);
            html.push_str("\">");
            encode_text_to_string(&row.label, &mut html);
            html.push_str("</a>");
        } else {
            encode_text_to_string(&row.label, &mut html);
        }
        html.push_str("</th>");
        for (cell, what) in cells.iter().zip(&whats) {
            let value = row.counts.get(*cell);
            html.push_str("<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
            if value == 0 {
                let _ = write!(html, "<span data-test=\"{}\">0</span>", cell.code());
            } else {
                html.push_str("<a class=\"govuk-link\" href=\"/commitments?");
                encode_double_quoted_attribute_to_string(
                    cell.filter(&filter).to_query(),
                    &mut html,
                );
                let _ = write!(
                    html,
                    "\"><span data-test=\"{}\">{value}</span><span class=\"govuk-visually-hidden\"> {what}, ",
                    cell.code()
                );
                encode_text_to_string(&row.label, &mut html);
                html.push_str("</span></a>");
            }
            html.push_str("</td>");
        }
        for change in Change::ALL {
            let _ = write!(
                html,
                "<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-test=\"change-{}\">{}</td>",
                change.code(),
                signed(row.counts.change(change))
            );
        }
        html.push_str("</tr>");
    }
    html
}

/// What a column counts, as its hidden label begins: "commitments overdue".
fn what(cell: Cell) -> String {
    match cell {
        Cell::Total => "all commitments".to_owned(),
        Cell::Rag(_) => format!("{} commitments", cell.label().to_lowercase()),
        _ => format!("commitments {}", cell.label().to_lowercase()),
    }
}

/// "Lead department" from "lead department"; "CONTEST strand" stays as it is.
fn capitalised(noun: &str) -> String {
    let mut chars = noun.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
