//! Where form posts land (server only): route the post to its action, and turn the
//! action's result into a redirect or a refused [`Submission`].

use super::Submission;
use crate::error::AppError;
use crate::server_fns::{agreements, commitments, route_forms, sharing};
use accord::{FieldErrors, FormData};
use sqlx::SqlitePool;

/// What to answer a form post with.
#[derive(Debug)]
pub enum Outcome {
    /// Saved: 303 to this address.
    Redirect(String),
    /// Not saved: render the page again with this submission and HTTP status.
    Refused(Submission, u16),
}

/// The addresses forms post to (axum path syntax), registered by the router.
pub const FORM_PATHS: &[&str] = &[
    "/agreements/new",
    "/agreements/{id}/edit",
    "/agreements/{id}/status",
    "/agreements/{id}/commitments/new",
    "/commitments/{id}/edit",
    "/routes/new",
    "/routes/{slug}/edit",
    "/sharing/new",
    "/sharing/{id}/edit",
];

/// Runs the action for `path` on the submitted `form`.
pub async fn submit(pool: &SqlitePool, path: &str, form: FormData, user: &accord::User) -> Outcome {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<i64>().map_err(|_| AppError::NotFound);
    let result = match segments.as_slice() {
        ["agreements", "new"] => agreements::create(pool, &form, user).await,
        ["agreements", a, "edit"] => match id(a) {
            Ok(a) => agreements::update(pool, a, &form, user).await,
            Err(e) => Err(e),
        },
        ["agreements", a, "status"] => match id(a) {
            Ok(a) => agreements::change_status(pool, a, &form, user).await,
            Err(e) => Err(e),
        },
        ["agreements", a, "commitments", "new"] => match id(a) {
            Ok(a) => commitments::create(pool, a, &form, user).await,
            Err(e) => Err(e),
        },
        ["commitments", c, "edit"] => match id(c) {
            Ok(c) => commitments::update(pool, c, &form, user).await,
            Err(e) => Err(e),
        },
        ["routes", "new"] => route_forms::create(pool, &form, user).await,
        ["routes", slug, "edit"] => route_forms::update(pool, slug, &form, user).await,
        ["sharing", "new"] => sharing::create(pool, &form, user).await,
        ["sharing", s, "edit"] => match id(s) {
            Ok(s) => sharing::update(pool, s, &form, user).await,
            Err(e) => Err(e),
        },
        _ => Err(AppError::NotFound),
    };
    let refuse = |errors: FieldErrors, conflict: bool, status: u16| {
        Outcome::Refused(
            Submission { path: path.to_owned(), values: form.clone(), errors, conflict },
            status,
        )
    };
    match result {
        Ok(to) => Outcome::Redirect(to),
        Err(AppError::Validation(errors)) => refuse(errors, false, 422),
        Err(AppError::Conflict(_)) => refuse(
            FieldErrors::single(
                "conflict",
                "Someone else saved changes to this record while you were editing it. Your changes have not been saved.",
            ),
            true,
            409,
        ),
        Err(AppError::NotFound) => refuse(FieldErrors::default(), false, 404),
        Err(error) => {
            tracing::error!(%path, %error, "form action failed");
            refuse(
                FieldErrors::single("form", "Sorry, your changes could not be saved. Try again later."),
                false,
                500,
            )
        }
    }
}
