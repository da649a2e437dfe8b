//! CSV and JSON exports of the registry lists: `/agreements.csv?…`, `/agreements.json?…`
//! and the same for `/commitments` and `/sharing`, with the list page's query string
//! read by the very same filter (`ListFilter`), within the reader's clearance
//! (`storage::listing`), audited, and streamed from SQLite to the response so that
//! memory stays flat however many rows there are. The format: `docs/exports.md`.

mod csv;
mod json;
pub mod queue;

use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::export::ExportRow;
use accord::export::{AgreementExport, CommitmentExport};
use accord::storage::audit::{self, Actor};
use accord::storage::listing::{self, Listed, RowStream};
use accord::User;
use accord::{audit::AuditAction, Classification, SharingFilter};
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, BoxStream, StreamExt};
use sqlx::SqlitePool;
use time::Date;

/// The export routes of the three lists (behind the access guard: Read).
pub fn routes() -> Router<ServerState> {
    Router::new()
        // Agreements and commitments with every field, so a CSV imports back (docs/import.md).
        .route("/agreements.csv", get(export::<AgreementExport, csv::Csv>))
        .route("/agreements.json", get(export::<AgreementExport, json::Json>))
        .route("/commitments.csv", get(export::<CommitmentExport, csv::Csv>))
        .route("/commitments.json", get(export::<CommitmentExport, json::Json>))
        .route("/sharing.csv", get(export::<SharingFilter, csv::Csv>))
        .route("/sharing.json", get(export::<SharingFilter, json::Json>))
        .merge(queue::routes())
}

/// The chunks of an export's body: a failure ends the download mid-way (the client
/// sees an incomplete transfer, never a silently short file).
type Chunks = BoxStream<'static, Result<Bytes, std::io::Error>>;

/// Everything a format needs to write an export.
pub struct Export<R> {
    /// The filter as its query string (what JSON's `filter` shows).
    pub query: String,
    pub marking: Classification,
    pub rows: RowStream<R>,
}

/// A file format of the exports.
pub trait Format: Send + 'static {
    /// `csv`, `json`: the address's and the file's extension.
    const EXTENSION: &'static str;
    const CONTENT_TYPE: &'static str;

    /// The body: the marking first, then the rows as the stream yields them.
    fn body<R: ExportRow + Send + 'static>(export: Export<R>) -> Chunks;
}

/// Rows written per chunk of the body, at most: fewer writes than one per row, and
/// still small.
const ROWS_PER_CHUNK: usize = 256;

/// The rows as batches of at most [`ROWS_PER_CHUNK`] (what is ready, not waiting for
/// more), for a format to write a chunk each.
fn batches<T: Send + 'static>(
    rows: RowStream<T>,
) -> BoxStream<'static, Vec<Result<T, sqlx::Error>>> {
    rows.ready_chunks(ROWS_PER_CHUNK).boxed()
}

/// A row that failed to load, as the body's error.
fn row_error(error: sqlx::Error) -> std::io::Error {
    tracing::error!(%error, "an export failed while streaming its rows");
    std::io::Error::other("the export failed while reading its rows")
}

/// `GET /{list}.{format}?…`: the list's rows for the filter in the query string.
async fn export<F, X>(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    RawQuery(query): RawQuery,
) -> Response
where
    F: Listed,
    F::Row: ExportRow,
    X: Format,
{
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let filter = F::from_pairs(&pairs).with_page(1);
    let today = accord::dates::today();
    match start::<F, X>(&state.pool, &user, filter, today).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%error, list = F::PATH, "export failed");
            let message = "The export could not be made. The server log says why.";
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

/// Reads the marking, audits the export, and answers with the streamed body.
async fn start<F, X>(
    pool: &SqlitePool,
    user: &User,
    filter: F,
    today: Date,
) -> Result<Response, sqlx::Error>
where
    F: Listed,
    F::Row: ExportRow,
    X: Format,
{
    let clearance = user.clearance();
    let marking = listing::marking(pool, &filter, clearance, today).await?;
    let details = serde_json::json!({
        "list": F::PATH,
        "format": X::EXTENSION,
        "filter": filter.to_query(),
        "marking": marking.to_string(),
    });
    let actor = Actor::user(user);
    audit::append_event(pool, &actor, AuditAction::Export, F::name(), None, Some(&details)).await?;
    let query = filter.to_query();
    let rows = listing::stream(pool.clone(), filter, clearance, today);
    Ok(attachment::<X, _>(Export { query, marking, rows }, F::name(), today))
}

/// The streamed body as a download named after `list` and today.
pub fn attachment<X: Format, R: ExportRow + Send + 'static>(
    export: Export<R>,
    list: &str,
    today: Date,
) -> Response {
    let name = file_name(list, X::EXTENSION, today);
    let mut response = Body::from_stream(X::body(export)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(X::CONTENT_TYPE));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `accord-commitments-2026-12-01.csv`.
pub fn file_name(list: &str, extension: &str, today: Date) -> String {
    format!("accord-{list}-{}.{extension}", accord::dates::iso(today))
}

/// One chunk, the first of a body.
fn chunk(bytes: Vec<u8>) -> Chunks {
    stream::once(async move { Ok(Bytes::from(bytes)) }).boxed()
}
