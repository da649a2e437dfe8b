//! Adding and editing commitments. Each function runs inside the caller's write
//! transaction (`storage::begin_write`), checks there that the writer may see the
//! commitment and its agreement and may mark it so, and audits there; the caller
//! commits. Nothing is written when a check fails.

use super::detail::{draft_from_row, strands, RECORD};
use crate::domain::commitment_record::REVIEWER_ERROR;
use crate::domain::{Clearance, CommitmentDraft, FieldErrors};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::{check_marking, visible, visible_levels};
use crate::storage::{Result, StorageError};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};

/// The agreement `?1` when visible at the rank `?2`.
const AGREEMENT: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT id FROM agreements WHERE id = ?1 AND ",
    visible!("classification")
);

/// Field errors for what only the database knows: the committing party is a party to
/// the agreement, and the marking is within the writer's clearance and not lowered.
async fn check(
    conn: &mut SqliteConnection,
    agreement_id: i64,
    draft: &CommitmentDraft,
    before: Option<&CommitmentDraft>,
    clearance: Clearance,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    let party: Option<String> = sqlx::query_scalar(
        "SELECT partner FROM agreement_parties WHERE agreement_id = ?1 AND partner = ?2",
    )
    .bind(agreement_id)
    .bind(&draft.committing_party)
    .fetch_optional(&mut *conn)
    .await?;
    if party.is_none() {
        errors.add("committing_party", "The committing party must be a party to the agreement");
    }
    check_marking(&mut errors, &draft.classification, before.map(|b| &b.classification), clearance);
    check_reviewer(&mut *conn, &mut errors, agreement_id, draft).await?;
    let before_marking = before.map(|b| &b.classification);
    check_marking_terms(&mut *conn, &mut errors, &draft.classification, before_marking).await?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StorageError::Invalid(errors))
    }
}

/// The named reviewer must be an active reviewer or administrator cleared to see the
/// commitment under its agreement (else they could not open what they review).
async fn check_reviewer(
    conn: &mut SqliteConnection,
    errors: &mut FieldErrors,
    agreement_id: i64,
    draft: &CommitmentDraft,
) -> Result<()> {
    let Some(reviewer) = draft.reviewer_id else { return Ok(()) };
    let cleared: Option<bool> = sqlx::query_scalar(
        "SELECT ul.rank >= max((SELECT rank FROM classification_levels WHERE level = ?2),
                               (SELECT cl.rank FROM agreements a
                                  JOIN classification_levels cl ON cl.level = a.classification
                                 WHERE a.id = ?3))
           FROM users u JOIN classification_levels ul ON ul.level = u.clearance
          WHERE u.id = ?1 AND u.active = 1 AND u.role IN ('reviewer', 'admin')",
    )
    .bind(reviewer)
    .bind(draft.classification.level)
    .bind(agreement_id)
    .fetch_optional(&mut *conn)
    .await?;
    match cleared {
        None => errors.add("reviewer_id", REVIEWER_ERROR),
        Some(false) => {
            errors.add("reviewer_id", "Select a reviewer cleared to see this commitment")
        }
        Some(true) => {}
    }
    Ok(())
}

/// Replaces the commitment's strands with the draft's.
async fn write_strands(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &CommitmentDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM commitment_strands WHERE commitment_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    add_strands(conn, id, draft).await
}

/// Adds the draft's strands (a new commitment has none to replace).
async fn add_strands(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &CommitmentDraft,
) -> Result<(), sqlx::Error> {
    for strand in &draft.strands {
        sqlx::query("INSERT INTO commitment_strands (commitment_id, strand) VALUES (?1, ?2)")
            .bind(id)
            .bind(strand)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Adds a commitment under an agreement, returning its id. `NotFound` when the
/// writer cannot see the agreement (missing or above their clearance).
pub async fn create(
    tx: &mut Transaction<'_, Sqlite>,
    agreement_id: i64,
    draft: &CommitmentDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<i64> {
    let agreement: Option<i64> = sqlx::query_scalar(AGREEMENT)
        .bind(agreement_id)
        .bind(clearance.rank())
        .fetch_optional(&mut **tx)
        .await?;
    agreement.ok_or(StorageError::NotFound)?;
    check(tx, agreement_id, draft, None, clearance).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, owner, due_on, status, rag,
             next_review_on, classification, caveat, releasability, reviewer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
    )
    .bind(agreement_id)
    .bind(&draft.committing_party)
    .bind(&draft.text)
    .bind(draft.category)
    .bind(&draft.owner)
    .bind(draft.due_on)
    .bind(draft.status)
    .bind(draft.rag)
    .bind(draft.next_review_on)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.reviewer_id)
    .fetch_one(&mut **tx)
    .await?;
    add_strands(tx, id, draft).await?;
    audit::record(
        &mut **tx,
        actor,
        "create",
        "commitment",
        Some(&id.to_string()),
        None::<&()>,
        Some(draft),
    )
    .await?;
    tracing::info!(id, agreement_id, actor = %actor.name, "commitment created");
    Ok(id)
}

/// Saves an edit made against `version`. `NotFound` when the writer cannot see the
/// commitment or its agreement; `Conflict` and no change if someone saved first.
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    version: i64,
    draft: &CommitmentDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<()> {
    let row = sqlx::query(RECORD)
        .bind(id)
        .bind(clearance.rank())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    let before = draft_from_row(&row, strands(&mut **tx, id).await?)?;
    if row.try_get::<i64, _>("version")? != version {
        return Err(StorageError::Conflict);
    }
    check(tx, row.try_get("agreement_id")?, draft, Some(&before), clearance).await?;
    let done = sqlx::query(
        "UPDATE commitments SET committing_party = ?1, text = ?2, category = ?3, owner = ?4, due_on = ?5,
             status = ?6, rag = ?7, next_review_on = ?8, classification = ?9, caveat = ?10, releasability = ?11,
             reviewer_id = ?14,
             version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?12 AND version = ?13",
    )
    .bind(&draft.committing_party)
    .bind(&draft.text)
    .bind(draft.category)
    .bind(&draft.owner)
    .bind(draft.due_on)
    .bind(draft.status)
    .bind(draft.rag)
    .bind(draft.next_review_on)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(id)
    .bind(version)
    .bind(draft.reviewer_id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    write_strands(tx, id, draft).await?;
    audit::record(
        &mut **tx,
        actor,
        "update",
        "commitment",
        Some(&id.to_string()),
        Some(&before),
        Some(draft),
    )
    .await?;
    tracing::info!(id, actor = %actor.name, "commitment updated");
    Ok(())
}
