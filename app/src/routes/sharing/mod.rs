//! `/sharing`, `/sharing/new`, `/sharing/{id}`, `/sharing/{id}/edit`.

pub mod detail;
pub mod edit;
mod form;
pub mod list;

use accord::SharingStatus;
use leptos::prelude::*;

/// An arrangement's status as a GOV.UK tag.
#[component]
fn SharingStatusTag(status: SharingStatus) -> impl IntoView {
    view! {
        <strong class=format!("govuk-tag govuk-tag--{}", status.tag_colour()) data-test="sharing-status-tag">
            {status.label()}
        </strong>
    }
}
