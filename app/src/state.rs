//! Server-side state reached from server functions through Leptos context.

use crate::error::AppError;
use accord::Clearance;
use leptos::prelude::use_context;
use sqlx::SqlitePool;

/// What every request may need: the database.
#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: SqlitePool,
}

/// The database pool, or `Internal` if the router forgot to provide state.
pub fn pool() -> Result<SqlitePool, AppError> {
    use_context::<AppState>().map(|s| s.pool).ok_or_else(|| {
        tracing::error!("AppState missing from Leptos context");
        AppError::Internal
    })
}

/// The reader's clearance. Accounts are not built yet, so every reader is read
/// with the highest clearance; when sign-in lands this becomes the user's own.
pub fn clearance() -> Clearance {
    Clearance::HIGHEST
}

/// Sets the HTTP status of the page being rendered (e.g. 404 for an unknown partner).
pub fn set_status(code: u16) {
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(code) {
            options.set_status(status);
        }
    }
}
