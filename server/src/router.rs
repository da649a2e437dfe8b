//! The Axum router: health, server functions, Leptos pages and static assets.

use crate::auth::{self, throttle::Throttle, AccessConfig};
use crate::{forms, health, security_headers, static_files};
use app::{shell, state::AppState, App};
use axum::{
    extract::FromRef,
    middleware,
    routing::{get, post},
    Router,
};
use leptos::prelude::LeptosOptions;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use sqlx::SqlitePool;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// State for plain Axum handlers; Leptos reads its options from it.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    /// What Leptos pages and server functions get as context (shares the pool).
    pub app: AppState,
    /// Session lengths and cookie settings.
    pub access: AccessConfig,
    /// Failed sign-ins per client address.
    pub throttle: Arc<Throttle>,
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

/// The app's routes, worked out once per process. Leptos works them out by rendering
/// the app with resource loading suppressed for the whole process (a global flag,
/// leptos#4773): a page whose data starts loading at that moment waits for ever. So a
/// process that builds a router while another serves pages (the HTTP tests, one
/// server per test) must not work them out again.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application router with the default session settings.
pub fn build(pool: SqlitePool, leptos_options: LeptosOptions) -> Router {
    build_with(pool, leptos_options, AccessConfig::default())
}

/// Builds the whole application router.
///
/// Everything but health and the built assets sits behind the session layers and the
/// access guard (`auth::guard`), which let only `/sign-in` through to the signed-out.
pub fn build_with(pool: SqlitePool, leptos_options: LeptosOptions, access: AccessConfig) -> Router {
    let app_state = AppState::new(pool.clone());
    let state = ServerState {
        leptos_options: leptos_options.clone(),
        pool: pool.clone(),
        app: app_state.clone(),
        access: access.clone(),
        throttle: Arc::new(Throttle::default()),
    };
    let context = move || app_state.provide();
    let routes = route_list();
    let site_root = std::path::PathBuf::from(leptos_options.site_root.as_ref());

    let server_fns = {
        let context = context.clone();
        move |req| handle_server_fns_with_context(context.clone(), req)
    };
    let guarded: Router<ServerState> = Router::new()
        .route("/api/{*fn_name}", get(server_fns.clone()).post(server_fns))
        .route("/sign-in", post(auth::sign_in::sign_in))
        .route("/sign-out", post(auth::sign_in::sign_out))
        .route("/account/password", post(auth::password::change))
        .route(crate::digest::account::PATH, post(crate::digest::account::switch))
        .merge(forms::routes())
        .merge(crate::exports::routes())
        .merge(crate::import::routes())
        .merge(crate::briefing::routes())
        .merge(crate::admin_users::routes())
        .merge(crate::calendar_feed::account_routes())
        // A POST: each backup is a full copy and an audit entry, not something a link may start.
        .route("/admin/backup", post(crate::admin_backup::download))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(
            context, shell,
        ))
        // Inside the guard: only an admitted page request uses up a waiting success message.
        .layer(middleware::from_fn(crate::flash::take))
        .layer(middleware::from_fn_with_state(state.clone(), auth::guard::guard))
        .layer(auth::layers(pool, &access, state.app.cache.clone()))
        // Every page's script nonce, and its policy when the page's own did not arrive.
        .layer(middleware::from_fn(crate::csp_nonce::nonce))
        // One generation check per request, shared by the session lookup and the page.
        .layer(middleware::from_fn(request_scope));
    let public: Router<ServerState> = Router::new()
        .route("/healthz", get(health::healthz))
        // The token in the address is the credential: no session, no sign-in.
        .route("/calendar.ics", get(crate::calendar_feed::feed))
        .nest_service("/pkg", static_files::dir(&site_root.join("pkg")))
        .nest_service("/govuk", static_files::dir(&site_root.join("govuk")));
    let mut router = public.merge(guarded).with_state(state);
    // Inside the security headers, so the hardening layers' own pages carry them.
    router = crate::hardening::apply(router);
    for layer in security_headers::layers(access.secure_cookies) {
        router = router.layer(layer);
    }
    router.layer(tower_http::trace::TraceLayer::new_for_http())
}

/// Runs the request with its own read-cache scope (`RequestScope::current`).
async fn request_scope(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    accord::storage::cache::RequestScope::run(next.run(request)).await
}
