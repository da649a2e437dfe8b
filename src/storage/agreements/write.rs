//! Creating and editing agreements. Each function runs inside the caller's write
//! transaction (`storage::begin_write`), checks there what the writer may see and
//! mark (`checks`), and audits there; the caller commits. Nothing is written when a
//! check fails (the caller drops the transaction).

use super::checks::{check, current};
use crate::domain::{AgreementDraft, AgreementStatus, Clearance, FieldErrors};
use crate::storage::audit::{self, Actor};
use crate::storage::{is_unique_violation, Result, StorageError};
use sqlx::{Sqlite, SqliteConnection, Transaction};
use time::Date;

fn duplicate_reference(error: sqlx::Error) -> StorageError {
    if is_unique_violation(&error, "agreements.reference") {
        StorageError::Invalid(FieldErrors::single(
            "reference",
            "An agreement with this reference already exists",
        ))
    } else {
        StorageError::Database(error)
    }
}

fn scope_tags(draft: &AgreementDraft) -> Result<String, sqlx::Error> {
    serde_json::to_string(&draft.scope_tags).map_err(|e| sqlx::Error::Encode(e.into()))
}

async fn write_parties_and_strands(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &AgreementDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM agreement_strands WHERE agreement_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) SELECT ?1, alpha2 FROM partners WHERE is_home = 1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for partner in &draft.partners {
        sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)")
            .bind(id)
            .bind(partner)
            .execute(&mut *conn)
            .await?;
    }
    for strand in &draft.strands {
        sqlx::query("INSERT INTO agreement_strands (agreement_id, strand) VALUES (?1, ?2)")
            .bind(id)
            .bind(strand)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records a new agreement with its first status, returning its id.
pub async fn create(
    tx: &mut Transaction<'_, Sqlite>,
    draft: &AgreementDraft,
    status: AgreementStatus,
    actor: &Actor,
    clearance: Clearance,
    today: Date,
) -> Result<i64> {
    let links = check(tx, draft, clearance, None).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, signed_on, in_force_on,
             expires_on, lead_department_id, owner, summary, funding_gbp, funding_note, scope_tags,
             classification, caveat, releasability, next_review_on, supersedes_id, amends_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
         RETURNING id",
    )
    .bind(&draft.reference)
    .bind(&draft.title)
    .bind(draft.kind)
    .bind(draft.legally_binding)
    .bind(status)
    .bind(draft.signed_on)
    .bind(draft.in_force_on)
    .bind(draft.expires_on)
    .bind(draft.lead_department_id)
    .bind(&draft.owner)
    .bind(&draft.summary)
    .bind(draft.funding_gbp)
    .bind(&draft.funding_note)
    .bind(scope_tags(draft)?)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.next_review_on)
    .bind(links.supersedes_id)
    .bind(links.amends_id)
    .fetch_one(&mut **tx)
    .await
    .map_err(duplicate_reference)?;
    write_parties_and_strands(tx, id, draft).await?;
    sqlx::query(
        "INSERT INTO agreement_status_history (agreement_id, from_status, to_status, changed_on, note, changed_by)
         VALUES (?1, NULL, ?2, ?3, 'Recorded in Accord', ?4)",
    )
    .bind(id)
    .bind(status)
    .bind(today)
    .bind(actor.user_id)
    .execute(&mut **tx)
    .await?;
    let after = serde_json::json!({ "status": status, "agreement": draft });
    audit::record(
        &mut **tx,
        actor,
        "create",
        "agreement",
        Some(&id.to_string()),
        None::<&()>,
        Some(&after),
    )
    .await?;
    tracing::info!(id, reference = %draft.reference, actor = %actor.name, "agreement created");
    Ok(id)
}

/// Saves an edit made against `version`. `NotFound` when the writer cannot see the
/// agreement, `Conflict` (and no change) if someone else saved first.
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    version: i64,
    draft: &AgreementDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<()> {
    let before = current(tx, id, clearance).await?;
    if before.version != version {
        return Err(StorageError::Conflict);
    }
    let links = check(tx, draft, clearance, Some((id, &before))).await?;
    let done = sqlx::query(
        "UPDATE agreements SET reference = ?1, title = ?2, kind = ?3, legally_binding = ?4, signed_on = ?5,
             in_force_on = ?6, expires_on = ?7, lead_department_id = ?8, owner = ?9, summary = ?10,
             funding_gbp = ?11, funding_note = ?12, scope_tags = ?13, classification = ?14, caveat = ?15,
             releasability = ?16, next_review_on = ?17, supersedes_id = ?18, amends_id = ?19,
             version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?20 AND version = ?21",
    )
    .bind(&draft.reference)
    .bind(&draft.title)
    .bind(draft.kind)
    .bind(draft.legally_binding)
    .bind(draft.signed_on)
    .bind(draft.in_force_on)
    .bind(draft.expires_on)
    .bind(draft.lead_department_id)
    .bind(&draft.owner)
    .bind(&draft.summary)
    .bind(draft.funding_gbp)
    .bind(&draft.funding_note)
    .bind(scope_tags(draft)?)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.next_review_on)
    .bind(links.supersedes_id)
    .bind(links.amends_id)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await
    .map_err(duplicate_reference)?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    write_parties_and_strands(tx, id, draft).await?;
    audit::record(
        &mut **tx,
        actor,
        "update",
        "agreement",
        Some(&id.to_string()),
        Some(&before.draft),
        Some(draft),
    )
    .await?;
    tracing::info!(id, actor = %actor.name, "agreement updated");
    Ok(())
}
