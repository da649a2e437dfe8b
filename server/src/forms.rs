//! Form posts: run the action, then redirect (303) or render the page again with the
//! user's values and errors, so forms work without JavaScript.

use crate::router::ServerState;
use app::forms::submit::{submit, Outcome};
use app::shell;
use axum::body::Body;
use axum::extract::{Form, State};
use axum::http::{Method, Request, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

pub async fn post_form(
    State(state): State<ServerState>,
    uri: Uri,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    // TEMPORARY until the sign-in extractor lands (this session): a placeholder user.
    let user = accord::User {
        id: 0,
        email: "web@localhost".into(),
        display_name: "web user".into(),
        role: accord::Role::Admin,
        clearance: accord::Level::TopSecret,
        must_change_password: false,
    };
    match submit(&state.pool, uri.path(), accord::FormData(pairs), &user).await {
        Outcome::Redirect(to) => Redirect::to(&to).into_response(),
        Outcome::Refused(submission, status) => {
            let app_state = state.app.clone();
            let options = state.leptos_options.clone();
            let handler = leptos_axum::render_app_async_with_context(
                move || {
                    app_state.provide();
                    provide_context(submission.clone());
                },
                move || shell(options.clone()),
            );
            let request = match Request::builder().method(Method::GET).uri(uri).body(Body::empty())
            {
                Ok(request) => request,
                Err(error) => {
                    tracing::error!(%error, "could not rebuild the request to re-render a form");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            };
            let mut response = handler(request).await.into_response();
            *response.status_mut() =
                StatusCode::from_u16(status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            response
        }
    }
}
