//! Request hardening: a cap on request bodies, a time limit per request, and a plain
//! page in place of any bare error answer (a panic, a refused body, a timeout, an
//! extractor's rejection text), so nobody is shown a panic message, a file path, SQL
//! or a stack trace. The causes go to the log.

use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::any::Any;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

/// The largest request body accepted. The longest form (an agreement, all fields at
/// their maximum length) is under 20 KB; 1 MiB leaves room and stops a flood.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How long a request may take before the answer is a 503 page.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The limits [`apply_with`] sets (tests shorten the timeout).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub body_bytes: usize,
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { body_bytes: MAX_BODY_BYTES, timeout: REQUEST_TIMEOUT }
    }
}

/// Wraps `router` in the hardening layers with the default [`Limits`].
pub fn apply(router: Router) -> Router {
    apply_with(router, Limits::default())
}

/// Wraps `router` in the hardening layers. Innermost first: the body limit (checked
/// against `Content-Length` up front, and while reading a body sent without one), the
/// timeout, the plain error pages (which see the answers of the two before), and the
/// panic catcher outermost, so a panic anywhere inside becomes the plain 500 page.
pub fn apply_with(router: Router, limits: Limits) -> Router {
    router
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(middleware::from_fn_with_state(limits.body_bytes, limit_body))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, limits.timeout))
        .layer(middleware::from_fn(plain_error_pages))
        .layer(CatchPanicLayer::custom(panic_page))
}

/// Caps the request body at `max` (checked against `Content-Length` up front, and while
/// reading a body sent without one), except the import upload's, which may reach
/// `import::upload::BODY_LIMIT` (a 16 MB file; its handler reads it whole).
async fn limit_body(
    axum::extract::State(max): axum::extract::State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let max = if crate::import::upload::is_upload(request.method(), request.uri().path()) {
        crate::import::upload::BODY_LIMIT
    } else {
        max
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, max));
    next.run(Request::from_parts(parts, body)).await
}

/// The answer to a form post whose body could not be read as a form (not
/// url-encoded, too large, cut short): 413 when too large, else 400, each a page
/// saying so. Form handlers take `Result<Form<_>, FormRejection>` and call this.
pub fn form_rejection_page(rejection: FormRejection) -> Response {
    // The rejection's own text can quote the input; it goes to the log only.
    tracing::warn!(status = %rejection.status(), reason = %rejection.body_text(), "form refused");
    let status = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::BAD_REQUEST
    };
    error_page(status)
}

/// Replaces an error answer that is not an HTML page (a layer's or an extractor's
/// plain text, or an empty body) with the plain page for its status, keeping its
/// other headers (`Allow`, `Retry-After`, cookies). Server functions under `/api/`
/// answer in their own encoding, which their callers decode, so they pass untouched.
async fn plain_error_pages(request: Request, next: Next) -> Response {
    let server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if server_fn || is_html || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let (page_parts, body) = error_page(status).into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    for name in [header::CONTENT_TYPE, header::CACHE_CONTROL] {
        if let Some(value) = page_parts.headers.get(&name) {
            parts.headers.insert(name, value.clone());
        }
    }
    Response::from_parts(parts, body)
}

/// The plain 500 page for a panic; the panic's message goes to the log.
fn panic_page(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request handler panicked");
    error_page(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A heading and a line of advice for an error status.
fn words(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        413 => (
            "The form was too large",
            "What you sent was larger than Accord accepts. Go back, shorten the text and try again.",
        ),
        408 | 503 | 504 => (
            "Sorry, the service is taking too long to answer",
            "Try again in a few minutes. Your changes may not have been saved.",
        ),
        404 => (
            "Page not found",
            "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
        ),
        401 | 403 => ("You cannot do that", "You do not have permission to open this page or make this change."),
        405 => ("Sorry, that address cannot be used this way", "Go back and try again from the page."),
        429 => ("Too many attempts", "Wait a few minutes and try again."),
        400..=499 => (
            "Sorry, the form could not be read",
            "Go back, check what you entered and try again.",
        ),
        _ => (
            "Sorry, there is a problem with the service",
            "Try again later. Your changes may not have been saved.",
        ),
    }
}

/// A self-contained HTML page for an error status: no script, no data, only fixed
/// words, so nothing about the cause can reach it.
pub fn error_page(status: StatusCode) -> Response {
    let (heading, advice) = words(status);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{heading} – Accord</title>\
         <link rel=\"stylesheet\" href=\"/govuk/govuk-frontend.min.css\"></head>\
         <body class=\"govuk-template__body\"><div class=\"govuk-width-container\">\
         <main class=\"govuk-main-wrapper\" id=\"main-content\">\
         <h1 class=\"govuk-heading-l\" data-test=\"error-heading\">{heading}</h1>\
         <p class=\"govuk-body\" data-test=\"error-message\">{advice}</p>\
         <p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the dashboard</a></p>\
         </main></div></body></html>\n"
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_status_has_words_and_none_name_a_cause() {
        for code in 400..=599u16 {
            let Ok(status) = StatusCode::from_u16(code) else { continue };
            let (heading, advice) = words(status);
            assert!(!heading.is_empty() && !advice.is_empty());
            for leak in ["sqlite", "SELECT", "panicked", ".rs:"] {
                assert!(!heading.contains(leak) && !advice.contains(leak));
            }
        }
        assert_eq!(words(StatusCode::PAYLOAD_TOO_LARGE).0, "The form was too large");
    }
}
