//! What to show when someone else saved a record first: their values beside yours.

use accord::FormData;
use leptos::prelude::*;

/// Lists each field (name, label) whose submitted value differs from the saved one.
#[component]
pub fn ConflictPanel(
    fields: &'static [(&'static str, &'static str)],
    yours: FormData,
    current: FormData,
) -> impl IntoView {
    let joined = |form: &FormData, name: &str| form.shown(name);
    let rows: Vec<_> = fields
        .iter()
        .filter(|(name, _)| joined(&yours, name) != joined(&current, name))
        .map(|(name, label)| (*label, joined(&yours, name), joined(&current, name)))
        .collect();
    view! {
        <div class="govuk-notification-banner govuk-notification-banner--warning accord-conflict" role="alert" aria-labelledby="conflict-title" data-test="conflict">
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="conflict-title">"Someone else changed this record"</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">
                    "Someone else saved changes while you were editing. Nothing you entered has been saved yet."
                </p>
                <p class="govuk-body">"Check the differences below. The form still holds your values: save again to replace theirs, or cancel to keep them."</p>
                <table class="govuk-table" data-test="conflict-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">"Fields that differ"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Field"</th>
                        <th scope="col" class="govuk-table__header">"Your value"</th>
                        <th scope="col" class="govuk-table__header">"Saved value now"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {rows.into_iter().map(|(label, mine, theirs)| view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">{label}</th>
                                <td class="govuk-table__cell">{mine}</td>
                                <td class="govuk-table__cell">{theirs}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}
