//! The History section of a record page: who changed what, from the audit log.

use crate::error::AppError;
use crate::server_fns::history::fetch_history;
use accord::domain::audit_log::{HistoryEntry, RecordKind, HISTORY_LIMIT};
use leptos::prelude::*;

/// What a record page's History section shows.
pub type History = Result<Vec<HistoryEntry>, AppError>;

/// The History of the record a page shows, loaded with the page: make it beside the
/// page's own resource and await both, since a blocking resource made inside an
/// already-suspended view would hold the server's response open.
pub fn history_resource(
    kind: RecordKind,
    key: impl Fn() -> String + Send + Sync + 'static,
) -> Resource<History> {
    Resource::new_blocking(key, move |key| fetch_history(kind, key))
}

/// Lists the record's audit entries (newest first) under a "History" heading. The
/// entries come within the reader's clearance, like the record itself.
#[component]
pub fn RecordHistory(history: History) -> impl IntoView {
    let body = match history {
        Ok(entries) if entries.is_empty() => view! {
            <p class="govuk-body" data-test="history-empty">"No changes have been recorded."</p>
        }
        .into_any(),
        Ok(entries) => view! { <HistoryTable entries /> }.into_any(),
        Err(_) => view! {
            <p class="govuk-body">"The history could not be loaded. Try again later."</p>
        }
        .into_any(),
    };
    view! {
        <h2 class="govuk-heading-m" id="history">"History"</h2>
        {body}
    }
}

#[component]
fn HistoryTable(entries: Vec<HistoryEntry>) -> impl IntoView {
    let shown = entries.len() as i64;
    let capped = shown >= HISTORY_LIMIT;
    view! {
        <table class="govuk-table" data-test="record-history">
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"When"</th>
                    <th scope="col" class="govuk-table__header">"Who"</th>
                    <th scope="col" class="govuk-table__header">"What"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {entries.into_iter().map(|entry| {
                    let what = if entry.detail.is_empty() {
                        entry.action.label().to_owned()
                    } else {
                        format!("{}: {}", entry.action.label(), entry.detail)
                    };
                    view! {
                        <tr class="govuk-table__row" data-test="record-history-row">
                            <td class="govuk-table__cell">{when(&entry.at)}</td>
                            <td class="govuk-table__cell">{entry.actor}</td>
                            <td class="govuk-table__cell">{what}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {capped.then(|| view! {
            <p class="govuk-body-s">"Showing the latest "{shown}" entries. Administrators can see every entry in the audit log."</p>
        })}
    }
}

/// "2026-11-30T09:15:02.123Z" as "30 November 2026, 09:15 UTC" (the text as stored
/// when it is not in that form).
fn when(at: &str) -> String {
    let date = at.get(..10).and_then(accord::dates::parse_iso);
    match (date, at.get(11..16)) {
        (Some(date), Some(time)) => format!("{}, {time} UTC", accord::dates::long(date)),
        _ => at.to_owned(),
    }
}
