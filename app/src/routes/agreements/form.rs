//! The agreement form, shared by "add" and "edit".

use crate::forms::choices::Choices;
use crate::forms::conflict::ConflictPanel;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{
    AutocompleteScript, Checkboxes, ClassificationFields, DateField, ErrorSummary, SelectField,
    TextArea, TextField, YesNo,
};
use crate::forms::FormValues;
use crate::server_fns::choices::Lookups;
use accord::form::{ADD_ANOTHER, REMOVE};
use accord::{AgreementKind, AgreementStatus, ContestStrand, FormData};
use leptos::prelude::*;

/// Every field, with its label, in form order (the conflict panel compares them).
pub const FIELDS: &[(&str, &str)] = &[
    ("reference", "Reference"),
    ("title", "Title"),
    ("kind", "Kind"),
    ("legally_binding", "Legally binding"),
    ("partners", "Partner parties"),
    ("signed_on", "Date signed"),
    ("in_force_on", "Date in force"),
    ("expires_on", "Expiry date"),
    ("lead_department_id", "Lead department"),
    ("owner", "Owner"),
    ("summary", "Summary"),
    ("funding_gbp", "Funding"),
    ("funding_note", "Funding note"),
    ("scope_tags", "Scope tags"),
    ("strands", "CONTEST strands"),
    ("classification", "Classification"),
    ("caveat", "Handling caveat"),
    ("releasability", "Releasability"),
    ("next_review_on", "Next review date"),
    ("supersedes", "Supersedes"),
    ("amends", "Amends"),
];

#[component]
pub fn AgreementForm(
    /// Where the form posts (its own page).
    path: String,
    /// The record's values (empty for a new agreement).
    record: FormData,
    /// The version being edited; `None` when adding.
    version: Option<i64>,
    options: Lookups,
    submit_label: &'static str,
) -> impl IntoView {
    let (mut values, submission) = FormValues::for_path(&path, record.clone());
    let errors = values.errors.clone();
    // One empty box after the partners chosen; "Add another partner" and "Remove"
    // post the form, and the server shows it again through here (nothing saved).
    let (shown, partner_selects) = values.values.with_box_change("partners", 1);
    values.values = shown;
    provide_context(values);
    let conflict = submission.as_ref().filter(|s| s.conflict).map(|s| s.values.clone());
    let kinds = Choices::of(AgreementKind::ALL, AgreementKind::code, AgreementKind::label);
    let strands = Choices::of(ContestStrand::ALL, ContestStrand::code, ContestStrand::label);
    let open: Vec<AgreementStatus> =
        AgreementStatus::ALL.iter().copied().filter(|s| !s.is_final()).collect();
    let statuses = Choices::of(&open, AgreementStatus::code, AgreementStatus::label);
    let partners = Choices::partners();
    view! {
        {conflict.map(|yours| view! { <ConflictPanel fields=FIELDS yours current=record.clone() /> })}
        {submission.map(|_| view! { <ErrorSummary errors /> })}
        <form method="post" action=path novalidate data-test="agreement-form">
            // Enter in a text field presses the form's first submit button: without this
            // one it would be "Add another partner" (which saves nothing), not the save.
            <button type="submit" class="accord-default-submit" tabindex="-1" aria-hidden="true" data-test="default-submit">{submit_label}</button>
            <CsrfField />
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
            <TextField name="reference" label="Reference" hint="Starts with a letter; letters, numbers, hyphens, slashes and full stops, like HO-LY-2024-003" width="govuk-input--width-20" />
            <TextField name="title" label="Title" />
            <SelectField name="kind" label="Kind" options=kinds blank="Select a kind" />
            <YesNo name="legally_binding" legend="Is it legally binding?" />
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Partner parties"</legend>
                <div class="govuk-hint">"The United Kingdom is always a party. Choose each other party."</div>
                {(0..partner_selects).map(|i| {
                    let label = if i == 0 { "Partner" } else { "Another partner (optional)" };
                    view! {
                        <div class="accord-add-another__item" data-test="partner-box">
                            <SelectField name="partners" label index=i options=partners.clone() blank="None" autocomplete=true />
                            {(partner_selects > 1).then(|| view! {
                                <button type="submit" class="govuk-button govuk-button--secondary accord-add-another__remove" name=REMOVE value=format!("partners-{i}") formnovalidate>
                                    "Remove"<span class="govuk-visually-hidden">{format!(" partner {}", i + 1)}</span>
                                </button>
                            })}
                        </div>
                    }
                }).collect_view()}
                <button type="submit" class="govuk-button govuk-button--secondary" name=ADD_ANOTHER value="partners" formnovalidate data-test="add-partner">"Add another partner"</button>
            </fieldset>
            {version.is_none().then(|| view! {
                <SelectField name="status" label="Status now" options=statuses hint="For an agreement recorded after the event, its current status; later changes go through the status form" />
            })}
            <div class="accord-filters__row">
                <DateField name="signed_on" legend="Date signed (optional)" />
                <DateField name="in_force_on" legend="Date in force (optional)" />
                <DateField name="expires_on" legend="Expiry date (optional)" />
            </div>
            <SelectField name="lead_department_id" label="Lead department" options=options.uk_bodies blank="Not set" />
            <TextField name="owner" label="Owner (optional)" hint="The team or officer who owns the agreement" width="govuk-input--width-30" />
            <TextArea name="summary" label="Summary (optional)" />
            <div class="accord-filters__row">
                <TextField name="funding_gbp" label="UK funding in pounds (optional)" width="govuk-input--width-10" />
                <TextField name="funding_note" label="Funding note (optional)" width="govuk-input--width-30" />
            </div>
            <TextField name="scope_tags" label="Scope tags (optional)" hint="Separate tags with commas, like maritime, returns" />
            <Checkboxes name="strands" legend="CONTEST strands" options=strands hint="Select all that apply" />
            <ClassificationFields />
            <DateField name="next_review_on" legend="Next review date (optional)" />
            <div class="accord-filters__row">
                <TextField name="supersedes" label="Supersedes (reference, optional)" width="govuk-input--width-20" />
                <TextField name="amends" label="Amends (reference, optional)" width="govuk-input--width-20" />
            </div>
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button" data-module="govuk-button">{submit_label}</button>
                <a class="govuk-link" href="/agreements">"Cancel"</a>
            </div>
        </form>
        <AutocompleteScript />
    }
}
