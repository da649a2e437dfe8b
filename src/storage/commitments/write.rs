//! Adding and editing commitments. Each function runs inside the caller's write
//! transaction (`storage::begin_write`), checks there that the writer may see the
//! commitment and its agreement and may mark it so, and audits there; the caller
//! commits. Nothing is written when a check fails.

use super::detail::{draft_from_row, strands, RECORD};
use crate::domain::commitment_record::REVIEWER_ERROR;
use crate::domain::{Clearance, CommitmentDraft, FieldErrors};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::marking_terms_in;
use crate::storage::direct::{date_text, Direct, Param, Value};
use crate::storage::visibility::{check_marking, visible, visible_levels};
use crate::storage::writer;
use crate::storage::{Result, StorageError};
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

/// The effective rank of a commitment marked `$level` (a parameter) under the agreement
/// row `$agreement`: the higher of the two levels' ranks, as the view
/// `commitment_effective_ranks` (migration 0016) gives it for a stored commitment.
macro_rules! effective_rank {
    ($agreement:literal, $level:literal) => {
        concat!(
            "max((SELECT rank FROM classification_levels WHERE level = ",
            $agreement,
            ".classification), (SELECT rank FROM classification_levels WHERE level = ",
            $level,
            "))"
        )
    };
}

/// The agreement `?1` when visible at the rank `?2`: its reference, and the effective
/// rank of a commitment of it marked `?3`, which the insert gives the row itself
/// (migrations/0033_commitment_rank_given.sql).
const AGREEMENT: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT reference, ",
    effective_rank!("agreements", "?3"),
    " FROM agreements WHERE id = ?1 AND ",
    visible!("classification")
);

/// Field errors for what only the database knows: the committing party is a party to
/// the agreement, and the marking is within the writer's clearance and not lowered.
fn check(
    direct: &mut Direct<'_>,
    agreement_id: i64,
    draft: &CommitmentDraft,
    before: Option<&CommitmentDraft>,
    clearance: Clearance,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    let party = direct.first(
        "SELECT partner FROM agreement_parties WHERE agreement_id = ?1 AND partner = ?2",
        &[agreement_id.into(), (&draft.committing_party).into()],
    )?;
    if party.is_none() {
        errors.add("committing_party", "The committing party must be a party to the agreement");
    }
    check_marking(&mut errors, &draft.classification, before.map(|b| &b.classification), clearance);
    check_reviewer(direct, &mut errors, agreement_id, draft)?;
    let before_marking = before.map(|b| &b.classification);
    marking_terms_in(direct, &mut errors, &draft.classification, before_marking)?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StorageError::Invalid(errors))
    }
}

/// The named reviewer must be an active reviewer or administrator cleared to see the
/// commitment under its agreement (else they could not open what they review).
fn check_reviewer(
    direct: &mut Direct<'_>,
    errors: &mut FieldErrors,
    agreement_id: i64,
    draft: &CommitmentDraft,
) -> Result<()> {
    let Some(reviewer) = draft.reviewer_id else { return Ok(()) };
    let cleared = direct.first(
        concat!(
            "SELECT ul.rank >= (SELECT ",
            effective_rank!("a", "?2"),
            " FROM agreements a WHERE a.id = ?3)
               FROM users u JOIN classification_levels ul ON ul.level = u.clearance
              WHERE u.id = ?1 AND u.active = 1 AND u.role IN ('reviewer', 'admin')"
        ),
        &[reviewer.into(), draft.classification.level.code().into(), agreement_id.into()],
    )?;
    match cleared.map(|cleared| cleared.int() == Some(1)) {
        None => errors.add("reviewer_id", REVIEWER_ERROR),
        Some(false) => {
            errors.add("reviewer_id", "Select a reviewer cleared to see this commitment")
        }
        Some(true) => {}
    }
    Ok(())
}

/// Replaces the commitment's strands with the draft's.
fn write_strands(
    direct: &mut Direct<'_>,
    id: i64,
    draft: &CommitmentDraft,
) -> Result<(), sqlx::Error> {
    direct.execute("DELETE FROM commitment_strands WHERE commitment_id = ?1", &[id.into()])?;
    add_strands(direct, id, draft)
}

/// Adds the draft's strands (a new commitment has none to replace).
fn add_strands(
    direct: &mut Direct<'_>,
    id: i64,
    draft: &CommitmentDraft,
) -> Result<(), sqlx::Error> {
    for strand in &draft.strands {
        direct.execute(
            "INSERT INTO commitment_strands (commitment_id, strand) VALUES (?1, ?2)",
            &[id.into(), strand.code().into()],
        )?;
    }
    Ok(())
}

/// Adds a commitment under an agreement, returning its id. `NotFound` when the
/// writer cannot see the agreement (missing or above their clearance).
///
/// The checks, the row and its strands are written in one turn on the handle
/// (`storage::direct`): under a stream of edits, the writer's turn is most of an
/// edit's time.
pub async fn create(
    tx: &mut Transaction<'_, Sqlite>,
    agreement_id: i64,
    draft: &CommitmentDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<i64> {
    let (id, audited) = {
        let mut direct = Direct::lock(tx).await?;
        insert(&mut direct, agreement_id, draft, actor, clearance)?
    };
    audit_unless(audited, tx, actor, "create", id, None, draft).await?;
    tracing::info!(id, agreement_id, actor = %actor.name, "commitment created");
    Ok(id)
}

/// [`create`] as an edit of its own, queued for the writer with the edits arriving
/// with it and run back to back with them (`storage::writer::edit`); returns once
/// it is durable. What a form post uses.
pub async fn add(
    pool: &SqlitePool,
    agreement_id: i64,
    draft: CommitmentDraft,
    actor: Actor,
    clearance: Clearance,
) -> Result<i64> {
    let name = actor.name.clone();
    let id = writer::edit(pool, move |direct| {
        let (id, audited) = insert(direct, agreement_id, &draft, &actor, clearance)?;
        if audited {
            Ok(id)
        } else {
            // Never on a database opened through `storage::open`, which seals the
            // chain; refused rather than saved without its audit entry.
            Err(StorageError::Database(sqlx::Error::Protocol(
                "the audit log ends in unsealed entries: open the database through storage::open"
                    .into(),
            )))
        }
    })
    .await?;
    tracing::info!(id, agreement_id, actor = %name, "commitment created");
    Ok(id)
}

/// The checks, the row, its strands and its audit entry: the commitment's id, and
/// whether the audit entry was written (see `audit::record_in`).
fn insert(
    direct: &mut Direct<'_>,
    agreement_id: i64,
    draft: &CommitmentDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<(i64, bool)> {
    let level = draft.classification.level.code();
    let agreement =
        direct.rows(AGREEMENT, &[agreement_id.into(), clearance.rank().into(), level.into()])?;
    let mut agreement = agreement.into_iter().next().ok_or(StorageError::NotFound)?.into_iter();
    let (reference, rank) = (agreement.next(), agreement.next());
    check(direct, agreement_id, draft, None, clearance)?;
    let dates = Dates::of(draft);
    let mut params = dates.params(draft).to_vec();
    params.push(Param::Int(agreement_id));
    // If either is missing, the row takes its default and the trigger sets it.
    params.push(rank.and_then(|rank| rank.int()).into());
    let reference = reference.and_then(Value::into_text);
    params.push(reference.as_ref().into());
    let id = direct.first(
        "INSERT INTO commitments (committing_party, text, category, owner, due_on, status, rag,
             next_review_on, classification, caveat, releasability, reviewer_id, agreement_id,
             effective_rank, agreement_reference)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
             coalesce(?14, 99), coalesce(?15, '')) RETURNING id",
        &params,
    )?;
    let id = id.and_then(|id| id.int());
    let id = id.ok_or_else(|| sqlx::Error::Protocol("the insert returned no id".into()))?;
    add_strands(direct, id, draft)?;
    let entity_id = id.to_string();
    let audited = audit::record_in(
        direct,
        actor,
        "create",
        "commitment",
        Some(&entity_id),
        None::<&()>,
        Some(draft),
    )?;
    Ok((id, audited))
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
    let agreement_id = row.try_get("agreement_id")?;
    // The checks, the row, its strands and its audit entry in one turn on the handle.
    let audited = {
        let mut direct = Direct::lock(tx).await?;
        check(&mut direct, agreement_id, draft, Some(&before), clearance)?;
        let dates = Dates::of(draft);
        let mut params = dates.params(draft).to_vec();
        params.extend([Param::Int(id), Param::Int(version)]);
        let changed = direct.execute(
            "UPDATE commitments SET committing_party = ?1, text = ?2, category = ?3, owner = ?4, due_on = ?5,
                 status = ?6, rag = ?7, next_review_on = ?8, classification = ?9, caveat = ?10,
                 releasability = ?11, reviewer_id = ?12,
                 version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?13 AND version = ?14",
            &params,
        )?;
        if changed == 0 {
            return Err(StorageError::Conflict);
        }
        write_strands(&mut direct, id, draft)?;
        let entity_id = id.to_string();
        audit::record_in(
            &mut direct,
            actor,
            "update",
            "commitment",
            Some(&entity_id),
            Some(&before),
            Some(draft),
        )?
    };
    audit_unless(audited, tx, actor, "update", id, Some(&before), draft).await?;
    tracing::info!(id, actor = %actor.name, "commitment updated");
    Ok(())
}

/// A draft's dates as stored (`YYYY-MM-DD`), kept while its parameters borrow them.
struct Dates {
    due_on: Option<String>,
    next_review_on: Option<String>,
}

impl Dates {
    fn of(draft: &CommitmentDraft) -> Dates {
        Dates {
            due_on: draft.due_on.map(date_text),
            next_review_on: draft.next_review_on.map(date_text),
        }
    }

    /// The draft's columns as `?1`–`?12`, in the order the insert and the update name them.
    fn params<'a>(&'a self, draft: &'a CommitmentDraft) -> [Param<'a>; 12] {
        [
            (&draft.committing_party).into(),
            (&draft.text).into(),
            draft.category.code().into(),
            (&draft.owner).into(),
            self.due_on.as_ref().into(),
            draft.status.code().into(),
            draft.rag.map(|rag| rag.code()).into(),
            self.next_review_on.as_ref().into(),
            draft.classification.level.code().into(),
            draft.classification.caveat.as_ref().into(),
            draft.classification.releasability.as_ref().into(),
            draft.reviewer_id.into(),
        ]
    }
}

/// Writes the audit entry the change's turn on the handle could not (`record_in` found
/// the chain unsealed): `record` seals it first.
async fn audit_unless(
    audited: bool,
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<&CommitmentDraft>,
    after: &CommitmentDraft,
) -> Result<()> {
    if !audited {
        let entity_id = id.to_string();
        audit::record(
            &mut **tx,
            actor,
            action,
            "commitment",
            Some(&entity_id),
            before,
            Some(after),
        )
        .await?;
    }
    Ok(())
}
