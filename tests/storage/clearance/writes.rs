//! Writes check visibility and markings inside their transaction: nobody edits,
//! links to, supersedes or attaches to what they cannot see, marks above their own
//! clearance or lowers a marking, and an unknown UK body or leg partner is a field
//! error. Each refusal writes nothing: no row, no version, no audit entry.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::seed::*;
use crate::agreements::draft as agreement_draft;
use crate::writes::committed;
use accord::route::{NewRoute, RouteSlug};
use accord::storage::audit::Actor;
use accord::storage::{agreements, commitments, routes, sharing, StorageError};
use accord::{
    AgreementStatus, Classification, Clearance, CommitmentCategory, CommitmentDraft,
    CommitmentStatus, Level, RouteRole, StatusChange,
};
use sqlx::SqlitePool;

const OFFICIAL: Clearance = Clearance(Level::Official);
const SECRET: Clearance = Clearance(Level::Secret);

fn actor() -> Actor {
    Actor::system("clearance test")
}

/// Runs a write that must be refused, checks nothing changed, and returns the refusal.
async fn refused<T: std::fmt::Debug>(
    pool: &SqlitePool,
    write: impl AsyncFnOnce(&mut sqlx::Transaction<'static, sqlx::Sqlite>) -> Result<T, StorageError>,
) -> StorageError {
    let before = footprint(pool).await;
    let result = committed(pool, write).await;
    assert_eq!(footprint(pool).await, before, "a refused write wrote nothing");
    result.expect_err("refused")
}

/// The field errors of a refusal, panicking when it is anything else.
fn fields(error: StorageError) -> accord::FieldErrors {
    match error {
        StorageError::Invalid(errors) => errors,
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn commitment(level: Level) -> CommitmentDraft {
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
        reviewer_id: None,
    }
}

fn route(name: &str, level: Level, legs: &[&str]) -> NewRoute {
    NewRoute {
        slug: RouteSlug::from_name(name).expect("slug"),
        name: name.into(),
        description: String::new(),
        classification: level,
        caveat: None,
        next_review_on: None,
        legs: legs.iter().map(|p| ((*p).to_owned(), RouteRole::Transit)).collect(),
    }
}

#[tokio::test]
async fn nobody_edits_or_attaches_to_a_record_they_cannot_see() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let edit = agreement_draft("CLR-SECRET-1");
    let err = refused(&pool, async |tx| {
        agreements::update(tx, s.secret, 1, &edit, &actor(), OFFICIAL).await
    })
    .await;
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
    let change = StatusChange {
        to: AgreementStatus::Suspended,
        changed_on: TODAY,
        note: "Paused".into(),
        superseded_by: None,
    };
    let err = refused(&pool, async |tx| {
        agreements::change_status(tx, s.secret, 1, &change, &actor(), OFFICIAL).await
    })
    .await;
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
    // A commitment is attached to, and edited under, its agreement.
    let draft = commitment(Level::Official);
    let err = refused(&pool, async |tx| {
        commitments::create(tx, s.secret, &draft, &actor(), OFFICIAL).await
    })
    .await;
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
    let err = refused(&pool, async |tx| {
        commitments::update(tx, s.child_of_secret, 1, &draft, &actor(), OFFICIAL).await
    })
    .await;
    assert!(matches!(err, StorageError::NotFound), "OFFICIAL itself, under SECRET: {err:?}");
    let err =
        refused(&pool, async |tx| routes::id_for_slug(tx, s.secret_route, OFFICIAL).await).await;
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
    let secret_route_id: i64 = sqlx::query_scalar("SELECT id FROM routes WHERE slug = ?1")
        .bind(s.secret_route)
        .fetch_one(&pool)
        .await
        .unwrap();
    let edit = route("Renamed", Level::Secret, &["LY"]);
    let err = refused(&pool, async |tx| {
        routes::update(tx, &actor(), OFFICIAL, secret_route_id, 1, &edit).await
    })
    .await;
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
}

#[tokio::test]
async fn a_link_to_a_hidden_agreement_reads_as_one_that_does_not_exist() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    for field in ["supersedes", "amends"] {
        let messages = async |reference: &str| {
            let mut draft = agreement_draft("CLR-NEW-1");
            *(if field == "supersedes" { &mut draft.supersedes } else { &mut draft.amends }) =
                Some(reference.into());
            let errors = fields(
                refused(&pool, async |tx| {
                    agreements::create(
                        tx,
                        &draft,
                        AgreementStatus::Proposed,
                        &actor(),
                        OFFICIAL,
                        TODAY,
                    )
                    .await
                })
                .await,
            );
            errors.get(field).map(|m| m.replace(reference, "REF"))
        };
        let hidden = messages("CLR-SECRET-1").await;
        assert!(hidden.is_some(), "{field}");
        assert_eq!(hidden, messages("CLR-NO-SUCH-1").await, "{field}: the same answer as missing");
    }
    // Superseding: the newer agreement must be one the writer can see.
    let change = StatusChange {
        to: AgreementStatus::Superseded,
        changed_on: TODAY,
        note: "Replaced".into(),
        superseded_by: Some("CLR-SECRET-1".into()),
    };
    let errors = fields(
        refused(&pool, async |tx| {
            agreements::change_status(tx, s.official, 1, &change, &actor(), OFFICIAL).await
        })
        .await,
    );
    assert!(errors.get("superseded_by").is_some(), "{errors:?}");
    // And an arrangement's governing agreement.
    let mut draft = crate::sharing::draft(&pool, "CLR-SH-NEW").await;
    draft.agreement = Some("CLR-SECRET-1".into());
    draft.classification = Classification::new(Level::Official);
    let errors = fields(
        refused(&pool, async |tx| sharing::create(tx, &draft, &actor(), OFFICIAL).await).await,
    );
    assert!(errors.get("agreement").is_some(), "{errors:?}");
}

#[tokio::test]
async fn nobody_marks_a_record_above_their_own_clearance() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let mut draft = agreement_draft("CLR-HIGH-1");
    draft.classification = Classification::new(Level::Secret);
    let errors = fields(
        refused(&pool, async |tx| {
            agreements::create(tx, &draft, AgreementStatus::Proposed, &actor(), OFFICIAL, TODAY)
                .await
        })
        .await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
    let high = commitment(Level::TopSecret);
    let errors = fields(
        refused(&pool, async |tx| commitments::create(tx, s.secret, &high, &actor(), SECRET).await)
            .await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
    let mut arrangement = crate::sharing::draft(&pool, "CLR-SH-HIGH").await;
    arrangement.classification = Classification::new(Level::Secret);
    let errors = fields(
        refused(&pool, async |tx| sharing::create(tx, &arrangement, &actor(), OFFICIAL).await)
            .await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
    let high_route = route("High route", Level::TopSecret, &["LY", "GB"]);
    let errors = fields(
        refused(&pool, async |tx| routes::create(tx, &actor(), SECRET, &high_route).await).await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
}

#[tokio::test]
async fn a_marking_is_never_lowered() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let mut lowered = agreement_draft("CLR-SECRET-1");
    lowered.title = format!("Treaty {SECRET_AGREEMENT}");
    let errors = fields(
        refused(&pool, async |tx| {
            agreements::update(tx, s.secret, 1, &lowered, &actor(), SECRET).await
        })
        .await,
    );
    assert!(errors.get("classification").is_some(), "SECRET to OFFICIAL: {errors:?}");
    let draft = commitment(Level::Official);
    let errors = fields(
        refused(&pool, async |tx| {
            commitments::update(tx, s.child_of_top_secret, 1, &draft, &actor(), Clearance::HIGHEST)
                .await
        })
        .await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
    // Dropping UK EYES ONLY is lowering too, at the same level.
    let mut arrangement = crate::sharing::draft(&pool, "CLR-SH-EYES").await;
    arrangement.classification = Classification::new(Level::Secret);
    let errors = fields(
        refused(&pool, async |tx| {
            sharing::update(tx, s.eyes_only, 1, &arrangement, &actor(), SECRET).await
        })
        .await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
    let id: i64 = sqlx::query_scalar("SELECT id FROM routes WHERE slug = ?1")
        .bind(s.secret_route)
        .fetch_one(&pool)
        .await
        .unwrap();
    let lowered_route = route(s.secret_route, Level::Official, &["LY", "GB"]);
    let errors = fields(
        refused(&pool, async |tx| {
            routes::update(tx, &actor(), SECRET, id, 1, &lowered_route).await
        })
        .await,
    );
    assert!(errors.get("classification").is_some(), "{errors:?}");
}

#[tokio::test]
async fn an_unknown_uk_body_or_leg_partner_is_a_field_error() {
    let (_dir, pool) = crate::fresh().await;
    seed(&pool).await;
    let mut draft = agreement_draft("CLR-BODY-1");
    draft.lead_department_id = Some(999_999);
    let errors = fields(
        refused(&pool, async |tx| {
            agreements::create(tx, &draft, AgreementStatus::Proposed, &actor(), OFFICIAL, TODAY)
                .await
        })
        .await,
    );
    assert!(errors.get("lead_department_id").is_some(), "{errors:?}");
    let mut arrangement = crate::sharing::draft(&pool, "CLR-SH-BODY").await;
    arrangement.uk_body_id = 999_999;
    let errors = fields(
        refused(&pool, async |tx| sharing::create(tx, &arrangement, &actor(), OFFICIAL).await)
            .await,
    );
    assert!(errors.get("uk_body_id").is_some(), "{errors:?}");
    let unknown = route("Unknown partners", Level::Official, &["ZZ", "LY", "QQ"]);
    let errors = fields(
        refused(&pool, async |tx| routes::create(tx, &actor(), OFFICIAL, &unknown).await).await,
    );
    assert!(errors.get("leg_1_partner").is_some() && errors.get("leg_3_partner").is_some());
    assert!(errors.get("leg_2_partner").is_none(), "{errors:?}");
}

#[tokio::test]
async fn an_edit_keeps_a_link_the_writer_cannot_see() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    // The OFFICIAL editor's form had no supersedes/amends (they are hidden from them).
    let mut edit = agreement_draft("CLR-OFFICIAL-1");
    edit.title = "Edited at OFFICIAL".into();
    committed(&pool, async |tx| {
        agreements::update(tx, s.official, 1, &edit, &actor(), OFFICIAL).await
    })
    .await
    .expect("edit");
    let links: (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT supersedes_id, amends_id FROM agreements WHERE id = ?1")
            .bind(s.official)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(links, (Some(s.secret), Some(s.secret)));
}

#[tokio::test]
async fn superseding_changes_the_newer_agreement_with_its_version_and_audit_entry() {
    let (_dir, pool) = crate::fresh().await;
    let s = seed(&pool).await;
    let newer =
        crate::agreements::create(&pool, &agreement_draft("CLR-NEWER-1"), AgreementStatus::InForce)
            .await;
    let audits = |id: i64| {
        let pool = pool.clone();
        async move {
            let n: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = ?1",
            )
            .bind(id.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
            n
        }
    };
    let before = audits(newer).await;
    let change = StatusChange {
        to: AgreementStatus::Superseded,
        changed_on: TODAY,
        note: "Replaced".into(),
        superseded_by: Some("CLR-NEWER-1".into()),
    };
    committed(&pool, async |tx| {
        agreements::change_status(tx, s.official, 1, &change, &actor(), OFFICIAL).await
    })
    .await
    .expect("supersede");
    let (version, supersedes): (i64, Option<i64>) =
        sqlx::query_as("SELECT version, supersedes_id FROM agreements WHERE id = ?1")
            .bind(newer)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((version, supersedes), (2, Some(s.official)));
    assert_eq!(audits(newer).await, before + 1, "the newer agreement's change is audited");
}
