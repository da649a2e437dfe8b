//! The named reviewer of a commitment: an active reviewer or administrator cleared to
//! see the commitment, saved and audited with the other fields, cleared by nothing else.

use super::user;
use crate::agreements::{actor, create as create_agreement, draft as agreement_draft};
use crate::writes::committed;
use accord::commitment_record::REVIEWER_ERROR;
use accord::storage::{commitments, StorageError};
use accord::{
    AgreementStatus, Classification, Clearance, CommitmentCategory, CommitmentDraft,
    CommitmentStatus, Level,
};
use sqlx::SqlitePool;

fn draft(reviewer_id: Option<i64>, level: Level) -> CommitmentDraft {
    CommitmentDraft {
        committing_party: "LY".into(),
        text: "Readmit returnees".into(),
        category: CommitmentCategory::Returns,
        owner: String::new(),
        due_on: None,
        status: CommitmentStatus::NotStarted,
        rag: None,
        next_review_on: None,
        strands: Vec::new(),
        classification: Classification::new(level),
        reviewer_id,
    }
}

async fn save(
    pool: &SqlitePool,
    agreement: i64,
    draft: &CommitmentDraft,
) -> Result<i64, StorageError> {
    committed(pool, async |tx| {
        commitments::create(tx, agreement, draft, &actor(), Clearance::HIGHEST).await
    })
    .await
}

fn reviewer_error(result: Result<i64, StorageError>) -> String {
    match result {
        Err(StorageError::Invalid(errors)) => {
            errors.get("reviewer_id").unwrap_or_default().to_owned()
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn only_an_active_cleared_reviewer_or_administrator_can_be_named() {
    let (_dir, pool) = crate::fresh().await;
    let agreement =
        create_agreement(&pool, &agreement_draft("RV-1"), AgreementStatus::InForce).await;
    let reviewer = user(&pool, "r@test.example", "Rita Reviewer", "reviewer", "secret", true).await;
    let admin = user(&pool, "a@test.example", "Ada Admin", "admin", "top_secret", true).await;
    let viewer = user(&pool, "v@test.example", "Vic Viewer", "viewer", "top_secret", true).await;
    let editor = user(&pool, "e@test.example", "Ed Editor", "editor", "top_secret", true).await;
    let disabled =
        user(&pool, "d@test.example", "Dee Disabled", "reviewer", "top_secret", false).await;
    let official =
        user(&pool, "o@test.example", "Olly Official", "reviewer", "official", true).await;

    for refused in [viewer, editor, disabled, 9999] {
        let error =
            reviewer_error(save(&pool, agreement, &draft(Some(refused), Level::Official)).await);
        assert_eq!(error, REVIEWER_ERROR, "user {refused}");
    }
    let error = reviewer_error(save(&pool, agreement, &draft(Some(official), Level::Secret)).await);
    assert_eq!(error, "Select a reviewer cleared to see this commitment");
    let none: i64 =
        sqlx::query_scalar("SELECT count(*) FROM commitments").fetch_one(&pool).await.unwrap();
    assert_eq!(none, 0, "nothing written when refused");

    for named in [reviewer, admin, official] {
        let id = save(&pool, agreement, &draft(Some(named), Level::Official)).await.expect("saved");
        let detail =
            commitments::get(&pool, id, Clearance::HIGHEST, super::TODAY).await.unwrap().unwrap();
        assert_eq!(detail.draft.reviewer_id, Some(named));
    }
    let id = save(&pool, agreement, &draft(Some(reviewer), Level::Secret))
        .await
        .expect("a SECRET reviewer for a SECRET commitment");
    let detail =
        commitments::get(&pool, id, Clearance::HIGHEST, super::TODAY).await.unwrap().unwrap();
    assert_eq!(detail.reviewer_name.as_deref(), Some("Rita Reviewer"));
    let after: String = sqlx::query_scalar(
        "SELECT after_json FROM audit_log WHERE entity = 'commitment' AND entity_id = CAST(?1 AS TEXT)",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(after.contains(&format!("\"reviewer_id\":{reviewer}")), "audited: {after}");
}

#[tokio::test]
async fn an_edit_changes_or_clears_the_reviewer_and_audits_it() {
    let (_dir, pool) = crate::fresh().await;
    let agreement =
        create_agreement(&pool, &agreement_draft("RV-2"), AgreementStatus::InForce).await;
    let reviewer = user(&pool, "r@test.example", "Rita Reviewer", "reviewer", "secret", true).await;
    let id = save(&pool, agreement, &draft(Some(reviewer), Level::Official)).await.unwrap();
    committed(&pool, async |tx| {
        commitments::update(tx, id, 1, &draft(None, Level::Official), &actor(), Clearance::HIGHEST)
            .await
    })
    .await
    .expect("cleared");
    let detail =
        commitments::get(&pool, id, Clearance::HIGHEST, super::TODAY).await.unwrap().unwrap();
    assert_eq!((detail.draft.reviewer_id, detail.reviewer_name), (None, None));
    let before: String = sqlx::query_scalar(
        "SELECT before_json FROM audit_log WHERE entity = 'commitment' AND action = 'update' AND entity_id = CAST(?1 AS TEXT)",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(before.contains(&format!("\"reviewer_id\":{reviewer}")), "audited: {before}");
}
