//! `/calendar.ics?token=…`: a user's personal iCalendar feed, read by calendar
//! applications that cannot sign in, so it sits outside the session layers and its
//! secret token is the credential. A wrong, old or stopped token, and the token of a
//! disabled account, all answer the same plain 404. The reader's clearance is read at
//! each request, and events carry references and links, titles only where allowed
//! (`accord::calendar::CalendarEvent::feed_title`).
//!
//! `/account/calendar-feed…` (signed in, `account`) makes, renews and stops it.

mod account;
mod ics;

pub use account::routes as account_routes;

use crate::auth::AccessConfig;
use crate::router::ServerState;
use accord::calendar::feed_range;
use accord::storage::cache::{Key, RequestScope};
use accord::storage::calendar::{self, feeds};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The longest token looked up: ours are 43 characters; anything far longer is not one.
const TOKEN_LIMIT: usize = 128;

/// The feed of the token in the query string.
pub async fn feed(
    State(state): State<ServerState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let token = query.as_deref().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.into_owned())
    });
    let Some(token) = token.filter(|t| !t.is_empty() && t.len() <= TOKEN_LIMIT) else {
        return not_found();
    };
    let reader = match feeds::reader(&state.pool, &token).await {
        Ok(Some(reader)) => reader,
        Ok(None) => return not_found(),
        Err(error) => return failed(&error),
    };
    let today = accord::dates::today();
    let (from, to) = feed_range(today);
    // Keyed by clearance like every cached read, so feeds of one clearance share it.
    let key = Key::new("calendar_feed", reader.clearance, today, (from, to));
    let load = || calendar::events(&state.pool, from, to, reader.clearance);
    let events = match state.app.cache.get_or_load(&RequestScope::default(), key, load).await {
        Ok(events) => events,
        Err(error) => return failed(&error),
    };
    let base = base_url(&headers, &state.access);
    let body = ics::calendar(&events, reader.include_titles, &base);
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_found() -> Response {
    crate::hardening::error_page(StatusCode::NOT_FOUND)
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "calendar feed failed");
    crate::hardening::error_page(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Where links in a feed point: the configured base URL (`--base-url` or
/// `ACCORD_BASE_URL`, e.g. behind a proxy that rewrites the host) when there is one,
/// else the address the request came to: `https` when Accord is configured behind TLS
/// (secure cookies), `http` otherwise.
pub fn base_url(headers: &HeaderMap, access: &AccessConfig) -> String {
    if let Some(url) = &access.base_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|host| is_host(host))
        .unwrap_or("localhost");
    let scheme = if access.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A host name or address with an optional port, and nothing else (the `Host` header
/// is the client's to set: nothing from it but a host may reach a link).
fn is_host(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 255
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_use_the_request_host_only_when_it_is_a_host() {
        let mut headers = HeaderMap::new();
        let tls = AccessConfig { secure_cookies: true, ..AccessConfig::default() };
        headers.insert(header::HOST, HeaderValue::from_static("accord.example:8443"));
        assert_eq!(base_url(&headers, &tls), "https://accord.example:8443");
        headers.insert(header::HOST, HeaderValue::from_static("evil.example/x?y"));
        assert_eq!(base_url(&headers, &AccessConfig::default()), "http://localhost");
    }

    #[test]
    fn a_configured_base_url_wins_over_the_request_host() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("10.0.0.5:3000"));
        let proxied = AccessConfig {
            base_url: Some("https://accord.example".to_owned()),
            ..AccessConfig::default()
        };
        assert_eq!(base_url(&headers, &proxied), "https://accord.example");
    }
}
