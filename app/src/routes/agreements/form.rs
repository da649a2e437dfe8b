//! The agreement form, shared by "add" and "edit".

use crate::forms::choices::Choices;
use crate::forms::conflict::ConflictPanel;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{
    Checkboxes, ClassificationFields, ErrorSummary, SelectField, TextArea, TextField, YesNo,
};
use crate::forms::FormValues;
use crate::server_fns::choices::Lookups;
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

/// How many partner selects to offer beyond those already filled.
const SPARE_PARTNER_SELECTS: usize = 2;

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
    let (values, submission) = FormValues::for_path(&path, record.clone());
    let errors = values.errors.clone();
    let partner_selects = values.values.all("partners").len().max(1) + SPARE_PARTNER_SELECTS;
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
            <CsrfField />
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
            <TextField name="reference" label="Reference" hint="Letters, numbers, hyphens and slashes, like HO-LY-2024-003" width="govuk-input--width-20" />
            <TextField name="title" label="Title" />
            <SelectField name="kind" label="Kind" options=kinds blank="Select a kind" />
            <YesNo name="legally_binding" legend="Is it legally binding?" />
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Partner parties"</legend>
                <div class="govuk-hint">"The United Kingdom is always a party. Choose each other party; save to get more boxes."</div>
                <div class="accord-filters__row">
                    {(0..partner_selects).map(|i| {
                        let label = if i == 0 { "Partner" } else { "Another partner (optional)" };
                        view! { <SelectField name="partners" label index=i options=partners.clone() blank="None" /> }
                    }).collect_view()}
                </div>
            </fieldset>
            {version.is_none().then(|| view! {
                <SelectField name="status" label="Status now" options=statuses hint="For an agreement recorded after the event, its current status; later changes go through the status form" />
            })}
            <div class="accord-filters__row">
                <TextField name="signed_on" label="Date signed (optional)" input_type="date" />
                <TextField name="in_force_on" label="Date in force (optional)" input_type="date" />
                <TextField name="expires_on" label="Expiry date (optional)" input_type="date" />
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
            <TextField name="next_review_on" label="Next review date (optional)" input_type="date" />
            <div class="accord-filters__row">
                <TextField name="supersedes" label="Supersedes (reference, optional)" width="govuk-input--width-20" />
                <TextField name="amends" label="Amends (reference, optional)" width="govuk-input--width-20" />
            </div>
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button" data-module="govuk-button">{submit_label}</button>
                <a class="govuk-link" href="/agreements">"Cancel"</a>
            </div>
        </form>
    }
}
