//! The status-change form on an agreement's page: it says which moves the lifecycle
//! allows from the current status (`AgreementStatus::allowed_next`) and offers only
//! those. A refused change shows its error summary at the top of the page
//! ([`StatusErrorSummary`]), not beside the form at the bottom of a long page.

use crate::forms::choices::Choices;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{DateField, ErrorSummary, SelectField, TextArea, TextField};
use crate::forms::{submission_for, FormValues};
use accord::{AgreementStatus, FormData};
use leptos::prelude::*;

fn status_path(id: i64) -> String {
    format!("/agreements/{id}/status")
}

/// "From Proposed you can move to: Negotiating, Terminated."
pub fn allowed_moves(status: AgreementStatus) -> String {
    let next: Vec<&str> = status.allowed_next().iter().map(|s| s.label()).collect();
    if next.is_empty() {
        format!("This agreement is {}: its status cannot change.", status.label().to_lowercase())
    } else {
        format!("From {} you can move to: {}.", status.label(), next.join(", "))
    }
}

/// The error summary of a refused status change on agreement `id`, if this page
/// answers one: the agreement page puts it straight after its heading.
#[component]
pub fn StatusErrorSummary(id: i64) -> impl IntoView {
    let errors = submission_for(&status_path(id)).map(|s| s.errors).unwrap_or_default();
    view! { <ErrorSummary errors /> }
}

#[component]
pub fn StatusForm(id: i64, status: AgreementStatus, version: i64) -> impl IntoView {
    let next = status.allowed_next();
    if next.is_empty() {
        return view! {
            <p class="govuk-body" data-test="status-final">{allowed_moves(status)}</p>
        }
        .into_any();
    }
    let path = status_path(id);
    let mut blank = FormData::default();
    blank.push("changed_on", accord::dates::iso(accord::dates::today()));
    let (values, _) = FormValues::for_path(&path, blank);
    provide_context(values);
    let options = Choices::of(next, AgreementStatus::code, AgreementStatus::label);
    view! {
        <form method="post" action=path.clone() class="accord-panel" id="status-form" novalidate>
            <CsrfField />
            <h2 class="govuk-heading-m">"Change status"</h2>
            <p class="govuk-body" data-test="status-moves">{allowed_moves(status)}</p>
            <input type="hidden" name="version" value=version.to_string() />
            <SelectField name="to" label="New status" options blank="Select a status" />
            <DateField name="changed_on" legend="Date of the change" />
            <TextArea name="note" label="Note" hint="Why the status changed, and on whose authority" rows=3 />
            <TextField name="superseded_by" label="Reference of the agreement that supersedes it (only when superseding)" width="govuk-input--width-20" />
            <button type="submit" class="govuk-button" data-module="govuk-button">"Change status"</button>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moves_named_are_the_lifecycle_s() {
        assert_eq!(
            allowed_moves(AgreementStatus::Proposed),
            "From Proposed you can move to: Negotiating, Terminated."
        );
        assert_eq!(
            allowed_moves(AgreementStatus::Terminated),
            "This agreement is terminated: its status cannot change."
        );
    }
}
