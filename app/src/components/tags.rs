//! GOV.UK tags for statuses, RAG ratings and per-record markings.

use accord::{AgreementStatus, Classification, Rag};
use leptos::prelude::*;

#[component]
pub fn StatusTag(status: AgreementStatus) -> impl IntoView {
    view! {
        <strong class=format!("govuk-tag govuk-tag--{}", status.tag_colour()) data-test="status-tag">
            {status.label()}
        </strong>
    }
}

#[component]
pub fn RagTag(rag: Option<Rag>) -> impl IntoView {
    match rag {
        Some(rag) => view! {
            <strong class=format!("govuk-tag govuk-tag--{}", rag.tag_colour()) data-test="rag-tag">{rag.label()}</strong>
        }
        .into_any(),
        None => view! { <span class="govuk-body-s">"Not rated"</span> }.into_any(),
    }
}

/// The marking of one record, shown beside it in lists.
#[component]
pub fn MarkingTag(marking: Classification) -> impl IntoView {
    view! { <span class="accord-marking" data-test="record-marking">{marking.to_string()}</span> }
}

/// "Overdue", when it is.
#[component]
pub fn OverdueTag(overdue: bool) -> impl IntoView {
    overdue.then(|| view! { <strong class="govuk-tag govuk-tag--red" data-test="overdue-tag">"Overdue"</strong> })
}
