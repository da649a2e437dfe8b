//! The sharing-arrangement form, shared by "add" and "edit".

use crate::forms::choices::Choices;
use crate::forms::conflict::ConflictPanel;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{
    AutocompleteScript, Checkboxes, ClassificationFields, DateField, ErrorSummary, SelectField,
    TextArea, TextField,
};
use crate::forms::FormValues;
use crate::server_fns::choices::Lookups;
use accord::{DataCategory, Direction, FormData, OnwardSharing, OsjaStatus, SharingStatus};
use leptos::prelude::*;

/// Every field, with its label, in form order (the conflict panel compares them).
const FIELDS: &[(&str, &str)] = &[
    ("reference", "Reference"),
    ("title", "Title"),
    ("uk_body_id", "UK body"),
    ("partner", "Partner"),
    ("partner_body", "Partner body"),
    ("data_categories", "Data categories"),
    ("direction", "Direction"),
    ("legal_basis", "Legal basis"),
    ("handling_caveats", "Handling caveats"),
    ("onward_sharing", "Onward sharing"),
    ("osja_status", "OSJA assessment status"),
    ("osja_assessed_on", "OSJA assessment date"),
    ("agreement", "Governing agreement"),
    ("status", "Status"),
    ("classification", "Classification"),
    ("caveat", "Handling caveat"),
    ("releasability", "Releasability"),
    ("next_review_on", "Next review date"),
];

#[component]
pub fn SharingForm(
    /// Where the form posts (its own page).
    path: String,
    /// The record's values (empty for a new arrangement).
    record: FormData,
    /// The version being edited; `None` when adding.
    version: Option<i64>,
    options: Lookups,
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
        <form method="post" action=path novalidate data-test="sharing-form">
            <CsrfField />
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
            <TextField name="reference" label="Reference" hint="Starts with a letter; letters, numbers, hyphens, slashes and full stops, like NCA-FR-2026-001" width="govuk-input--width-20" />
            <TextField name="title" label="Title" />
            <div class="accord-filters__row">
                <SelectField name="uk_body_id" label="UK body" options=options.uk_bodies blank="Select a UK body" />
                <SelectField name="partner" label="Partner" options=Choices::partners() blank="Select a partner" autocomplete=true />
            </div>
            <TextField name="partner_body" label="Partner body" hint="The partner's agency or body, for example its coastguard" />
            <Checkboxes name="data_categories" legend="Data categories" options=Choices::of(DataCategory::ALL, DataCategory::code, DataCategory::label) hint="Select all that are shared" />
            <SelectField name="direction" label="Direction" options=Choices::of(Direction::ALL, Direction::code, Direction::label) blank="Select a direction" />
            <TextArea name="legal_basis" label="Legal basis (optional)" hint="The power or instrument that allows the sharing" rows=3 />
            <TextArea name="handling_caveats" label="Handling caveats (optional)" hint="Conditions on how the information is handled" rows=3 />
            <SelectField name="onward_sharing" label="Onward sharing" options=Choices::of(OnwardSharing::ALL, OnwardSharing::code, OnwardSharing::label) blank="Select a rule" />
            <div class="accord-filters__row">
                <SelectField name="osja_status" label="OSJA assessment status" options=Choices::of(OsjaStatus::ALL, OsjaStatus::code, OsjaStatus::label) blank="Select a status" />
                <DateField name="osja_assessed_on" legend="OSJA assessment date" hint="Required once the assessment is completed" />
            </div>
            <TextField name="agreement" label="Governing agreement (reference, optional)" hint="For example HO-FR-2023-002" width="govuk-input--width-20" />
            <SelectField name="status" label="Status" options=Choices::of(SharingStatus::ALL, SharingStatus::code, SharingStatus::label) blank="Select a status" />
            <ClassificationFields />
            <DateField name="next_review_on" legend="Next review date (optional)" />
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button" data-module="govuk-button">{submit_label}</button>
                <a class="govuk-link" href=cancel>"Cancel"</a>
            </div>
        </form>
        <AutocompleteScript />
    }
}
