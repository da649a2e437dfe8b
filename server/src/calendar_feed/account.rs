//! The posts of `/account`'s Calendar feed section (signed in; the access layer has
//! checked the anti-forgery token): make or renew the feed's address, choose titles,
//! stop the feed. Each is audited in its own write transaction.

use crate::auth::CurrentUser;
use crate::pages;
use crate::router::ServerState;
use accord::storage::audit::Actor;
use accord::storage::calendar::feeds;
use accord::storage::{begin_write, StorageError};
use app::access::CsrfToken;
use app::error::AppError;
use app::routes::account::calendar_feed::IssuedFeed;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Router};
use tower_sessions::Session;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/account/calendar-feed", post(renew))
        .route("/account/calendar-feed/titles", post(titles))
        .route("/account/calendar-feed/stop", post(stop))
}

type Pairs = Form<Vec<(String, String)>>;

fn has(pairs: &[(String, String)], name: &str) -> bool {
    pairs.iter().any(|(k, _)| k == name)
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "calendar feed change failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::plain("Sorry, the change could not be saved. Try again later."),
    )
        .into_response()
}

/// Makes a new address (a first one, or one replacing the old, which stops working
/// now) and shows it once on the account page. The form that makes a first feed
/// carries the titles choice; renewing keeps the choice made before.
async fn renew(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    csrf: Option<Extension<CsrfToken>>,
    headers: HeaderMap,
    Form(pairs): Pairs,
) -> Response {
    let titles = has(&pairs, "titles_form").then(|| has(&pairs, "include_titles"));
    let token = crate::auth::guard::new_token();
    let result = async {
        let mut tx = begin_write(&state.pool).await?;
        feeds::renew(&mut tx, &Actor::user(&user), user.id, &token, titles).await?;
        tx.commit().await?;
        Ok::<_, StorageError>(())
    }
    .await;
    if let Err(error) = result {
        return failed(&error);
    }
    let base = super::base_url(&headers, &state.access);
    let issued = IssuedFeed { url: format!("{base}/calendar.ics?token={token}") };
    let csrf = csrf.map(|Extension(t)| t);
    pages::with_context(&state, "/account", Some(user), csrf, issued).await
}

async fn titles(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    session: Session,
    Form(pairs): Pairs,
) -> Response {
    let include = has(&pairs, "include_titles");
    let result = async {
        let mut tx = begin_write(&state.pool).await?;
        feeds::set_titles(&mut tx, &Actor::user(&user), user.id, include).await?;
        tx.commit().await?;
        Ok::<_, StorageError>(())
    }
    .await;
    match result {
        Ok(()) => {
            let saved = if include {
                "Calendar feed settings saved: titles of OFFICIAL records are included"
            } else {
                "Calendar feed settings saved: the feed shows references only"
            };
            crate::flash::set(&session, saved).await;
            Redirect::to("/account").into_response()
        }
        Err(StorageError::NotFound) => pages::error(&state, AppError::NotFound, Some(user)).await,
        Err(error) => failed(&error),
    }
}

async fn stop(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    session: Session,
) -> Response {
    let result = async {
        let mut tx = begin_write(&state.pool).await?;
        feeds::stop(&mut tx, &Actor::user(&user), user.id).await?;
        tx.commit().await?;
        Ok::<_, StorageError>(())
    }
    .await;
    match result {
        Ok(()) => {
            crate::flash::set(&session, "Calendar feed stopped: its address no longer works").await;
            Redirect::to("/account").into_response()
        }
        Err(StorageError::NotFound) => pages::error(&state, AppError::NotFound, Some(user)).await,
        Err(error) => failed(&error),
    }
}
