//! The review queue's exports: `/reviews.csv?…` and `/reviews.json?…`, with the queue
//! page's own query string (`ReviewQueueQuery`: partner, route, owner, department,
//! strand, kind, mine, group; the page ignored), every row of every group it shows,
//! within the reader's clearance, audited. The same rules as the list exports: CSV
//! with a BOM, the marking as the first row and cells neutralised; JSON as
//! `{marking, filter, items}` (`docs/exports.md`).
//!
//! The queue is read whole (one query per group), not streamed: it holds only records
//! still reviewed, and its marking (the first row) covers every row.

use super::file_name;
use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::export::Cell;
use accord::review_queue::{Mine, QueueGroup, QueueItem};
use accord::storage::audit::{self, Actor};
use accord::storage::review_queue::export::all_rows;
use accord::{audit::AuditAction, Classification, ReviewQueueQuery, User};
use anyhow::Context;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{Map, Value};
use sqlx::SqlitePool;
use time::Date;

/// The column names: the CSV header and the JSON field names, in order.
pub const COLUMNS: &[&str] =
    &["group", "kind", "id", "reference", "title", "partner", "owner", "next_review_on", "marking"];

/// The queue's export routes (behind the access guard: Read).
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/reviews.csv", get(|s, u, q| export(s, u, q, Kind::Csv)))
        .route("/reviews.json", get(|s, u, q| export(s, u, q, Kind::Json)))
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Csv,
    Json,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Csv => "csv",
            Kind::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Kind::Csv => "text/csv; charset=utf-8",
            Kind::Json => "application/json",
        }
    }
}

async fn export(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    RawQuery(query): RawQuery,
    kind: Kind,
) -> Response {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let query = ReviewQueueQuery::from_query(get).with_page(1);
    match answer(&state.pool, &user, &query, kind, accord::dates::today()).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "review queue export failed");
            let message = "The export could not be made. The server log says why.";
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

async fn answer(
    pool: &SqlitePool,
    user: &User,
    query: &ReviewQueueQuery,
    kind: Kind,
    today: Date,
) -> anyhow::Result<Response> {
    let me = Mine {
        user_id: user.id,
        display_name: user.display_name.clone(),
        email: user.email.clone(),
    };
    let groups = all_rows(pool, query, &me, user.clearance(), today)
        .await
        .context("reading the review queue")?;
    let marking = Classification::highest(
        groups.iter().flat_map(|(_, rows)| rows.iter().map(|r| &r.classification)),
    );
    let details = serde_json::json!({
        "list": "/reviews",
        "format": kind.extension(),
        "filter": query.to_query(),
        "marking": marking.to_string(),
    });
    let actor = Actor::user(user);
    audit::append_event(pool, &actor, AuditAction::Export, "reviews", None, Some(&details))
        .await
        .context("auditing the export")?;
    let rows = groups.iter().flat_map(|(group, rows)| rows.iter().map(|item| cells(*group, item)));
    let body = match kind {
        Kind::Csv => csv(&marking, rows)?,
        Kind::Json => json(&marking, query, rows)?,
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let name = file_name("reviews", kind.extension(), today);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .context("naming the attachment")?;
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    Ok(response)
}

/// A queue row's cells, one per column of [`COLUMNS`].
fn cells(group: QueueGroup, item: &QueueItem) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(s.to_owned());
    vec![
        text(group.code()),
        text(item.kind.code()),
        Cell::Number(item.id),
        text(&item.reference),
        text(&item.title),
        text(&item.partners),
        if item.owner.is_empty() { Cell::None } else { text(&item.owner) },
        Cell::Text(accord::dates::iso(item.next_review_on)),
        Cell::Text(item.classification.to_string()),
    ]
}

/// The UTF-8 byte-order mark, then the marking row, the header and the rows.
fn csv(marking: &Classification, rows: impl Iterator<Item = Vec<Cell>>) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(&mut out);
        writer.write_record([marking.to_string()])?;
        writer.write_record(COLUMNS)?;
        for row in rows {
            writer.write_record(row.iter().map(Cell::csv))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// `{"marking": …, "filter": {…}, "items": [{…}, …]}`.
fn json(
    marking: &Classification,
    query: &ReviewQueueQuery,
    rows: impl Iterator<Item = Vec<Cell>>,
) -> anyhow::Result<Vec<u8>> {
    let filter: Map<String, Value> = form_urlencoded::parse(query.to_query().as_bytes())
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    let items = rows
        .map(|row| {
            COLUMNS
                .iter()
                .zip(row)
                .map(|(name, cell)| Ok(((*name).to_owned(), serde_json::to_value(cell)?)))
                .collect::<Result<Map<String, Value>, serde_json::Error>>()
                .map(Value::Object)
        })
        .collect::<Result<Vec<Value>, _>>()?;
    let body =
        serde_json::json!({ "marking": marking.to_string(), "filter": filter, "items": items });
    Ok(serde_json::to_vec(&body)?)
}
