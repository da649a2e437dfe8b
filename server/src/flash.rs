//! One-shot success messages ("flash"): a post that saved leaves what it did for the
//! next page the browser asks for, which takes it and shows it once
//! (`app::components::FlashBanner`). No cookie of its own and no JavaScript.
//!
//! The message waits in memory under the session's id, not in the session row: saving
//! the session after every post, and again when the page took the message, was a
//! second and a third write to the database for each edit. A message is lost if the
//! server restarts between the post and the page, which costs only the banner. When the
//! session has no id yet, or is about to get a new one (signing in again after a
//! password change cycles it), the message goes into the session as before.

use app::access::Flash;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tower_sessions::session::Id;
use tower_sessions::Session;

/// The session key a message waits under when it cannot wait in memory.
const FLASH_KEY: &str = "accord.flash";

/// A message nobody came back for is dropped after this long.
const KEEP_FOR: Duration = Duration::from_secs(600);

/// Messages waiting for their session's next page.
static WAITING: LazyLock<Mutex<HashMap<Id, (String, Instant)>>> = LazyLock::new(Mutex::default);

/// Keeps `message` for the next page. A failure is logged, not shown: the save itself
/// has succeeded, and only its confirmation would be lost.
pub async fn set(session: &Session, message: impl Into<String>) {
    let message = message.into();
    let Some(id) = session.id() else {
        if let Err(error) = session.insert(FLASH_KEY, message).await {
            tracing::warn!(%error, "could not keep the success message in the session");
        }
        return;
    };
    let now = Instant::now();
    let mut waiting = WAITING.lock().unwrap_or_else(PoisonError::into_inner);
    waiting.retain(|_, (_, since)| now.duration_since(*since) < KEEP_FOR);
    waiting.insert(id, (message, now));
}

/// The message waiting for this session, taken.
async fn take_waiting(session: &Session) -> Option<String> {
    let kept = session.id().and_then(|id| {
        WAITING.lock().unwrap_or_else(PoisonError::into_inner).remove(&id).map(|(m, _)| m)
    });
    if kept.is_some() {
        return kept;
    }
    // Read before removing: a removal always marks the session changed (a write).
    match session.get::<String>(FLASH_KEY).await {
        Ok(Some(message)) => {
            if let Err(error) = session.remove::<String>(FLASH_KEY).await {
                tracing::warn!(%error, "could not clear the success message");
            }
            Some(message)
        }
        Ok(None) => None,
        Err(error) => {
            tracing::warn!(%error, "could not read the success message");
            None
        }
    }
}

/// A layer (inside the session and access layers): on a page request, takes the
/// waiting message out of the session and puts it in the request for the page to show.
pub async fn take(session: Session, mut request: Request, next: Next) -> Response {
    if is_page(&request) {
        if let Some(message) = take_waiting(&session).await {
            request.extensions_mut().insert(Flash(message));
        }
    }
    next.run(request).await
}

/// A GET for a page, not a server function, an export or a file (a stylesheet or icon
/// fetched meanwhile must not use up the message).
fn is_page(request: &Request) -> bool {
    let path = request.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    request.method() == Method::GET && !path.starts_with("/api/") && !last.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn get(path: &str) -> Request {
        Request::builder().method(Method::GET).uri(path).body(Body::empty()).expect("request")
    }

    #[test]
    fn pages_take_the_message_and_files_server_functions_and_posts_do_not() {
        assert!(is_page(&get("/agreements/5")));
        assert!(is_page(&get("/routes/central-mediterranean?x=1")));
        assert!(!is_page(&get("/main.css")));
        assert!(!is_page(&get("/agreements.csv")));
        assert!(!is_page(&get("/api/fetch_site_info")));
        let post = Request::builder().method(Method::POST).uri("/agreements/5").body(Body::empty());
        assert!(!is_page(&post.expect("request")));
    }
}
