//! sharing: server functions and form actions.

#[cfg(feature = "ssr")]
mod actions {
    use crate::error::AppError;
    use accord::storage::audit::Actor;
    use accord::FormData;
    use sqlx::SqlitePool;

    pub async fn create(_pool: &SqlitePool, _form: &FormData, _actor: &Actor) -> Result<String, AppError> {
        Err(AppError::NotFound)
    }

    pub async fn update(_pool: &SqlitePool, _id: i64, _form: &FormData, _actor: &Actor) -> Result<String, AppError> {
        Err(AppError::NotFound)
    }
}

#[cfg(feature = "ssr")]
pub use actions::{create, update};
