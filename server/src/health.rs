//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use axum::{extract::State, http::StatusCode, response::IntoResponse};
use sqlx::SqlitePool;

pub async fn healthz(State(pool): State<SqlitePool>) -> impl IntoResponse {
    if accord::storage::is_healthy(&pool).await {
        (StatusCode::OK, "ok\n")
    } else {
        tracing::warn!("health check failed: database did not answer");
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}
