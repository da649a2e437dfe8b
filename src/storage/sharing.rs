//! Intelligence-sharing arrangements: the list with filters, an arrangement's page,
//! create and edit. Every read is bounded by the reader's clearance, including the
//! governing agreement an arrangement links to; every write is one `BEGIN IMMEDIATE`
//! transaction with its audit entry.

use super::audit::{self, Actor};
use super::{begin_write, is_unique_violation, marking, StorageError, VISIBLE};
use crate::domain::sharing::GoverningAgreement;
use crate::domain::{
    Clearance, DataCategory, FieldErrors, SharingDetail, SharingDraft, SharingFilter, SharingRow,
    SharingSort, PAGE_SIZE,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};

fn push_filters(q: &mut QueryBuilder<Sqlite>, f: &SharingFilter, clearance: Clearance) {
    q.push(" WHERE s.classification IN (").push(VISIBLE).push_bind(clearance.rank()).push(")");
    if let Some(partner) = &f.partner {
        q.push(" AND s.partner = ").push_bind(partner.clone());
    }
    if let Some(category) = f.data_category {
        q.push(
            " AND s.id IN (SELECT arrangement_id FROM sharing_data_categories WHERE category = ",
        )
        .push_bind(category)
        .push(")");
    }
    if let Some(direction) = f.direction {
        q.push(" AND s.direction = ").push_bind(direction);
    }
    if let Some(status) = f.status {
        q.push(" AND s.status = ").push_bind(status);
    }
    if let Some(osja) = f.osja {
        q.push(" AND s.osja_status = ").push_bind(osja);
    }
    if let Some(before) = f.review_due {
        q.push(" AND s.next_review_on < ").push_bind(before);
    }
}

/// Data categories stored as `a,b,c` (group_concat) back into the vocabulary.
fn categories(text: Option<String>) -> Vec<DataCategory> {
    let mut all: Vec<DataCategory> =
        text.unwrap_or_default().split(',').filter_map(|c| c.parse().ok()).collect();
    all.sort();
    all
}

/// One page of arrangements matching the filter, and how many match in all.
pub async fn list(
    pool: &SqlitePool,
    filter: &SharingFilter,
    clearance: Clearance,
) -> Result<(Vec<SharingRow>, i64), sqlx::Error> {
    Ok((page(pool, filter, clearance).await?, count(pool, filter, clearance).await?))
}

/// How many arrangements match the filter.
pub async fn count(
    pool: &SqlitePool,
    filter: &SharingFilter,
    clearance: Clearance,
) -> Result<i64, sqlx::Error> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM sharing_arrangements s");
    push_filters(&mut count, filter, clearance);
    count.build_query_scalar().fetch_one(pool).await
}

/// The page of arrangements the filter asks for, in its order. The ids are chosen
/// first and the rows joined after, so the categories subquery runs for 50 rows only.
pub async fn page(
    pool: &SqlitePool,
    filter: &SharingFilter,
    clearance: Clearance,
) -> Result<Vec<SharingRow>, sqlx::Error> {
    let column = match filter.sort {
        SharingSort::Reference => "s.reference",
        SharingSort::Title => "s.title",
        SharingSort::Partner => "p.name",
        SharingSort::Status => "s.status",
        // Records with no date sort last either way.
        SharingSort::NextReview => "s.next_review_on IS NULL, s.next_review_on",
        SharingSort::Updated => "s.updated_at",
    };
    let direction = if filter.descending { " DESC" } else { " ASC" };
    let order = format!(" ORDER BY {column}{direction}, s.id{direction}");
    let mut q = QueryBuilder::new(
        "WITH page AS (SELECT s.id FROM sharing_arrangements s JOIN partners p ON p.alpha2 = s.partner",
    );
    push_filters(&mut q, filter, clearance);
    q.push(&order);
    q.push(" LIMIT ")
        .push_bind(PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind((filter.page - 1) * PAGE_SIZE);
    q.push(
        ") SELECT s.id, s.reference, s.title, s.partner, p.name AS partner_name, b.name AS uk_body,
                  s.direction, s.osja_status, s.status, s.next_review_on, s.classification,
                  s.caveat, s.releasability,
                  (SELECT group_concat(category) FROM sharing_data_categories
                    WHERE arrangement_id = s.id) AS categories
             FROM page JOIN sharing_arrangements s ON s.id = page.id
             JOIN partners p ON p.alpha2 = s.partner
             JOIN uk_bodies b ON b.id = s.uk_body_id",
    );
    q.push(&order);
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(SharingRow {
                id: r.try_get("id")?,
                reference: r.try_get("reference")?,
                title: r.try_get("title")?,
                partner: r.try_get("partner")?,
                partner_name: r.try_get("partner_name")?,
                uk_body: r.try_get("uk_body")?,
                data_categories: categories(r.try_get("categories")?),
                direction: r.try_get("direction")?,
                osja_status: r.try_get("osja_status")?,
                status: r.try_get("status")?,
                next_review_on: r.try_get("next_review_on")?,
                classification: marking(r)?,
            })
        })
        .collect()
}

/// An arrangement within the reader's clearance (`?1` id, `?2` clearance rank) with
/// its categories, and its governing agreement only when the reader may see that too.
const DETAIL: &str = "SELECT s.*, p.name AS partner_name, b.name AS uk_body,
        (SELECT group_concat(category) FROM sharing_data_categories WHERE arrangement_id = s.id) AS categories,
        a.id AS a_id, a.reference AS a_reference, a.title AS a_title,
        a.classification AS a_classification, a.caveat AS a_caveat, a.releasability AS a_releasability
   FROM sharing_arrangements s
   JOIN partners p ON p.alpha2 = s.partner
   JOIN uk_bodies b ON b.id = s.uk_body_id
   LEFT JOIN agreements a ON a.id = s.agreement_id
        AND a.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
  WHERE s.id = ?1 AND s.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)";

fn draft_from_row(row: &SqliteRow) -> Result<SharingDraft, sqlx::Error> {
    Ok(SharingDraft {
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        uk_body_id: row.try_get("uk_body_id")?,
        partner: row.try_get("partner")?,
        partner_body: row.try_get("partner_body")?,
        data_categories: categories(row.try_get("categories")?),
        direction: row.try_get("direction")?,
        legal_basis: row.try_get("legal_basis")?,
        handling_caveats: row.try_get("handling_caveats")?,
        onward_sharing: row.try_get("onward_sharing")?,
        osja_status: row.try_get("osja_status")?,
        osja_assessed_on: row.try_get("osja_assessed_on")?,
        agreement: row.try_get("a_reference")?,
        status: row.try_get("status")?,
        classification: marking(row)?,
        next_review_on: row.try_get("next_review_on")?,
    })
}

/// An arrangement's page; `None` when missing or above the reader's clearance. A
/// governing agreement above clearance is left out, as if there were none.
pub async fn get(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
) -> Result<Option<SharingDetail>, sqlx::Error> {
    let Some(row) =
        sqlx::query(DETAIL).bind(id).bind(clearance.rank()).fetch_optional(pool).await?
    else {
        return Ok(None);
    };
    let agreement = match row.try_get::<Option<i64>, _>("a_id")? {
        Some(agreement_id) => Some(GoverningAgreement {
            id: agreement_id,
            reference: row.try_get("a_reference")?,
            title: row.try_get("a_title")?,
            classification: crate::Classification {
                level: row.try_get("a_classification")?,
                caveat: row.try_get("a_caveat")?,
                releasability: row.try_get("a_releasability")?,
            },
        }),
        None => None,
    };
    Ok(Some(SharingDetail {
        id,
        version: row.try_get("version")?,
        draft: draft_from_row(&row)?,
        uk_body: row.try_get("uk_body")?,
        partner_name: row.try_get("partner_name")?,
        agreement,
        illustrative: row.try_get("illustrative")?,
        updated_at: row.try_get("updated_at")?,
    }))
}

/// Checks what only the database knows (the UK body, the partner and the governing
/// agreement exist) and resolves the agreement's reference to its id. An agreement
/// above the writer's clearance is "not found": the form cannot probe for it.
async fn check_references(
    tx: &mut Transaction<'_, Sqlite>,
    draft: &SharingDraft,
    clearance: Clearance,
    current_body: Option<i64>,
) -> Result<Option<i64>, StorageError> {
    let mut errors = FieldErrors::default();
    // A body withdrawn from the list may stay on a record that already has it.
    let body: Option<i64> =
        sqlx::query_scalar("SELECT id FROM uk_bodies WHERE id = ?1 AND (active OR id = ?2)")
            .bind(draft.uk_body_id)
            .bind(current_body)
            .fetch_optional(&mut **tx)
            .await?;
    if body.is_none() {
        errors.add("uk_body_id", "Select the UK body from the list");
    }
    let partner: Option<String> =
        sqlx::query_scalar("SELECT alpha2 FROM partners WHERE alpha2 = ?1 AND is_home = 0")
            .bind(&draft.partner)
            .fetch_optional(&mut **tx)
            .await?;
    if partner.is_none() {
        errors.add("partner", "Select the partner from the list");
    }
    let mut agreement_id = None;
    if let Some(reference) = &draft.agreement {
        agreement_id = sqlx::query_scalar(
            "SELECT id FROM agreements WHERE reference = ?1
                AND classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)",
        )
        .bind(reference)
        .bind(clearance.rank())
        .fetch_optional(&mut **tx)
        .await?;
        if agreement_id.is_none() {
            errors
                .add("agreement", format!("There is no agreement with the reference {reference}"));
        }
    }
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
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    draft: &SharingDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sharing_data_categories WHERE arrangement_id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for category in &draft.data_categories {
        sqlx::query(
            "INSERT INTO sharing_data_categories (arrangement_id, category) VALUES (?1, ?2)",
        )
        .bind(id)
        .bind(category)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Records a new arrangement, returning its id.
pub async fn create(
    pool: &SqlitePool,
    draft: &SharingDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<i64, StorageError> {
    let mut tx = begin_write(pool).await?;
    let agreement_id = check_references(&mut tx, draft, clearance, None).await?;
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
    .fetch_one(&mut *tx)
    .await
    .map_err(duplicate_reference)?;
    write_categories(&mut tx, id, draft).await?;
    audit::record(
        &mut *tx,
        actor,
        "create",
        "sharing_arrangement",
        Some(&id.to_string()),
        None::<&()>,
        Some(draft),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, reference = %draft.reference, actor = %actor.name, "sharing arrangement created");
    Ok(id)
}

/// Saves an edit made against `version`: `Conflict` (and no change) if someone else
/// saved first. A governing agreement the writer cannot see (so could not have
/// changed) is kept when the form leaves the agreement blank.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    version: i64,
    draft: &SharingDraft,
    actor: &Actor,
    clearance: Clearance,
) -> Result<(), StorageError> {
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(DETAIL)
        .bind(id)
        .bind(clearance.rank())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    if row.try_get::<i64, _>("version")? != version {
        return Err(StorageError::Conflict);
    }
    let before = draft_from_row(&row)?;
    let stored_agreement: Option<i64> = row.try_get("agreement_id")?;
    let hidden_agreement =
        stored_agreement.filter(|_| row.try_get::<Option<i64>, _>("a_id").ok().flatten().is_none());
    let agreement_id = match check_references(
        &mut tx,
        draft,
        clearance,
        Some(row.try_get("uk_body_id")?),
    )
    .await?
    {
        None => hidden_agreement,
        linked => linked,
    };
    sqlx::query(
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
    .execute(&mut *tx)
    .await
    .map_err(duplicate_reference)?;
    write_categories(&mut tx, id, draft).await?;
    audit::record(
        &mut *tx,
        actor,
        "update",
        "sharing_arrangement",
        Some(&id.to_string()),
        Some(&before),
        Some(draft),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, actor = %actor.name, "sharing arrangement updated");
    Ok(())
}
