//! What an agreement write reads and checks first, inside the writer's transaction:
//! the record as the writer may see it, and the references only the database can
//! check (partners, lead department, linked agreements, marking).

use super::detail::{draft_from_row, parties};
use crate::domain::{AgreementDraft, AgreementStatus, Clearance, FieldErrors};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::{check_marking, visible, visible_levels};
use crate::storage::{Result, StorageError};
use sqlx::{Row, SqliteConnection};

/// The id of the agreement with `reference` (`?1`) when visible at the rank `?2`.
const VISIBLE_ID: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT id FROM agreements WHERE reference = ?1 AND ",
    visible!("classification")
);

/// An agreement (`?1`) as an edit compares against it, when visible at the rank `?2`;
/// the agreements it links to are named only when visible too.
const CURRENT: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT a.*, sup.reference AS supersedes_ref, am.reference AS amends_ref FROM agreements a
       LEFT JOIN agreements sup ON sup.id = a.supersedes_id AND ",
    visible!("sup.classification"),
    " LEFT JOIN agreements am ON am.id = a.amends_id AND ",
    visible!("am.classification"),
    " WHERE a.id = ?1 AND ",
    visible!("a.classification")
);

/// What an edit or status change starts from.
pub(super) struct Current {
    pub draft: AgreementDraft,
    pub version: i64,
    pub status: AgreementStatus,
    /// Links to agreements the writer cannot see: kept as they are, since the form
    /// could not show them.
    hidden_supersedes: Option<i64>,
    hidden_amends: Option<i64>,
}

/// The agreement as the writer may see it, or `NotFound` (missing or above clearance).
pub(super) async fn current(
    conn: &mut SqliteConnection,
    id: i64,
    clearance: Clearance,
) -> Result<Current> {
    let row = sqlx::query(CURRENT)
        .bind(id)
        .bind(clearance.rank())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StorageError::NotFound)?;
    let parties = parties(&mut *conn, id).await?;
    let strands = sqlx::query_scalar(
        "SELECT strand FROM agreement_strands WHERE agreement_id = ?1 ORDER BY
            CASE strand WHEN 'prevent' THEN 1 WHEN 'pursue' THEN 2 WHEN 'protect' THEN 3 ELSE 4 END",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let hidden = |id_column: &str, ref_column: &str| -> Result<Option<i64>, sqlx::Error> {
        let linked: Option<i64> = row.try_get(id_column)?;
        let shown: Option<String> = row.try_get(ref_column)?;
        Ok(linked.filter(|_| shown.is_none()))
    };
    Ok(Current {
        hidden_supersedes: hidden("supersedes_id", "supersedes_ref")?,
        hidden_amends: hidden("amends_id", "amends_ref")?,
        draft: draft_from_row(&row, &parties, strands)?,
        version: row.try_get("version")?,
        status: row.try_get("status")?,
    })
}

/// Ids of the agreements a draft links to, resolved from their references.
pub(super) struct Links {
    pub supersedes_id: Option<i64>,
    pub amends_id: Option<i64>,
}

/// Checks what only the database knows, as field errors: the partners and the lead
/// department exist, the linked agreements exist *for this writer* (one above their
/// clearance reads as missing), and the marking is within the writer's clearance and
/// not lower than before. Resolves the linked references to ids.
pub(super) async fn check(
    conn: &mut SqliteConnection,
    draft: &AgreementDraft,
    clearance: Clearance,
    before: Option<(i64, &Current)>,
) -> Result<Links> {
    let mut errors = FieldErrors::default();
    let partners =
        serde_json::to_string(&draft.partners).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let known: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM partners WHERE is_home = 0 AND alpha2 IN (SELECT value FROM json_each(?1))",
    )
    .bind(&partners)
    .fetch_one(&mut *conn)
    .await?;
    if known as usize != draft.partners.len() {
        errors.add("partners", "Select partners from the list");
    }
    if let Some(lead) = draft.lead_department_id {
        // A body withdrawn from the list may stay on a record that already has it.
        let kept = before.and_then(|(_, current)| current.draft.lead_department_id);
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM uk_bodies WHERE id = ?1 AND (active OR id = ?2)")
                .bind(lead)
                .bind(kept)
                .fetch_optional(&mut *conn)
                .await?;
        if found.is_none() {
            errors.add("lead_department_id", "Select the lead department from the list");
        }
    }
    let own_id = before.map(|(id, _)| id);
    let mut ids = [None, None];
    for (slot, (field, reference)) in
        [("supersedes", &draft.supersedes), ("amends", &draft.amends)].into_iter().enumerate()
    {
        let Some(reference) = reference else { continue };
        let id = visible_id(&mut *conn, reference, clearance).await?;
        if id.is_none() || id == own_id {
            errors
                .add(field, format!("There is no other agreement with the reference {reference}"));
        }
        ids[slot] = id;
    }
    let before_marking = before.map(|(_, current)| &current.draft.classification);
    check_marking(&mut errors, &draft.classification, before_marking, clearance);
    check_marking_terms(&mut *conn, &mut errors, &draft.classification, before_marking).await?;
    if !errors.is_empty() {
        return Err(StorageError::Invalid(errors));
    }
    let [supersedes_id, amends_id] = ids;
    let keep = |hidden: fn(&Current) -> Option<i64>| before.and_then(|(_, c)| hidden(c));
    Ok(Links {
        supersedes_id: supersedes_id.or(keep(|c| c.hidden_supersedes)),
        amends_id: amends_id.or(keep(|c| c.hidden_amends)),
    })
}

/// The id of the agreement with `reference`, when the writer may see it.
pub(super) async fn visible_id(
    conn: &mut SqliteConnection,
    reference: &str,
    clearance: Clearance,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(VISIBLE_ID).bind(reference).bind(clearance.rank()).fetch_optional(conn).await
}
