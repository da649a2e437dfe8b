//! Response headers every page carries.

use axum::http::{header, HeaderName, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

/// Layers that set conservative security headers unless a handler set them already.
/// Pages set their own Content-Security-Policy with a nonce (`app::shell`); every
/// other answer gets the same policy without one. `https`: Accord is behind TLS, so
/// browsers are told to keep to it (HSTS).
pub fn layers(https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let csp = HeaderValue::from_str(&app::csp::policy(None))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let mut layers = vec![
        fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        fixed(header::X_FRAME_OPTIONS, "DENY"),
        fixed(header::REFERRER_POLICY, "same-origin"),
        SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp),
        fixed(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
        fixed(header::CACHE_CONTROL, "no-store"),
    ];
    if https {
        layers
            .push(fixed(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains"));
    }
    layers
}
