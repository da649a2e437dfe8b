//! Accounts, for the administrators' pages. The access layer admits only those who
//! may manage users to `/admin/users…`; these check again (never trust the page).

use crate::error::AppError;
use accord::UserRow;
use leptos::prelude::*;

#[server]
pub async fn fetch_users() -> Result<Vec<UserRow>, AppError> {
    require_manage_users()?;
    let pool = crate::state::pool()?;
    Ok(accord::storage::users::list(&pool).await?)
}

#[server]
pub async fn fetch_user(id: i64) -> Result<UserRow, AppError> {
    require_manage_users()?;
    let pool = crate::state::pool()?;
    accord::storage::users::row(&pool, id).await?.ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn require_manage_users() -> Result<(), AppError> {
    if crate::state::may(accord::Action::ManageUsers) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A page of the audit log (administrators; the access layer admits only them).
#[server]
pub async fn fetch_audit(
    filter: accord::domain::audit_log::AuditFilter,
) -> Result<accord::domain::audit_log::AuditPage, AppError> {
    if !crate::state::may(accord::Action::ReadAudit) {
        return Err(AppError::Forbidden);
    }
    let pool = crate::state::pool()?;
    Ok(accord::storage::audit_log::page(&pool, &filter, crate::state::clearance()).await?)
}
