//! The round trip (issue 12): records exported as CSV through the real routes import
//! into a fresh database through `/import`, and export again to the same files (but
//! for the ids, which each database gives its own); importing the same files again is
//! refused, every row a duplicate, and writes nothing.

use super::upload;
use crate::{client, TestApp};
use accord::storage::agreements;
use accord::storage::audit::Actor;
use accord::storage::commitments;
use accord::{
    AgreementDraft, AgreementKind, AgreementStatus, Classification, Clearance, CommitmentCategory,
    CommitmentDraft, CommitmentStatus, ContestStrand, Level, Rag,
};
use time::Duration;

fn agreement(reference: &str, level: Level) -> AgreementDraft {
    let today = accord::dates::today();
    AgreementDraft {
        reference: reference.to_owned(),
        title: format!("=Returns plan {reference}, with \"quotes\""),
        kind: AgreementKind::JointActionPlan,
        legally_binding: true,
        partners: vec!["TN".to_owned(), "LY".to_owned()],
        signed_on: Some(today - Duration::days(400)),
        in_force_on: Some(today - Duration::days(300)),
        expires_on: Some(today + Duration::days(700)),
        lead_department_id: Some(3),
        owner: "Returns desk".to_owned(),
        summary: "Two lines\nof summary".to_owned(),
        funding_gbp: Some(250_000),
        funding_note: "-Capital only".to_owned(),
        scope_tags: vec!["maritime".to_owned(), "returns".to_owned()],
        strands: vec![ContestStrand::Pursue, ContestStrand::Prevent],
        classification: Classification {
            level,
            caveat: Some("SENSITIVE".to_owned()),
            releasability: Some("UK EYES ONLY".to_owned()),
        },
        next_review_on: Some(today + Duration::days(90)),
        supersedes: None,
        amends: None,
    }
}

fn commitment(text: &str, party: &str, level: Level) -> CommitmentDraft {
    let today = accord::dates::today();
    CommitmentDraft {
        committing_party: party.to_owned(),
        text: text.to_owned(),
        category: CommitmentCategory::Returns,
        owner: "Desk officer".to_owned(),
        due_on: Some(today + Duration::days(30)),
        status: CommitmentStatus::InProgress,
        rag: Some(Rag::Amber),
        next_review_on: Some(today + Duration::days(60)),
        strands: vec![ContestStrand::Protect],
        classification: Classification::new(level),
        reviewer_id: None,
    }
}

/// Two agreements (the newer amending the older, one SECRET) with three commitments.
async fn seed(app: &TestApp) {
    let actor = Actor::system("test");
    let today = accord::dates::today();
    let mut tx = accord::storage::begin_write(&app.pool).await.unwrap();
    let old = agreement("HO-TN-2024-001", Level::Official);
    let old_id = agreements::create(
        &mut tx,
        &old,
        AgreementStatus::InForce,
        &actor,
        Clearance::HIGHEST,
        today,
    )
    .await
    .unwrap();
    let new = AgreementDraft {
        amends: Some(old.reference.clone()),
        ..agreement("HO-TN-2026-002", Level::Secret)
    };
    let new_id = agreements::create(
        &mut tx,
        &new,
        AgreementStatus::Negotiating,
        &actor,
        Clearance::HIGHEST,
        today,
    )
    .await
    .unwrap();
    for (id, draft) in [
        (old_id, commitment("Charter two return flights a month", "TN", Level::Official)),
        (old_id, commitment("+Share vessel sightings", "GB", Level::Official)),
        (new_id, commitment("Joint patrols", "LY", Level::Official)),
    ] {
        commitments::create(&mut tx, id, &draft, &actor, Clearance::HIGHEST).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn export(app: &TestApp, path: &str) -> String {
    let response = client::send_with(app.addr, "GET", path, None, &app.session.headers()).await;
    assert_eq!(response.status, 200, "{path}");
    response.body
}

/// The file without the columns each database numbers for itself.
fn without_ids(csv: &str) -> Vec<Vec<String>> {
    let body = csv.strip_prefix('\u{feff}').expect("BOM");
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body.as_bytes());
    let records: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let header = &records[1];
    let keep: Vec<usize> = (0..header.len())
        .filter(|i| !matches!(header[*i].as_str(), "id" | "agreement_id"))
        .collect();
    records
        .iter()
        .map(
            |r| if r.len() == 1 { r.clone() } else { keep.iter().map(|i| r[*i].clone()).collect() },
        )
        .collect()
}

#[tokio::test]
async fn an_export_imports_back_unchanged_and_a_second_import_is_refused_as_duplicates() {
    let source = TestApp::spawn(false).await;
    seed(&source).await;
    let agreements_csv = export(&source, "/agreements.csv").await;
    let commitments_csv = export(&source, "/commitments.csv").await;
    assert_eq!(without_ids(&agreements_csv).len(), 4, "marking, header, two agreements");
    assert_eq!(without_ids(&commitments_csv).len(), 5);

    let target = TestApp::spawn(false).await;
    let csrf = target.session.csrf.clone();
    let response =
        upload(&target, &target.session, Some(&csrf), "agreements", agreements_csv.as_bytes())
            .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let response =
        upload(&target, &target.session, Some(&csrf), "commitments", commitments_csv.as_bytes())
            .await;
    assert_eq!(response.status, 303, "{}", response.body);
    assert_eq!(
        without_ids(&export(&target, "/agreements.csv").await),
        without_ids(&agreements_csv)
    );
    assert_eq!(
        without_ids(&export(&target, "/commitments.csv").await),
        without_ids(&commitments_csv)
    );

    let counts = |app: &TestApp| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_as::<_, (i64, i64, i64)>(
                "SELECT (SELECT count(*) FROM agreements), (SELECT count(*) FROM commitments),
                        (SELECT count(*) FROM audit_log WHERE action = 'create')",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let before = counts(&target).await;
    assert_eq!((before.0, before.1), (2, 3));
    let response =
        upload(&target, &target.session, Some(&csrf), "agreements", agreements_csv.as_bytes())
            .await;
    assert_eq!(response.status, 422);
    for (row, reference) in [(3, "HO-TN-2024-001"), (4, "HO-TN-2026-002")] {
        assert!(
            response
                .body
                .contains(&format!("Row {row}: Agreement reference {reference} already exists")),
            "{}",
            response.body
        );
    }
    let response =
        upload(&target, &target.session, Some(&csrf), "commitments", commitments_csv.as_bytes())
            .await;
    assert_eq!(response.status, 422);
    for row in 3..=5 {
        assert!(response.body.contains(&format!("Row {row}: Agreement HO-TN-")), "row {row}");
    }
    assert_eq!(counts(&target).await, before, "nothing written the second time");
}
