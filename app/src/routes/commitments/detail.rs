//! `/commitments/{id}`: a commitment, its agreement and its assessment history.

use crate::components::{
    date_or_unset, ErrorPage, MarkingTag, OverdueTag, Page, RagTag, SummaryRow,
};
use crate::routes::agreements::detail::id_param;
use crate::server_fns::commitments::fetch_commitment;
use accord::CommitmentDetail;
use leptos::prelude::*;

#[component]
pub fn CommitmentPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_commitment);
    let history = crate::components::history_resource(
        accord::domain::audit_log::RecordKind::Commitment,
        move || id().to_string(),
    );
    view! {
        <Suspense fallback=|| view! { <Page title="Commitment"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match (data.await, history.await) {
                    (Ok(detail), history) => view! { <DetailView detail history /> }.into_any(),
                    (Err(error), _) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DetailView(detail: CommitmentDetail, history: crate::components::History) -> impl IntoView {
    let marking = detail.page_marking();
    let d = detail.draft.clone();
    let strands = if d.strands.is_empty() {
        "None".to_owned()
    } else {
        d.strands.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
    };
    view! {
        <Page title=super::edit::commitment_title(detail.id, &d.text) marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/commitments">"Commitments"</a></li>
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href=format!("/agreements/{}", detail.agreement_id)>{detail.agreement_reference.clone()}</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-l">"Commitment under "{detail.agreement_reference.clone()}</span>
            <h1 class="govuk-heading-l" data-test="commitment-text">{d.text.clone()}</h1>
            <p class="govuk-body"><RagTag rag=d.rag />" "<OverdueTag overdue=detail.overdue />" "<MarkingTag marking=d.classification.clone() /></p>
            {crate::access::may(accord::Action::Edit).then(|| view! { <a class="govuk-button govuk-button--secondary" href=format!("/commitments/{}/edit", detail.id) role="button" draggable="false">"Edit commitment"</a> })}
            <dl class="govuk-summary-list">
                <SummaryRow key="Agreement"><a class="govuk-link" href=format!("/agreements/{}", detail.agreement_id)>{detail.agreement_reference.clone()}" – "{detail.agreement_title.clone()}</a></SummaryRow>
                <SummaryRow key="Committing party">{detail.committing_party_name.clone()}</SummaryRow>
                <SummaryRow key="Category">{d.category.label()}</SummaryRow>
                <SummaryRow key="Owner">{if d.owner.is_empty() { "Not set".to_owned() } else { d.owner.clone() }}</SummaryRow>
                <SummaryRow key="Reviewer" test="commitment-reviewer">{detail.reviewer_name.clone().unwrap_or_else(|| "Not named".to_owned())}</SummaryRow>
                <SummaryRow key="Due" test="commitment-due">{date_or_unset(d.due_on)}</SummaryRow>
                <SummaryRow key="Status" test="commitment-status">{d.status.label()}</SummaryRow>
                <SummaryRow key="Overdue" test="commitment-overdue">{if detail.overdue { "Yes" } else { "No" }}</SummaryRow>
                <SummaryRow key="CONTEST strands">{strands}</SummaryRow>
                <SummaryRow key="Next review">{date_or_unset(d.next_review_on)}</SummaryRow>
                <SummaryRow key="Classification">{d.classification.to_string()}</SummaryRow>
            </dl>
            <crate::components::assessment_timeline::AssessmentTimeline commitment_id=detail.id entries=detail.assessments.clone() />
            <crate::components::RecordHistory history />
        </Page>
    }
}
