//! Agreements: list with filters, page with everything around it, create, edit and
//! status changes. Every read is bounded by the reader's clearance; every write is
//! one `BEGIN IMMEDIATE` transaction with its audit entry.

use super::audit::{self, Actor};
use super::{begin_write, is_unique_violation, marking, StorageError, VISIBLE};
use crate::domain::agreement_record::{
    AgreementLink, CommitmentLine, Party, SharingLine, StatusHistoryEntry,
};
use crate::domain::commitment::is_overdue;
use crate::domain::{
    AgreementDetail, AgreementDraft, AgreementFilter, AgreementRow, AgreementSort, AgreementStatus,
    Clearance, FieldErrors, StatusChange, PAGE_SIZE,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use time::Date;

/// The list's columns for one page of ids (the `page` CTE made by [`page`]): joining
/// after the LIMIT runs the partner names subquery for 50 rows, not for every match.
const LIST_COLUMNS: &str = "SELECT a.id, a.reference, a.title, a.kind, a.status, a.next_review_on,
        a.classification, a.caveat, a.releasability,
        (SELECT group_concat(p.name, ', ') FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = a.id AND p.is_home = 0) AS partners
   FROM page JOIN agreements a ON a.id = page.id";

fn push_filters(q: &mut QueryBuilder<Sqlite>, f: &AgreementFilter, clearance: Clearance) {
    q.push(" WHERE a.classification IN (").push(VISIBLE).push_bind(clearance.rank()).push(")");
    if let Some(partner) = &f.partner {
        q.push(" AND a.id IN (SELECT agreement_id FROM agreement_parties WHERE partner = ")
            .push_bind(partner.clone())
            .push(")");
    }
    if let Some(route) = &f.route {
        q.push(
            " AND a.id IN (SELECT ap.agreement_id FROM agreement_parties ap
                 JOIN route_legs l ON l.partner = ap.partner JOIN routes r ON r.id = l.route_id
                WHERE r.slug = ",
        )
        .push_bind(route.clone())
        .push(" AND r.classification IN (")
        .push(VISIBLE)
        .push_bind(clearance.rank())
        .push("))");
    }
    if let Some(kind) = f.kind {
        q.push(" AND a.kind = ").push_bind(kind);
    }
    if let Some(status) = f.status {
        q.push(" AND a.status = ").push_bind(status);
    }
    if let Some(strand) = f.strand {
        q.push(" AND a.id IN (SELECT agreement_id FROM agreement_strands WHERE strand = ")
            .push_bind(strand)
            .push(")");
    }
    if let Some(binding) = f.legally_binding {
        q.push(" AND a.legally_binding = ").push_bind(binding);
    }
    if let Some(lead) = f.lead {
        q.push(" AND a.lead_department_id = ").push_bind(lead);
    }
    if let Some(owner) = &f.owner {
        q.push(" AND a.owner LIKE '%' || ").push_bind(owner.clone()).push(" || '%'");
    }
    if let Some(before) = f.review_before {
        q.push(" AND a.next_review_on < ").push_bind(before);
    }
    if let Some(level) = f.classification {
        q.push(" AND a.classification = ").push_bind(level);
    }
}

/// One page of agreements matching the filter, and how many match in all.
pub async fn list(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    clearance: Clearance,
) -> Result<(Vec<AgreementRow>, i64), sqlx::Error> {
    Ok((page(pool, filter, clearance).await?, count(pool, filter, clearance).await?))
}

/// How many agreements match the filter.
pub async fn count(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    clearance: Clearance,
) -> Result<i64, sqlx::Error> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM agreements a");
    push_filters(&mut count, filter, clearance);
    count.build_query_scalar().fetch_one(pool).await
}

/// The page of agreements the filter asks for, in its order.
pub async fn page(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    clearance: Clearance,
) -> Result<Vec<AgreementRow>, sqlx::Error> {
    let column = match filter.sort {
        AgreementSort::Reference => "a.reference",
        AgreementSort::Title => "a.title",
        AgreementSort::Status => "a.status",
        // Records with no date sort last either way.
        AgreementSort::NextReview => "a.next_review_on IS NULL, a.next_review_on",
        AgreementSort::Expires => "a.expires_on IS NULL, a.expires_on",
        AgreementSort::Updated => "a.updated_at",
    };
    let direction = if filter.descending { " DESC" } else { " ASC" };
    let order = format!(" ORDER BY {column}{direction}, a.id{direction}");
    let mut q = QueryBuilder::new("WITH page AS (SELECT a.id FROM agreements a");
    push_filters(&mut q, filter, clearance);
    q.push(&order);
    q.push(" LIMIT ")
        .push_bind(PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind((filter.page - 1) * PAGE_SIZE);
    q.push(") ").push(LIST_COLUMNS).push(&order);
    let rows = q.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok(AgreementRow {
                id: row.try_get("id")?,
                reference: row.try_get("reference")?,
                title: row.try_get("title")?,
                kind: row.try_get("kind")?,
                status: row.try_get("status")?,
                partners: row.try_get::<Option<String>, _>("partners")?.unwrap_or_default(),
                next_review_on: row.try_get("next_review_on")?,
                classification: marking(row)?,
            })
        })
        .collect()
}

/// The agreement page: the record, its parties, links, history, commitments and
/// arrangements, each bounded by clearance. `None` when missing or above clearance.
pub async fn get(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
    today: Date,
) -> Result<Option<AgreementDetail>, sqlx::Error> {
    let rank = clearance.rank();
    let Some(row) = sqlx::query(
        "SELECT a.*, b.name AS lead_department, sup.reference AS supersedes_ref, am.reference AS amends_ref
           FROM agreements a
           LEFT JOIN uk_bodies b ON b.id = a.lead_department_id
           LEFT JOIN agreements sup ON sup.id = a.supersedes_id
           LEFT JOIN agreements am ON am.id = a.amends_id
          WHERE a.id = ?1 AND a.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)",
    )
    .bind(id)
    .bind(rank)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };

    let parties: Vec<Party> = sqlx::query_as::<_, (String, String, bool)>(
        "SELECT p.alpha2, p.name, p.is_home FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = ?1 ORDER BY p.is_home DESC, p.name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(alpha2, name, is_home)| Party { alpha2, name, is_home })
    .collect();

    let strands = sqlx::query_scalar("SELECT strand FROM agreement_strands WHERE agreement_id = ?1 ORDER BY
            CASE strand WHEN 'prevent' THEN 1 WHEN 'pursue' THEN 2 WHEN 'protect' THEN 3 ELSE 4 END")
        .bind(id)
        .fetch_all(pool)
        .await?;

    // Links both ways, only to agreements the reader may see.
    let links: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT 'supersedes', o.id, o.reference, o.title FROM agreements a JOIN agreements o ON o.id = a.supersedes_id WHERE a.id = ?1 AND o.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
         UNION ALL SELECT 'amends', o.id, o.reference, o.title FROM agreements a JOIN agreements o ON o.id = a.amends_id WHERE a.id = ?1 AND o.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
         UNION ALL SELECT 'superseded_by', o.id, o.reference, o.title FROM agreements o WHERE o.supersedes_id = ?1 AND o.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
         UNION ALL SELECT 'amended_by', o.id, o.reference, o.title FROM agreements o WHERE o.amends_id = ?1 AND o.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)",
    )
    .bind(id)
    .bind(rank)
    .fetch_all(pool)
    .await?;
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

    let commitments = sqlx::query(
        "SELECT c.id, c.text, p.name AS party, c.status, c.rag, c.due_on, c.classification, c.caveat, c.releasability
           FROM commitments c JOIN partners p ON p.alpha2 = c.committing_party
          WHERE c.agreement_id = ?1 AND c.classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
          ORDER BY c.due_on IS NULL, c.due_on, c.id",
    )
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

    let sharing = sqlx::query(
        "SELECT id, reference, title, status, classification, caveat, releasability FROM sharing_arrangements
          WHERE agreement_id = ?1 AND classification IN (SELECT level FROM classification_levels WHERE rank <= ?2)
          ORDER BY reference",
    )
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

fn draft_from_row(
    row: &sqlx::sqlite::SqliteRow,
    parties: &[Party],
    strands: Vec<crate::ContestStrand>,
) -> Result<AgreementDraft, sqlx::Error> {
    let tags: String = row.try_get("scope_tags")?;
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
        scope_tags: serde_json::from_str(&tags).unwrap_or_default(),
        strands,
        classification: marking(row)?,
        next_review_on: row.try_get("next_review_on")?,
        supersedes: row.try_get("supersedes_ref")?,
        amends: row.try_get("amends_ref")?,
    })
}

/// Ids of the agreements a draft links to, resolved from their references.
struct Links {
    supersedes_id: Option<i64>,
    amends_id: Option<i64>,
}

/// Checks what only the database knows (the partners exist, linked agreements exist)
/// and resolves the linked references to ids.
async fn check_references(
    tx: &mut Transaction<'_, Sqlite>,
    draft: &AgreementDraft,
    own_id: Option<i64>,
) -> Result<Links, StorageError> {
    let mut errors = FieldErrors::default();
    let partners = serde_json::to_string(&draft.partners).unwrap_or_else(|_| "[]".into());
    let known: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM partners WHERE is_home = 0 AND alpha2 IN (SELECT value FROM json_each(?1))",
    )
    .bind(&partners)
    .fetch_one(&mut **tx)
    .await?;
    if known as usize != draft.partners.len() {
        errors.add("partners", "Select partners from the list");
    }
    let mut ids = [None, None];
    for (slot, (field, reference)) in
        [("supersedes", &draft.supersedes), ("amends", &draft.amends)].into_iter().enumerate()
    {
        let Some(reference) = reference else { continue };
        let id = id_for_reference(&mut **tx, reference).await?;
        if id.is_none() || id == own_id {
            errors
                .add(field, format!("There is no other agreement with the reference {reference}"));
        }
        ids[slot] = id;
    }
    let [supersedes_id, amends_id] = ids;
    if errors.is_empty() {
        Ok(Links { supersedes_id, amends_id })
    } else {
        Err(StorageError::Invalid(errors))
    }
}

async fn id_for_reference(
    db: impl sqlx::SqliteExecutor<'_>,
    reference: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agreements WHERE reference = ?1")
        .bind(reference)
        .fetch_optional(db)
        .await
}

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

async fn write_parties_and_strands(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    draft: &AgreementDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM agreement_strands WHERE agreement_id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) SELECT ?1, alpha2 FROM partners WHERE is_home = 1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for partner in &draft.partners {
        sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)")
            .bind(id)
            .bind(partner)
            .execute(&mut **tx)
            .await?;
    }
    for strand in &draft.strands {
        sqlx::query("INSERT INTO agreement_strands (agreement_id, strand) VALUES (?1, ?2)")
            .bind(id)
            .bind(strand)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records a new agreement with its first status, returning its id.
pub async fn create(
    pool: &SqlitePool,
    draft: &AgreementDraft,
    status: AgreementStatus,
    actor: &Actor,
    today: Date,
) -> Result<i64, StorageError> {
    let mut tx = begin_write(pool).await?;
    let links = check_references(&mut tx, draft, None).await?;
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
    .bind(serde_json::to_string(&draft.scope_tags).unwrap_or_else(|_| "[]".into()))
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.next_review_on)
    .bind(links.supersedes_id)
    .bind(links.amends_id)
    .fetch_one(&mut *tx)
    .await
    .map_err(duplicate_reference)?;
    write_parties_and_strands(&mut tx, id, draft).await?;
    sqlx::query(
        "INSERT INTO agreement_status_history (agreement_id, from_status, to_status, changed_on, note)
         VALUES (?1, NULL, ?2, ?3, 'Recorded in Accord')",
    )
    .bind(id)
    .bind(status)
    .bind(today)
    .execute(&mut *tx)
    .await?;
    let after = serde_json::json!({ "status": status, "agreement": draft });
    audit::record(
        &mut *tx,
        actor,
        "create",
        "agreement",
        Some(&id.to_string()),
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, reference = %draft.reference, actor = %actor.name, "agreement created");
    Ok(id)
}

/// Loads what an update compares against: the stored draft and version, or NotFound.
async fn current(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
) -> Result<(AgreementDraft, i64, AgreementStatus), StorageError> {
    let row = sqlx::query(
        "SELECT a.*, sup.reference AS supersedes_ref, am.reference AS amends_ref FROM agreements a
           LEFT JOIN agreements sup ON sup.id = a.supersedes_id
           LEFT JOIN agreements am ON am.id = a.amends_id
          WHERE a.id = ?1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StorageError::NotFound)?;
    let parties: Vec<Party> = sqlx::query_as::<_, (String, String, bool)>(
        "SELECT p.alpha2, p.name, p.is_home FROM agreement_parties ap JOIN partners p ON p.alpha2 = ap.partner WHERE ap.agreement_id = ?1 ORDER BY p.name",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(|(alpha2, name, is_home)| Party { alpha2, name, is_home })
    .collect();
    let strands =
        sqlx::query_scalar("SELECT strand FROM agreement_strands WHERE agreement_id = ?1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    Ok((draft_from_row(&row, &parties, strands)?, row.try_get("version")?, row.try_get("status")?))
}

/// Saves an edit made against `version`. `Conflict` (and no change) if someone else
/// saved first.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    version: i64,
    draft: &AgreementDraft,
    actor: &Actor,
) -> Result<(), StorageError> {
    let mut tx = begin_write(pool).await?;
    let (before, stored_version, _) = current(&mut tx, id).await?;
    if stored_version != version {
        return Err(StorageError::Conflict);
    }
    let links = check_references(&mut tx, draft, Some(id)).await?;
    sqlx::query(
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
    .bind(serde_json::to_string(&draft.scope_tags).unwrap_or_else(|_| "[]".into()))
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .bind(draft.next_review_on)
    .bind(links.supersedes_id)
    .bind(links.amends_id)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await
    .map_err(duplicate_reference)?;
    write_parties_and_strands(&mut tx, id, draft).await?;
    audit::record(
        &mut *tx,
        actor,
        "update",
        "agreement",
        Some(&id.to_string()),
        Some(&before),
        Some(draft),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, actor = %actor.name, "agreement updated");
    Ok(())
}

/// Moves an agreement to a new status, dated and explained, through the transition
/// table. Superseding links the newer agreement in the same transaction.
pub async fn change_status(
    pool: &SqlitePool,
    id: i64,
    version: i64,
    change: &StatusChange,
    actor: &Actor,
) -> Result<(), StorageError> {
    let mut tx = begin_write(pool).await?;
    let (stored, stored_version, from) = current(&mut tx, id).await?;
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
        let newer = id_for_reference(&mut *tx, reference).await?.unwrap_or(0);
        let linked = sqlx::query(
            "UPDATE agreements SET supersedes_id = ?1, version = version + 1,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2 AND id <> ?1",
        )
        .bind(id)
        .bind(newer)
        .execute(&mut *tx)
        .await?;
        if linked.rows_affected() == 0 {
            return Err(StorageError::Invalid(FieldErrors::single(
                "superseded_by",
                "There is no other agreement with that reference",
            )));
        }
    }
    // The first signature and entry into force also fill in their dates when blank.
    sqlx::query(
        "UPDATE agreements SET status = ?1,
             signed_on = CASE WHEN ?1 = 'signed' THEN coalesce(signed_on, ?2) ELSE signed_on END,
             in_force_on = CASE WHEN ?1 = 'in_force' THEN coalesce(in_force_on, ?2) ELSE in_force_on END,
             version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?3",
    )
    .bind(change.to)
    .bind(change.changed_on)
    .bind(id)
    .execute(&mut *tx)
    .await?;
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
    .execute(&mut *tx)
    .await?;
    let before = serde_json::json!({ "status": from });
    audit::record(
        &mut *tx,
        actor,
        "status_change",
        "agreement",
        Some(&id.to_string()),
        Some(&before),
        Some(change),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(id, from = %from, to = %change.to, actor = %actor.name, "agreement status changed");
    Ok(())
}
