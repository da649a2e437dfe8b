//! Rendering Leptos pages from plain handlers: a refused form shown again with its
//! errors, and an error page (403, 404 …) with the right status.

use crate::router::ServerState;
use app::error::AppError;
use app::forms::Submission;
use app::shell;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::provide_context;

/// Renders the app's page at `path` (a GET) with extra context, as the user `user`.
async fn render(
    state: &ServerState,
    path: &str,
    user: Option<accord::User>,
    csrf: Option<app::access::CsrfToken>,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let app_state = state.app.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            app_state.provide();
            context();
        },
        move || shell(options.clone()),
    );
    let mut request = match Request::builder().method(Method::GET).uri(path).body(Body::empty()) {
        Ok(request) => request,
        Err(error) => {
            tracing::error!(%error, path, "could not build the request to render a page");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                plain("Sorry, there is a problem with the service."),
            )
                .into_response();
        }
    };
    // What the access layer would have put in a real request to this page.
    if let Some(user) = user {
        request.extensions_mut().insert(user);
    }
    if let Some(csrf) = csrf {
        request.extensions_mut().insert(csrf);
    }
    handler(request).await.into_response()
}

/// The page at `path` (200) with `value` in its context: e.g. a one-time password
/// shown once in answer to the post that made it.
pub async fn with_context<T: Clone + Send + Sync + 'static>(
    state: &ServerState,
    path: &str,
    user: Option<accord::User>,
    csrf: Option<app::access::CsrfToken>,
    value: T,
) -> Response {
    render(state, path, user, csrf, move || provide_context(value.clone())).await
}

/// The page at `path` again, showing the refused `submission`, with `status`.
pub async fn refused_form(
    state: &ServerState,
    path: &str,
    user: Option<accord::User>,
    csrf: Option<app::access::CsrfToken>,
    submission: Submission,
    status: StatusCode,
) -> Response {
    let mut response =
        render(state, path, user, csrf, move || provide_context(submission.clone())).await;
    // The page may answer for itself: a record that does not exist (or is above the
    // reader's clearance) is a 404 page, whatever was wrong with the form.
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// A whole page saying what went wrong, with the error's status.
pub async fn error(state: &ServerState, error: AppError, user: Option<accord::User>) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response =
        render(state, "/_/error", user, None, move || provide_context(error.clone())).await;
    *response.status_mut() = status;
    response
}

/// A minimal page for answers given before (or without) the app: a sentence, no
/// detail of the cause.
pub fn plain(message: &str) -> Html<String> {
    let message = html_escape(message);
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Accord</title>\
         <link rel=\"stylesheet\" href=\"/govuk/govuk-frontend.min.css\"></head>\
         <body class=\"govuk-template__body\"><main class=\"govuk-width-container govuk-main-wrapper\">\
         <p class=\"govuk-body\" data-test=\"message\">{message}</p>\
         <p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to Accord</a></p></main></body></html>"
    ))
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
