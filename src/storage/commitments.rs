//! Commitments: the register across agreements, a commitment's page, add and edit.
//! Overdue is derived in SQL from the due date and status, never stored.

use super::audit::{self, Actor};
use super::{begin_write, marking, StorageError, VISIBLE};
use crate::domain::commitment::is_overdue;
use crate::domain::commitment_record::AssessmentEntry;
use crate::domain::{
    Clearance, CommitmentDetail, CommitmentDraft, CommitmentFilter, CommitmentRow, PAGE_SIZE,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use time::Date;

fn push_filters(
    q: &mut QueryBuilder<Sqlite>,
    f: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) {
    // A commitment is visible only when its agreement is too.
    q.push(" WHERE c.classification IN (").push(VISIBLE).push_bind(clearance.rank()).push(")");
    q.push(" AND a.classification IN (").push(VISIBLE).push_bind(clearance.rank()).push(")");
    if let Some(partner) = &f.partner {
        q.push(
            " AND c.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE partner = ",
        )
        .push_bind(partner.clone())
        .push(")");
    }
    if let Some(route) = &f.route {
        q.push(
            " AND c.agreement_id IN (SELECT ap.agreement_id FROM agreement_parties ap
                 JOIN route_legs l ON l.partner = ap.partner JOIN routes r ON r.id = l.route_id
                WHERE r.slug = ",
        )
        .push_bind(route.clone())
        .push(" AND r.classification IN (")
        .push(VISIBLE)
        .push_bind(clearance.rank())
        .push("))");
    }
    if let Some(agreement) = f.agreement {
        q.push(" AND c.agreement_id = ").push_bind(agreement);
    }
    if let Some(strand) = f.strand {
        q.push(" AND c.id IN (SELECT commitment_id FROM commitment_strands WHERE strand = ")
            .push_bind(strand)
            .push(")");
    }
    if let Some(owner) = &f.owner {
        q.push(" AND c.owner LIKE '%' || ").push_bind(owner.clone()).push(" || '%'");
    }
    if let Some(status) = f.status {
        q.push(" AND c.status = ").push_bind(status);
    }
    if let Some(rag) = f.rag {
        q.push(" AND c.rag = ").push_bind(rag);
    }
    if f.overdue {
        // The SQL twin of `commitment::is_overdue`.
        q.push(concat!(" AND c.status IN ", crate::storage::open_statuses!(), " AND c.due_on < "))
            .push_bind(today);
    }
    if let Some(before) = f.due_before {
        q.push(" AND c.due_on < ").push_bind(before);
    }
}

/// One page of the register, and how many commitments match in all.
pub async fn list(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Result<(Vec<CommitmentRow>, i64), sqlx::Error> {
    let rows = page(pool, filter, clearance, today).await?;
    Ok((rows, count(pool, filter, clearance, today).await?))
}

/// How many commitments match the filter.
pub async fn count(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Result<i64, sqlx::Error> {
    let mut count = QueryBuilder::new(
        "SELECT count(*) FROM commitments c JOIN agreements a ON a.id = c.agreement_id",
    );
    push_filters(&mut count, filter, clearance, today);
    count.build_query_scalar().fetch_one(pool).await
}

/// The page of the register the filter asks for, in its order. The ids are chosen
/// first and the rows joined after, so only 50 rows carry their text through the sort.
pub async fn page(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<CommitmentRow>, sqlx::Error> {
    // With a due-date filter no row lacks a date, and plain `c.due_on` lets the index
    // of open commitments by due date (migrations/0006) deliver them in order.
    let dated = filter.overdue || filter.due_before.is_some();
    let column = match filter.sort.as_str() {
        "status" => "c.status",
        "rag" => "CASE c.rag WHEN 'red' THEN 1 WHEN 'amber' THEN 2 WHEN 'green' THEN 3 ELSE 4 END",
        "updated" => "c.updated_at",
        _ if dated => "c.due_on",
        _ => "c.due_on IS NULL, c.due_on",
    };
    let direction = if filter.descending { " DESC" } else { " ASC" };
    let order = format!(" ORDER BY {column}{direction}, c.id{direction}");
    let mut q = QueryBuilder::new(
        "WITH page AS (SELECT c.id FROM commitments c JOIN agreements a ON a.id = c.agreement_id",
    );
    push_filters(&mut q, filter, clearance, today);
    q.push(&order);
    q.push(" LIMIT ")
        .push_bind(PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind((filter.page - 1) * PAGE_SIZE);
    q.push(
        ") SELECT c.id, c.text, c.agreement_id, a.reference AS agreement_reference, p.name AS party,
                  c.owner, c.due_on, c.status, c.rag, c.classification, c.caveat, c.releasability
             FROM page JOIN commitments c ON c.id = page.id
             JOIN agreements a ON a.id = c.agreement_id
             JOIN partners p ON p.alpha2 = c.committing_party",
    );
    q.push(&order);
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let status = r.try_get("status")?;
            let due_on: Option<Date> = r.try_get("due_on")?;
            Ok(CommitmentRow {
                id: r.try_get("id")?,
                text: r.try_get("text")?,
                agreement_id: r.try_get("agreement_id")?,
                agreement_reference: r.try_get("agreement_reference")?,
                committing_party: r.try_get("party")?,
                owner: r.try_get("owner")?,
                due_on,
                status,
                rag: r.try_get("rag")?,
                overdue: is_overdue(status, due_on, today),
                classification: marking(r)?,
            })
        })
        .collect()
}

/// The parties to an agreement the reader may see: (alpha-2, name), UK first.
pub async fn parties(
    pool: &SqlitePool,
    agreement_id: i64,
    clearance: Clearance,
) -> Result<Option<(String, Vec<(String, String)>)>, sqlx::Error> {
    let reference: Option<String> = sqlx::query_scalar(
        "SELECT reference FROM agreements WHERE id = ?1 AND classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)",
    )
    .bind(agreement_id)
    .bind(clearance.rank())
    .fetch_optional(pool)
    .await?;
    let Some(reference) = reference else { return Ok(None) };
    let parties = sqlx::query_as(
        "SELECT p.alpha2, p.name FROM agreement_parties ap JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = ?1 ORDER BY p.is_home DESC, p.name",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await?;
    Ok(Some((reference, parties)))
}

/// A commitment with its agreement and assessment history; `None` when missing or
/// above the reader's clearance (or its agreement is).
pub async fn get(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
    today: Date,
) -> Result<Option<CommitmentDetail>, sqlx::Error> {
    let rank = clearance.rank();
    let Some(row) = sqlx::query(
        "SELECT c.*, p.name AS party_name, a.reference AS agreement_reference, a.title AS agreement_title,
                a.classification AS a_classification, a.caveat AS a_caveat, a.releasability AS a_releasability
           FROM commitments c JOIN agreements a ON a.id = c.agreement_id
           JOIN partners p ON p.alpha2 = c.committing_party
          WHERE c.id = ?1
            AND c.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
            AND a.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)",
    )
    .bind(id)
    .bind(rank)
    .fetch_optional(pool)
    .await?
    else {
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
    // In CONTEST order, as forms send them, so an unchanged edit compares equal.
    let strands = sqlx::query_scalar(
        "SELECT strand FROM commitment_strands WHERE commitment_id = ?1 ORDER BY
            CASE strand WHEN 'prevent' THEN 1 WHEN 'pursue' THEN 2 WHEN 'protect' THEN 3 ELSE 4 END",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let assessments = sqlx::query(
        "SELECT assessed_on, assessor_name, status, rag, progress_note, evidence, next_review_on,
                classification, caveat, NULL AS releasability
           FROM assessments
          WHERE commitment_id = ?1 AND classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
          ORDER BY assessed_on DESC, id DESC",
    )
    .bind(id)
    .bind(rank)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(AssessmentEntry {
            assessed_on: r.try_get("assessed_on")?,
            assessor: r.try_get("assessor_name")?,
            status: r.try_get("status")?,
            rag: r.try_get("rag")?,
            progress_note: r.try_get("progress_note")?,
            evidence: r.try_get("evidence")?,
            next_review_on: r.try_get("next_review_on")?,
            classification: marking(r)?,
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
        agreement_classification: crate::Classification {
            level: row.try_get("a_classification")?,
            caveat: row.try_get("a_caveat")?,
            releasability: row.try_get("a_releasability")?,
        },
        parties,
        committing_party_name: row.try_get("party_name")?,
        overdue: is_overdue(draft.status, draft.due_on, today),
        draft,
        assessments,
    }))
}

fn draft_from_row(
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
    })
}

async fn write_strands(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    draft: &CommitmentDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM commitment_strands WHERE commitment_id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for strand in &draft.strands {
        sqlx::query("INSERT INTO commitment_strands (commitment_id, strand) VALUES (?1, ?2)")
            .bind(id)
            .bind(strand)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Adds a commitment under an agreement, returning its id.
pub async fn create(
    pool: &SqlitePool,
    agreement_id: i64,
    draft: &CommitmentDraft,
    actor: &Actor,
) -> Result<i64, StorageError> {
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, owner, due_on, status, rag,
             next_review_on, classification, caveat, releasability)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
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
    .fetch_one(&mut *tx)
    .await?;
    write_strands(&mut tx, id, draft).await?;
    audit::record(
        &mut *tx,
        actor,
        "create",
        "commitment",
        Some(&id.to_string()),
        None::<&()>,
        Some(draft),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, agreement_id, actor = %actor.name, "commitment created");
    Ok(id)
}

/// Saves an edit made against `version`; `Conflict` and no change if someone saved first.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    version: i64,
    draft: &CommitmentDraft,
    actor: &Actor,
) -> Result<(), StorageError> {
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query("SELECT * FROM commitments WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    let strands =
        sqlx::query_scalar("SELECT strand FROM commitment_strands WHERE commitment_id = ?1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    let before = draft_from_row(&row, strands)?;
    if row.try_get::<i64, _>("version")? != version {
        return Err(StorageError::Conflict);
    }
    sqlx::query(
        "UPDATE commitments SET committing_party = ?1, text = ?2, category = ?3, owner = ?4, due_on = ?5,
             status = ?6, rag = ?7, next_review_on = ?8, classification = ?9, caveat = ?10, releasability = ?11,
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
    .execute(&mut *tx)
    .await?;
    write_strands(&mut tx, id, draft).await?;
    audit::record(
        &mut *tx,
        actor,
        "update",
        "commitment",
        Some(&id.to_string()),
        Some(&before),
        Some(draft),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, actor = %actor.name, "commitment updated");
    Ok(())
}
