//! Commitment storage: create and read back, edits with versions, the register's
//! overdue and partner filters, and clearance inherited from the agreement.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::agreements::{actor, create as create_agreement, draft as agreement_draft, TODAY};
use super::writes::committed;
use accord::storage::{commitments, StorageError};
use accord::{
    AgreementStatus, Classification, Clearance, CommitmentCategory, CommitmentDraft,
    CommitmentFilter, CommitmentStatus, ContestStrand, Level, Rag, ReviewState,
};
use sqlx::SqlitePool;
use time::macros::date;
use time::{Date, Duration};

fn draft(text: &str, status: CommitmentStatus, due_on: Option<Date>) -> CommitmentDraft {
    CommitmentDraft {
        committing_party: "LY".to_owned(),
        text: text.to_owned(),
        category: CommitmentCategory::Returns,
        owner: String::new(),
        due_on,
        status,
        rag: None,
        next_review_on: None,
        strands: Vec::new(),
        classification: Classification::new(Level::Official),
        reviewer_id: None,
    }
}

/// An OFFICIAL agreement with Libya (and the UK).
async fn agreement(pool: &SqlitePool, reference: &str) -> i64 {
    create_agreement(pool, &agreement_draft(reference), AgreementStatus::InForce).await
}

async fn create(pool: &SqlitePool, agreement_id: i64, draft: &CommitmentDraft) -> i64 {
    committed(pool, async |tx| {
        commitments::create(tx, agreement_id, draft, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("create commitment")
}

fn texts(rows: &[accord::CommitmentRow]) -> Vec<String> {
    let mut texts: Vec<String> = rows.iter().map(|r| r.text.clone()).collect();
    texts.sort();
    texts
}

/// The texts the register lists (sorted), checking the count agrees with the rows.
async fn listed(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Vec<String> {
    let filter = CommitmentFilter { page: filter.page.max(1), ..filter.clone() };
    let (rows, total) = commitments::list(pool, &filter, clearance, today).await.expect("list");
    assert_eq!(total as usize, rows.len(), "count agrees with the rows for {filter:?}");
    texts(&rows)
}

#[tokio::test]
async fn create_then_get_round_trips_every_field() {
    let (_dir, pool) = super::fresh().await;
    let agreement_id = agreement(&pool, "CM-RT-1").await;
    let full = CommitmentDraft {
        committing_party: "GB".to_owned(),
        text: "Fund two coastguard training courses".to_owned(),
        category: CommitmentCategory::CapacityBuilding,
        owner: "North Africa Migration Team".to_owned(),
        due_on: Some(date!(2027 - 03 - 31)),
        status: CommitmentStatus::InProgress,
        rag: Some(Rag::Amber),
        next_review_on: Some(date!(2027 - 01 - 15)),
        strands: vec![ContestStrand::Protect],
        classification: Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned())),
        reviewer_id: None,
    };
    let id = create(&pool, agreement_id, &full).await;

    let detail =
        commitments::get(&pool, id, Clearance::HIGHEST, TODAY).await.unwrap().expect("commitment");
    assert_eq!(detail.draft, full);
    assert_eq!(detail.version, 1);
    assert_eq!(
        (detail.agreement_id, detail.agreement_reference.as_str()),
        (agreement_id, "CM-RT-1")
    );
    assert_eq!(detail.committing_party_name, "United Kingdom");
    assert!(!detail.overdue);
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'commitment' AND entity_id = ?1 AND action = 'create'")
            .bind(id.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn update_with_the_current_version_bumps_it_and_audits_before_and_after() {
    let (_dir, pool) = super::fresh().await;
    let agreement_id = agreement(&pool, "CM-UPD-1").await;
    let id = create(
        &pool,
        agreement_id,
        &draft("Open a returns desk", CommitmentStatus::NotStarted, None),
    )
    .await;
    let mut edited =
        draft("Open a returns desk in Tripoli", CommitmentStatus::Met, Some(date!(2026 - 10 - 01)));
    edited.strands = vec![ContestStrand::Pursue, ContestStrand::Prepare];
    committed(&pool, async |tx| {
        commitments::update(tx, id, 1, &edited, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("update");

    let detail = commitments::get(&pool, id, Clearance::HIGHEST, TODAY).await.unwrap().unwrap();
    assert_eq!(detail.version, 2);
    assert_eq!(detail.draft, edited);
    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before_json, after_json FROM audit_log WHERE entity = 'commitment' AND entity_id = ?1 AND action = 'update'",
    )
    .bind(id.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        (before["text"].as_str(), before["status"].as_str()),
        (Some("Open a returns desk"), Some("not_started"))
    );
    assert_eq!(
        (after["text"].as_str(), after["status"].as_str()),
        (Some("Open a returns desk in Tripoli"), Some("met"))
    );
}

#[tokio::test]
async fn update_with_a_stale_version_is_a_conflict_and_the_row_is_unchanged() {
    let (_dir, pool) = super::fresh().await;
    let agreement_id = agreement(&pool, "CM-STALE-1").await;
    let id = create(
        &pool,
        agreement_id,
        &draft("Share vessel sightings", CommitmentStatus::NotStarted, None),
    )
    .await;
    let first = draft("Share vessel sightings daily", CommitmentStatus::InProgress, None);
    committed(&pool, async |tx| {
        commitments::update(tx, id, 1, &first, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("first save");

    let mut second = draft("Share vessel sightings weekly", CommitmentStatus::Withdrawn, None);
    second.strands = vec![ContestStrand::Protect];
    let err = committed(&pool, async |tx| {
        commitments::update(tx, id, 1, &second, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect_err("stale");
    assert!(matches!(err, StorageError::Conflict), "{err:?}");

    let detail = commitments::get(&pool, id, Clearance::HIGHEST, TODAY).await.unwrap().unwrap();
    assert_eq!((detail.version, &detail.draft), (2, &first));
    let updates: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'commitment' AND entity_id = ?1 AND action = 'update'")
            .bind(id.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(updates, 1, "the refused edit is not audited");
}

#[tokio::test]
async fn updating_a_missing_commitment_is_not_found() {
    let (_dir, pool) = super::fresh().await;
    let err = committed(&pool, async |tx| {
        commitments::update(
            tx,
            999,
            1,
            &draft("Nothing", CommitmentStatus::Met, None),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect_err("missing");
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
}

#[tokio::test]
async fn overdue_in_the_register_is_open_and_due_before_today() {
    let (_dir, pool) = super::fresh().await;
    let today = accord::dates::today();
    let yesterday = today - Duration::days(1);
    let agreement_id = agreement(&pool, "CM-OVER-1").await;
    create(
        &pool,
        agreement_id,
        &draft("late and in progress", CommitmentStatus::InProgress, Some(yesterday)),
    )
    .await;
    create(
        &pool,
        agreement_id,
        &draft("late and not started", CommitmentStatus::NotStarted, Some(yesterday)),
    )
    .await;
    create(&pool, agreement_id, &draft("late but met", CommitmentStatus::Met, Some(yesterday)))
        .await;
    create(
        &pool,
        agreement_id,
        &draft("late but withdrawn", CommitmentStatus::Withdrawn, Some(yesterday)),
    )
    .await;
    create(&pool, agreement_id, &draft("due today", CommitmentStatus::InProgress, Some(today)))
        .await;
    create(&pool, agreement_id, &draft("no due date", CommitmentStatus::InProgress, None)).await;

    let overdue = CommitmentFilter { overdue: true, ..Default::default() };
    assert_eq!(
        listed(&pool, &overdue, Clearance::HIGHEST, today).await,
        ["late and in progress", "late and not started"]
    );

    // Each row says whether it is overdue, by the same rule.
    let all = CommitmentFilter { page: 1, ..Default::default() };
    let (rows, total) = commitments::list(&pool, &all, Clearance::HIGHEST, today).await.unwrap();
    assert_eq!(total, 6);
    let mut flagged: Vec<&str> =
        rows.iter().filter(|r| r.overdue).map(|r| r.text.as_str()).collect();
    flagged.sort();
    assert_eq!(flagged, ["late and in progress", "late and not started"]);

    // Tomorrow, what is due today is overdue too: the filter follows the date it is given.
    let tomorrow = today + Duration::days(1);
    assert_eq!(listed(&pool, &overdue, Clearance::HIGHEST, tomorrow).await.len(), 3);
}

#[tokio::test]
async fn meeting_a_late_commitment_takes_it_off_the_overdue_list() {
    let (_dir, pool) = super::fresh().await;
    let today = accord::dates::today();
    let agreement_id = agreement(&pool, "CM-MET-1").await;
    let late = draft(
        "Readmit documented nationals",
        CommitmentStatus::InProgress,
        Some(today - Duration::days(1)),
    );
    let id = create(&pool, agreement_id, &late).await;
    let overdue = CommitmentFilter { overdue: true, ..Default::default() };
    assert_eq!(listed(&pool, &overdue, Clearance::HIGHEST, today).await.len(), 1);
    assert!(commitments::get(&pool, id, Clearance::HIGHEST, today).await.unwrap().unwrap().overdue);

    let met = CommitmentDraft { status: CommitmentStatus::Met, ..late };
    committed(&pool, async |tx| {
        commitments::update(tx, id, 1, &met, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("mark met");
    assert!(listed(&pool, &overdue, Clearance::HIGHEST, today).await.is_empty());
    assert!(
        !commitments::get(&pool, id, Clearance::HIGHEST, today).await.unwrap().unwrap().overdue
    );
}

#[tokio::test]
async fn the_register_filters_by_partner() {
    let (_dir, pool) = super::fresh().await;
    let libya = agreement(&pool, "CM-LY-1").await;
    let mut france = agreement_draft("CM-FR-1");
    france.partners = vec!["FR".to_owned()];
    let france = create_agreement(&pool, &france, AgreementStatus::InForce).await;
    create(&pool, libya, &draft("Libyan commitment", CommitmentStatus::NotStarted, None)).await;
    let mut french = draft("French commitment", CommitmentStatus::NotStarted, None);
    french.committing_party = "FR".to_owned();
    create(&pool, france, &french).await;

    let by = |p: &str| CommitmentFilter { partner: Some(p.to_owned()), ..Default::default() };
    assert_eq!(listed(&pool, &by("LY"), Clearance::HIGHEST, TODAY).await, ["Libyan commitment"]);
    assert_eq!(listed(&pool, &by("FR"), Clearance::HIGHEST, TODAY).await, ["French commitment"]);
    assert!(listed(&pool, &by("MA"), Clearance::HIGHEST, TODAY).await.is_empty());
    let agreement_only = CommitmentFilter { agreement: Some(france), ..Default::default() };
    assert_eq!(
        listed(&pool, &agreement_only, Clearance::HIGHEST, TODAY).await,
        ["French commitment"]
    );
}

#[tokio::test]
async fn a_commitment_under_a_secret_agreement_is_hidden_from_an_official_reader() {
    let (_dir, pool) = super::fresh().await;
    let mut secret = agreement_draft("CM-SECRET-1");
    secret.classification = Classification::new(Level::Secret);
    let secret = create_agreement(&pool, &secret, AgreementStatus::InForce).await;
    let open = agreement(&pool, "CM-OPEN-1").await;
    let today = accord::dates::today();
    let late = Some(today - Duration::days(3));
    // Both commitments are themselves OFFICIAL; only the agreement differs.
    let hidden = create(
        &pool,
        secret,
        &draft("under the secret agreement", CommitmentStatus::InProgress, late),
    )
    .await;
    create(&pool, open, &draft("under the open agreement", CommitmentStatus::InProgress, late))
        .await;
    let official = Clearance(Level::Official);

    assert_eq!(
        listed(&pool, &CommitmentFilter::default(), official, today).await,
        ["under the open agreement"]
    );
    let overdue = CommitmentFilter { overdue: true, ..Default::default() };
    assert_eq!(
        listed(&pool, &overdue, official, today).await,
        ["under the open agreement"],
        "nor in counts"
    );
    let by_agreement = CommitmentFilter { agreement: Some(secret), ..Default::default() };
    assert!(listed(&pool, &by_agreement, official, today).await.is_empty());
    assert!(commitments::get(&pool, hidden, official, today).await.unwrap().is_none());
    assert!(commitments::parties(&pool, secret, official).await.unwrap().is_none());

    // A SECRET reader sees both.
    assert_eq!(
        listed(&pool, &CommitmentFilter::default(), Clearance(Level::Secret), today).await.len(),
        2
    );
    assert!(commitments::get(&pool, hidden, Clearance(Level::Secret), today)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn a_secret_commitment_is_left_off_an_official_readers_agreement_page() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "CM-PAGE-1").await;
    create(&pool, id, &draft("open commitment", CommitmentStatus::NotStarted, None)).await;
    let mut secret = draft("secret commitment", CommitmentStatus::NotStarted, None);
    secret.classification = Classification::new(Level::Secret);
    let secret_id = create(&pool, id, &secret).await;

    let page = accord::storage::agreements::get(&pool, id, Clearance(Level::Official), TODAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        page.commitments.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["open commitment"]
    );
    assert_eq!(page.page_marking().to_string(), "OFFICIAL");
    assert!(commitments::get(&pool, secret_id, Clearance(Level::Official), TODAY)
        .await
        .unwrap()
        .is_none());
    let full = accord::storage::agreements::get(&pool, id, Clearance::HIGHEST, TODAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(full.commitments.len(), 2);
    assert_eq!(full.page_marking().to_string(), "SECRET");
}

/// Adding through the writer's queue (`commitments::add`, what the form uses): the
/// row, its strands and its audit entry; a refused one (an agreement above the
/// writer's clearance, a committing party not party to it) writes nothing at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_writes_the_row_and_its_audit_entry_or_nothing() {
    let (_dir, pool) = super::fresh().await;
    let agreement_id = agreement(&pool, "CM-ADD-1").await;
    let mut secret = agreement_draft("CM-ADD-SECRET");
    secret.classification = Classification::new(Level::Secret);
    let secret_id = create_agreement(&pool, &secret, AgreementStatus::InForce).await;
    let audit_rows = async || -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(&pool).await.unwrap()
    };
    let before = audit_rows().await;

    let mut full = draft("Share passenger lists", CommitmentStatus::InProgress, None);
    full.strands = vec![ContestStrand::Pursue, ContestStrand::Protect];
    let id = commitments::add(&pool, agreement_id, full.clone(), actor(), Clearance::HIGHEST)
        .await
        .unwrap();
    let detail = commitments::get(&pool, id, Clearance::HIGHEST, TODAY).await.unwrap().unwrap();
    assert_eq!(detail.draft, full);
    assert_eq!(audit_rows().await, before + 1, "one audit entry for the commitment");

    let official = Clearance(Level::Official);
    let hidden = commitments::add(&pool, secret_id, full.clone(), actor(), official).await;
    assert!(matches!(hidden, Err(StorageError::NotFound)), "{hidden:?}");
    let mut stranger = full.clone();
    stranger.committing_party = "FR".to_owned();
    let refused =
        commitments::add(&pool, agreement_id, stranger, actor(), Clearance::HIGHEST).await;
    assert!(
        matches!(&refused, Err(StorageError::Invalid(e)) if e.get("committing_party").is_some()),
        "{refused:?}"
    );
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM commitments").fetch_one(&pool).await.unwrap();
    assert_eq!(rows, 1, "the refused commitments were not written");
    assert_eq!(audit_rows().await, before + 1, "nor audited");
}

/// The whole register's reviews due and overdue (the dashboard's figures link here,
/// and the count comes from the date tally the writes keep): exactly the commitments
/// listed, withdrawn ones and ones the reader may not see left out of both.
#[tokio::test]
async fn reviews_due_and_overdue_count_what_they_list_at_each_clearance() {
    let (_dir, pool) = super::fresh().await;
    let open = agreement(&pool, "CM-REV-1").await;
    let mut secret = agreement_draft("CM-REV-SECRET");
    secret.classification = Classification::new(Level::Secret);
    let hidden = create_agreement(&pool, &secret, AgreementStatus::InForce).await;
    let reviewed = |text: &str, status, on: Date| {
        let mut d = draft(text, status, None);
        d.next_review_on = Some(on);
        d
    };
    let past = TODAY - Duration::days(3);
    let soon = TODAY + Duration::days(5);
    for (agreement_id, d) in [
        (open, reviewed("Overdue review", CommitmentStatus::InProgress, past)),
        (
            open,
            reviewed(
                "Long overdue review",
                CommitmentStatus::NotStarted,
                past - Duration::days(90),
            ),
        ),
        (open, reviewed("Met, review overdue", CommitmentStatus::Met, past)),
        (open, reviewed("Withdrawn, review overdue", CommitmentStatus::Withdrawn, past)),
        (open, reviewed("Review due today", CommitmentStatus::NotStarted, TODAY)),
        (open, reviewed("Review due soon", CommitmentStatus::InProgress, soon)),
        (
            open,
            reviewed("Review next year", CommitmentStatus::InProgress, TODAY + Duration::days(400)),
        ),
        (hidden, reviewed("Secret review due", CommitmentStatus::InProgress, soon)),
        (hidden, reviewed("Secret review overdue", CommitmentStatus::InProgress, past)),
    ] {
        create(&pool, agreement_id, &d).await;
    }
    let by = |review| CommitmentFilter { review: Some(review), ..CommitmentFilter::default() };
    let official = Clearance(Level::Official);
    assert_eq!(
        listed(&pool, &by(ReviewState::Due), Clearance::HIGHEST, TODAY).await,
        ["Review due soon", "Review due today", "Secret review due"]
    );
    assert_eq!(
        listed(&pool, &by(ReviewState::Due), official, TODAY).await,
        ["Review due soon", "Review due today"]
    );
    assert_eq!(
        listed(&pool, &by(ReviewState::Overdue), Clearance::HIGHEST, TODAY).await,
        ["Long overdue review", "Met, review overdue", "Overdue review", "Secret review overdue"]
    );
    assert_eq!(
        listed(&pool, &by(ReviewState::Overdue), official, TODAY).await,
        ["Long overdue review", "Met, review overdue", "Overdue review"]
    );
}

/// The form's insert gives a commitment its effective rank and its agreement's reference
/// itself (migrations/0033_commitment_rank_given.sql): with the trigger that would
/// correct them dropped, every marking of commitment and agreement still stores the
/// higher of their ranks and the agreement's reference.
#[tokio::test]
async fn a_created_commitment_carries_its_effective_rank_and_reference_without_the_trigger() {
    let (_dir, pool) = super::fresh().await;
    sqlx::query("DROP TRIGGER commitments_effective_rank_insert").execute(&pool).await.unwrap();
    let cases = [
        (Level::Official, Level::Official),
        (Level::Official, Level::Secret),
        (Level::Secret, Level::Secret),
        (Level::Secret, Level::TopSecret),
        (Level::TopSecret, Level::TopSecret),
    ];
    for (n, (agreement_level, level)) in cases.into_iter().enumerate() {
        let reference = format!("CM-RANK-{n}");
        let agreement_id = create_agreement(
            &pool,
            &accord::AgreementDraft {
                classification: Classification::new(agreement_level),
                ..agreement_draft(&reference)
            },
            AgreementStatus::InForce,
        )
        .await;
        let draft = CommitmentDraft {
            classification: Classification::new(level),
            ..draft(&format!("Ranked {n}"), CommitmentStatus::InProgress, None)
        };
        let id = create(&pool, agreement_id, &draft).await;
        let stored: (i64, String, i64) = sqlx::query_as(
            "SELECT c.effective_rank, c.agreement_reference, max(la.rank, lc.rank)
               FROM commitments c JOIN agreements a ON a.id = c.agreement_id
               JOIN classification_levels la ON la.level = a.classification
               JOIN classification_levels lc ON lc.level = c.classification
              WHERE c.id = ?1",
        )
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
        let (rank, stored_reference, higher) = stored;
        assert_eq!(
            (rank, stored_reference.as_str()),
            (higher, reference.as_str()),
            "a {level:?} commitment of a {agreement_level:?} agreement"
        );
    }
}
