//! Moving an agreement through its lifecycle, inside the caller's write transaction,
//! with the link from a superseding agreement checked and audited as its own change.

use super::checks::{current, visible_id, Current};
use crate::domain::{AgreementStatus, Clearance, FieldErrors, StatusChange};
use crate::storage::audit::{self, Actor};
use crate::storage::{Result, StorageError};
use sqlx::{Sqlite, Transaction};

/// Moves an agreement to a new status, dated and explained, through the transition
/// table. Superseding links the newer agreement in the same transaction
/// ([`link_superseding`]).
pub async fn change_status(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    version: i64,
    change: &StatusChange,
    actor: &Actor,
    clearance: Clearance,
) -> Result<()> {
    let Current { draft: stored, version: stored_version, status: from, .. } =
        current(tx, id, clearance).await?;
    if stored_version != version {
        return Err(StorageError::Conflict);
    }
    if let Err(message) = from.check_transition(change.to) {
        return Err(StorageError::Invalid(FieldErrors::single("to", message)));
    }
    // A blank date signed or in force is filled with the date of the change (below): it
    // must keep the order the table enforces, or the user would get a failure, not a message.
    let on = Some(change.changed_on);
    let signed_on = stored.signed_on.or(on.filter(|_| change.to == AgreementStatus::Signed));
    let in_force_on = stored.in_force_on.or(on.filter(|_| change.to == AgreementStatus::InForce));
    if signed_on.zip(in_force_on).is_some_and(|(signed, in_force)| signed > in_force)
        || in_force_on.zip(stored.expires_on).is_some_and(|(in_force, expires)| in_force > expires)
    {
        return Err(StorageError::Invalid(FieldErrors::single(
            "changed_on",
            "Date of the change must keep the agreement's dates in order: signed, then in force, then expiry",
        )));
    }
    if let Some(reference) = &change.superseded_by {
        link_superseding(tx, id, &stored.reference, reference, actor, clearance).await?;
    }
    // The first signature and entry into force also fill in their dates when blank.
    let done = sqlx::query(
        "UPDATE agreements SET status = ?1,
             signed_on = CASE WHEN ?1 = 'signed' THEN coalesce(signed_on, ?2) ELSE signed_on END,
             in_force_on = CASE WHEN ?1 = 'in_force' THEN coalesce(in_force_on, ?2) ELSE in_force_on END,
             version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?3 AND version = ?4",
    )
    .bind(change.to)
    .bind(change.changed_on)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    sqlx::query(
        "INSERT INTO agreement_status_history (agreement_id, from_status, to_status, changed_on, note, changed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(id)
    .bind(from)
    .bind(change.to)
    .bind(change.changed_on)
    .bind(&change.note)
    .bind(actor.user_id)
    .execute(&mut **tx)
    .await?;
    let before = serde_json::json!({ "status": from });
    audit::record(
        &mut **tx,
        actor,
        "status_change",
        "agreement",
        Some(&id.to_string()),
        Some(&before),
        Some(change),
    )
    .await?;
    tracing::info!(id, from = %from, to = %change.to, actor = %actor.name, "agreement status changed");
    Ok(())
}

/// Records that the agreement `newer_reference` supersedes the agreement `id`: a
/// change to the newer record, so it is checked and audited as one. The newer
/// agreement must be one the writer can see (else it "does not exist"), other than
/// `id`, and not already recorded as superseding another agreement (that link would
/// be silently lost).
async fn link_superseding(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    reference: &str,
    newer_reference: &str,
    actor: &Actor,
    clearance: Clearance,
) -> Result<()> {
    let missing = || {
        StorageError::Invalid(FieldErrors::single(
            "superseded_by",
            format!("There is no other agreement with the reference {newer_reference}"),
        ))
    };
    let newer = visible_id(tx, newer_reference, clearance).await?.filter(|newer| *newer != id);
    let newer = newer.ok_or_else(missing)?;
    let (version, supersedes): (i64, Option<i64>) =
        sqlx::query_as("SELECT version, supersedes_id FROM agreements WHERE id = ?1")
            .bind(newer)
            .fetch_one(&mut **tx)
            .await?;
    if supersedes.is_some_and(|older| older != id) {
        return Err(StorageError::Invalid(FieldErrors::single(
            "superseded_by",
            format!("{newer_reference} already records the agreement it supersedes"),
        )));
    }
    let done = sqlx::query(
        "UPDATE agreements SET supersedes_id = ?1, version = version + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2 AND version = ?3",
    )
    .bind(id)
    .bind(newer)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    let before = serde_json::json!({ "supersedes_id": supersedes, "version": version });
    let after =
        serde_json::json!({ "supersedes": reference, "supersedes_id": id, "version": version + 1 });
    audit::record(
        &mut **tx,
        actor,
        "update",
        "agreement",
        Some(&newer.to_string()),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}
