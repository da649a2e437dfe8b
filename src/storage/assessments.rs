//! Recording assessments of commitments. Append-only: there is no update or delete
//! here, and the table refuses both (migrations 0002 and 0010). A correction is a new
//! assessment naming the one it corrects.

use crate::domain::assessment::AssessmentDraft;
use crate::domain::{Classification, Clearance, CommitmentStatus, FieldErrors, Rag};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::{visible, visible_levels};
use crate::storage::{begin_write, marking, Result, StorageError};
use serde::Serialize;
use sqlx::{Row, SqliteConnection, SqlitePool};
use time::Date;

/// The commitment `?1` with what an assessment may change, when it and its agreement
/// are visible at the rank `?2`.
const COMMITMENT: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT c.version, c.status, c.rag, c.next_review_on,
             c.classification, c.caveat, c.releasability
        FROM commitments c JOIN agreements a ON a.id = c.agreement_id
       WHERE c.id = ?1 AND ",
    visible!("c.classification", "a.classification")
);

/// An assessment `?1` of the commitment `?2` visible at the rank `?3`.
const CORRECTABLE: &str = concat!(
    "WITH ",
    visible_levels!("?3"),
    " SELECT id FROM assessments WHERE id = ?1 AND commitment_id = ?2 AND ",
    visible!("classification")
);

/// What an assessment sets on its commitment: the commitment's audit row records these.
#[derive(Debug, Serialize)]
struct Current {
    status: CommitmentStatus,
    rag: Option<Rag>,
    next_review_on: Option<Date>,
}

/// The audit row of a recorded assessment: the draft and the commitment it judges.
#[derive(Serialize)]
struct Recorded<'a> {
    commitment_id: i64,
    #[serde(flatten)]
    draft: &'a AssessmentDraft,
}

/// Records an assessment of the commitment `commitment_id`, read by the writer at
/// `version`, returning its id. In one transaction: the assessment, and — only if it
/// is now the latest by (assessed on, id), since a back-dated one is history, not the
/// current state — the commitment's status, RAG and next review (version bumped), each
/// audited. `NotFound` when the writer cannot see the commitment or its agreement,
/// `Conflict` when the commitment moved on since `version`, `Invalid` for a marking
/// below the commitment's or above the writer's clearance, or a `corrects` that is
/// not a visible assessment of this commitment. Nothing is written on any error.
///
/// The status, RAG and next review an assessment sets are the commitment's own fields,
/// read at the commitment's effective marking like an editor's edit of them; the
/// assessment's marking, which may be higher, covers its note and evidence (the form
/// says so beside the classification).
pub async fn record_assessment(
    pool: &SqlitePool,
    commitment_id: i64,
    version: i64,
    draft: &AssessmentDraft,
    user: &crate::User,
) -> Result<i64> {
    let clearance = user.clearance();
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(COMMITMENT)
        .bind(commitment_id)
        .bind(clearance.rank())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    if row.try_get::<i64, _>("version")? != version {
        return Err(StorageError::Conflict);
    }
    let before = Current {
        status: row.try_get("status")?,
        rag: row.try_get("rag")?,
        next_review_on: row.try_get("next_review_on")?,
    };
    check(&mut tx, commitment_id, draft, &marking(&row)?, clearance).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO assessments (commitment_id, assessed_on, assessor_id, assessor_name, status, rag,
             progress_note, evidence, next_review_on, classification, caveat, releasability, corrects_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
    )
    .bind(commitment_id)
    .bind(draft.assessed_on)
    .bind(user.id)
    .bind(&user.display_name)
    .bind(draft.status)
    .bind(draft.rag)
    .bind(&draft.progress_note)
    .bind(&draft.evidence)
    .bind(draft.next_review_on)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.corrects)
    .fetch_one(&mut **tx)
    .await?;
    let actor = Actor::user(user);
    let recorded = Recorded { commitment_id, draft };
    let entity_id = id.to_string();
    audit::record(
        &mut **tx,
        &actor,
        "create",
        "assessment",
        Some(&entity_id),
        None::<&()>,
        Some(&recorded),
    )
    .await?;
    let latest: i64 = sqlx::query_scalar(
        "SELECT id FROM assessments WHERE commitment_id = ?1 ORDER BY assessed_on DESC, id DESC LIMIT 1",
    )
    .bind(commitment_id)
    .fetch_one(&mut **tx)
    .await?;
    if latest == id {
        set_current(&mut tx, commitment_id, version, draft, &before, &actor).await?;
    }
    tx.commit().await?;
    tracing::info!(id, commitment_id, actor = %actor.name, latest = latest == id, "assessment recorded");
    Ok(id)
}

/// Field errors for what only the database knows: the marking's bounds and terms, and
/// the assessment corrected.
async fn check(
    conn: &mut SqliteConnection,
    commitment_id: i64,
    draft: &AssessmentDraft,
    commitment_marking: &Classification,
    clearance: Clearance,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    let marking = &draft.classification;
    if !clearance.permits(marking.level) {
        errors.add(
            "classification",
            format!(
                "Select a classification no higher than your clearance, {}",
                clearance.0.label()
            ),
        );
    } else if marking.lowers(commitment_marking) {
        errors.add(
            "classification",
            format!(
                "An assessment cannot be marked lower than its commitment, {commitment_marking}"
            ),
        );
    }
    check_marking_terms(&mut *conn, &mut errors, marking, Some(commitment_marking)).await?;
    if let Some(corrects) = draft.corrects {
        let found: Option<i64> = sqlx::query_scalar(CORRECTABLE)
            .bind(corrects)
            .bind(commitment_id)
            .bind(clearance.rank())
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            errors.add("corrects", "Select an earlier assessment of this commitment");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StorageError::Invalid(errors))
    }
}

/// Makes the latest assessment the commitment's current state, audited as an update
/// of the commitment so its History shows it.
async fn set_current(
    conn: &mut SqliteConnection,
    commitment_id: i64,
    version: i64,
    draft: &AssessmentDraft,
    before: &Current,
    actor: &Actor,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE commitments SET status = ?1, rag = ?2, next_review_on = ?3, version = version + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?4 AND version = ?5",
    )
    .bind(draft.status)
    .bind(draft.rag)
    .bind(draft.next_review_on)
    .bind(commitment_id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    let after = Current {
        status: draft.status,
        rag: Some(draft.rag),
        next_review_on: draft.next_review_on,
    };
    let entity_id = commitment_id.to_string();
    audit::record(
        &mut *conn,
        actor,
        "update",
        "commitment",
        Some(&entity_id),
        Some(before),
        Some(&after),
    )
    .await?;
    Ok(())
}
