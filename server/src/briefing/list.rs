//! A filtered list's briefing pack: `/agreements/briefing.docx?…`,
//! `/agreements/briefing.pdf?…` and the same under `/commitments`, with the list page's
//! query string read by the list's own filter (`ListFilter`), so the pack holds
//! exactly what the list selects within the reader's clearance (every page of it).
//! The print view, `/agreements/briefing?…`, is a Leptos page in `app`.

use super::{download, Format, Subject};
use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::{AgreementFilter, CommitmentFilter, ListFilter};
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

/// The list packs' download routes (behind the access guard: Read).
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/agreements/briefing.docx", get(agreements::<Docx>))
        .route("/agreements/briefing.pdf", get(agreements::<Pdf>))
        .route("/commitments/briefing.docx", get(commitments::<Docx>))
        .route("/commitments/briefing.pdf", get(commitments::<Pdf>))
}

/// A format as a type, so that one handler serves both.
trait Is: Send + Sync + 'static {
    const FORMAT: Format;
}

struct Docx;
struct Pdf;

impl Is for Docx {
    const FORMAT: Format = Format::Docx;
}

impl Is for Pdf {
    const FORMAT: Format = Format::Pdf;
}

/// The filter in the query string, read as the list page reads it, from its first page.
pub fn filter_from<F: ListFilter>(query: Option<String>) -> F {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    F::from_pairs(&pairs).with_page(1)
}

async fn agreements<X: Is>(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    RawQuery(query): RawQuery,
) -> Response {
    let subject = Subject::Agreements(filter_from::<AgreementFilter>(query));
    download(&state.pool, &user, subject, X::FORMAT).await
}

async fn commitments<X: Is>(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    RawQuery(query): RawQuery,
) -> Response {
    let subject = Subject::Commitments(filter_from::<CommitmentFilter>(query));
    download(&state.pool, &user, subject, X::FORMAT).await
}
