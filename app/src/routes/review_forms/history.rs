//! The review history of an agreement or sharing arrangement, and its "Mark as
//! reviewed" button for users who may assess.

use crate::error::AppError;
use crate::server_fns::assessments::fetch_reviews;
use accord::domain::assessment::{ReviewEntry, ReviewSubject};
use accord::Classification;
use leptos::prelude::*;

/// What a record page's Reviews section shows.
pub type Reviews = Result<Vec<ReviewEntry>, AppError>;

/// The record's reviews, loaded with the page: make it beside the page's own resource
/// and await both (a blocking resource made inside a suspended view would hang).
pub fn reviews_resource(
    subject: impl Fn() -> ReviewSubject + Send + Sync + 'static,
) -> Resource<Reviews> {
    Resource::new_blocking(subject, fetch_reviews)
}

/// The marking the reviews add to their record's page.
pub fn reviews_marking(reviews: &Reviews) -> Classification {
    Classification::highest(reviews.iter().flatten().map(|r| &r.classification))
}

/// "Reviews" heading, the button for reviewers, and the history, newest first.
#[component]
pub fn RecordReviews(subject: ReviewSubject, reviews: Reviews) -> impl IntoView {
    let may = crate::access::may(accord::Action::Assess);
    let body = match reviews {
        Ok(entries) if entries.is_empty() => view! {
            <p class="govuk-body" data-test="reviews-empty">"It has not been marked as reviewed yet."</p>
        }
        .into_any(),
        Ok(entries) => view! { <ReviewTable entries /> }.into_any(),
        Err(_) => view! { <p class="govuk-body">"The reviews could not be loaded. Try again later."</p> }.into_any(),
    };
    view! {
        <h2 class="govuk-heading-m" id="reviews">"Reviews"</h2>
        {may.then(|| view! {
            <a class="govuk-button govuk-button--secondary" href=format!("{}/reviews/new", subject.path()) role="button" draggable="false">"Mark as reviewed"</a>
        })}
        {body}
    }
}

#[component]
fn ReviewTable(entries: Vec<ReviewEntry>) -> impl IntoView {
    let date =
        |d: Option<time::Date>| d.map(accord::dates::long).unwrap_or_else(|| "Not set".into());
    view! {
        <table class="govuk-table" data-test="record-reviews">
            <caption class="govuk-visually-hidden">"Reviews, newest first"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Reviewed"</th>
                    <th scope="col" class="govuk-table__header">"By"</th>
                    <th scope="col" class="govuk-table__header">"Note"</th>
                    <th scope="col" class="govuk-table__header">"Next review"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {entries.into_iter().map(|r| view! {
                    <tr class="govuk-table__row" data-test="record-review">
                        <td class="govuk-table__cell">{accord::dates::long(r.reviewed_on)}</td>
                        <td class="govuk-table__cell">{r.reviewer}</td>
                        <td class="govuk-table__cell">{r.note}</td>
                        <td class="govuk-table__cell">{date(r.next_review_on)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
