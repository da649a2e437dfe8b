//! `POST /account/password`: the signed-in user changes their own password (and so
//! ends their other sessions: the session checks the password hash it was made with).

use super::guard::CSRF_KEY;
use super::{AuthSession, CurrentUser, SessionUser};
use crate::pages;
use crate::router::ServerState;
use accord::domain::password;
use accord::storage::audit::Actor;
use accord::storage::users::{self, Change};
use accord::{FieldErrors, FormData};
use app::forms::Submission;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

const PATH: &str = "/account/password";

pub async fn change(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    mut auth: AuthSession,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = FormData(pairs);
    let (current, new, confirm) =
        (form.text("current_password"), form.text("new_password"), form.text("confirm_password"));
    let mut errors = FieldErrors::default();
    let account = match users::account(&state.pool, user.id).await {
        Ok(Some(account)) => account,
        Ok(None) => return pages::error(&state, app::error::AppError::NotFound, Some(user)).await,
        Err(error) => return failed(&error),
    };
    if current.is_empty() {
        errors.add("current_password", "Enter your current password");
    } else if !users::verify_password(current.to_owned(), account.password_hash.clone()).await {
        errors.add("current_password", "Your current password is not correct");
    }
    if new.is_empty() {
        errors.add("new_password", "Enter a new password");
    } else if let Err(problem) = password::check(new) {
        errors.add("new_password", problem.to_string());
    } else if new == current {
        errors
            .add("new_password", "Your new password must be different from your current password");
    }
    if errors.get("new_password").is_none() && confirm != new {
        errors.add("confirm_password", "The passwords do not match: enter your new password twice");
    }
    if !errors.is_empty() {
        let csrf =
            auth.session.get::<String>(CSRF_KEY).await.ok().flatten().map(app::access::CsrfToken);
        let submission = Submission {
            path: PATH.to_owned(),
            values: FormData::default(),
            errors,
            conflict: false,
        };
        return pages::refused_form(
            &state,
            PATH,
            Some(user),
            csrf,
            submission,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }

    let hash = match users::hash_password(new.to_owned()).await {
        Ok(hash) => hash,
        Err(error) => return failed(&error),
    };
    let result = async {
        let mut tx = accord::storage::begin_write(&state.pool).await?;
        users::change(&mut tx, &Actor::user(&user), user.id, &Change::Password(hash, false))
            .await?;
        tx.commit().await?;
        users::account(&state.pool, user.id).await
    }
    .await;
    let account = match result {
        Ok(Some(account)) => account,
        Ok(None) => return pages::error(&state, app::error::AppError::NotFound, Some(user)).await,
        Err(error) => return failed(&error),
    };
    // Signed in again with the new hash: this session stays, every other one ends.
    if let Err(error) = auth.login(&SessionUser::new(account)).await {
        return failed(&error);
    }
    crate::flash::set(&auth.session, "Your password has been changed").await;
    Redirect::to("/account").into_response()
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "password change failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::plain("Sorry, your password could not be changed. Try again later."),
    )
        .into_response()
}
