//! The access layer: every request but the public ones passes here before any page,
//! form or server function runs. It sends the signed-out to `/sign-in`, ends sessions
//! past their absolute lifetime, holds a one-time password's holder at the password
//! page, refuses cross-site and token-less posts (CSRF) and asks the permission table.

use super::{permissions, AccessConfig, AuthSession};
use crate::pages;
use crate::router::ServerState;
use accord::domain::audit::AuditAction;
use accord::storage::audit::{self, Actor};
use app::access::{CsrfToken, CSRF_FIELD};
use app::error::AppError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use subtle::ConstantTimeEq;

/// Session keys of our own (beside axum-login's).
pub const CSRF_KEY: &str = "accord.csrf";
pub const SIGNED_IN_AT_KEY: &str = "accord.signed_in_at";
pub const SEEN_AT_KEY: &str = "accord.seen_at";

/// The largest form body read to check its token (the hardening layer caps bodies too).
const FORM_LIMIT: usize = 1024 * 1024;

pub async fn guard(
    State(state): State<ServerState>,
    mut auth: AuthSession,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    if permissions::is_public(&path) && path != "/sign-in" {
        return next.run(request).await;
    }
    // The signed-out go to sign in before anything else, so they never make a session
    // (a stored row) except on the sign-in page itself.
    if auth.user.is_none() && path != "/sign-in" {
        return to_sign_in(&method, request.uri());
    }
    let token = match csrf_token(&auth).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let writes = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let mut request = request;
    if writes {
        request = match check_forgery(request, &token).await {
            Ok(request) => request,
            Err(response) => return response,
        };
    }
    request.extensions_mut().insert(CsrfToken(token));
    if path == "/sign-in" {
        return next.run(request).await;
    }

    let Some(session_user) = auth.user.clone() else {
        return to_sign_in(&method, request.uri());
    };
    if expired(&auth, &state.access).await {
        if let Err(error) = auth.logout().await {
            tracing::error!(%error, "could not end an expired session");
        }
        return to_sign_in(&method, request.uri());
    }
    keep_alive(&auth, &state.access).await;
    let user = session_user.user;
    if user.must_change_password && !matches!(path.as_str(), "/account/password" | "/sign-out") {
        return Redirect::to("/account/password").into_response();
    }
    let action = permissions::required(&method, &path);
    if !user.may(action) {
        refuse(&state, &user, &method, &path, action).await;
        return pages::error(&state, AppError::Forbidden, Some(user)).await;
    }
    request.extensions_mut().insert(user);
    next.run(request).await
}

/// The session's anti-forgery token, made on first use.
async fn csrf_token(auth: &AuthSession) -> Result<String, Response> {
    let fail = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "session store failed");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    };
    if let Some(token) = auth.session.get::<String>(CSRF_KEY).await.map_err(fail)? {
        return Ok(token);
    }
    let token = new_token();
    auth.session.insert(CSRF_KEY, &token).await.map_err(fail)?;
    Ok(token)
}

/// 32 random bytes, URL-safe base64.
pub fn new_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Refuses a state-changing request from another site (by `Sec-Fetch-Site`, or
/// `Origin` against `Host` when the browser sends no fetch metadata), and a form post
/// without this session's token. Returns the request with its body restored.
async fn check_forgery(request: Request, token: &str) -> Result<Request, Response> {
    let refuse = |why: &str| {
        tracing::warn!(why, path = %request.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            pages::plain("This request came from outside Accord and was refused."),
        )
            .into_response()
    };
    let headers = request.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    match site {
        Some("same-origin") | Some("none") => {}
        Some(_) => return Err(refuse("sec-fetch-site")),
        None => {
            if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
                let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
                let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
                if origin == "null" || origin_host != host {
                    return Err(refuse("origin"));
                }
            }
        }
    }
    // The import form posts a file (multipart): its token is read from that body.
    if crate::import::upload::is_upload(request.method(), request.uri().path()) {
        let (valid, request) = crate::import::upload::check_token(request, token).await;
        if valid {
            return Ok(request);
        }
        tracing::warn!("import upload without a valid anti-forgery token");
        return Err((
            StatusCode::FORBIDDEN,
            pages::plain("This form has expired or did not come from Accord. Go back, reload the page and try again."),
        )
            .into_response());
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if request.uri().path().starts_with("/api/") && !is_form {
        // Server functions (JSON or similar) read only; the fetch-metadata check suffices.
        return Ok(request);
    }
    let (parts, body) = request.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return Err((
                StatusCode::PAYLOAD_TOO_LARGE,
                pages::plain("The form was too large to send."),
            )
                .into_response())
        }
    };
    let sent =
        form_urlencoded::parse(&bytes).find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.into_owned());
    let valid = sent.is_some_and(|sent| bool::from(sent.as_bytes().ct_eq(token.as_bytes())));
    if !valid {
        tracing::warn!(path = %parts.uri.path(), "form post without a valid anti-forgery token");
        return Err((
            StatusCode::FORBIDDEN,
            pages::plain("This form has expired or did not come from Accord. Go back, reload the page and try again."),
        )
            .into_response());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Slides the idle timeout: a session is saved (and so its expiry moved on) only when
/// it changes, so note the time now and then. At most once per a quarter of the idle
/// timeout (a minute at most), not on every request: each save is a database write.
async fn keep_alive(auth: &AuthSession, config: &AccessConfig) {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let every = (config.idle_timeout.as_secs() / 4).clamp(1, 60) as i64;
    let seen = auth.session.get::<i64>(SEEN_AT_KEY).await.ok().flatten();
    if seen.is_none_or(|at| now - at >= every) {
        if let Err(error) = auth.session.insert(SEEN_AT_KEY, now).await {
            tracing::warn!(%error, "could not note session activity");
        }
    }
}

/// True when the session was signed in longer ago than the absolute lifetime allows.
async fn expired(auth: &AuthSession, config: &AccessConfig) -> bool {
    let signed_in_at = auth.session.get::<i64>(SIGNED_IN_AT_KEY).await.ok().flatten();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    match signed_in_at {
        Some(at) => now.saturating_sub(at) > config.absolute_lifetime.as_secs() as i64,
        // Signed in without the stamp: not through our sign-in, so not trusted.
        None => true,
    }
}

fn to_sign_in(method: &Method, uri: &axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return (StatusCode::UNAUTHORIZED, pages::plain("Sign in to use Accord.")).into_response();
    }
    if *method == Method::GET || *method == Method::HEAD {
        let asked = uri.path_and_query().map_or("/", |p| p.as_str());
        if asked != "/" {
            let next: String = form_urlencoded::byte_serialize(asked.as_bytes()).collect();
            return Redirect::to(&format!("/sign-in?next={next}")).into_response();
        }
    }
    Redirect::to("/sign-in").into_response()
}

/// Audits a refused request: who, what they asked, which duty they lacked.
async fn refuse(
    state: &ServerState,
    user: &accord::User,
    method: &Method,
    path: &str,
    action: accord::Action,
) {
    tracing::warn!(user = user.id, %method, path, action = action.code(), "permission refused");
    let details =
        serde_json::json!({ "method": method.as_str(), "path": path, "needs": action.code() });
    let actor = Actor::user(user);
    let result = audit::append_event(
        &state.pool,
        &actor,
        AuditAction::Refused,
        "request",
        None,
        Some(&details),
    )
    .await;
    if let Err(error) = result {
        tracing::error!(%error, "could not audit a refused request");
    }
}
