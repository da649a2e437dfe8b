//! A commitment's page: the record, its agreement and its assessment history.

use super::agreement_marking;
use crate::domain::commitment::is_overdue;
use crate::domain::commitment_record::AssessmentEntry;
use crate::domain::{Clearance, CommitmentDetail, CommitmentDraft};
use crate::storage::marking;
use crate::storage::visibility::{visible, visible_levels};
use sqlx::{Row, SqlitePool};
use time::Date;

/// A commitment (`?1`) with its agreement, when both are visible at the rank `?2`.
pub(super) const RECORD: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT c.*, p.name AS party_name, a.reference AS agreement_reference, a.title AS agreement_title,
             a.classification AS a_classification, a.caveat AS a_caveat, a.releasability AS a_releasability,
             (SELECT display_name FROM users WHERE id = c.reviewer_id) AS reviewer_name
        FROM commitments c JOIN agreements a ON a.id = c.agreement_id
        JOIN partners p ON p.alpha2 = c.committing_party
       WHERE c.id = ?1 AND ",
    visible!("c.classification", "a.classification")
);

/// The commitment's (`?1`) assessments visible at the rank `?2`, newest first.
const ASSESSMENTS: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT s.id, s.assessed_on, s.assessor_name, s.status, s.rag, s.progress_note, s.evidence,
             s.next_review_on, s.classification, s.caveat, s.releasability, s.corrects_id,
             CASE WHEN o.classification IN visible THEN o.assessed_on END AS corrects_on
        FROM assessments s LEFT JOIN assessments o ON o.id = s.corrects_id
       WHERE s.commitment_id = ?1 AND ",
    visible!("s.classification"),
    " ORDER BY s.assessed_on DESC, s.id DESC"
);

/// A commitment with its agreement and assessment history; `None` when missing or
/// above the reader's clearance (or its agreement is).
pub async fn get(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
    today: Date,
) -> Result<Option<CommitmentDetail>, sqlx::Error> {
    let rank = clearance.rank();
    let Some(row) = sqlx::query(RECORD).bind(id).bind(rank).fetch_optional(pool).await? else {
        return Ok(None);
    };
    let agreement_id: i64 = row.try_get("agreement_id")?;
    let parties = sqlx::query_as(
        "SELECT p.alpha2, p.name FROM agreement_parties ap JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = ?1 ORDER BY p.is_home DESC, p.name",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await?;
    let strands = strands(pool, id).await?;
    let assessments = sqlx::query(ASSESSMENTS)
        .bind(id)
        .bind(rank)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(AssessmentEntry {
                id: r.try_get("id")?,
                assessed_on: r.try_get("assessed_on")?,
                assessor: r.try_get("assessor_name")?,
                status: r.try_get("status")?,
                rag: r.try_get("rag")?,
                progress_note: r.try_get("progress_note")?,
                evidence: r.try_get("evidence")?,
                next_review_on: r.try_get("next_review_on")?,
                classification: marking(r)?,
                corrects: r.try_get("corrects_id")?,
                corrects_on: r.try_get("corrects_on")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let draft = draft_from_row(&row, strands)?;
    Ok(Some(CommitmentDetail {
        id,
        version: row.try_get("version")?,
        agreement_id,
        agreement_reference: row.try_get("agreement_reference")?,
        agreement_title: row.try_get("agreement_title")?,
        agreement_classification: agreement_marking(&row)?,
        parties,
        committing_party_name: row.try_get("party_name")?,
        reviewer_name: row.try_get("reviewer_name")?,
        overdue: is_overdue(draft.status, draft.due_on, today),
        draft,
        assessments,
    }))
}

/// A commitment's strands in CONTEST order, as forms send them, so an unchanged edit
/// compares equal.
pub(super) async fn strands(
    db: impl sqlx::SqliteExecutor<'_>,
    id: i64,
) -> Result<Vec<crate::ContestStrand>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT strand FROM commitment_strands WHERE commitment_id = ?1 ORDER BY
            CASE strand WHEN 'prevent' THEN 1 WHEN 'pursue' THEN 2 WHEN 'protect' THEN 3 ELSE 4 END",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// The draft a row of `commitments` holds.
pub(super) fn draft_from_row(
    row: &sqlx::sqlite::SqliteRow,
    strands: Vec<crate::ContestStrand>,
) -> Result<CommitmentDraft, sqlx::Error> {
    Ok(CommitmentDraft {
        committing_party: row.try_get("committing_party")?,
        text: row.try_get("text")?,
        category: row.try_get("category")?,
        owner: row.try_get("owner")?,
        due_on: row.try_get("due_on")?,
        status: row.try_get("status")?,
        rag: row.try_get("rag")?,
        next_review_on: row.try_get("next_review_on")?,
        strands,
        classification: marking(row)?,
        reviewer_id: row.try_get("reviewer_id")?,
    })
}
