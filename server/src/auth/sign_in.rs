//! `POST /sign-in` and `POST /sign-out`. An unknown email and a wrong password get
//! the same answer after the same work (a dummy hash is checked); repeated failures
//! lock the account for a while and throttle the client address.

use super::guard::{new_token, CSRF_KEY, SIGNED_IN_AT_KEY};
use super::throttle::minutes;
use super::{AuthSession, SessionUser};
use crate::pages;
use crate::router::ServerState;
use accord::domain::audit::AuditAction;
use accord::storage::audit::{self, Actor};
use accord::storage::users;
use accord::{FieldErrors, FormData};
use app::forms::Submission;
use axum::extract::{ConnectInfo, Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::net::{IpAddr, SocketAddr};
use time::OffsetDateTime;

/// Failures in a row that lock an account, and for how long.
const LOCK_AFTER: i64 = 5;
const LOCK_FOR: time::Duration = time::Duration::minutes(15);

const WRONG: &str = "Enter a correct email address and password";

pub async fn sign_in(
    State(state): State<ServerState>,
    mut auth: AuthSession,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let addr: Option<IpAddr> = connect.map(|Extension(ConnectInfo(a))| a.ip());
    let form = FormData(pairs.into_iter().filter(|(k, _)| k != app::access::CSRF_FIELD).collect());
    let email = form.text("email").trim().to_owned();
    let password = form.text("password").to_owned();
    let next = safe_next(form.text("next"));
    let csrf =
        auth.session.get::<String>(CSRF_KEY).await.ok().flatten().map(app::access::CsrfToken);
    let refuse = |field: &str, message: String, status: StatusCode| {
        let mut values = form.clone();
        values.0.retain(|(k, _)| k != "password");
        let submission = Submission {
            path: "/sign-in".to_owned(),
            values,
            errors: FieldErrors::single(field, message),
            conflict: false,
        };
        let (state, csrf) = (state.clone(), csrf.clone());
        async move { pages::refused_form(&state, "/sign-in", None, csrf, submission, status).await }
    };
    if let Some(wait) = state.throttle.wait(addr) {
        let message =
            format!("Too many failed sign-ins from your network. Try again in {}.", minutes(wait));
        return refuse("email", message, StatusCode::TOO_MANY_REQUESTS).await;
    }
    if email.is_empty() || password.is_empty() {
        let field = if email.is_empty() { "email" } else { "password" };
        let message =
            if email.is_empty() { "Enter your email address" } else { "Enter your password" };
        return refuse(field, message.to_owned(), StatusCode::UNPROCESSABLE_ENTITY).await;
    }

    let account = match users::for_sign_in(&state.pool, &email).await {
        Ok(account) => account,
        Err(error) => return failed(&error),
    };
    let hash =
        account.as_ref().map_or_else(|| users::DUMMY_HASH.clone(), |a| a.password_hash.clone());
    let matches = users::verify_password(password, hash).await;
    let now = OffsetDateTime::now_utc();
    let locked = account.as_ref().and_then(|a| a.locked_until).filter(|until| *until > now);

    match account {
        Some(account) if account.active && matches && locked.is_none() => {
            state.throttle.succeed(addr);
            match complete(&state, &mut auth, account).await {
                Ok(()) => Redirect::to(&next).into_response(),
                Err(response) => response,
            }
        }
        account => {
            state.throttle.fail(addr);
            note_failure(&state, account.as_ref(), &email, matches).await;
            if let Some(until) = locked {
                let wait = std::time::Duration::try_from(until - now).unwrap_or_default();
                let message = format!(
                    "This account is locked after repeated failed sign-ins. Try again in {}.",
                    minutes(wait)
                );
                return refuse("email", message, StatusCode::TOO_MANY_REQUESTS).await;
            }
            refuse("email", WRONG.to_owned(), StatusCode::UNAUTHORIZED).await
        }
    }
}

/// Signs the account in: a new session id, a new anti-forgery token, the time.
async fn complete(
    state: &ServerState,
    auth: &mut AuthSession,
    account: users::Account,
) -> Result<(), Response> {
    let user = account.user.clone();
    auth.login(&SessionUser::new(account)).await.map_err(|error| {
        tracing::error!(%error, "could not sign in");
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            pages::plain("Sorry, you could not be signed in. Try again later."),
        )
            .into_response()
    })?;
    let stamp = OffsetDateTime::now_utc().unix_timestamp();
    let session_ok = auth.session.insert(SIGNED_IN_AT_KEY, stamp).await.is_ok()
        && auth.session.insert(CSRF_KEY, new_token()).await.is_ok();
    if !session_ok {
        return Err(failed(&"session store"));
    }
    let result = async {
        users::record_success(&state.pool, user.id).await?;
        let id = user.id.to_string();
        let actor = Actor::user(&user);
        audit::append_event(&state.pool, &actor, AuditAction::SignIn, "user", Some(&id), None)
            .await?;
        Ok::<_, accord::storage::StorageError>(())
    }
    .await;
    result.map_err(|e| failed(&e))
}

/// Counts a failed attempt against the account (when there is one) and audits it.
async fn note_failure(
    state: &ServerState,
    account: Option<&users::Account>,
    email: &str,
    matches: bool,
) {
    let result = async {
        if let Some(account) = account.filter(|a| a.active && !matches) {
            let until = OffsetDateTime::now_utc() + LOCK_FOR;
            users::record_failure(&state.pool, account.user.id, LOCK_AFTER, until).await?;
        }
        let details = serde_json::json!({ "email": email });
        let id = account.map(|a| a.user.id.to_string());
        let actor = Actor::system("sign-in");
        let action = AuditAction::SignInFailed;
        audit::append_event(&state.pool, &actor, action, "user", id.as_deref(), Some(&details))
            .await?;
        Ok::<_, accord::storage::StorageError>(())
    }
    .await;
    if let Err(error) = result {
        tracing::error!(%error, "could not record a failed sign-in");
    }
}

pub async fn sign_out(State(state): State<ServerState>, mut auth: AuthSession) -> Response {
    if let Some(session_user) = auth.user.clone() {
        let user = session_user.user;
        let (id, actor) = (user.id.to_string(), Actor::user(&user));
        let result =
            audit::append_event(&state.pool, &actor, AuditAction::SignOut, "user", Some(&id), None)
                .await;
        if let Err(error) = result {
            tracing::error!(%error, "could not audit a sign-out");
        }
    }
    // Deletes the session row: its cookie, replayed, finds nothing.
    if let Err(error) = auth.logout().await {
        return failed(&error);
    }
    Redirect::to("/sign-in").into_response()
}

/// Where to go after signing in: a path on this site only (never `//elsewhere`).
fn safe_next(next: &str) -> String {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local && !next.starts_with("/sign-in") {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "sign-in failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::plain("Sorry, there is a problem with the service. Try again later."),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/agreements?status=in_force"), "/agreements?status=in_force");
        assert_eq!(safe_next("//evil.example/"), "/");
        assert_eq!(safe_next("https://evil.example/"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
        assert_eq!(safe_next("/sign-in"), "/");
    }
}
