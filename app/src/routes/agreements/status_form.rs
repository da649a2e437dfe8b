//! The status-change form on an agreement's page: only the allowed moves are offered.

use crate::forms::choices::Choices;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{DateField, ErrorSummary, SelectField, TextArea, TextField};
use crate::forms::FormValues;
use accord::{AgreementStatus, FormData};
use leptos::prelude::*;

#[component]
pub fn StatusForm(id: i64, status: AgreementStatus, version: i64) -> impl IntoView {
    let next = status.allowed_next();
    let path = format!("/agreements/{id}/status");
    if next.is_empty() {
        // A refused change posted from a page that was out of date still says why.
        let errors = crate::forms::submission_for(&path).map(|s| s.errors).unwrap_or_default();
        return view! {
            <ErrorSummary errors />
            <p class="govuk-body" data-test="status-final">"This agreement's status is final."</p>
        }
        .into_any();
    }
    let mut blank = FormData::default();
    blank.push("changed_on", accord::dates::iso(accord::dates::today()));
    let (values, submission) = FormValues::for_path(&path, blank);
    let errors = values.errors.clone();
    provide_context(values);
    let options = Choices::of(next, AgreementStatus::code, AgreementStatus::label);
    view! {
        <form method="post" action=path.clone() class="accord-panel" id="status-form" novalidate>
            <CsrfField />
            <h2 class="govuk-heading-m">"Change status"</h2>
            {submission.map(|_| view! { <ErrorSummary errors /> })}
            <input type="hidden" name="version" value=version.to_string() />
            <SelectField name="to" label="New status" options blank="Select a status" hint="Only the moves allowed from the current status are offered" />
            <DateField name="changed_on" legend="Date of the change" />
            <TextArea name="note" label="Note" hint="Why the status changed, and on whose authority" rows=3 />
            <TextField name="superseded_by" label="Reference of the agreement that supersedes it (only when superseding)" width="govuk-input--width-20" />
            <button type="submit" class="govuk-button" data-module="govuk-button">"Change status"</button>
        </form>
    }
    .into_any()
}
