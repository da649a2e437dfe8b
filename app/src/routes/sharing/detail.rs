//! `/sharing/{id}`: every field of an arrangement, and its governing agreement.

use super::SharingStatusTag;
use crate::components::{date_or_unset, ErrorPage, MarkingTag, Page, SummaryRow};
use crate::routes::agreements::detail::id_param;
use crate::server_fns::sharing::fetch_sharing;
use accord::SharingDetail;
use leptos::prelude::*;

#[component]
pub fn SharingPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_sharing);
    let history = crate::components::history_resource(
        accord::domain::audit_log::RecordKind::SharingArrangement,
        move || id().to_string(),
    );
    let reviews = crate::routes::review_forms::history::reviews_resource(move || {
        accord::domain::assessment::ReviewSubject::Sharing(id())
    });
    view! {
        <Suspense fallback=|| view! { <Page title="Sharing arrangement"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match (data.await, history.await, reviews.await) {
                    (Ok(detail), history, reviews) => view! { <DetailView detail history reviews /> }.into_any(),
                    (Err(error), _, _) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Free text, or "None recorded" when blank.
fn or_none(text: &str) -> String {
    if text.is_empty() {
        "None recorded".to_owned()
    } else {
        text.to_owned()
    }
}

#[component]
fn DetailView(
    detail: SharingDetail,
    history: crate::components::History,
    reviews: crate::routes::review_forms::history::Reviews,
) -> impl IntoView {
    let mut marking = detail.page_marking();
    marking.raise(&crate::routes::review_forms::history::reviews_marking(&reviews));
    let d = detail.draft.clone();
    let categories = d.data_categories.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
    let osja = match d.osja_assessed_on {
        Some(on) => format!("{} ({})", d.osja_status.label(), accord::dates::long(on)),
        None => d.osja_status.label().to_owned(),
    };
    let agreement = match detail.agreement.clone() {
        Some(a) => view! {
            <a class="govuk-link" href=format!("/agreements/{}", a.id)>{a.reference}" – "{a.title}</a>
            " "<MarkingTag marking=a.classification />
        }
        .into_any(),
        None => view! { "None" }.into_any(),
    };
    view! {
        <Page title=format!("{} – {}", d.reference, d.title) marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/sharing">"Sharing arrangements"</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-l" data-test="sharing-reference">{d.reference.clone()}</span>
            <h1 class="govuk-heading-xl" data-test="sharing-title">{d.title.clone()}</h1>
            <p class="govuk-body"><SharingStatusTag status=d.status />" "<MarkingTag marking=d.classification.clone() /></p>
            {crate::access::may(accord::Action::Edit).then(|| view! { <a class="govuk-button govuk-button--secondary" href=format!("/sharing/{}/edit", detail.id) role="button" draggable="false">"Edit sharing arrangement"</a> })}
            <dl class="govuk-summary-list" data-test="sharing-summary">
                <SummaryRow key="UK body" test="sharing-uk-body">{detail.uk_body.clone()}</SummaryRow>
                <SummaryRow key="Partner" test="sharing-partner">
                    <a class="govuk-link" href=format!("/partners/{}", d.partner)>{detail.partner_name.clone()}</a>
                </SummaryRow>
                <SummaryRow key="Partner body" test="sharing-partner-body">{d.partner_body.clone()}</SummaryRow>
                <SummaryRow key="Data categories" test="sharing-data-categories">{categories}</SummaryRow>
                <SummaryRow key="Direction" test="sharing-direction">{d.direction.label()}</SummaryRow>
                <SummaryRow key="Legal basis" test="sharing-legal-basis">{or_none(&d.legal_basis)}</SummaryRow>
                <SummaryRow key="Handling caveats" test="sharing-handling-caveats">{or_none(&d.handling_caveats)}</SummaryRow>
                <SummaryRow key="Onward sharing" test="sharing-onward">{d.onward_sharing.label()}</SummaryRow>
                <SummaryRow key="OSJA assessment" test="sharing-osja">{osja}</SummaryRow>
                <SummaryRow key="Governing agreement" test="sharing-agreement">{agreement}</SummaryRow>
                <SummaryRow key="Status" test="sharing-status">{d.status.label()}</SummaryRow>
                <SummaryRow key="Classification" test="sharing-classification">{d.classification.to_string()}</SummaryRow>
                <SummaryRow key="Next review" test="sharing-next-review">{date_or_unset(d.next_review_on)}</SummaryRow>
            </dl>
            <crate::routes::review_forms::history::RecordReviews subject=accord::domain::assessment::ReviewSubject::Sharing(detail.id) reviews />
            <crate::components::RecordHistory history />
            {detail.illustrative.then(|| view! { <p class="govuk-body-s accord-muted">"This is an illustrative record, not a real arrangement."</p> })}
        </Page>
    }
}
