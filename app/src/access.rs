//! What pages need to know about the signed-in user, on the server. In the browser
//! (islands) nothing here is used: pages are rendered on the server.

use serde::{Deserialize, Serialize};

/// The session's anti-forgery token, put in the request by the server's access layer;
/// every form carries it in the hidden field [`CSRF_FIELD`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsrfToken(pub String);

/// The name of the hidden field that carries the token.
pub const CSRF_FIELD: &str = "csrf_token";

/// What the user's last save did ("Agreement HO-LY-2024-003 added"): kept in the
/// session by the post that saved, put in the next page's request by the server's
/// flash layer, and shown once in the success banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash(pub String);

/// The message to confirm on this page, if the last post left one.
pub fn flash() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let from_request = use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Flash>().cloned());
        // A page rendered in answer to a post may be handed one directly.
        from_request.or_else(use_context::<Flash>).map(|flash| flash.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The signed-in user, if any.
pub fn current_user() -> Option<accord::User> {
    #[cfg(feature = "ssr")]
    {
        crate::state::current_user()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// True when the signed-in user may do `action`: pages show an edit link only then.
/// (The server refuses the action itself, whatever a page shows.)
pub fn may(action: accord::Action) -> bool {
    current_user().is_some_and(|user| user.may(action))
}

/// The request's anti-forgery token (empty outside a request).
pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CsrfToken>().cloned())
            .map(|token| token.0)
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}
