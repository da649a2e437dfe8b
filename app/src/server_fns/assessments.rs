//! Assessments of commitments and "marked reviewed" for agreements and sharing
//! arrangements: the review history a record page shows, and the two form actions.

use crate::error::AppError;
use accord::domain::assessment::{ReviewEntry, ReviewSubject};
use leptos::prelude::*;

/// The reviews of an agreement or sharing arrangement the reader may see, newest first.
#[server]
pub async fn fetch_reviews(subject: ReviewSubject) -> Result<Vec<ReviewEntry>, AppError> {
    crate::state::cached("record reviews", subject, |pool, clearance, _| async move {
        Ok(accord::storage::record_reviews::reviews(&pool, subject, clearance).await?)
    })
    .await
}

#[cfg(feature = "ssr")]
mod actions {
    use crate::error::AppError;
    use accord::domain::assessment::{AssessmentDraft, ReviewDraft, ReviewSubject};
    use accord::storage::{assessments, record_reviews};
    use accord::{dates, FieldErrors, FormData};
    use sqlx::SqlitePool;

    /// The record version the form was read at (a hidden field).
    fn version(form: &FormData) -> Result<i64, AppError> {
        form.text("version").parse().map_err(|_| {
            AppError::Validation(FieldErrors::single(
                "version",
                "The form was incomplete: reload the page and try again",
            ))
        })
    }

    /// Records an assessment of the commitment `id`: where to go and what the banner says.
    pub async fn record(
        pool: &SqlitePool,
        id: i64,
        form: &FormData,
        user: &accord::User,
    ) -> Result<(String, String), AppError> {
        let draft = AssessmentDraft::parse(form, dates::today()).map_err(AppError::Validation)?;
        assessments::record_assessment(pool, id, version(form)?, &draft, user).await?;
        Ok((format!("/commitments/{id}"), "Assessment recorded".to_owned()))
    }

    /// Marks an agreement or sharing arrangement reviewed.
    pub async fn mark_reviewed(
        pool: &SqlitePool,
        subject: ReviewSubject,
        form: &FormData,
        user: &accord::User,
    ) -> Result<(String, String), AppError> {
        let draft = ReviewDraft::parse(form, dates::today()).map_err(AppError::Validation)?;
        let reference =
            record_reviews::record_review(pool, subject, version(form)?, &draft, user).await?;
        Ok((subject.path(), format!("{} {reference} marked as reviewed", subject.noun())))
    }
}

#[cfg(feature = "ssr")]
pub use actions::{mark_reviewed, record};
