//! `/commitments/{id}/assessments/new`: a reviewer records an assessment. The form
//! posts to its own address; a refused one is shown again here with its errors.

use crate::components::{ErrorPage, Page};
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{ClassificationFields, DateField, ErrorSummary, SelectField, TextArea};
use crate::forms::FormValues;
use crate::routes::agreements::detail::id_param;
use crate::server_fns::commitments::fetch_commitment;
use accord::domain::assessment::AssessmentDraft;
use accord::{CommitmentDetail, CommitmentStatus, Rag};
use leptos::prelude::*;

#[component]
pub fn AssessmentNew() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_commitment);
    view! {
        <Suspense fallback=|| view! { <Page title="Record an assessment"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <AssessmentPage detail /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The earlier assessments a new one may correct: (id, "3 March 2026 – Met, Green").
fn correctable(detail: &CommitmentDetail) -> Vec<(String, String)> {
    detail
        .assessments
        .iter()
        .map(|a| {
            let label = format!(
                "{} – {}, {} ({})",
                accord::dates::long(a.assessed_on),
                a.status.label(),
                a.rag.label(),
                a.assessor
            );
            (a.id.to_string(), label)
        })
        .collect()
}

#[component]
fn AssessmentPage(detail: CommitmentDetail) -> impl IntoView {
    let id = detail.id;
    let path = format!("/commitments/{id}/assessments/new");
    let d = detail.draft.clone();
    let blank =
        AssessmentDraft::blank_form(d.status, d.rag, &d.classification, accord::dates::today());
    let (values, submission) = FormValues::for_path(&path, blank);
    let errors = values.errors.clone();
    provide_context(values);
    let corrections = correctable(&detail);
    // Status, RAG and next review become the commitment's own fields (as an editor's
    // edit would), read by everyone who may see the commitment; the assessment's
    // marking covers what only it holds: the note and the evidence.
    let record_marking =
        accord::Classification::highest([&d.classification, &detail.agreement_classification]);
    let title = format!("Record an assessment of commitment {id}");
    view! {
        <Page title marking=detail.page_marking()>
            <a class="govuk-back-link" href=format!("/commitments/{id}")>"Back"</a>
            {submission.map(|_| view! { <ErrorSummary errors /> })}
            <span class="govuk-caption-l">{format!("Commitment {id} under {}", detail.agreement_reference)}</span>
            <h1 class="govuk-heading-xl">"Record an assessment"</h1>
            <p class="govuk-body" data-test="assessment-commitment">{d.text.clone()}</p>
            <form method="post" action=path novalidate data-test="assessment-form">
                <CsrfField />
                <input type="hidden" name="version" value=detail.version.to_string() />
                <DateField name="assessed_on" legend="Date of the assessment" hint="Today, or the date the assessment was made" />
                <SelectField name="status" label="Status" options=crate::forms::choices::Choices::of(CommitmentStatus::ALL, CommitmentStatus::code, CommitmentStatus::label) blank="Select a status" />
                <SelectField name="rag" label="RAG" options=crate::forms::choices::Choices::of(Rag::ALL, Rag::code, Rag::label) blank="Select red, amber or green" />
                <TextArea name="progress_note" label="Progress note" hint="What has happened since the last assessment" rows=4 />
                <TextArea name="evidence" label="Evidence (optional)" hint="Documents, meetings or links (web addresses starting https://) that support the assessment" rows=3 />
                <DateField name="next_review_on" legend="Next review date (optional)" />
                {(!corrections.is_empty()).then(|| view! {
                    <SelectField name="corrects" label="This corrects an earlier assessment (optional)" options=corrections hint="Only if an earlier assessment was wrong: both stay in the history, this one labelled as its correction" blank="No, this is a new assessment" />
                })}
                <div class="govuk-inset-text" data-test="assessment-marking-note">
                    {format!("The status, RAG and next review date become the commitment's own, seen by everyone who may see the commitment ({record_marking}). The classification below covers the progress note and evidence: put nothing marked higher in the status or dates.")}
                </div>
                <ClassificationFields />
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Record assessment"</button>
                    <a class="govuk-link" href=format!("/commitments/{id}")>"Cancel"</a>
                </div>
            </form>
        </Page>
    }
}
