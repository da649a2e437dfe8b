//! Assessments and record reviews: append-only through SQL too, the latest assessment
//! drives the commitment, a back-dated one does not, corrections name their original,
//! and marking an agreement or arrangement reviewed moves its next review date.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::agreements::{create as create_agreement, draft as agreement_draft};
use accord::domain::assessment::{AssessmentDraft, ReviewDraft, ReviewSubject};
use accord::storage::{assessments, commitments, record_reviews, StorageError};
use accord::{
    AgreementStatus, Classification, Clearance, CommitmentStatus, Level, Rag, Role, User,
};
use sqlx::SqlitePool;
use time::macros::date;
use time::Date;

const TODAY: Date = date!(2026 - 03 - 10);

/// A reviewer with the given clearance, stored (assessments name their assessor).
pub async fn reviewer(pool: &SqlitePool, email: &str, clearance: Level) -> User {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, clearance, password_hash, must_change_password)
         VALUES (?1, ?2, 'reviewer', ?3, 'not a hash', 0) RETURNING id",
    )
    .bind(email)
    .bind(format!("Reviewer {email}"))
    .bind(clearance)
    .fetch_one(pool)
    .await
    .unwrap();
    User {
        id,
        email: email.to_owned(),
        display_name: format!("Reviewer {email}"),
        role: Role::Reviewer,
        clearance,
        must_change_password: false,
    }
}

/// An in-progress, amber OFFICIAL commitment under a new agreement: (agreement, commitment).
async fn commitment(pool: &SqlitePool, reference: &str) -> (i64, i64) {
    let agreement =
        create_agreement(pool, &agreement_draft(reference), AgreementStatus::InForce).await;
    let id = sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, status, rag)
         VALUES (?1, 'LY', 'Readmit nationals', 'returns', 'in_progress', 'amber') RETURNING id",
    )
    .bind(agreement)
    .fetch_one(pool)
    .await
    .unwrap();
    (agreement, id)
}

pub fn draft(on: Date, status: CommitmentStatus, rag: Rag, next: Option<Date>) -> AssessmentDraft {
    AssessmentDraft {
        status,
        rag,
        progress_note: format!("Assessed on {on}"),
        evidence: String::new(),
        next_review_on: next,
        assessed_on: on,
        classification: Classification::new(Level::Official),
        corrects: None,
    }
}

async fn version(pool: &SqlitePool, table: &str, id: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT version FROM {table} WHERE id = ?1")))
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn state(pool: &SqlitePool, id: i64) -> (String, Option<String>, Option<Date>) {
    sqlx::query_as("SELECT status, rag, next_review_on FROM commitments WHERE id = ?1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn count(pool: &SqlitePool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn assessments_cannot_be_updated_or_deleted_even_through_sql() {
    let (_dir, pool) = super::fresh().await;
    let user = reviewer(&pool, "r@test.gov.uk", Level::Secret).await;
    let (agreement, id) = commitment(&pool, "AS-APPEND-1").await;
    let d = draft(TODAY, CommitmentStatus::Met, Rag::Green, None);
    assessments::record_assessment(&pool, id, 1, &d, &user).await.unwrap();

    let update = sqlx::query("UPDATE assessments SET rag = 'red'").execute(&pool).await;
    assert!(update.is_err(), "an assessment was updated");
    let delete = sqlx::query("DELETE FROM assessments").execute(&pool).await;
    assert!(delete.is_err(), "an assessment was deleted");
    let parent = sqlx::query("DELETE FROM commitments WHERE id = ?1").bind(id).execute(&pool).await;
    assert!(parent.is_err(), "a commitment with assessments was deleted");
    let grand =
        sqlx::query("DELETE FROM agreements WHERE id = ?1").bind(agreement).execute(&pool).await;
    assert!(grand.is_err(), "an agreement whose commitment has assessments was deleted");
    assert_eq!(count(&pool, "SELECT count(*) FROM assessments").await, 1);
    assert_eq!(count(&pool, "SELECT count(*) FROM commitments").await, 1);
}

#[tokio::test]
async fn the_latest_assessment_drives_the_commitment_and_a_back_dated_one_does_not() {
    let (_dir, pool) = super::fresh().await;
    let user = reviewer(&pool, "r@test.gov.uk", Level::Secret).await;
    let (_, id) = commitment(&pool, "AS-LATEST-1").await;
    let next = date!(2026 - 06 - 01);
    let latest = draft(TODAY, CommitmentStatus::Met, Rag::Green, Some(next));
    assessments::record_assessment(&pool, id, 1, &latest, &user).await.unwrap();
    assert_eq!(state(&pool, id).await, ("met".into(), Some("green".into()), Some(next)));
    assert_eq!(version(&pool, "commitments", id).await, 2);

    // Recorded later, but of an earlier date: history, not the current state.
    let old = draft(date!(2026 - 01 - 05), CommitmentStatus::NotMet, Rag::Red, None);
    assessments::record_assessment(&pool, id, 2, &old, &user).await.unwrap();
    assert_eq!(state(&pool, id).await, ("met".into(), Some("green".into()), Some(next)));
    assert_eq!(version(&pool, "commitments", id).await, 2, "a back-dated one changes nothing");

    let detail = commitments::get(&pool, id, Clearance::HIGHEST, TODAY).await.unwrap().unwrap();
    let dates: Vec<Date> = detail.assessments.iter().map(|a| a.assessed_on).collect();
    assert_eq!(dates, [TODAY, date!(2026 - 01 - 05)], "newest first");
    let audited = count(
        &pool,
        "SELECT count(*) FROM audit_log WHERE entity = 'assessment' AND action = 'create'",
    )
    .await;
    assert_eq!(audited, 2);
    let updates = count(
        &pool,
        "SELECT count(*) FROM audit_log WHERE entity = 'commitment' AND action = 'update'",
    )
    .await;
    assert_eq!(updates, 1, "only the latest updated the commitment");
}

#[tokio::test]
async fn a_stale_version_a_lowered_marking_or_a_foreign_correction_writes_nothing() {
    let (_dir, pool) = super::fresh().await;
    let user = reviewer(&pool, "r@test.gov.uk", Level::Secret).await;
    let (_, id) = commitment(&pool, "AS-REFUSE-1").await;
    let (_, other) = commitment(&pool, "AS-REFUSE-2").await;
    let d = draft(TODAY, CommitmentStatus::Met, Rag::Green, None);
    let foreign = assessments::record_assessment(&pool, other, 1, &d, &user).await.unwrap();

    let stale = assessments::record_assessment(&pool, id, 7, &d, &user).await;
    assert!(matches!(stale, Err(StorageError::Conflict)), "{stale:?}");
    let top =
        AssessmentDraft { classification: Classification::new(Level::TopSecret), ..d.clone() };
    let above = assessments::record_assessment(&pool, id, 1, &top, &user).await;
    assert!(
        matches!(above, Err(StorageError::Invalid(ref e)) if e.get("classification").is_some())
    );
    let wrong = AssessmentDraft { corrects: Some(foreign), ..d.clone() };
    let refused = assessments::record_assessment(&pool, id, 1, &wrong, &user).await;
    assert!(matches!(refused, Err(StorageError::Invalid(ref e)) if e.get("corrects").is_some()));
    assert_eq!(count(&pool, "SELECT count(*) FROM assessments").await, 1);

    sqlx::query("UPDATE commitments SET classification = 'secret' WHERE id = ?1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let lowered = assessments::record_assessment(&pool, id, 1, &d, &user).await;
    assert!(
        matches!(lowered, Err(StorageError::Invalid(ref e)) if e.get("classification").is_some())
    );
    let official = reviewer(&pool, "o@test.gov.uk", Level::Official).await;
    let hidden = assessments::record_assessment(&pool, id, 1, &d, &official).await;
    assert!(matches!(hidden, Err(StorageError::NotFound)), "{hidden:?}");
    assert_eq!(count(&pool, "SELECT count(*) FROM assessments").await, 1);
}

#[tokio::test]
async fn a_correction_names_its_original_and_secret_entries_are_hidden_from_official() {
    let (_dir, pool) = super::fresh().await;
    let user = reviewer(&pool, "r@test.gov.uk", Level::Secret).await;
    let (_, id) = commitment(&pool, "AS-CORRECT-1").await;
    let first = draft(date!(2026 - 03 - 03), CommitmentStatus::Met, Rag::Green, None);
    let original = assessments::record_assessment(&pool, id, 1, &first, &user).await.unwrap();
    let fix = AssessmentDraft {
        corrects: Some(original),
        classification: Classification::new(Level::Secret),
        ..draft(TODAY, CommitmentStatus::PartiallyMet, Rag::Amber, None)
    };
    let correction = assessments::record_assessment(&pool, id, 2, &fix, &user).await.unwrap();

    let secret =
        commitments::get(&pool, id, Clearance(Level::Secret), TODAY).await.unwrap().unwrap();
    let newest = &secret.assessments[0];
    assert_eq!((newest.id, newest.corrects), (correction, Some(original)));
    assert_eq!(newest.corrects_on, Some(date!(2026 - 03 - 03)));
    assert_eq!(secret.page_marking().level, Level::Secret, "the entry marks the page");

    let official =
        commitments::get(&pool, id, Clearance(Level::Official), TODAY).await.unwrap().unwrap();
    let ids: Vec<i64> = official.assessments.iter().map(|a| a.id).collect();
    assert_eq!(ids, [original], "the SECRET correction is not shown to OFFICIAL");
    assert_eq!(official.page_marking().level, Level::Official);
}

#[tokio::test]
async fn marking_an_agreement_and_an_arrangement_reviewed_moves_the_next_review() {
    let (_dir, pool) = super::fresh().await;
    let user = reviewer(&pool, "r@test.gov.uk", Level::Secret).await;
    let (agreement, _) = commitment(&pool, "AS-REVIEW-1").await;
    let arrangement: i64 = sqlx::query_scalar(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction)
         VALUES ('DS-REVIEW-1', 'Sightings', (SELECT min(id) FROM uk_bodies), 'LY', 'Coastguard', 'two_way')
         RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let next = date!(2026 - 09 - 10);
    let review = ReviewDraft {
        reviewed_on: TODAY,
        note: "Still in force".into(),
        next_review_on: next,
        classification: Classification::new(Level::Official),
    };
    let v = version(&pool, "agreements", agreement).await;
    let reference = record_reviews::record_review(
        &pool,
        ReviewSubject::Agreement(agreement),
        v,
        &review,
        &user,
    )
    .await
    .unwrap();
    assert_eq!(reference, "AS-REVIEW-1");
    let stale = record_reviews::record_review(
        &pool,
        ReviewSubject::Agreement(agreement),
        v,
        &review,
        &user,
    )
    .await;
    assert!(matches!(stale, Err(StorageError::Conflict)), "{stale:?}");
    let subject = ReviewSubject::Sharing(arrangement);
    record_reviews::record_review(&pool, subject, 1, &review, &user).await.unwrap();

    for (table, id) in [("agreements", agreement), ("sharing_arrangements", arrangement)] {
        let on: Option<Date> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT next_review_on FROM {table} WHERE id = ?1"
        )))
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(on, Some(next), "{table}");
    }
    let listed = record_reviews::reviews(&pool, subject, Clearance(Level::Official)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reviewer, "Reviewer r@test.gov.uk");
    assert_eq!(count(&pool, "SELECT count(*) FROM record_reviews").await, 2);
    let deleted = sqlx::query("DELETE FROM record_reviews").execute(&pool).await;
    assert!(deleted.is_err(), "a review was deleted");
}
