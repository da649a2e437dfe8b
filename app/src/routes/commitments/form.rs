//! The commitment form, shared by "add" and "edit".

use crate::forms::choices::Choices;
use crate::forms::conflict::ConflictPanel;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{
    Checkboxes, ClassificationFields, DateField, ErrorSummary, SelectField, TextArea, TextField,
};
use crate::forms::FormValues;
use accord::{CommitmentCategory, CommitmentStatus, ContestStrand, FormData, Rag};
use leptos::prelude::*;

const FIELDS: &[(&str, &str)] = &[
    ("committing_party", "Committing party"),
    ("text", "Commitment"),
    ("category", "Category"),
    ("owner", "Owner"),
    ("reviewer_id", "Reviewer"),
    ("due_on", "Due date"),
    ("status", "Status"),
    ("rag", "RAG"),
    ("next_review_on", "Next review date"),
    ("strands", "CONTEST strands"),
    ("classification", "Classification"),
    ("caveat", "Handling caveat"),
    ("releasability", "Releasability"),
];

#[component]
pub fn CommitmentForm(
    path: String,
    record: FormData,
    version: Option<i64>,
    parties: Vec<(String, String)>,
    cancel: String,
    submit_label: &'static str,
) -> impl IntoView {
    let (values, submission) = FormValues::for_path(&path, record.clone());
    let errors = values.errors.clone();
    provide_context(values);
    let conflict = submission.as_ref().filter(|s| s.conflict).map(|s| s.values.clone());
    view! {
        {conflict.map(|yours| view! { <ConflictPanel fields=FIELDS yours current=record.clone() /> })}
        {submission.map(|_| view! { <ErrorSummary errors /> })}
        <form method="post" action=path novalidate data-test="commitment-form">
            <CsrfField />
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
            <SelectField name="committing_party" label="Committing party" options=parties blank="Select a party" />
            <TextArea name="text" label="Commitment" hint="What the party committed to do" rows=3 />
            <SelectField name="category" label="Category" options=Choices::of(CommitmentCategory::ALL, CommitmentCategory::code, CommitmentCategory::label) blank="Select a category" />
            <TextField name="owner" label="Owner (optional)" width="govuk-input--width-30" />
            <ReviewerField />
            <div class="accord-filters__row">
                <DateField name="due_on" legend="Due date (optional)" />
                <SelectField name="status" label="Status" options=Choices::of(CommitmentStatus::ALL, CommitmentStatus::code, CommitmentStatus::label) />
                <SelectField name="rag" label="RAG" options=Choices::of(Rag::ALL, Rag::code, Rag::label) blank="Not rated" />
                <DateField name="next_review_on" legend="Next review date (optional)" />
            </div>
            <Checkboxes name="strands" legend="CONTEST strands" options=Choices::of(ContestStrand::ALL, ContestStrand::code, ContestStrand::label) hint="Select all that apply" />
            <ClassificationFields />
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button" data-module="govuk-button">{submit_label}</button>
                <a class="govuk-link" href=cancel>"Cancel"</a>
            </div>
        </form>
    }
}

/// The named reviewer: a select of active reviewers and administrators, read from the
/// database (cached). Not `new_blocking`, as for the marking fields: pages render in
/// async mode, so it is awaited anyway.
#[component]
fn ReviewerField() -> impl IntoView {
    use crate::server_fns::review_queue::fetch_reviewer_choices;
    let reviewers = Resource::new(|| (), |_| fetch_reviewer_choices());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = reviewers.await.unwrap_or_default();
                view! { <SelectField name="reviewer_id" label="Reviewer (optional)" hint="Who reviews this commitment: a reviewer or administrator" options blank="No named reviewer" /> }
            })}
        </Suspense>
    }
}
