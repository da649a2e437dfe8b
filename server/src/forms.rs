//! Form posts, one axum route each with typed path parameters. Each handler takes the
//! signed-in user (the access layer has checked sign-in, CSRF and the permission
//! table already), runs the action in `app::server_fns`, then redirects (303) or renders
//! the page again with the user's values and errors, so forms work without JavaScript.
//! A save leaves a one-shot message in the session saying what it did (`crate::flash`),
//! which the page it redirects to shows in a success banner.

use crate::auth::CurrentUser;
use crate::pages;
use crate::router::ServerState;
use accord::{Action, AgreementStatus, FieldErrors, FormData, User};
use app::access::{CsrfToken, CSRF_FIELD};
use app::error::AppError;
use app::forms::Submission;
use app::server_fns::{agreements, assessments, commitments, route_forms, sharing};
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::extract::{Form, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Router};
use tower_sessions::Session;

mod briefing_texts;

/// The addresses forms post to (axum path syntax).
pub const FORM_PATHS: &[&str] = &[
    "/agreements/new",
    "/agreements/{id}/edit",
    "/agreements/{id}/status",
    "/agreements/{id}/commitments/new",
    "/commitments/{id}/edit",
    "/commitments/{id}/assessments/new",
    "/agreements/{id}/reviews/new",
    "/sharing/{id}/reviews/new",
    "/routes/new",
    "/routes/{slug}/edit",
    "/sharing/new",
    "/sharing/{id}/edit",
    "/partners/{alpha2}/briefing/{section}/edit",
    "/routes/{slug}/briefing/{section}/edit",
];

/// The form routes.
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/agreements/new", post(agreement_new))
        .route("/agreements/{id}/edit", post(agreement_edit))
        .route("/agreements/{id}/status", post(agreement_status))
        .route("/agreements/{id}/commitments/new", post(commitment_new))
        .route("/commitments/{id}/edit", post(commitment_edit))
        .route("/commitments/{id}/assessments/new", post(assessment_new))
        .route("/agreements/{id}/reviews/new", post(agreement_review))
        .route("/sharing/{id}/reviews/new", post(sharing_review))
        .route("/routes/new", post(route_new))
        .route("/routes/{slug}/edit", post(route_edit))
        .route("/sharing/new", post(sharing_new))
        .route("/sharing/{id}/edit", post(sharing_edit))
        .merge(briefing_texts::routes())
}

/// What every form handler gets: state, user, token, address and the parsed form.
struct Post {
    state: ServerState,
    user: User,
    csrf: Option<CsrfToken>,
    uri: Uri,
    session: Session,
}

type Body = Result<Form<Vec<(String, String)>>, FormRejection>;
type Csrf = Option<Extension<CsrfToken>>;

impl Post {
    fn new(state: ServerState, user: CurrentUser, csrf: Csrf, uri: Uri, session: Session) -> Self {
        Post { state, user: user.0, csrf: csrf.map(|Extension(t)| t), uri, session }
    }

    /// The form's fields (without the anti-forgery token), or the page saying the body
    /// could not be read.
    fn form(&self, body: Body) -> Result<FormData, Response> {
        match body {
            Ok(Form(pairs)) => {
                Ok(FormData(pairs.into_iter().filter(|(k, _)| k != CSRF_FIELD).collect()))
            }
            Err(rejection) => Err(crate::hardening::form_rejection_page(rejection)),
        }
    }

    /// Redirects to the saved record, leaving `saved` (what the save did) for its page's
    /// success banner, or shows the page again with what was wrong.
    async fn answer(
        self,
        form: FormData,
        result: Result<String, AppError>,
        saved: fn(&FormData) -> String,
    ) -> Response {
        let result = result.map(|to| (to, saved(&form)));
        self.answer_with(form, result).await
    }

    /// As [`Post::answer`], for actions that say themselves what they saved:
    /// `Ok((where to go, the banner's message))`.
    async fn answer_with(
        self,
        form: FormData,
        result: Result<(String, String), AppError>,
    ) -> Response {
        let path = self.uri.path().to_owned();
        let (errors, conflict, status) = match result {
            Ok((to, saved)) => {
                crate::flash::set(&self.session, saved).await;
                return Redirect::to(&to).into_response();
            }
            // No errors: the form asked to be shown again ("Add another partner").
            Err(AppError::Validation(errors)) if errors.is_empty() => (errors, false, StatusCode::OK),
            Err(AppError::Validation(errors)) => (errors, false, StatusCode::UNPROCESSABLE_ENTITY),
            Err(AppError::Conflict(_)) => (
                FieldErrors::single(
                    "conflict",
                    "Someone else saved changes to this record while you were editing it. Your changes have not been saved.",
                ),
                true,
                StatusCode::CONFLICT,
            ),
            Err(AppError::NotFound) => return pages::error(&self.state, AppError::NotFound, Some(self.user)).await,
            Err(AppError::Forbidden) => return pages::error(&self.state, AppError::Forbidden, Some(self.user)).await,
            Err(error) => {
                tracing::error!(%path, %error, "form action failed");
                (
                    FieldErrors::single("form", "Sorry, your changes could not be saved. Try again later."),
                    false,
                    StatusCode::INTERNAL_SERVER_ERROR,
                )
            }
        };
        let submission = Submission { path: path.clone(), values: form, errors, conflict };
        pages::refused_form(&self.state, &path, Some(self.user), self.csrf, submission, status)
            .await
    }

    /// Defence in depth: the access layer asked the permission table already.
    fn may_edit(&self) -> Result<(), AppError> {
        self.may(Action::Edit)
    }

    fn may(&self, action: Action) -> Result<(), AppError> {
        if self.user.may(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The record's path parameter, once the user may do `action`: a refusal first, and
    /// a path id that does not parse is a record that does not exist.
    fn admit<P>(
        &self,
        action: Action,
        path: Result<Path<P>, PathRejection>,
    ) -> Result<P, AppError> {
        self.may(action)?;
        path.map(|Path(p)| p).map_err(|_| AppError::NotFound)
    }
}

/// What the success banner says after each kind of save. The form has just been
/// accepted, so the values it names are valid; read as the parsers read them.
mod saved {
    use super::*;

    fn reference(form: &FormData) -> String {
        let typed = form.text("reference");
        accord::domain::agreement::parse_reference(typed)
            .unwrap_or_else(|_| typed.trim().to_owned())
    }

    pub fn agreement_added(form: &FormData) -> String {
        format!("Agreement {} added", reference(form))
    }

    pub fn agreement_updated(form: &FormData) -> String {
        format!("Agreement {} updated", reference(form))
    }

    pub fn status_changed(form: &FormData) -> String {
        match form.text("to").parse::<AgreementStatus>() {
            Ok(status) => format!("Status changed to {}", status.label()),
            Err(_) => "Status changed".to_owned(),
        }
    }

    pub fn commitment_added(_: &FormData) -> String {
        "Commitment added".to_owned()
    }

    pub fn commitment_updated(_: &FormData) -> String {
        "Commitment updated".to_owned()
    }

    pub fn route_added(form: &FormData) -> String {
        format!("Route {} added", form.text("name").trim())
    }

    pub fn route_updated(form: &FormData) -> String {
        format!("Route {} updated", form.text("name").trim())
    }

    pub fn sharing_added(form: &FormData) -> String {
        format!("Sharing arrangement {} added", reference(form))
    }

    pub fn sharing_updated(form: &FormData) -> String {
        format!("Sharing arrangement {} updated", reference(form))
    }
}

macro_rules! form_handler {
    // Reviewers' forms (assessments, marked reviewed) need Assess, not Edit, and their
    // actions say what they saved: `Ok((where to go, the banner's message))`.
    (assess $name:ident, $param:ty, |$post:ident, $form:ident, $id:ident| $action:expr) => {
        async fn $name(
            State(state): State<ServerState>,
            user: CurrentUser,
            csrf: Csrf,
            uri: Uri,
            session: Session,
            path: Result<Path<$param>, PathRejection>,
            body: Body,
        ) -> Response {
            let $post = Post::new(state, user, csrf, uri, session);
            let $form = match $post.form(body) {
                Ok(form) => form,
                Err(response) => return response,
            };
            let result = match $post.admit(Action::Assess, path) {
                Ok($id) => $action.await,
                Err(error) => Err(error),
            };
            $post.answer_with($form, result).await
        }
    };
    ($name:ident, $saved:expr, |$post:ident, $form:ident| $action:expr) => {
        async fn $name(
            State(state): State<ServerState>,
            user: CurrentUser,
            csrf: Csrf,
            uri: Uri,
            session: Session,
            body: Body,
        ) -> Response {
            let $post = Post::new(state, user, csrf, uri, session);
            let $form = match $post.form(body) {
                Ok(form) => form,
                Err(response) => return response,
            };
            let result = match $post.may_edit() {
                Ok(()) => $action.await,
                Err(error) => Err(error),
            };
            $post.answer($form, result, $saved).await
        }
    };
    ($name:ident, $saved:expr, $param:ty, |$post:ident, $form:ident, $id:ident| $action:expr) => {
        async fn $name(
            State(state): State<ServerState>,
            user: CurrentUser,
            csrf: Csrf,
            uri: Uri,
            session: Session,
            path: Result<Path<$param>, PathRejection>,
            body: Body,
        ) -> Response {
            let $post = Post::new(state, user, csrf, uri, session);
            let $form = match $post.form(body) {
                Ok(form) => form,
                Err(response) => return response,
            };
            let result = match $post.admit(Action::Edit, path) {
                Ok($id) => $action.await,
                Err(error) => Err(error),
            };
            $post.answer($form, result, $saved).await
        }
    };
}

form_handler!(agreement_new, saved::agreement_added, |post, form| agreements::create(
    &post.state.pool,
    &form,
    &post.user
));
form_handler!(agreement_edit, saved::agreement_updated, i64, |post, form, id| agreements::update(
    &post.state.pool,
    id,
    &form,
    &post.user
));
form_handler!(agreement_status, saved::status_changed, i64, |post, form, id| {
    agreements::change_status(&post.state.pool, id, &form, &post.user)
});
form_handler!(commitment_new, saved::commitment_added, i64, |post, form, id| commitments::create(
    &post.state.pool,
    id,
    &form,
    &post.user
));
form_handler!(commitment_edit, saved::commitment_updated, i64, |post, form, id| {
    commitments::update(&post.state.pool, id, &form, &post.user)
});
form_handler!(route_new, saved::route_added, |post, form| route_forms::create(
    &post.state.pool,
    &form,
    &post.user
));
form_handler!(route_edit, saved::route_updated, String, |post, form, slug| route_forms::update(
    &post.state.pool,
    &slug,
    &form,
    &post.user
));
form_handler!(sharing_new, saved::sharing_added, |post, form| sharing::create(
    &post.state.pool,
    &form,
    &post.user
));
form_handler!(sharing_edit, saved::sharing_updated, i64, |post, form, id| sharing::update(
    &post.state.pool,
    id,
    &form,
    &post.user
));
form_handler!(assess assessment_new, i64, |post, form, id| assessments::record(
    &post.state.pool,
    id,
    &form,
    &post.user
));
form_handler!(assess agreement_review, i64, |post, form, id| assessments::mark_reviewed(
    &post.state.pool,
    accord::domain::assessment::ReviewSubject::Agreement(id),
    &form,
    &post.user
));
form_handler!(assess sharing_review, i64, |post, form, id| assessments::mark_reviewed(
    &post.state.pool,
    accord::domain::assessment::ReviewSubject::Sharing(id),
    &form,
    &post.user
));
