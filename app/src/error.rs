//! One error vocabulary for the UI: it crosses the server-function boundary intact,
//! so forms can show per-field messages and pages can say what went wrong.

pub use accord::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Page not found")]
    NotFound,
    #[error("You need to sign in")]
    Unauthorized,
    #[error("You do not have permission to do that")]
    Forbidden,
    #[error("There is a problem with what you entered")]
    Validation(FieldErrors),
    #[error("Someone else changed this record while you were editing it")]
    Conflict(String),
    /// The cause is logged on the server and never sent to the browser.
    #[error("Sorry, there is a problem with the service")]
    Internal,
    /// Transport failures between browser and server (network, encoding).
    #[error("Sorry, there is a problem with the service: {0}")]
    ServerFn(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<accord::storage::StorageError> for AppError {
    fn from(error: accord::storage::StorageError) -> Self {
        use accord::storage::StorageError;
        match error {
            StorageError::NotFound => AppError::NotFound,
            StorageError::Conflict => AppError::Conflict(error.to_string()),
            StorageError::Invalid(errors) => AppError::Validation(errors),
            StorageError::Database(e) => e.into(),
        }
    }
}

impl AppError {
    /// The HTTP status a page showing this error should carry.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }
}
