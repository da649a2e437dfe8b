//! Briefing pack downloads: `/partners/{alpha2}/briefing.docx` and
//! `/routes/{slug}/briefing.docx`, and the same as `.pdf`. The pack is assembled in
//! storage within the reader's clearance (`accord::storage::briefing_pack`), each download is audited (action
//! "export": who, which pack, which format, which marking), and a partner or route the
//! reader may not see answers 404 like one that does not exist.
//!
//! The print view (`/partners/{alpha2}/briefing`, `/routes/{slug}/briefing`) is a
//! Leptos page in `app`. A filtered list's pack is in `list`.

pub mod docx;
mod list;

use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::briefing_pack::BriefingPack;
use accord::storage::briefing_pack;
use accord::User;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use time::Date;

/// The download routes (behind the access guard: Read).
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/partners/{alpha2}/briefing.docx", get(partner_docx))
        .route("/routes/{slug}/briefing.docx", get(route_docx))
        .route("/partners/{alpha2}/briefing.pdf", get(partner_pdf))
        .route("/routes/{slug}/briefing.pdf", get(route_pdf))
        .merge(list::routes())
}

/// A download format of the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    /// Typeset by `accord_pdf` (typst, in-process).
    Pdf,
}

impl Format {
    /// The file extension, also what the audit entry names.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Docx => docx::CONTENT_TYPE,
            Format::Pdf => "application/pdf",
        }
    }

    /// The pack as this format's bytes, and what the renderer leaves behind (typst's
    /// memoised layout for a PDF), released when dropped: send the file first.
    pub fn render_then_clean_up(
        self,
        pack: &BriefingPack,
    ) -> (anyhow::Result<Vec<u8>>, Option<accord_pdf::Cleanup>) {
        match self {
            Format::Docx => (docx::render(pack), None),
            Format::Pdf => {
                let (bytes, cleanup) = accord_pdf::render_then_clean_up(pack);
                (bytes.map_err(anyhow::Error::from), Some(cleanup))
            }
        }
    }
}

async fn partner_docx(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    Path(alpha2): Path<String>,
) -> Response {
    download(&state.pool, &user, Subject::Partner(alpha2), Format::Docx).await
}

async fn route_docx(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
) -> Response {
    download(&state.pool, &user, Subject::Route(slug), Format::Docx).await
}

async fn partner_pdf(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    Path(alpha2): Path<String>,
) -> Response {
    download(&state.pool, &user, Subject::Partner(alpha2), Format::Pdf).await
}

async fn route_pdf(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
) -> Response {
    download(&state.pool, &user, Subject::Route(slug), Format::Pdf).await
}

/// Which pack a request asks for, as written in its address.
#[derive(Debug, Clone)]
pub enum Subject {
    Partner(String),
    Route(String),
    /// A filtered list's pack (`/agreements/briefing.docx?…`), its page ignored.
    Agreements(accord::AgreementFilter),
    Commitments(accord::CommitmentFilter),
}

/// The pack on `subject` for `user` as of today, or `None` when the reader may not see
/// it (or it does not exist). A route's pack carries the route page's diagram.
pub async fn load(
    pool: &SqlitePool,
    user: &User,
    subject: &Subject,
    today: Date,
) -> Result<Option<BriefingPack>, accord::storage::StorageError> {
    match subject {
        Subject::Partner(alpha2) => briefing_pack::for_partner(pool, alpha2, user, today).await,
        Subject::Route(slug) => {
            let Some(route) = briefing_pack::for_route(pool, slug, user, today).await? else {
                return Ok(None);
            };
            let mut pack = route.pack;
            pack.route_diagram_svg = Some(app::routes::briefing_pack::diagram_svg(&route.coverage));
            Ok(Some(pack))
        }
        Subject::Agreements(filter) => {
            briefing_pack::for_agreements(pool, filter, user, today).await.map(Some)
        }
        Subject::Commitments(filter) => {
            briefing_pack::for_commitments(pool, filter, user, today).await.map(Some)
        }
    }
}

/// Loads, renders, audits and answers with the file as an attachment.
pub(crate) async fn download(
    pool: &SqlitePool,
    user: &User,
    subject: Subject,
    format: Format,
) -> Response {
    match answer(pool, user, &subject, format, accord::dates::today()).await {
        Ok(Some(response)) => response,
        Ok(None) => (StatusCode::NOT_FOUND, "Page not found").into_response(),
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), ?subject, "briefing pack download failed");
            let message = "The briefing pack could not be made. The server log says why.";
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

async fn answer(
    pool: &SqlitePool,
    user: &User,
    subject: &Subject,
    format: Format,
    today: Date,
) -> anyhow::Result<Option<Response>> {
    use anyhow::Context;
    let started = std::time::Instant::now();
    let Some(pack) = load(pool, user, subject, today).await.context("assembling the pack")? else {
        return Ok(None);
    };
    // Rendering is CPU work of tens to hundreds of milliseconds: off the async threads.
    // The file goes back first; the renderer's leftovers are dropped and the freed pages
    // handed back to the system after, while the response is on its way.
    let (sent, rendered) = tokio::sync::oneshot::channel();
    tokio::task::spawn_blocking(move || {
        let (bytes, cleanup) = format.render_then_clean_up(&pack);
        // A closed channel is a client gone away: nothing to answer, still clean up.
        let _ = sent.send((pack, bytes));
        drop(cleanup);
        crate::memory::release_freed();
    });
    let assembled = started.elapsed();
    let (pack, bytes) = rendered.await.context("the render task failed")?;
    tracing::debug!(
        format = format.extension(),
        assembled_ms = assembled.as_millis() as u64,
        rendered_ms = (started.elapsed() - assembled).as_millis() as u64,
        "briefing pack rendered"
    );
    let bytes = bytes.with_context(|| format!("rendering the pack as {}", format.extension()))?;
    briefing_pack::audit_export(pool, user, &pack, format.extension())
        .await
        .context("auditing the download")?;
    let name = format!("{}.{}", pack.file_stem(), format.extension());
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .context("naming the attachment")?;
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    Ok(Some(response))
}
