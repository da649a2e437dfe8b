//! `/admin/…`: pages for administrators (users; the audit log).

pub mod audit;
pub mod user;
pub mod users;

use serde::{Deserialize, Serialize};

/// A one-time password just issued (new account or reset), shown once on the page the
/// server renders in answer to that post, and never stored in the clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub email: String,
    pub password: String,
}
