//! "Marked reviewed" for agreements and sharing arrangements: a dated note and the
//! next review date, kept as append-only history (`record_reviews`, migration 0010)
//! while the record's own next review date moves on in the same transaction.

use crate::domain::assessment::{ReviewDraft, ReviewEntry, ReviewSubject};
use crate::domain::{Clearance, FieldErrors};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::{visible, visible_levels};
use crate::storage::{begin_write, marking, Result, StorageError};
use serde::Serialize;
use sqlx::{Row, SqlitePool};
use time::Date;

/// The agreement `?1` when visible at the rank `?2`.
const AGREEMENT: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT reference, version, next_review_on, classification, caveat, releasability
        FROM agreements WHERE id = ?1 AND ",
    visible!("classification")
);

/// The sharing arrangement `?1` when visible at the rank `?2`.
const SHARING: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT reference, version, next_review_on, classification, caveat, releasability
        FROM sharing_arrangements WHERE id = ?1 AND ",
    visible!("classification")
);

/// Moves the next review date (`?1`) of the record `?2` read at version `?3`.
const UPDATE_AGREEMENT: &str = "UPDATE agreements SET next_review_on = ?1, version = version + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2 AND version = ?3";
const UPDATE_SHARING: &str =
    "UPDATE sharing_arrangements SET next_review_on = ?1, version = version + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2 AND version = ?3";

/// The reviews of the agreement `?1`, each and the agreement visible at the rank `?2`.
const AGREEMENT_REVIEWS: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT r.id, r.reviewed_on, r.reviewer_name, r.note, r.next_review_on,
             r.classification, r.caveat, r.releasability
        FROM record_reviews r JOIN agreements a ON a.id = r.agreement_id
       WHERE r.agreement_id = ?1 AND ",
    visible!("r.classification", "a.classification"),
    " ORDER BY r.reviewed_on DESC, r.id DESC"
);

/// The reviews of the arrangement `?1`, each and the arrangement visible at `?2`.
const SHARING_REVIEWS: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT r.id, r.reviewed_on, r.reviewer_name, r.note, r.next_review_on,
             r.classification, r.caveat, r.releasability
        FROM record_reviews r JOIN sharing_arrangements s ON s.id = r.arrangement_id
       WHERE r.arrangement_id = ?1 AND ",
    visible!("r.classification", "s.classification"),
    " ORDER BY r.reviewed_on DESC, r.id DESC"
);

/// The record's audit row: only its next review date changes.
#[derive(Serialize)]
struct NextReview {
    next_review_on: Option<Date>,
}

/// The review's audit row: the draft and the record it is of.
#[derive(Serialize)]
struct Recorded<'a> {
    subject: ReviewSubject,
    #[serde(flatten)]
    draft: &'a ReviewDraft,
}

/// Marks the record reviewed, as read by the writer at `version`, and returns the
/// record's reference. In one transaction: the review, the record's next review date
/// (version bumped), each audited. `NotFound` when the writer cannot see the record,
/// `Conflict` when it moved on since `version`, `Invalid` for a marking below the
/// record's or above the writer's clearance. Nothing is written on any error.
pub async fn record_review(
    pool: &SqlitePool,
    subject: ReviewSubject,
    version: i64,
    draft: &ReviewDraft,
    user: &crate::User,
) -> Result<String> {
    let clearance = user.clearance();
    let (record, update, entity, id) = match subject {
        ReviewSubject::Agreement(id) => (AGREEMENT, UPDATE_AGREEMENT, "agreement", id),
        ReviewSubject::Sharing(id) => (SHARING, UPDATE_SHARING, "sharing_arrangement", id),
    };
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(record)
        .bind(id)
        .bind(clearance.rank())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    if row.try_get::<i64, _>("version")? != version {
        return Err(StorageError::Conflict);
    }
    let record_marking = marking(&row)?;
    let mut errors = FieldErrors::default();
    check_bounds(&mut errors, &draft.classification, &record_marking, clearance);
    check_marking_terms(&mut tx, &mut errors, &draft.classification, Some(&record_marking)).await?;
    if !errors.is_empty() {
        return Err(StorageError::Invalid(errors));
    }
    let (agreement_id, arrangement_id) = match subject {
        ReviewSubject::Agreement(id) => (Some(id), None),
        ReviewSubject::Sharing(id) => (None, Some(id)),
    };
    let review_id: i64 = sqlx::query_scalar(
        "INSERT INTO record_reviews (agreement_id, arrangement_id, reviewed_on, reviewer_id, reviewer_name,
             note, next_review_on, classification, caveat, releasability)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
    )
    .bind(agreement_id)
    .bind(arrangement_id)
    .bind(draft.reviewed_on)
    .bind(user.id)
    .bind(&user.display_name)
    .bind(&draft.note)
    .bind(draft.next_review_on)
    .bind(draft.classification.level)
    .bind(&draft.classification.caveat)
    .bind(&draft.classification.releasability)
    .fetch_one(&mut **tx)
    .await?;
    let done = sqlx::query(update)
        .bind(draft.next_review_on)
        .bind(id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    let actor = Actor::user(user);
    let recorded = Recorded { subject, draft };
    let review_key = review_id.to_string();
    audit::record(
        &mut **tx,
        &actor,
        "create",
        "record_review",
        Some(&review_key),
        None::<&()>,
        Some(&recorded),
    )
    .await?;
    let before = NextReview { next_review_on: row.try_get("next_review_on")? };
    let after = NextReview { next_review_on: Some(draft.next_review_on) };
    let key = id.to_string();
    audit::record(&mut **tx, &actor, "update", entity, Some(&key), Some(&before), Some(&after))
        .await?;
    let reference: String = row.try_get("reference")?;
    tx.commit().await?;
    tracing::info!(id, entity, actor = %actor.name, "record marked reviewed");
    Ok(reference)
}

/// A review is marked at least as its record is, and within the writer's clearance.
fn check_bounds(
    errors: &mut FieldErrors,
    marking: &crate::Classification,
    record: &crate::Classification,
    clearance: Clearance,
) {
    if !clearance.permits(marking.level) {
        errors.add(
            "classification",
            format!(
                "Select a classification no higher than your clearance, {}",
                clearance.0.label()
            ),
        );
    } else if marking.lowers(record) {
        errors.add(
            "classification",
            format!("A review cannot be marked lower than the record it is of, {record}"),
        );
    }
}

/// The record's reviews the reader may see, newest first (empty when the record
/// itself is above the reader's clearance).
pub async fn reviews(
    pool: &SqlitePool,
    subject: ReviewSubject,
    clearance: Clearance,
) -> Result<Vec<ReviewEntry>, sqlx::Error> {
    let (sql, id) = match subject {
        ReviewSubject::Agreement(id) => (AGREEMENT_REVIEWS, id),
        ReviewSubject::Sharing(id) => (SHARING_REVIEWS, id),
    };
    sqlx::query(sql)
        .bind(id)
        .bind(clearance.rank())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ReviewEntry {
                id: r.try_get("id")?,
                reviewed_on: r.try_get("reviewed_on")?,
                reviewer: r.try_get("reviewer_name")?,
                note: r.try_get("note")?,
                next_review_on: r.try_get("next_review_on")?,
                classification: marking(r)?,
            })
        })
        .collect()
}
