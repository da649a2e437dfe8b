//! `/import`: editors and administrators import agreements or commitments from a CSV
//! file (the exports' columns; `docs/import.md`). The form posts the file as
//! `multipart/form-data` to `/import`; the server (`server/src/import.rs`) writes every
//! row or none. A refused file comes back here (422) with an error summary ("Row 7:
//! Enter a title") and a table of every bad row; the report travels in the refused
//! submission's values, as other forms' typed values do.

mod report;

use crate::components::Page;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::ErrorSummary;
use crate::forms::submission_for;
use accord::domain::import::RowProblem;
use accord::ImportKind;
use leptos::prelude::*;
use report::{ColumnGuide, RowReport};

/// The address of the page and of its post.
pub const PATH: &str = "/import";

/// The submission values holding the refused rows' problems, one each:
/// `row<TAB>column<TAB>message` (see [`report_values`]).
pub const REPORT_FIELD: &str = "problem";

/// The refused rows as submission values (the inverse of [`read_report`]).
pub fn report_values(rows: &[RowProblem]) -> Vec<String> {
    rows.iter()
        .flat_map(|p| p.errors.iter().map(move |(c, m)| format!("{}\t{c}\t{m}", p.row)))
        .collect()
}

/// The refused rows from submission values, in order.
fn read_report(values: &accord::FormData) -> Vec<RowProblem> {
    let mut rows: Vec<RowProblem> = Vec::new();
    for value in values.all(REPORT_FIELD) {
        let mut parts = value.splitn(3, '\t');
        let (Some(row), Some(column), Some(message)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(row) = row.parse::<usize>() else { continue };
        match rows.last_mut().filter(|p| p.row == row) {
            Some(problem) => problem.add(column, message),
            None => {
                let mut problem = RowProblem { row, errors: Vec::new() };
                problem.add(column, message);
                rows.push(problem);
            }
        }
    }
    rows
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let submission = submission_for(PATH);
    let errors = submission.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let chosen = submission.as_ref().map(|s| s.values.text("kind").to_owned()).unwrap_or_default();
    let rows = submission.as_ref().map(|s| read_report(&s.values)).filter(|r| !r.is_empty());
    let kind_error = errors.get("kind").map(str::to_owned);
    let file_error = errors.get("file").map(str::to_owned);
    let kinds = [ImportKind::Agreements, ImportKind::Commitments];
    // Both lists link here; a refused file names the list it was meant for.
    let back =
        if chosen == ImportKind::Commitments.code() { "/commitments" } else { "/agreements" };
    view! {
        <Page title="Import from a spreadsheet">
            <a class="govuk-back-link" href=back>"Back"</a>
            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
            <h1 class="govuk-heading-xl">"Import from a spreadsheet"</h1>
            <p class="govuk-body">"Add many agreements or commitments at once from a CSV file. Every row is checked as the form checks it; if any row has a problem, nothing is imported and every problem is listed."</p>
            {rows.map(|rows| view! { <RowReport rows /> })}
            <form method="post" action=PATH enctype="multipart/form-data" novalidate id="import-form" data-test="import-form">
                <CsrfField />
                <div class=if kind_error.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                    <fieldset class="govuk-fieldset" aria-describedby=kind_error.as_ref().map(|_| "kind-error")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                            <h2 class="govuk-fieldset__heading">"What does the file hold?"</h2>
                        </legend>
                        {kind_error.clone().map(|e| view! { <p id="kind-error" class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p> })}
                        <div class="govuk-radios" data-module="govuk-radios">
                            {kinds.into_iter().enumerate().map(|(i, kind)| {
                                let id = if i == 0 { "kind".to_owned() } else { format!("kind-{}", kind.code()) };
                                view! {
                                    <div class="govuk-radios__item">
                                        <input class="govuk-radios__input" id=id.clone() name="kind" type="radio" value=kind.code() checked=chosen == kind.code() />
                                        <label class="govuk-label govuk-radios__label" for=id>{kind.label()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
                <div class=if file_error.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                    <label class="govuk-label govuk-label--m" for="file">"Upload a CSV file"</label>
                    <div id="file-hint" class="govuk-hint">"Up to 20,000 rows and 16 MB, with the columns of the template below."</div>
                    {file_error.clone().map(|e| view! { <p id="file-error" class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p> })}
                    <input class=if file_error.is_some() { "govuk-file-upload govuk-file-upload--error" } else { "govuk-file-upload" } id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" />
                </div>
                <button type="submit" class="govuk-button" data-module="govuk-button" data-test="import-submit">"Import"</button>
            </form>
            // Filled when the form is sent (with JavaScript): a large file takes a while
            // to check and write, and the page would otherwise look as if nothing happened.
            <div id="import-progress" class="accord-import-progress" role="status" data-test="import-progress"></div>
            <ImportProgress />
            <h2 class="govuk-heading-m">"Templates"</h2>
            <ul class="govuk-list">
                {kinds.into_iter().map(|kind| view! {
                    <li><a class="govuk-link" href=format!("/import/template/{}.csv", kind.code()) download data-test=format!("template-{}", kind.code())>{format!("Download the {} template (CSV)", kind.label().to_lowercase())}</a></li>
                }).collect_view()}
            </ul>
            <ColumnGuide />
        </Page>
    }
}

/// Shows a notice and an indeterminate progress bar in `#import-progress` when the
/// import form is sent. Plain DOM on the server-rendered form (no island): it needs no
/// WASM, and the status region exists from the start so screen readers announce it.
/// Without JavaScript the browser's own loading indicator is all there is.
#[component]
fn ImportProgress() -> impl IntoView {
    const SCRIPT: &str = "(function () { \
        var form = document.getElementById('import-form'); \
        var status = document.getElementById('import-progress'); \
        if (!form || !status) { return; } \
        form.addEventListener('submit', function () { \
          status.textContent = ''; \
          var text = document.createElement('p'); \
          text.className = 'govuk-body govuk-!-font-weight-bold'; \
          text.textContent = 'Checking and importing the file. A large file can take a minute: keep this page open.'; \
          var bar = document.createElement('progress'); \
          bar.className = 'accord-import-progress__bar'; \
          bar.textContent = 'Importing'; \
          status.appendChild(text); status.appendChild(bar); \
        }); })();";
    view! { <script nonce=crate::shell::script_nonce() inner_html=SCRIPT></script> }
}
