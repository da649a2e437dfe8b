//! One-shot success messages ("flash"): a post that saved puts what it did in the
//! session before its 303; the next page the browser asks for takes it out and shows
//! it once (`app::components::FlashBanner`). Kept in the server-side session, so it
//! needs no cookie of its own and no JavaScript.

use app::access::Flash;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

/// The session key the message waits under.
const FLASH_KEY: &str = "accord.flash";

/// Keeps `message` for the next page. A failure is logged, not shown: the save itself
/// has succeeded, and only its confirmation would be lost.
pub async fn set(session: &Session, message: impl Into<String>) {
    if let Err(error) = session.insert(FLASH_KEY, message.into()).await {
        tracing::warn!(%error, "could not keep the success message in the session");
    }
}

/// A layer (inside the session and access layers): on a page request, takes the
/// waiting message out of the session and puts it in the request for the page to show.
pub async fn take(session: Session, mut request: Request, next: Next) -> Response {
    if is_page(&request) {
        // Read before removing: a removal always marks the session changed (a write).
        match session.get::<String>(FLASH_KEY).await {
            Ok(Some(message)) => {
                if let Err(error) = session.remove::<String>(FLASH_KEY).await {
                    tracing::warn!(%error, "could not clear the success message");
                }
                request.extensions_mut().insert(Flash(message));
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "could not read the success message"),
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
