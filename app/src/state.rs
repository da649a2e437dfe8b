//! Server-side state reached from server functions through Leptos context.

use crate::error::AppError;
use accord::storage::cache::{Key, ReadCache, RequestScope, Topic};
use accord::Clearance;
use leptos::prelude::use_context;
use sqlx::SqlitePool;
use std::fmt::Debug;
use std::future::Future;
use std::sync::Arc;
use time::Date;

/// What every request may need: the database, and the cache of costly figures.
#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: SqlitePool,
    pub cache: Arc<ReadCache>,
}

impl AppState {
    pub fn new(pool: SqlitePool) -> Self {
        AppState { cache: Arc::new(ReadCache::new(pool.clone())), pool }
    }

    /// Puts what a request's pages and server functions read into its Leptos context:
    /// the state, and the request's own view of the read cache.
    pub fn provide(&self) {
        // Leptos made a nonce of its own just before; the server's (when the request
        // carries one) replaces it, since only that one is certain to reach the header.
        if let Some(parts) = use_context::<axum::http::request::Parts>() {
            if let Some(nonce) = parts.extensions.get::<crate::csp::RequestNonce>() {
                leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
            }
        }
        leptos::prelude::provide_context(self.clone());
        // The request's scope when the server set one (the session lookup used it).
        leptos::prelude::provide_context(RequestScope::current());
    }
}

fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        // A request cancelled mid-render (the client went away) drops the owner tree the
        // render runs under, and every context of the request with it: nobody reads this
        // answer. Only a request that still has its own context but no state is a fault.
        if use_context::<axum::http::request::Parts>().is_none() {
            tracing::debug!("request cancelled mid-render: its context is gone");
        } else {
            tracing::error!("AppState missing from Leptos context");
        }
        AppError::Internal
    })
}

/// What `load` returns for this reader today, through the read cache
/// (`accord::storage::cache`) under `what` and `args`. `load` is handed the pool, the
/// reader's clearance and today's date, the very ones the entry is keyed by, so an
/// entry can only hold what its key says.
pub async fn cached<T, F, Fut>(what: &'static str, args: impl Debug, load: F) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce(SqlitePool, Clearance, Date) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    cached_following(Topic::Records, what, args, load).await
}

/// [`cached`], the entry kept until the change count of `topic` moves rather than
/// until any write: only for what nothing outside that topic can change.
pub async fn cached_following<T, F, Fut>(
    topic: Topic,
    what: &'static str,
    args: impl Debug,
    load: F,
) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce(SqlitePool, Clearance, Date) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let state = state()?;
    let (clearance, today) = (clearance(), accord::dates::today());
    let key = Key::new(what, clearance, today, args).following(topic);
    through_cache(&state, key, clearance, today, load).await
}

/// The value of `key` (made with `clearance` and `today`) from the cache, loaded with
/// `load` given the pool and those same two.
async fn through_cache<T, F, Fut>(
    state: &AppState,
    key: Key,
    clearance: Clearance,
    today: Date,
    load: F,
) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce(SqlitePool, Clearance, Date) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    // Outside a request's context (none provided) the entry is simply checked alone.
    let scope = use_context::<RequestScope>().unwrap_or_default();
    let pool = state.pool.clone();
    let value = state.cache.get_or_load(&scope, key, || load(pool, clearance, today)).await?;
    Ok(T::clone(&value))
}

/// [`cached`] for what counts only some partners' commitments besides records of
/// other kinds (a route page): kept across changes to other partners' commitments.
/// `stamp` reads the sum of those partners' change counts
/// ([`Key::following_partners`]); it runs before `load`, and not at all with the
/// cache off.
pub async fn cached_by_partners<T, S, SFut, F, Fut>(
    what: &'static str,
    args: impl Debug,
    stamp: S,
    load: F,
) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    S: FnOnce(SqlitePool) -> SFut,
    SFut: Future<Output = Result<i64, sqlx::Error>>,
    F: FnOnce(SqlitePool, Clearance, Date) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let state = state()?;
    let (clearance, today) = (clearance(), accord::dates::today());
    if !state.cache.enabled() {
        return load(state.pool, clearance, today).await;
    }
    let stamp = stamp(state.pool.clone()).await?;
    let key = Key::new(what, clearance, today, args).following_partners(stamp);
    through_cache(&state, key, clearance, today, load).await
}

/// The database pool, or `Internal` if the router forgot to provide state.
pub fn pool() -> Result<SqlitePool, AppError> {
    state().map(|s| s.pool)
}

/// The signed-in user of the request being answered. The server's access layer puts
/// it in the request (it refuses every page and server function to a signed-out
/// visitor before Leptos runs), so `None` only outside a request.
pub fn current_user() -> Option<accord::User> {
    use_context::<axum::http::request::Parts>()?.extensions.get::<accord::User>().cloned()
}

/// The reader's clearance: the signed-in user's. Outside a signed-in request (which
/// the access layer never lets reach a page) the lowest, so nothing marked above
/// OFFICIAL can leak.
pub fn clearance() -> Clearance {
    current_user().map_or(Clearance(accord::Level::Official), |user| user.clearance())
}

/// True when the signed-in user may do `action` (pages use it to show or hide edit
/// links; the server refuses the action itself whatever a page shows).
pub fn may(action: accord::Action) -> bool {
    current_user().is_some_and(|user| user.may(action))
}

/// Sets the HTTP status of the page being rendered (e.g. 404 for an unknown partner).
pub fn set_status(code: u16) {
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(code) {
            options.set_status(status);
        }
    }
}
