//! The briefing-text form posts: one section of a partner's or route's briefing,
//! `/partners/{alpha2}/briefing/{section}/edit` and `/routes/{slug}/briefing/{section}/edit`.

use super::{Body, Csrf, Post};
use crate::auth::CurrentUser;
use crate::router::ServerState;
use accord::Action;
use app::server_fns::briefing_texts::{self, BriefingOf};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use tower_sessions::Session;

/// The briefing-text form routes.
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/partners/{alpha2}/briefing/{section}/edit", post(partner_section))
        .route("/routes/{slug}/briefing/{section}/edit", post(route_section))
}

type Params = Result<Path<(String, String)>, PathRejection>;

async fn partner_section(
    State(state): State<ServerState>,
    user: CurrentUser,
    csrf: Csrf,
    uri: Uri,
    session: Session,
    path: Params,
    body: Body,
) -> Response {
    save(Post::new(state, user, csrf, uri, session), path, body, BriefingOf::Partner).await
}

async fn route_section(
    State(state): State<ServerState>,
    user: CurrentUser,
    csrf: Csrf,
    uri: Uri,
    session: Session,
    path: Params,
    body: Body,
) -> Response {
    save(Post::new(state, user, csrf, uri, session), path, body, BriefingOf::Route).await
}

/// Admits the post (Edit, then the path), saves the section, and answers: back to
/// the page with "Top lines for Libya saved", or the form again with what was wrong.
async fn save(post: Post, path: Params, body: Body, of: fn(String) -> BriefingOf) -> Response {
    let form = match post.form(body) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let result = match post.admit(Action::Edit, path) {
        Ok((subject, section)) => {
            briefing_texts::save(&post.state.pool, of(subject), &section, &form, &post.user).await
        }
        Err(error) => Err(error),
    };
    post.answer_with(form, result).await
}
