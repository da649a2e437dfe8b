//! The agreement page: the record, its parties, links, history, commitments and
//! arrangements, each bounded by the reader's clearance.

use crate::domain::agreement_record::{
    AgreementLink, CommitmentLine, Party, SharingLine, StatusHistoryEntry,
};
use crate::domain::commitment::is_overdue;
use crate::domain::{AgreementDetail, AgreementDraft, AgreementStatus, Clearance};
use crate::storage::marking;
use crate::storage::visibility::{visible, visible_levels};
use sqlx::{Row, SqlitePool};
use time::Date;

/// The record (`?1` id) when visible at the rank `?2`, with the references of the
/// agreements it supersedes and amends only when those are visible too: an edit form
/// pre-filled from it shows no trace of a link the reader may not follow.
const RECORD: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT a.*, b.name AS lead_department, sup.reference AS supersedes_ref, am.reference AS amends_ref
       FROM agreements a
       LEFT JOIN uk_bodies b ON b.id = a.lead_department_id
       LEFT JOIN agreements sup ON sup.id = a.supersedes_id AND ",
    visible!("sup.classification"),
    " LEFT JOIN agreements am ON am.id = a.amends_id AND ",
    visible!("am.classification"),
    " WHERE a.id = ?1 AND ",
    visible!("a.classification")
);

/// Links both ways (`?1` the agreement), only to agreements visible at the rank `?2`.
const LINKS: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT 'supersedes', o.id, o.reference, o.title FROM agreements a JOIN agreements o ON o.id = a.supersedes_id
       WHERE a.id = ?1 AND ",
    visible!("o.classification"),
    " UNION ALL SELECT 'amends', o.id, o.reference, o.title FROM agreements a JOIN agreements o ON o.id = a.amends_id
       WHERE a.id = ?1 AND ",
    visible!("o.classification"),
    " UNION ALL SELECT 'superseded_by', o.id, o.reference, o.title FROM agreements o
       WHERE o.supersedes_id = ?1 AND ",
    visible!("o.classification"),
    " UNION ALL SELECT 'amended_by', o.id, o.reference, o.title FROM agreements o
       WHERE o.amends_id = ?1 AND ",
    visible!("o.classification")
);

/// The agreement's commitments (`?1`) visible at the rank `?2`. The agreement itself
/// was checked by [`RECORD`].
const COMMITMENTS: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT c.id, c.text, p.name AS party, c.status, c.rag, c.due_on, c.classification, c.caveat, c.releasability
       FROM commitments c JOIN partners p ON p.alpha2 = c.committing_party
      WHERE c.agreement_id = ?1 AND ",
    visible!("c.classification"),
    " ORDER BY c.due_on IS NULL, c.due_on, c.id"
);

/// The arrangements the agreement (`?1`) governs, visible at the rank `?2`.
const SHARING: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT id, reference, title, status, classification, caveat, releasability FROM sharing_arrangements
      WHERE agreement_id = ?1 AND ",
    visible!("classification"),
    " ORDER BY reference"
);

/// The agreement page: the record, its parties, links, history, commitments and
/// arrangements, each bounded by clearance. `None` when missing or above clearance.
pub async fn get(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
    today: Date,
) -> Result<Option<AgreementDetail>, sqlx::Error> {
    let rank = clearance.rank();
    let Some(row) = sqlx::query(RECORD).bind(id).bind(rank).fetch_optional(pool).await? else {
        return Ok(None);
    };
    let parties = parties(pool, id).await?;
    let strands = sqlx::query_scalar("SELECT strand FROM agreement_strands WHERE agreement_id = ?1 ORDER BY
            CASE strand WHEN 'prevent' THEN 1 WHEN 'pursue' THEN 2 WHEN 'protect' THEN 3 ELSE 4 END")
        .bind(id)
        .fetch_all(pool)
        .await?;

    let links: Vec<(String, i64, String, String)> =
        sqlx::query_as(LINKS).bind(id).bind(rank).fetch_all(pool).await?;
    let pick = |kind: &str| -> Vec<AgreementLink> {
        links
            .iter()
            .filter(|(k, ..)| k == kind)
            .map(|(_, id, reference, title)| AgreementLink {
                id: *id,
                reference: reference.clone(),
                title: title.clone(),
            })
            .collect()
    };

    let history = sqlx::query_as::<
        _,
        (Option<AgreementStatus>, AgreementStatus, Date, String, String),
    >(
        "SELECT from_status, to_status, changed_on, note, recorded_at FROM agreement_status_history
          WHERE agreement_id = ?1 ORDER BY changed_on, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(from_status, to_status, changed_on, note, recorded_at)| StatusHistoryEntry {
        from_status,
        to_status,
        changed_on,
        note,
        recorded_at,
    })
    .collect();

    let commitments = sqlx::query(COMMITMENTS)
        .bind(id)
        .bind(rank)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let status = r.try_get("status")?;
            let due_on: Option<Date> = r.try_get("due_on")?;
            Ok(CommitmentLine {
                id: r.try_get("id")?,
                text: r.try_get("text")?,
                committing_party: r.try_get("party")?,
                status,
                rag: r.try_get("rag")?,
                due_on,
                overdue: is_overdue(status, due_on, today),
                classification: marking(r)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let sharing = sqlx::query(SHARING)
        .bind(id)
        .bind(rank)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(SharingLine {
                id: r.try_get("id")?,
                reference: r.try_get("reference")?,
                title: r.try_get("title")?,
                status: r.try_get("status")?,
                classification: marking(r)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let draft = draft_from_row(&row, &parties, strands)?;
    Ok(Some(AgreementDetail {
        id,
        version: row.try_get("version")?,
        status: row.try_get("status")?,
        lead_department: row.try_get("lead_department")?,
        parties,
        supersedes: pick("supersedes").into_iter().next(),
        superseded_by: pick("superseded_by"),
        amends: pick("amends").into_iter().next(),
        amended_by: pick("amended_by"),
        history,
        commitments,
        sharing,
        illustrative: row.try_get("illustrative")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        draft,
    }))
}

/// An agreement's parties, the UK first.
pub(super) async fn parties(
    db: impl sqlx::SqliteExecutor<'_>,
    id: i64,
) -> Result<Vec<Party>, sqlx::Error> {
    Ok(sqlx::query_as::<_, (String, String, bool)>(
        "SELECT p.alpha2, p.name, p.is_home FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = ?1 ORDER BY p.is_home DESC, p.name",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(alpha2, name, is_home)| Party { alpha2, name, is_home })
    .collect())
}

/// The draft a row of `agreements` (with `supersedes_ref` and `amends_ref`) holds.
pub(super) fn draft_from_row(
    row: &sqlx::sqlite::SqliteRow,
    parties: &[Party],
    strands: Vec<crate::ContestStrand>,
) -> Result<AgreementDraft, sqlx::Error> {
    let tags: String = row.try_get("scope_tags")?;
    let scope_tags = serde_json::from_str(&tags).map_err(|e| sqlx::Error::ColumnDecode {
        index: "scope_tags".into(),
        source: Box::new(e),
    })?;
    Ok(AgreementDraft {
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        kind: row.try_get("kind")?,
        legally_binding: row.try_get("legally_binding")?,
        partners: parties.iter().filter(|p| !p.is_home).map(|p| p.alpha2.clone()).collect(),
        signed_on: row.try_get("signed_on")?,
        in_force_on: row.try_get("in_force_on")?,
        expires_on: row.try_get("expires_on")?,
        lead_department_id: row.try_get("lead_department_id")?,
        owner: row.try_get("owner")?,
        summary: row.try_get("summary")?,
        funding_gbp: row.try_get("funding_gbp")?,
        funding_note: row.try_get("funding_note")?,
        scope_tags,
        strands,
        classification: marking(row)?,
        next_review_on: row.try_get("next_review_on")?,
        supersedes: row.try_get("supersedes_ref")?,
        amends: row.try_get("amends_ref")?,
    })
}
