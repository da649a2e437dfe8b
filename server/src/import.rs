//! `/import` (the page is the app's `routes::import`): the upload's post and the
//! templates. The post is `multipart/form-data` (the kind, the file, the anti-forgery
//! token); the access guard checks its token with [`upload::check_token`] and lets its
//! body be larger than other posts' ([`upload::BODY_LIMIT`]). A good file is written in
//! one transaction and the user sent to the list with "Imported 120 commitments"; a
//! refused one shows the page again (422) with every bad row.

pub mod upload;

use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::domain::import::{self as rules, ImportRefusal};
use accord::storage::audit::Actor;
use accord::storage::import::{import, ImportError, Importer};
use accord::{FieldErrors, FormData, ImportKind, User};
use app::access::CsrfToken;
use app::forms::Submission;
use app::routes::import::{report_values, PATH, REPORT_FIELD};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use tower_sessions::Session;

/// The import routes (behind the access guard: Edit).
pub fn routes() -> Router<ServerState> {
    Router::new().route(PATH, post(upload_file)).route("/import/template/{file}", get(template))
}

/// `GET /import/template/agreements.csv`: BOM, the marking row, the header row.
async fn template(Path(file): Path<String>) -> Response {
    let kind = file.strip_suffix(".csv").and_then(|k| k.parse::<ImportKind>().ok());
    let Some(kind) = kind else { return StatusCode::NOT_FOUND.into_response() };
    let body = format!("\u{feff}OFFICIAL\r\n{}\r\n", kind.columns().join(","));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"accord-{}-template.csv\"",
        kind.code()
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `POST /import`: reads the upload, imports it, and answers.
async fn upload_file(
    State(state): State<ServerState>,
    CurrentUser(user): CurrentUser,
    csrf: Option<Extension<CsrfToken>>,
    session: Session,
    request: Request,
) -> Response {
    let csrf = csrf.map(|Extension(t)| t);
    let form = match upload::read(request).await {
        Ok(form) => form,
        Err(message) => {
            return refused(&state, user, csrf, None, ImportRefusal::File(message)).await
        }
    };
    let kind = form.kind.as_deref().and_then(|k| k.parse::<ImportKind>().ok());
    let Some(kind) = kind else {
        let errors =
            FieldErrors::single("kind", "Select what the file holds: agreements or commitments");
        return answer(&state, user, csrf, None, errors, &[]).await;
    };
    let Some(bytes) = form.file.filter(|b| !b.is_empty()) else {
        return refused(
            &state,
            user,
            csrf,
            Some(kind),
            ImportRefusal::File("Select a CSV file".into()),
        )
        .await;
    };
    let sheet = match rules::read(kind, &bytes) {
        Ok(sheet) => sheet,
        Err(message) => {
            return refused(&state, user, csrf, Some(kind), ImportRefusal::File(message)).await
        }
    };
    let actor = Actor::user(&user);
    let importer =
        Importer { actor: &actor, clearance: user.clearance(), today: accord::dates::today() };
    match import(&state.pool, &sheet, &importer, &mut |_| {}).await {
        Ok(written) => {
            crate::flash::set(&session, format!("Imported {}", kind.count(written))).await;
            Redirect::to(kind.list_path()).into_response()
        }
        Err(ImportError::Refused(refusal)) => {
            refused(&state, user, csrf, Some(kind), refusal).await
        }
        Err(ImportError::Storage(error)) => {
            tracing::error!(%error, "import failed");
            let errors = FieldErrors::single(
                "file",
                "Sorry, the file could not be imported. Try again later.",
            );
            let mut response = answer(&state, user, csrf, Some(kind), errors, &[]).await;
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

/// The page again with the refusal: the file's problem, or one summary line per row.
async fn refused(
    state: &ServerState,
    user: User,
    csrf: Option<CsrfToken>,
    kind: Option<ImportKind>,
    refusal: ImportRefusal,
) -> Response {
    match refusal {
        ImportRefusal::File(message) => {
            answer(state, user, csrf, kind, FieldErrors::single("file", message), &[]).await
        }
        ImportRefusal::Rows(rows) => {
            let mut errors = FieldErrors::default();
            for problem in &rows {
                let first = problem.errors.first().map_or("", |(_, m)| m.as_str());
                let more = match problem.errors.len() {
                    0 | 1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                errors.add(
                    &format!("row-{}", problem.row),
                    format!("Row {}: {first}{more}", problem.row),
                );
            }
            answer(state, user, csrf, kind, errors, &rows).await
        }
    }
}

async fn answer(
    state: &ServerState,
    user: User,
    csrf: Option<CsrfToken>,
    kind: Option<ImportKind>,
    errors: FieldErrors,
    rows: &[rules::RowProblem],
) -> Response {
    let mut values = FormData::default();
    values.push("kind", kind.map(|k| k.code()).unwrap_or_default());
    for problem in report_values(rows) {
        values.push(REPORT_FIELD, problem);
    }
    let submission = Submission { path: PATH.to_owned(), values, errors, conflict: false };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    crate::pages::refused_form(state, PATH, Some(user), csrf, submission, status).await
}
