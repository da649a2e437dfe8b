//! Sharing-arrangement storage: create and edit with audit, version conflicts,
//! duplicate references, filters, and clearance on every read.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::writes::committed;
use accord::storage::audit::Actor;
use accord::storage::{sharing, StorageError};
use accord::{
    Classification, Clearance, DataCategory, Direction, Level, OnwardSharing, OsjaStatus,
    SharingDraft, SharingFilter, SharingStatus,
};
use sqlx::SqlitePool;
use time::macros::date;

const OFFICIAL: Clearance = Clearance(Level::Official);

fn actor() -> Actor {
    Actor { user_id: None, name: "storage test".into() }
}

async fn body(pool: &SqlitePool, short_name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM uk_bodies WHERE short_name = ?1")
        .bind(short_name)
        .fetch_one(pool)
        .await
        .expect("uk body")
}

async fn agreement(pool: &SqlitePool, reference: &str, level: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, classification)
         VALUES (?1, 'Governing treaty', 'treaty', 1, ?2) RETURNING id",
    )
    .bind(reference)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("insert agreement")
}

pub async fn draft(pool: &SqlitePool, reference: &str) -> SharingDraft {
    SharingDraft {
        reference: reference.into(),
        title: "Vessel sightings exchange".into(),
        uk_body_id: body(pool, "NCA").await,
        partner: "FR".into(),
        partner_body: "Maritime operations centre".into(),
        data_categories: vec![
            DataCategory::SmugglingNetworkIntelligence,
            DataCategory::VesselSightings,
        ],
        direction: Direction::TwoWay,
        legal_basis: "MoU article 4".into(),
        handling_caveats: "Originator control".into(),
        onward_sharing: OnwardSharing::WithOriginatorConsent,
        osja_status: OsjaStatus::Completed,
        osja_assessed_on: Some(date!(2026 - 01 - 15)),
        agreement: None,
        status: SharingStatus::Active,
        classification: Classification::with_caveat(Level::Official, Some("SENSITIVE".into())),
        next_review_on: Some(date!(2030 - 01 - 01)),
    }
}

async fn audit_entries(
    pool: &SqlitePool,
    id: i64,
) -> Vec<(String, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_log
          WHERE entity = 'sharing_arrangement' AND entity_id = ?1 ORDER BY id",
    )
    .bind(id.to_string())
    .fetch_all(pool)
    .await
    .expect("audit")
}

fn references(rows: &[accord::SharingRow]) -> Vec<&str> {
    rows.iter().map(|r| r.reference.as_str()).collect()
}

#[tokio::test]
async fn created_arrangement_reads_back_with_its_agreement_names_and_audit_entry() {
    let (_dir, pool) = super::fresh().await;
    let agreement_id = agreement(&pool, "HO-FR-1", "official").await;
    let mut new = draft(&pool, "SH-FR-1").await;
    new.agreement = Some("HO-FR-1".into());
    let id =
        committed(&pool, async |tx| sharing::create(tx, &new, &actor(), Clearance::HIGHEST).await)
            .await
            .expect("create");

    let detail = sharing::get(&pool, id, Clearance::HIGHEST).await.unwrap().expect("found");
    assert_eq!(detail.draft, new);
    assert_eq!(detail.version, 1);
    assert_eq!(detail.uk_body, "National Crime Agency");
    assert_eq!(detail.partner_name, "France");
    assert_eq!(detail.page_marking().to_string(), "OFFICIAL-SENSITIVE");
    let linked = detail.agreement.expect("governing agreement");
    assert_eq!((linked.id, linked.reference.as_str()), (agreement_id, "HO-FR-1"));

    let audit = audit_entries(&pool, id).await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "create");
    assert!(audit[0].1.is_none());
    assert!(audit[0].2.as_deref().unwrap_or("").contains("SH-FR-1"));
}

#[tokio::test]
async fn an_edit_saves_bumps_the_version_and_audits_before_and_after() {
    let (_dir, pool) = super::fresh().await;
    let stored = draft(&pool, "SH-FR-1").await;
    let id = committed(&pool, async |tx| {
        sharing::create(tx, &stored, &actor(), Clearance::HIGHEST).await
    })
    .await
    .unwrap();
    let mut edit = draft(&pool, "SH-FR-1").await;
    edit.title = "Renamed exchange".into();
    edit.data_categories = vec![DataCategory::Biometrics];
    edit.status = SharingStatus::Suspended;
    committed(&pool, async |tx| {
        sharing::update(tx, id, 1, &edit, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("update");

    let detail = sharing::get(&pool, id, Clearance::HIGHEST).await.unwrap().unwrap();
    assert_eq!(detail.version, 2);
    assert_eq!(detail.draft, edit);
    let audit = audit_entries(&pool, id).await;
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[1].0, "update");
    assert!(audit[1].1.as_deref().unwrap().contains("Vessel sightings exchange"));
    assert!(audit[1].2.as_deref().unwrap().contains("Renamed exchange"));
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let (_dir, pool) = super::fresh().await;
    let stored = draft(&pool, "SH-FR-1").await;
    let id = committed(&pool, async |tx| {
        sharing::create(tx, &stored, &actor(), Clearance::HIGHEST).await
    })
    .await
    .unwrap();
    let mut first = draft(&pool, "SH-FR-1").await;
    first.title = "First save".into();
    committed(&pool, async |tx| {
        sharing::update(tx, id, 1, &first, &actor(), Clearance::HIGHEST).await
    })
    .await
    .unwrap();

    let mut second = draft(&pool, "SH-FR-1").await;
    second.title = "Second save".into();
    let result = committed(&pool, async |tx| {
        sharing::update(tx, id, 1, &second, &actor(), Clearance::HIGHEST).await
    })
    .await;
    assert!(matches!(result, Err(StorageError::Conflict)), "{result:?}");
    let detail = sharing::get(&pool, id, Clearance::HIGHEST).await.unwrap().unwrap();
    assert_eq!((detail.draft.title.as_str(), detail.version), ("First save", 2));
    assert_eq!(audit_entries(&pool, id).await.len(), 2);
}

#[tokio::test]
async fn a_duplicate_reference_is_a_field_error() {
    let (_dir, pool) = super::fresh().await;
    let stored = draft(&pool, "SH-FR-1").await;
    committed(&pool, async |tx| sharing::create(tx, &stored, &actor(), Clearance::HIGHEST).await)
        .await
        .unwrap();
    let stored = draft(&pool, "SH-FR-1").await;
    let result = committed(&pool, async |tx| {
        sharing::create(tx, &stored, &actor(), Clearance::HIGHEST).await
    })
    .await;
    match result {
        Err(StorageError::Invalid(errors)) => {
            assert!(errors.get("reference").is_some(), "{errors:?}")
        }
        other => panic!("expected a reference error, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_partner_body_and_agreement_are_field_errors() {
    let (_dir, pool) = super::fresh().await;
    let mut bad = draft(&pool, "SH-XX-1").await;
    bad.partner = "XX".into();
    bad.uk_body_id = 9999;
    bad.agreement = Some("NO-SUCH-1".into());
    match committed(&pool, async |tx| sharing::create(tx, &bad, &actor(), Clearance::HIGHEST).await)
        .await
    {
        Err(StorageError::Invalid(errors)) => {
            for field in ["uk_body_id", "partner", "agreement"] {
                assert!(errors.get(field).is_some(), "{field}: {errors:?}");
            }
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM sharing_arrangements")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn filters_narrow_the_list_and_the_count() {
    let (_dir, pool) = super::fresh().await;
    let fr = draft(&pool, "SH-FR-1").await;
    let mut ly = draft(&pool, "SH-LY-1").await;
    ly.partner = "LY".into();
    ly.data_categories = vec![DataCategory::Biometrics];
    ly.direction = Direction::UkToPartner;
    ly.status = SharingStatus::Suspended;
    ly.osja_status = OsjaStatus::ReviewRequired;
    ly.next_review_on = Some(date!(2027 - 03 - 01));
    for d in [&fr, &ly] {
        committed(&pool, async |tx| sharing::create(tx, d, &actor(), Clearance::HIGHEST).await)
            .await
            .unwrap();
    }
    let list = |filter: SharingFilter| {
        let pool = pool.clone();
        async move {
            sharing::list(&pool, &filter, Clearance::HIGHEST, accord::dates::today())
                .await
                .expect("list")
        }
    };
    let (rows, total) = list(SharingFilter { page: 1, ..Default::default() }).await;
    assert_eq!((references(&rows), total), (vec!["SH-FR-1", "SH-LY-1"], 2));
    assert_eq!(rows[1].partner_name, "Libya");
    assert_eq!(
        rows[0].data_categories,
        vec![DataCategory::SmugglingNetworkIntelligence, DataCategory::VesselSightings]
    );

    let only_ly = [
        SharingFilter { partner: Some("LY".into()), page: 1, ..Default::default() },
        SharingFilter {
            data_category: Some(DataCategory::Biometrics),
            page: 1,
            ..Default::default()
        },
        SharingFilter { direction: Some(Direction::UkToPartner), page: 1, ..Default::default() },
        SharingFilter { status: Some(SharingStatus::Suspended), page: 1, ..Default::default() },
        SharingFilter { osja: Some(OsjaStatus::ReviewRequired), page: 1, ..Default::default() },
        SharingFilter { review_due: Some(date!(2028 - 01 - 01)), page: 1, ..Default::default() },
    ];
    for filter in only_ly {
        let (rows, total) = list(filter.clone()).await;
        assert_eq!((references(&rows), total), (vec!["SH-LY-1"], 1), "{filter:?}");
    }
    let (rows, total) =
        list(SharingFilter { partner: Some("DE".into()), page: 1, ..Default::default() }).await;
    assert_eq!((rows.len(), total), (0, 0));
    let (rows, _) = list(SharingFilter { descending: true, page: 1, ..Default::default() }).await;
    assert_eq!(references(&rows), vec!["SH-LY-1", "SH-FR-1"]);
}

#[tokio::test]
async fn a_secret_arrangement_is_invisible_to_an_official_clearance() {
    let (_dir, pool) = super::fresh().await;
    let mut secret = draft(&pool, "SH-SECRET").await;
    secret.classification = Classification::new(Level::Secret);
    let secret_id = committed(&pool, async |tx| {
        sharing::create(tx, &secret, &actor(), Clearance::HIGHEST).await
    })
    .await
    .unwrap();
    let stored = draft(&pool, "SH-OPEN").await;
    committed(&pool, async |tx| sharing::create(tx, &stored, &actor(), Clearance::HIGHEST).await)
        .await
        .unwrap();

    let (rows, total) = sharing::list(
        &pool,
        &SharingFilter { page: 1, ..Default::default() },
        OFFICIAL,
        accord::dates::today(),
    )
    .await
    .unwrap();
    assert_eq!((references(&rows), total), (vec!["SH-OPEN"], 1));
    assert!(sharing::get(&pool, secret_id, OFFICIAL).await.unwrap().is_none());
    assert!(sharing::get(&pool, secret_id, Clearance(Level::Secret)).await.unwrap().is_some());
    let edit = committed(&pool, async |tx| {
        sharing::update(tx, secret_id, 1, &secret, &actor(), OFFICIAL).await
    })
    .await;
    assert!(matches!(edit, Err(StorageError::NotFound)), "{edit:?}");
}

#[tokio::test]
async fn a_governing_agreement_above_clearance_is_neither_shown_nor_linkable_nor_lost() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "HO-SECRET-1", "secret").await;
    let mut linked = draft(&pool, "SH-FR-1").await;
    linked.agreement = Some("HO-SECRET-1".into());

    // An OFFICIAL writer cannot link to (or learn of) the SECRET agreement.
    match committed(&pool, async |tx| sharing::create(tx, &linked, &actor(), OFFICIAL).await).await
    {
        Err(StorageError::Invalid(errors)) => assert!(errors.get("agreement").is_some()),
        other => panic!("expected an agreement error, got {other:?}"),
    }
    let id = committed(&pool, async |tx| {
        sharing::create(tx, &linked, &actor(), Clearance::HIGHEST).await
    })
    .await
    .unwrap();

    let seen =
        sharing::get(&pool, id, OFFICIAL).await.unwrap().expect("the arrangement is OFFICIAL");
    assert!(seen.agreement.is_none());
    assert_eq!(seen.draft.agreement, None);
    assert_eq!(seen.page_marking().to_string(), "OFFICIAL-SENSITIVE");
    let secret_reader = sharing::get(&pool, id, Clearance::HIGHEST).await.unwrap().unwrap();
    // The arrangement's SENSITIVE caveat is carried up with the agreement's level.
    assert_eq!(secret_reader.page_marking().to_string(), "SECRET SENSITIVE");

    // Saving the OFFICIAL reader's form (agreement blank) keeps the hidden link.
    let mut edit = seen.draft.clone();
    edit.title = "Edited without clearance for the agreement".into();
    committed(&pool, async |tx| {
        sharing::update(tx, id, seen.version, &edit, &actor(), OFFICIAL).await
    })
    .await
    .expect("update");
    let after = sharing::get(&pool, id, Clearance::HIGHEST).await.unwrap().unwrap();
    assert_eq!(after.draft.agreement.as_deref(), Some("HO-SECRET-1"));
    assert_eq!(after.draft.title, "Edited without clearance for the agreement");
}
