//! "Mark as reviewed" for agreements and sharing arrangements: the form at
//! `/agreements/{id}/reviews/new` and `/sharing/{id}/reviews/new`, and the review
//! history their pages show.

pub mod history;

use crate::components::{ErrorPage, Page};
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{ClassificationFields, DateField, ErrorSummary, TextArea};
use crate::forms::FormValues;
use crate::routes::agreements::detail::id_param;
use crate::server_fns::agreements::fetch_agreement;
use crate::server_fns::sharing::fetch_sharing;
use accord::domain::assessment::{ReviewDraft, ReviewSubject};
use accord::Classification;
use leptos::prelude::*;

/// What the form needs of the record reviewed.
#[derive(Clone)]
struct Reviewed {
    subject: ReviewSubject,
    reference: String,
    title: String,
    version: i64,
    /// The record's own marking (a review is marked at least so).
    marking: Classification,
    /// The record page's marking (the form page shows the record's title).
    page_marking: Classification,
}

#[component]
pub fn AgreementReviewNew() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_agreement);
    view! {
        <Suspense fallback=|| view! { <Page title="Mark as reviewed"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(a) => {
                        let record = Reviewed {
                            subject: ReviewSubject::Agreement(a.id),
                            reference: a.draft.reference.clone(),
                            title: a.draft.title.clone(),
                            version: a.version,
                            marking: a.draft.classification.clone(),
                            page_marking: a.draft.classification.clone(),
                        };
                        view! { <ReviewPage record /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SharingReviewNew() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_sharing);
    view! {
        <Suspense fallback=|| view! { <Page title="Mark as reviewed"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => {
                        let record = Reviewed {
                            subject: ReviewSubject::Sharing(s.id),
                            reference: s.draft.reference.clone(),
                            title: s.draft.title.clone(),
                            version: s.version,
                            marking: s.draft.classification.clone(),
                            page_marking: s.draft.classification.clone(),
                        };
                        view! { <ReviewPage record /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewPage(record: Reviewed) -> impl IntoView {
    let back = record.subject.path();
    let path = format!("{back}/reviews/new");
    let blank = ReviewDraft::blank_form(&record.marking, accord::dates::today());
    let (values, submission) = FormValues::for_path(&path, blank);
    let errors = values.errors.clone();
    provide_context(values);
    let noun = record.subject.noun();
    view! {
        <Page title=format!("Mark {} as reviewed", record.reference) marking=record.page_marking.clone()>
            <a class="govuk-back-link" href=back.clone()>"Back"</a>
            {submission.map(|_| view! { <ErrorSummary errors /> })}
            <span class="govuk-caption-l">{format!("{noun} {}", record.reference)}</span>
            <h1 class="govuk-heading-xl">"Mark as reviewed"</h1>
            <p class="govuk-body">{record.title.clone()}</p>
            <form method="post" action=path novalidate data-test="review-form">
                <CsrfField />
                <input type="hidden" name="version" value=record.version.to_string() />
                <DateField name="reviewed_on" legend="Date of the review" />
                <TextArea name="note" label="Note (optional)" hint="What the review found" rows=4 />
                <DateField name="next_review_on" legend="Next review date" />
                <div class="govuk-inset-text" data-test="review-marking-note">
                    {format!("The next review date becomes the record's own, seen by everyone who may see it ({}). The classification below covers the note.", record.marking)}
                </div>
                <ClassificationFields />
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Mark as reviewed"</button>
                    <a class="govuk-link" href=back>"Cancel"</a>
                </div>
            </form>
        </Page>
    }
}
