//! Placeholder until the illustrative data set lands.
pub async fn is_loaded(db: impl sqlx::SqliteExecutor<'_>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = 'demo_loaded')").fetch_one(db).await
}
