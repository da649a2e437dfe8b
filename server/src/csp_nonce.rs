//! The Content-Security-Policy nonce of each request, chosen here rather than left to
//! Leptos. Pages set their policy through Leptos's response options, and now and then
//! (a few pages in a test run of several hundred) the header did not reach the
//! response: the default policy without a nonce applied and the browser refused the
//! islands loader, leaving the page unhydrated. So the nonce is chosen before the page
//! renders (which uses it, `app::state::AppState::provide`) and the policy with it is
//! set here whenever the page's own did not arrive.

use app::csp::RequestNonce;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// A layer: gives the request a fresh nonce, and an HTML answer without a policy the
/// policy allowing that nonce.
pub async fn nonce(mut request: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    request.extensions_mut().insert(RequestNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(value) = HeaderValue::from_str(&app::csp::policy(Some(&nonce))) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}
