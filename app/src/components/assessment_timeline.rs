//! A commitment's assessment timeline: newest first, who and when, the status, RAG
//! and next review each set, what changed since the previous one, and corrections
//! labelled. Storage has already left out entries above the reader's clearance.

use super::{MarkingTag, RagTag};
use accord::domain::assessment::{changes, correction_label, evidence_parts, EvidencePart};
use accord::domain::commitment_record::AssessmentEntry;
use leptos::prelude::*;

/// The timeline under an "Assessments (n)" heading, with the button to record one for
/// users who may assess.
#[component]
pub fn AssessmentTimeline(commitment_id: i64, entries: Vec<AssessmentEntry>) -> impl IntoView {
    let may = crate::access::may(accord::Action::Assess);
    let count = entries.len();
    let items: Vec<(AssessmentEntry, String)> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| (entry.clone(), changes(entries.get(i + 1), entry)))
        .collect();
    view! {
        <h2 class="govuk-heading-m" id="assessments">{format!("Assessments ({count})")}</h2>
        {may.then(|| view! {
            <a class="govuk-button govuk-button--secondary" href=format!("/commitments/{commitment_id}/assessments/new") role="button" draggable="false" data-test="record-assessment">"Record an assessment"</a>
        })}
        {if items.is_empty() {
            view! { <p class="govuk-body" data-test="assessments-empty">"No assessment has been recorded yet."</p> }.into_any()
        } else {
            view! {
                <ol class="govuk-list accord-timeline" data-test="assessment-timeline">
                    {items.into_iter().map(|(entry, changed)| view! { <Entry entry changed /> }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

#[component]
fn Entry(entry: AssessmentEntry, changed: String) -> impl IntoView {
    let next = entry.next_review_on.map(accord::dates::long).unwrap_or_else(|| "Not set".into());
    let correction = entry.corrects.map(|_| correction_label(entry.corrects_on));
    view! {
        <li class="govuk-!-margin-bottom-6" data-test="assessment" data-assessment-id=entry.id.to_string()>
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                {accord::dates::long(entry.assessed_on)}" – "{entry.status.label()}" "<RagTag rag=Some(entry.rag) />
            </h3>
            <p class="govuk-body-s govuk-!-margin-bottom-1">"By "{entry.assessor}" · Next review: "{next}" · "<MarkingTag marking=entry.classification.clone() /></p>
            <p class="govuk-body govuk-!-margin-bottom-1" data-test="assessment-changes"><strong>{changed}</strong></p>
            {correction.map(|label| view! { <p class="govuk-body govuk-!-margin-bottom-1" data-test="assessment-corrects"><strong class="govuk-tag govuk-tag--grey">{label}</strong></p> })}
            <p class="govuk-body govuk-!-margin-bottom-1">{entry.progress_note}</p>
            {(!entry.evidence.is_empty()).then(|| view! {
                <p class="govuk-body-s" data-test="assessment-evidence">"Evidence: "{evidence(&entry.evidence)}</p>
            })}
        </li>
    }
}

/// Evidence text with its http(s) addresses as links (nothing else is made a link).
fn evidence(text: &str) -> impl IntoView {
    evidence_parts(text)
        .into_iter()
        .map(|part| match part {
            EvidencePart::Text(text) => text.into_any(),
            EvidencePart::Link(href) => view! {
                <a class="govuk-link" href=href.clone() rel="noreferrer noopener">{href.clone()}</a>
            }
            .into_any(),
        })
        .collect_view()
}
