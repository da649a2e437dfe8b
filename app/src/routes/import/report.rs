//! The import page's table of refused rows and its short guide to the columns.

use accord::domain::import::RowProblem;
use leptos::prelude::*;

/// Every refused row with each column's problem; each row's first line is the target
/// of its error-summary link (`#row-7`).
#[component]
pub fn RowReport(rows: Vec<RowProblem>) -> impl IntoView {
    view! {
        <table class="govuk-table" data-test="import-report">
            <caption class="govuk-table__caption govuk-table__caption--m">"Rows to correct"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Row"</th>
                    <th scope="col" class="govuk-table__header">"Column"</th>
                    <th scope="col" class="govuk-table__header">"Problem"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().flat_map(|problem| {
                    let row = problem.row;
                    problem.errors.into_iter().enumerate().map(move |(i, (column, message))| view! {
                        <tr class="govuk-table__row" id=(i == 0).then(|| format!("row-{row}"))>
                            <td class="govuk-table__cell">{row}</td>
                            <td class="govuk-table__cell"><code>{column}</code></td>
                            <td class="govuk-table__cell">{message}</td>
                        </tr>
                    })
                }).collect_view()}
            </tbody>
        </table>
    }
}

const AGREEMENT_GUIDE: &[(&str, &str)] = &[
    ("reference", "Unique, like HO-LY-2024-003"),
    ("title, summary, owner, funding_note", "Text"),
    ("kind, status", "Codes, like memorandum_of_understanding, in_force"),
    ("partner_codes", "ISO codes separated by ;, like LY;TN (not GB)"),
    ("legally_binding", "yes or no"),
    (
        "signed_on, in_force_on, expires_on, next_review_on",
        "Dates as YYYY-MM-DD; a review date must not have passed",
    ),
    ("lead_department", "A UK body's name or short name, like Home Office or HO"),
    ("funding_gbp", "Whole pounds, like 250000"),
    ("scope_tags", "Separated by commas"),
    ("strands", "prevent, pursue, protect, prepare, separated by ;"),
    (
        "supersedes, amends",
        "References of other agreements (earlier in the file or already in Accord)",
    ),
    ("marking", "As the pages show it, like OFFICIAL-SENSITIVE or SECRET UK EYES ONLY"),
];

const COMMITMENT_GUIDE: &[(&str, &str)] = &[
    ("text", "What was committed to"),
    ("agreement_reference", "The reference of an agreement already in Accord"),
    ("committing_party_code", "ISO code of a party to that agreement, like GB or LY"),
    ("category, status, rag", "Codes, like returns, in_progress, amber (rag may be empty)"),
    ("owner", "Text"),
    ("due_on, next_review_on", "Dates as YYYY-MM-DD; a review date must not have passed"),
    ("strands", "prevent, pursue, protect, prepare, separated by ;"),
    ("marking", "As the pages show it, like OFFICIAL or SECRET UK EYES ONLY"),
];

fn guide(caption: &'static str, rows: &'static [(&'static str, &'static str)]) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Columns"</th>
                    <th scope="col" class="govuk-table__header">"What they hold"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {rows.iter().map(|(columns, what)| view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell"><code class="accord-break-words">{*columns}</code></td>
                        <td class="govuk-table__cell">{*what}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// What each column holds, in short (docs/import.md has it in full).
#[component]
pub fn ColumnGuide() -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m">"Columns"</h2>
        <p class="govuk-body">"The templates have a marking row, then a header row naming the columns. A file exported from Accord's agreements or commitments list can be imported as it is: its other columns (id, partners, overdue …) are ignored."</p>
        {guide("Agreements", AGREEMENT_GUIDE)}
        {guide("Commitments", COMMITMENT_GUIDE)}
    }
}
