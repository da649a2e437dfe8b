//! Agreements: list, page, form options (server functions) and the form actions.

use super::choices::Lookups;
use super::list_rows::ListRows;
use crate::error::AppError;
use accord::{AgreementDetail, AgreementFilter};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the agreement list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementListPage {
    pub rows: ListRows,
    /// Filter options read from the database (partners are `Choices::partners`).
    pub options: Lookups,
}

#[server]
pub async fn fetch_agreements(filter: AgreementFilter) -> Result<AgreementListPage, AppError> {
    // A page of the list, with the count of every match: cached until the next write.
    let rows = ListRows::cached(
        "agreements",
        filter,
        |r| &r.classification,
        crate::routes::agreements::list::row,
    )
    .await?;
    Ok(AgreementListPage { rows, options: super::choices::lookups().await? })
}

#[server]
pub async fn fetch_agreement(id: i64) -> Result<AgreementDetail, AppError> {
    // Ten queries (record, parties, links, history, commitments, arrangements):
    // cached until the next write.
    crate::state::cached("agreement", id, |pool, clearance, today| async move {
        accord::storage::agreements::get(&pool, id, clearance, today)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// What the create and edit forms need: the record (when editing) and the options.
#[server]
pub async fn fetch_agreement_form(
    id: Option<i64>,
) -> Result<(Option<AgreementDetail>, Lookups), AppError> {
    let pool = crate::state::pool()?;
    let detail = match id {
        Some(id) => Some(
            accord::storage::agreements::get(
                &pool,
                id,
                crate::state::clearance(),
                accord::dates::today(),
            )
            .await?
            .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    Ok((detail, super::choices::lookups().await?))
}

#[cfg(feature = "ssr")]
mod actions {
    use super::*;
    use accord::storage::{agreements, audit::Actor, begin_write};
    use accord::{dates, AgreementDraft, AgreementStatus, FieldErrors, FormData, StatusChange};
    use sqlx::SqlitePool;

    fn version(form: &FormData) -> Result<i64, AppError> {
        form.text("version").parse().map_err(|_| {
            AppError::Validation(FieldErrors::single(
                "version",
                "The form was incomplete: reload the page and try again",
            ))
        })
    }

    /// "Add another partner" or "Remove" posted the form: show it again, write nothing.
    fn boxes_changed(form: &FormData) -> Result<(), AppError> {
        match form.changes_boxes() {
            true => Err(AppError::Validation(FieldErrors::default())),
            false => Ok(()),
        }
    }

    pub async fn create(
        pool: &SqlitePool,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        boxes_changed(form)?;
        let today = dates::today();
        let status = match form.text("status") {
            "" => Ok(AgreementStatus::Proposed),
            text => text.parse::<AgreementStatus>().map_err(|_| {
                FieldErrors::single("status", "Select the status the agreement has now")
            }),
        };
        let (draft, status) = match (AgreementDraft::parse(form, today), status) {
            (Ok(draft), Ok(status)) => (draft, status),
            (Err(mut errors), Err(status_error)) => {
                errors.0.extend(status_error.0);
                return Err(AppError::Validation(errors));
            }
            (Err(errors), _) | (_, Err(errors)) => return Err(AppError::Validation(errors)),
        };
        // Storage checks what the user may see and mark inside this transaction.
        let mut tx = begin_write(pool).await?;
        let actor = Actor::user(user);
        let id =
            agreements::create(&mut tx, &draft, status, &actor, user.clearance(), today).await?;
        tx.commit().await?;
        Ok(format!("/agreements/{id}"))
    }

    pub async fn update(
        pool: &SqlitePool,
        id: i64,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        boxes_changed(form)?;
        let draft = AgreementDraft::parse(form, dates::today()).map_err(AppError::Validation)?;
        let version = version(form)?;
        let mut tx = begin_write(pool).await?;
        let actor = Actor::user(user);
        agreements::update(&mut tx, id, version, &draft, &actor, user.clearance()).await?;
        tx.commit().await?;
        Ok(format!("/agreements/{id}"))
    }

    pub async fn change_status(
        pool: &SqlitePool,
        id: i64,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        // The form is read against the status the user saw; storage checks the
        // transition again, with visibility and version, inside the transaction.
        let current = agreements::get(pool, id, user.clearance(), dates::today())
            .await?
            .ok_or(AppError::NotFound)?;
        let change = StatusChange::parse(form, current.status, dates::today())
            .map_err(AppError::Validation)?;
        let version = version(form)?;
        let mut tx = begin_write(pool).await?;
        let actor = Actor::user(user);
        agreements::change_status(&mut tx, id, version, &change, &actor, user.clearance()).await?;
        tx.commit().await?;
        Ok(format!("/agreements/{id}"))
    }
}

#[cfg(feature = "ssr")]
pub use actions::{change_status, create, update};
