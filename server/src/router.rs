//! The Axum router: health, server functions, Leptos pages and static assets.

use crate::{forms, health, security_headers};
use app::{shell, state::AppState, App};
use axum::{
    extract::FromRef,
    routing::{get, post},
    Router,
};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use sqlx::SqlitePool;
use std::net::SocketAddr;
use std::path::Path;

/// State for plain Axum handlers; Leptos reads its options from it.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
}

/// Leptos options for a site whose built assets live in `site_root`.
pub fn leptos_options(site_root: &Path, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("accord")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

/// Builds the whole application router.
pub fn build(pool: SqlitePool, leptos_options: LeptosOptions) -> Router {
    let app_state = AppState { pool: pool.clone() };
    let context = move || provide_context(app_state.clone());
    let state = ServerState { leptos_options: leptos_options.clone(), pool };
    let routes = generate_route_list(App);

    let server_fns = {
        let context = context.clone();
        move |req| handle_server_fns_with_context(context.clone(), req)
    };
    let mut router: Router<ServerState> = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/{*fn_name}", get(server_fns.clone()).post(server_fns));
    for path in app::forms::submit::FORM_PATHS {
        router = router.route(path, post(forms::post_form));
    }
    let mut router = router
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(
            context, shell,
        ))
        .with_state(state);
    for layer in security_headers::layers() {
        router = router.layer(layer);
    }
    router.layer(tower_http::trace::TraceLayer::new_for_http())
}
