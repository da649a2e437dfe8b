//! Commitments: the register, a commitment's page, the add/edit forms and their actions.

use super::list_rows::ListRows;
use crate::error::AppError;
use accord::{CommitmentDetail, CommitmentFilter};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the commitments register with its filter options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentListPage {
    pub rows: ListRows,
    /// The routes filter's options (partners are fixed ISO data: `Choices::partners`).
    pub routes: Vec<(String, String)>,
    /// The lead department filter's options (UK body id, name).
    pub uk_bodies: Vec<(String, String)>,
}

#[server]
pub async fn fetch_commitments(filter: CommitmentFilter) -> Result<CommitmentListPage, AppError> {
    // A page of the register, with the count of every match: cached until the next write.
    let rows = ListRows::cached(
        "commitments",
        filter,
        |r| &r.classification,
        crate::routes::commitments::list::row,
    )
    .await?;
    let super::choices::Lookups { routes, uk_bodies, .. } = super::choices::lookups().await?;
    Ok(CommitmentListPage { rows, routes, uk_bodies })
}

#[server]
pub async fn fetch_commitment(id: i64) -> Result<CommitmentDetail, AppError> {
    let pool = crate::state::pool()?;
    accord::storage::commitments::get(&pool, id, crate::state::clearance(), accord::dates::today())
        .await?
        .ok_or(AppError::NotFound)
}

/// For the "add a commitment" form: the agreement's reference and its parties.
#[server]
pub async fn fetch_commitment_parties(
    agreement_id: i64,
) -> Result<(String, Vec<(String, String)>), AppError> {
    let pool = crate::state::pool()?;
    accord::storage::commitments::parties(&pool, agreement_id, crate::state::clearance())
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
mod actions {
    use crate::error::AppError;
    use accord::storage::{audit::Actor, begin_write, commitments};
    use accord::{dates, CommitmentDraft, FieldErrors, FormData};
    use sqlx::SqlitePool;

    fn codes(parties: &[(String, String)]) -> Vec<String> {
        parties.iter().map(|(code, _)| code.clone()).collect()
    }

    // The agreement's parties are read first to parse the form; storage checks the
    // agreement's visibility and the committing party again inside the transaction.

    pub async fn create(
        pool: &SqlitePool,
        agreement_id: i64,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        let (_, parties) = commitments::parties(pool, agreement_id, user.clearance())
            .await?
            .ok_or(AppError::NotFound)?;
        let draft = CommitmentDraft::parse(form, &codes(&parties), dates::today())
            .map_err(AppError::Validation)?;
        let actor = Actor::user(user);
        let id = commitments::add(pool, agreement_id, draft, actor, user.clearance()).await?;
        Ok(format!("/commitments/{id}"))
    }

    pub async fn update(
        pool: &SqlitePool,
        id: i64,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        let today = dates::today();
        let current =
            commitments::get(pool, id, user.clearance(), today).await?.ok_or(AppError::NotFound)?;
        let draft = CommitmentDraft::parse(form, &codes(&current.parties), today)
            .map_err(AppError::Validation)?;
        let version = form.text("version").parse().map_err(|_| {
            AppError::Validation(FieldErrors::single(
                "version",
                "The form was incomplete: reload the page and try again",
            ))
        })?;
        let mut tx = begin_write(pool).await?;
        let actor = Actor::user(user);
        commitments::update(&mut tx, id, version, &draft, &actor, user.clearance()).await?;
        tx.commit().await?;
        Ok(format!("/commitments/{id}"))
    }
}

#[cfg(feature = "ssr")]
pub use actions::{create, update};
