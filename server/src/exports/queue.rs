//! The review queue's exports: `/reviews.csv?…` and `/reviews.json?…`, with the queue
//! page's own query string (`ReviewQueueQuery`: partner, route, owner, department,
//! strand, kind, mine, group; the page ignored), every row of every group it shows,
//! within the reader's clearance, audited. The same formats as the list exports
//! (`super::csv`, `super::json`: CSV with a BOM, the marking as the first row and
//! cells neutralised; JSON as `{marking, filter, items}`, `docs/exports.md`), streamed
//! the same way, one group after another, so memory stays flat however long the queue.

use super::{attachment, csv::Csv, json::Json, Export, Format};
use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::review_queue::Mine;
use accord::storage::audit::{self, Actor};
use accord::storage::review_queue::export;
use accord::{audit::AuditAction, ReviewQueueQuery, User};
use anyhow::Context;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use time::Date;

/// The queue's export routes (behind the access guard: Read).
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/reviews.csv", get(download::<Csv>))
        .route("/reviews.json", get(download::<Json>))
}

async fn download<X: Format>(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    RawQuery(query): RawQuery,
) -> Response {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let query = ReviewQueueQuery::from_query(get).with_page(1);
    match start::<X>(&state.pool, &user, query, accord::dates::today()).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "review queue export failed");
            let message = "The export could not be made. The server log says why.";
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

/// Reads the marking, audits the export, and answers with the streamed body.
async fn start<X: Format>(
    pool: &SqlitePool,
    user: &User,
    query: ReviewQueueQuery,
    today: Date,
) -> anyhow::Result<Response> {
    let me = Mine {
        user_id: user.id,
        display_name: user.display_name.clone(),
        email: user.email.clone(),
    };
    let clearance = user.clearance();
    let marking = export::marking(pool, &query, &me, clearance, today)
        .await
        .context("reading the review queue's marking")?;
    let details = serde_json::json!({
        "list": "/reviews",
        "format": X::EXTENSION,
        "filter": query.to_query(),
        "marking": marking.to_string(),
    });
    let actor = Actor::user(user);
    audit::append_event(pool, &actor, AuditAction::Export, "reviews", None, Some(&details))
        .await
        .context("auditing the export")?;
    let filter = query.to_query();
    let rows = export::stream(pool.clone(), query, me, clearance, today);
    Ok(attachment::<X, _>(Export { query: filter, marking, rows }, "reviews", today))
}
