//! Sharing arrangements: list, page, form options (server functions) and the form actions.

use super::choices::Lookups;
use super::list_rows::ListRows;
use crate::error::AppError;
use accord::{SharingDetail, SharingFilter};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the sharing-arrangement list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingListPage {
    pub rows: ListRows,
}

#[server]
pub async fn fetch_sharing_list(filter: SharingFilter) -> Result<SharingListPage, AppError> {
    // A page of the list, with the count of every match: cached until the next write.
    let rows = ListRows::cached(
        "sharing",
        filter,
        |r| &r.classification,
        crate::routes::sharing::list::row,
    )
    .await?;
    Ok(SharingListPage { rows })
}

#[server]
pub async fn fetch_sharing(id: i64) -> Result<SharingDetail, AppError> {
    let pool = crate::state::pool()?;
    accord::storage::sharing::get(&pool, id, crate::state::clearance())
        .await?
        .ok_or(AppError::NotFound)
}

/// What the create and edit forms need: the record (when editing) and the options.
#[server]
pub async fn fetch_sharing_form(
    id: Option<i64>,
) -> Result<(Option<SharingDetail>, Lookups), AppError> {
    let pool = crate::state::pool()?;
    let detail = match id {
        Some(id) => Some(
            accord::storage::sharing::get(&pool, id, crate::state::clearance())
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    Ok((detail, super::choices::lookups().await?))
}

#[cfg(feature = "ssr")]
mod actions {
    use crate::error::AppError;
    use accord::storage::{audit::Actor, begin_write, sharing};
    use accord::{dates, FieldErrors, FormData, SharingDraft};
    use sqlx::SqlitePool;

    // Storage checks, inside the transaction, that the user may see the arrangement
    // and the agreement it links to, and may mark it so.

    pub async fn create(
        pool: &SqlitePool,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        let draft = SharingDraft::parse(form, dates::today()).map_err(AppError::Validation)?;
        let mut tx = begin_write(pool).await?;
        let id = sharing::create(&mut tx, &draft, &Actor::user(user), user.clearance()).await?;
        tx.commit().await?;
        Ok(format!("/sharing/{id}"))
    }

    pub async fn update(
        pool: &SqlitePool,
        id: i64,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        let draft = SharingDraft::parse(form, dates::today()).map_err(AppError::Validation)?;
        let version = form.text("version").parse().map_err(|_| {
            AppError::Validation(FieldErrors::single(
                "version",
                "The form was incomplete: reload the page and try again",
            ))
        })?;
        let mut tx = begin_write(pool).await?;
        let actor = Actor::user(user);
        sharing::update(&mut tx, id, version, &draft, &actor, user.clearance()).await?;
        tx.commit().await?;
        Ok(format!("/sharing/{id}"))
    }
}

#[cfg(feature = "ssr")]
pub use actions::{create, update};
