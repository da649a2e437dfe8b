//! `POST /account/digest`: the signed-in user switches their e-mail digest on or off
//! (the access layer has checked sign-in and the anti-forgery token). Audited; the
//! account page says what changed in a success banner.

use crate::auth::CurrentUser;
use crate::pages;
use crate::router::ServerState;
use accord::storage::audit::Actor;
use accord::storage::{digests, StorageError};
use accord::FormData;
use app::error::AppError;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The address the switch posts to.
pub const PATH: &str = "/account/digest";

/// Reads `digest=on|off` and saves it, then back to `/account`.
pub async fn switch(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    session: Session,
    body: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let form = match body {
        Ok(Form(pairs)) => FormData(pairs),
        Err(rejection) => return crate::hardening::form_rejection_page(rejection),
    };
    let enabled = match form.text("digest") {
        "on" => true,
        "off" => false,
        _ => {
            let message = "Choose whether to switch e-mail reminders on or off.";
            return (StatusCode::BAD_REQUEST, pages::plain(message)).into_response();
        }
    };
    let saved = async {
        let mut tx = accord::storage::begin_write(&state.pool).await?;
        digests::set_enabled(&mut tx, &Actor::user(&user), user.id, enabled).await?;
        tx.commit().await?;
        Ok::<_, StorageError>(())
    };
    match saved.await {
        Ok(()) => {
            let message = if enabled {
                "E-mail reminders switched on"
            } else {
                "E-mail reminders switched off"
            };
            crate::flash::set(&session, message).await;
            Redirect::to("/account").into_response()
        }
        Err(StorageError::NotFound) => pages::error(&state, AppError::NotFound, Some(user)).await,
        Err(error) => {
            tracing::error!(user_id = user.id, %error, "could not switch e-mail reminders");
            let message = "Sorry, your e-mail reminders could not be changed. Try again later.";
            (StatusCode::INTERNAL_SERVER_ERROR, pages::plain(message)).into_response()
        }
    }
}
