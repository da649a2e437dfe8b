//! Creating and editing sharing arrangements. Each function runs inside the caller's
//! write transaction (`storage::begin_write`), checks there what the writer may see,
//! link to and mark, and audits there; the caller commits. Nothing is written when a
//! check fails.

use super::detail::{draft_from_row, DETAIL};
use crate::domain::{Classification, Clearance, FieldErrors, SharingDraft};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::{check_marking, visible, visible_levels};
use crate::storage::{is_unique_violation, Result, StorageError};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};

/// What an edit is checked against: the UK body and marking the record has now.
struct Before<'a> {
    uk_body_id: i64,
    marking: &'a Classification,
}

/// Checks what only the database knows (the UK body, the partner and the governing
/// agreement exist, the marking is within the writer's clearance and not lowered) and
/// resolves the agreement's reference to its id. An agreement above the writer's
/// clearance is "not found": the form cannot probe for it.
async fn check(
    conn: &mut SqliteConnection,
    draft: &SharingDraft,
    clearance: Clearance,
    before: Option<Before<'_>>,
) -> Result<Option<i64>> {
    let mut errors = FieldErrors::default();
    // A body withdrawn from the list may stay on a record that already has it.
    let body: Option<i64> =
        sqlx::query_scalar("SELECT id FROM uk_bodies WHERE id = ?1 AND (active OR id = ?2)")
            .bind(draft.uk_body_id)
            .bind(before.as_ref().map(|b| b.uk_body_id))
            .fetch_optional(&mut *conn)
            .await?;
    if body.is_none() {
        errors.add("uk_body_id", "Select the UK body from the list");
    }
    let partner: Option<String> =
        sqlx::query_scalar("SELECT alpha2 FROM partners WHERE alpha2 = ?1 AND is_home = 0")
            .bind(&draft.partner)
            .fetch_optional(&mut *conn)
            .await?;
    if partner.is_none() {
        errors.add("partner", "Select the partner from the list");
    }
    let mut agreement_id = None;
    if let Some(reference) = &draft.agreement {
        agreement_id = sqlx::query_scalar(concat!(
            "WITH ",
            visible_levels!("?2"),
            " SELECT id FROM agreements WHERE reference = ?1 AND ",
            visible!("classification")
        ))
        .bind(reference)
        .bind(clearance.rank())
        .fetch_optional(&mut *conn)
        .await?;
        if agreement_id.is_none() {
            errors
                .add("agreement", format!("There is no agreement with the reference {reference}"));
        }
    }
    let before_marking = before.map(|b| b.marking);
    check_marking(&mut errors, &draft.classification, before_marking, clearance);
    check_marking_terms(&mut *conn, &mut errors, &draft.classification, before_marking).await?;
    if errors.is_empty() {
        Ok(agreement_id)
    } else {
        Err(StorageError::Invalid(errors))
    }
}

fn duplicate_reference(error: sqlx::Error) -> StorageError {
    if is_unique_violation(&error, "sharing_arrangements.reference") {
        StorageError::Invalid(FieldErrors::single(
            "reference",
            "A sharing arrangement with this reference already exists",
        ))
    } else {
        StorageError::Database(error)
    }
}

async fn write_categories(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &SharingDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sharing_data_categories WHERE arrangement_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for category in &draft.data_categories {
        sqlx::query(
            "INSERT INTO sharing_data_categories (arrangement_id, category) VALUES (?1, ?2)",
        )
        .bind(id)
        .bind(category)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records a new arrangement, returning its id.
pub async fn create(
    tx: &mut Transaction<'_, Sqlite>,
    draft: &SharingDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<i64> {
    let agreement_id = check(tx, draft, clearance, None).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction,
             legal_basis, handling_caveats, onward_sharing, osja_status, osja_assessed_on, agreement_id, status,
             classification, caveat, releasability, next_review_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         RETURNING id",
    )
    .bind(&draft.reference)
    .bind(&draft.title)
    .bind(draft.uk_body_id)
    .bind(&draft.partner)
    .bind(&draft.partner_body)
    .bind(draft.direction)
    .bind(&draft.legal_basis)
    .bind(&draft.handling_caveats)
    .bind(draft.onward_sharing)
    .bind(draft.osja_status)
    .bind(draft.osja_assessed_on)
    .bind(agreement_id)
    .bind(draft.status)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.next_review_on)
    .fetch_one(&mut **tx)
    .await
    .map_err(duplicate_reference)?;
    write_categories(tx, id, draft).await?;
    audit::record(
        &mut **tx,
        actor,
        "create",
        "sharing_arrangement",
        Some(&id.to_string()),
        None::<&()>,
        Some(draft),
    )
    .await?;
    tracing::info!(id, reference = %draft.reference, actor = %actor.name, "sharing arrangement created");
    Ok(id)
}

/// Saves an edit made against `version`: `NotFound` when the writer cannot see the
/// arrangement, `Conflict` (and no change) if someone else saved first. A governing
/// agreement the writer cannot see (so could not have changed) is kept when the form
/// leaves the agreement blank.
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    version: i64,
    draft: &SharingDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<()> {
    let row = sqlx::query(DETAIL)
        .bind(id)
        .bind(clearance.rank())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    if row.try_get::<i64, _>("version")? != version {
        return Err(StorageError::Conflict);
    }
    let before = draft_from_row(&row)?;
    let stored_agreement: Option<i64> = row.try_get("agreement_id")?;
    let shown_agreement: Option<i64> = row.try_get("a_id")?;
    let hidden_agreement = stored_agreement.filter(|_| shown_agreement.is_none());
    let checked =
        Before { uk_body_id: row.try_get("uk_body_id")?, marking: &before.classification };
    let agreement_id = match check(tx, draft, clearance, Some(checked)).await? {
        None => hidden_agreement,
        linked => linked,
    };
    let done = sqlx::query(
        "UPDATE sharing_arrangements SET reference = ?1, title = ?2, uk_body_id = ?3, partner = ?4,
             partner_body = ?5, direction = ?6, legal_basis = ?7, handling_caveats = ?8, onward_sharing = ?9,
             osja_status = ?10, osja_assessed_on = ?11, agreement_id = ?12, status = ?13, classification = ?14,
             caveat = ?15, releasability = ?16, next_review_on = ?17,
             version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?18 AND version = ?19",
    )
    .bind(&draft.reference)
    .bind(&draft.title)
    .bind(draft.uk_body_id)
    .bind(&draft.partner)
    .bind(&draft.partner_body)
    .bind(draft.direction)
    .bind(&draft.legal_basis)
    .bind(&draft.handling_caveats)
    .bind(draft.onward_sharing)
    .bind(draft.osja_status)
    .bind(draft.osja_assessed_on)
    .bind(agreement_id)
    .bind(draft.status)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.next_review_on)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await
    .map_err(duplicate_reference)?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    write_categories(tx, id, draft).await?;
    audit::record(
        &mut **tx,
        actor,
        "update",
        "sharing_arrangement",
        Some(&id.to_string()),
        Some(&before),
        Some(draft),
    )
    .await?;
    tracing::info!(id, actor = %actor.name, "sharing arrangement updated");
    Ok(())
}
