//! An administrator downloads a backup: taken and checked as `accord backup` takes
//! one, recorded in the audit log as theirs, and streamed as an attachment.

use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::storage::audit::{self, Actor};
use accord::storage::backup;
use accord::{audit::AuditAction, Action, User};
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use sqlx::SqlitePool;
use tower_http::services::ServeFile;

/// The route's handler: a backup for the signed-in user, if they may take one.
pub async fn download(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
) -> Response {
    download_for(&state, &user).await
}

/// Takes a backup into a temporary folder and answers with it, as
/// `accord-backup-<UTC time>.db`; 403 (audited, nothing else written) unless `user`
/// may take backups. The access layer refuses others first; this holds wherever the
/// handler is mounted.
pub async fn download_for(state: &ServerState, user: &User) -> Response {
    backup_response(&state.pool, user).await
}

/// [`download_for`] on the database behind `pool` (what tests call directly).
pub async fn backup_response(pool: &SqlitePool, user: &User) -> Response {
    if !user.may(Action::Backup) {
        let details = serde_json::json!({ "action": Action::Backup.code() });
        let actor = Actor::user(user);
        let refused = audit::append_event(
            pool,
            &actor,
            AuditAction::Refused,
            "database",
            None,
            Some(&details),
        );
        if let Err(error) = refused.await {
            tracing::error!(%error, "could not record a refused backup");
        }
        return (StatusCode::FORBIDDEN, "Only administrators may take backups.").into_response();
    }
    match take_and_open(pool, user).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "backup download failed");
            let message = "The backup could not be taken. The server log says why.";
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

async fn take_and_open(pool: &SqlitePool, user: &User) -> anyhow::Result<Response> {
    use anyhow::Context;
    let name = format!("accord-backup-{}.db", backup::stamp());
    // The backup's folder goes when this returns: the response streams from a file
    // handle already open, which on Unix outlives the file's name.
    let dir = tempfile::Builder::new()
        .prefix("accord-backup-")
        .tempdir()
        .context("creating a temporary folder for the backup")?;
    let path = dir.path().join(&name);
    backup::backup(pool, &path, &Actor::user(user)).await?;
    let request = Request::new(());
    let response = ServeFile::new(&path)
        .try_call(request)
        .await
        .with_context(|| format!("opening the backup {}", path.display()))?;
    let (mut parts, body) = response.into_parts();
    if parts.status != StatusCode::OK {
        anyhow::bail!("reading the backup {} answered {}", path.display(), parts.status);
    }
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .context("naming the attachment")?;
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/vnd.sqlite3"));
    parts.headers.insert(header::CONTENT_DISPOSITION, disposition);
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The file stays readable through the open handle in `body`.
    drop(dir);
    Ok(Response::from_parts(parts, axum::body::Body::new(body)))
}
