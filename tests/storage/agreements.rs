//! Agreement storage: create and read back, edits with versions and audit, the status
//! lifecycle (history, dates, superseding), list filters and pages, and clearance.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::writes::committed;
use accord::storage::agreements;
use accord::storage::audit::Actor;
use accord::storage::StorageError;
use accord::{
    AgreementDetail, AgreementDraft, AgreementFilter, AgreementKind, AgreementStatus,
    Classification, Clearance, ContestStrand, Level, ListFilter, StatusChange, PAGE_SIZE,
};
use sqlx::SqlitePool;
use time::macros::date;
use time::Date;

pub const TODAY: Date = date!(2026 - 11 - 26);

pub fn actor() -> Actor {
    Actor::system("test")
}

/// A valid draft with one partner (Libya) and nothing optional filled in.
pub fn draft(reference: &str) -> AgreementDraft {
    AgreementDraft {
        reference: reference.to_owned(),
        title: format!("Agreement {reference}"),
        kind: AgreementKind::MemorandumOfUnderstanding,
        legally_binding: false,
        partners: vec!["LY".to_owned()],
        signed_on: None,
        in_force_on: None,
        expires_on: None,
        lead_department_id: None,
        owner: String::new(),
        summary: String::new(),
        funding_gbp: None,
        funding_note: String::new(),
        scope_tags: Vec::new(),
        strands: Vec::new(),
        classification: Classification::new(Level::Official),
        next_review_on: None,
        supersedes: None,
        amends: None,
    }
}

/// Stores `draft` at `status`, panicking on any refusal.
pub async fn create(pool: &SqlitePool, draft: &AgreementDraft, status: AgreementStatus) -> i64 {
    committed(pool, async |tx| {
        agreements::create(tx, draft, status, &actor(), Clearance::HIGHEST, TODAY).await
    })
    .await
    .expect("create agreement")
}

async fn get(pool: &SqlitePool, id: i64) -> AgreementDetail {
    agreements::get(pool, id, Clearance::HIGHEST, TODAY)
        .await
        .expect("get")
        .expect("agreement exists")
}

fn change(to: AgreementStatus, changed_on: Date) -> StatusChange {
    StatusChange { to, changed_on, note: format!("Now {}", to.code()), superseded_by: None }
}

async fn count(pool: &SqlitePool, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(pool).await.expect(sql)
}

async fn history_rows(pool: &SqlitePool, id: i64) -> i64 {
    count(pool, "SELECT count(*) FROM agreement_status_history WHERE agreement_id = ?1", id).await
}

async fn audit_rows(pool: &SqlitePool, id: i64) -> i64 {
    count(pool, "SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = CAST(?1 AS TEXT)", id).await
}

fn refs(rows: &[accord::AgreementRow]) -> Vec<String> {
    let mut refs: Vec<String> = rows.iter().map(|r| r.reference.clone()).collect();
    refs.sort();
    refs
}

/// The references the filter lists (sorted), checking the count agrees with the rows.
async fn listed(pool: &SqlitePool, filter: &AgreementFilter, clearance: Clearance) -> Vec<String> {
    let (rows, total) = agreements::list(pool, filter, clearance, TODAY).await.expect("list");
    assert_eq!(total as usize, rows.len(), "count agrees with the rows for {filter:?}");
    refs(&rows)
}

#[tokio::test]
async fn create_then_get_round_trips_every_field() {
    let (_dir, pool) = super::fresh().await;
    let older = create(&pool, &draft("RT-OLD-1"), AgreementStatus::InForce).await;
    let base = create(&pool, &draft("RT-BASE-1"), AgreementStatus::InForce).await;
    let lead: i64 = sqlx::query_scalar("SELECT id FROM uk_bodies WHERE short_name = 'NCA'")
        .fetch_one(&pool)
        .await
        .unwrap();
    // Partners and strands in the order the page reads them back (by name; CONTEST order).
    let full = AgreementDraft {
        reference: "RT-FULL-2026/1.A".to_owned(),
        title: "Round-trip treaty on Channel crossings".to_owned(),
        kind: AgreementKind::Treaty,
        legally_binding: true,
        partners: vec!["FR".to_owned(), "LY".to_owned()],
        signed_on: Some(date!(2026 - 01 - 10)),
        in_force_on: Some(date!(2026 - 02 - 01)),
        expires_on: Some(date!(2029 - 02 - 01)),
        lead_department_id: Some(lead),
        owner: "Channel Policy Team".to_owned(),
        summary: "Joint patrols.\nShared command centre.".to_owned(),
        funding_gbp: Some(1_250_000),
        funding_note: "Over three years".to_owned(),
        scope_tags: vec!["maritime".to_owned(), "returns".to_owned()],
        strands: vec![ContestStrand::Prevent, ContestStrand::Pursue, ContestStrand::Prepare],
        classification: Classification {
            level: Level::Secret,
            caveat: Some("SENSITIVE".to_owned()),
            releasability: Some("REL GBR, FRA".to_owned()),
        },
        next_review_on: Some(date!(2027 - 03 - 31)),
        supersedes: Some("RT-OLD-1".to_owned()),
        amends: Some("RT-BASE-1".to_owned()),
    };
    let id = create(&pool, &full, AgreementStatus::InForce).await;

    let detail = get(&pool, id).await;
    assert_eq!(detail.draft, full);
    assert_eq!(detail.status, AgreementStatus::InForce);
    assert_eq!(detail.version, 1);
    assert_eq!(detail.lead_department.as_deref(), Some("National Crime Agency"));
    let parties: Vec<(&str, bool)> =
        detail.parties.iter().map(|p| (p.alpha2.as_str(), p.is_home)).collect();
    assert_eq!(
        parties,
        vec![("GB", true), ("FR", false), ("LY", false)],
        "the UK is always a party, listed first"
    );
    assert_eq!(detail.draft.classification.to_string(), "SECRET SENSITIVE REL GBR, FRA");
    assert_eq!(detail.supersedes.as_ref().map(|l| l.id), Some(older));
    assert_eq!(detail.amends.as_ref().map(|l| l.id), Some(base));
    // And the other side of each link sees it.
    assert_eq!(
        get(&pool, older).await.superseded_by.iter().map(|l| l.id).collect::<Vec<_>>(),
        vec![id]
    );
    assert_eq!(
        get(&pool, base).await.amended_by.iter().map(|l| l.id).collect::<Vec<_>>(),
        vec![id]
    );
    // The first status is history, and the creation is audited with the values.
    assert_eq!(detail.history.len(), 1);
    assert_eq!(
        (detail.history[0].from_status, detail.history[0].to_status),
        (None, AgreementStatus::InForce)
    );
    let after: String = sqlx::query_scalar("SELECT after_json FROM audit_log WHERE entity = 'agreement' AND entity_id = ?1 AND action = 'create'")
        .bind(id.to_string())
        .fetch_one(&pool)
        .await
        .unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["agreement"]["reference"], "RT-FULL-2026/1.A");
    assert_eq!(after["status"], "in_force");
}

#[tokio::test]
async fn a_duplicate_reference_is_refused_as_a_reference_field_error() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &draft("DUP-1"), AgreementStatus::Proposed).await;
    let mut twin = draft("DUP-1");
    twin.title = "Someone else's agreement".to_owned();
    let err = committed(&pool, async |tx| {
        agreements::create(
            tx,
            &twin,
            AgreementStatus::Proposed,
            &actor(),
            Clearance::HIGHEST,
            TODAY,
        )
        .await
    })
    .await
    .expect_err("duplicate");
    match err {
        StorageError::Invalid(errors) => assert!(errors.get("reference").is_some(), "{errors:?}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agreements").fetch_one(&pool).await.unwrap();
    assert_eq!(stored, 1);

    // Renaming another agreement onto a taken reference is refused the same way.
    let other = create(&pool, &draft("DUP-2"), AgreementStatus::Proposed).await;
    let err = committed(&pool, async |tx| {
        agreements::update(tx, other, 1, &draft("DUP-1"), &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect_err("duplicate on edit");
    assert!(matches!(&err, StorageError::Invalid(e) if e.get("reference").is_some()), "{err:?}");
    assert_eq!(get(&pool, other).await.draft.reference, "DUP-2");
}

#[tokio::test]
async fn unknown_partner_or_linked_reference_is_refused_by_field() {
    let (_dir, pool) = super::fresh().await;
    let mut bad = draft("BAD-1");
    bad.partners = vec!["XX".to_owned()];
    bad.supersedes = Some("NO-SUCH-1".to_owned());
    let err = committed(&pool, async |tx| {
        agreements::create(tx, &bad, AgreementStatus::Proposed, &actor(), Clearance::HIGHEST, TODAY)
            .await
    })
    .await
    .expect_err("refused");
    let StorageError::Invalid(errors) = err else { panic!("expected Invalid, got {err:?}") };
    assert!(errors.get("partners").is_some() && errors.get("supersedes").is_some(), "{errors:?}");
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agreements").fetch_one(&pool).await.unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn update_with_the_current_version_bumps_it_and_audits_before_and_after() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &draft("UPD-1"), AgreementStatus::Proposed).await;
    let mut edited = draft("UPD-1");
    edited.title = "Renamed agreement".to_owned();
    edited.partners = vec!["FR".to_owned()];
    edited.strands = vec![ContestStrand::Protect];
    committed(&pool, async |tx| {
        agreements::update(tx, id, 1, &edited, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("update");

    let detail = get(&pool, id).await;
    assert_eq!(detail.version, 2);
    assert_eq!(detail.draft, edited);
    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before_json, after_json FROM audit_log WHERE entity = 'agreement' AND entity_id = ?1 AND action = 'update'",
    )
    .bind(id.to_string())
    .fetch_one(&pool)
    .await
    .expect("one update entry");
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(before["title"], "Agreement UPD-1");
    assert_eq!(before["partners"], serde_json::json!(["LY"]));
    assert_eq!(after["title"], "Renamed agreement");
    assert_eq!(after["partners"], serde_json::json!(["FR"]));
    assert_eq!(after["strands"], serde_json::json!(["protect"]));
}

#[tokio::test]
async fn update_with_a_stale_version_is_a_conflict_and_the_row_is_unchanged() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &draft("STALE-1"), AgreementStatus::Proposed).await;
    let mut first = draft("STALE-1");
    first.title = "First editor's title".to_owned();
    committed(&pool, async |tx| {
        agreements::update(tx, id, 1, &first, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("first save");
    let audits = audit_rows(&pool, id).await;

    let mut second = draft("STALE-1");
    second.title = "Second editor's title".to_owned();
    second.partners = vec!["MA".to_owned()];
    let err = committed(&pool, async |tx| {
        agreements::update(tx, id, 1, &second, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect_err("stale");
    assert!(matches!(err, StorageError::Conflict), "{err:?}");

    let detail = get(&pool, id).await;
    assert_eq!(detail.version, 2);
    assert_eq!(detail.draft, first);
    assert_eq!(audit_rows(&pool, id).await, audits, "a refused edit is not audited");
}

#[tokio::test]
async fn updating_a_missing_agreement_is_not_found() {
    let (_dir, pool) = super::fresh().await;
    let err = committed(&pool, async |tx| {
        agreements::update(tx, 999, 1, &draft("GONE-1"), &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect_err("missing");
    assert!(matches!(err, StorageError::NotFound), "{err:?}");
}

#[tokio::test]
async fn a_move_outside_the_transition_table_is_refused_on_the_to_field() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &draft("MOVE-1"), AgreementStatus::Proposed).await;
    let err = committed(&pool, async |tx| {
        agreements::change_status(
            tx,
            id,
            1,
            &change(AgreementStatus::InForce, TODAY),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect_err("proposed cannot go straight into force");
    let StorageError::Invalid(errors) = err else { panic!("expected Invalid, got {err:?}") };
    let message = errors.get("to").expect("a message on `to`");
    assert!(
        message.contains("negotiating") && message.contains("terminated"),
        "names the allowed moves: {message}"
    );

    let detail = get(&pool, id).await;
    assert_eq!((detail.status, detail.version), (AgreementStatus::Proposed, 1));
    assert_eq!(detail.draft.in_force_on, None);
    assert_eq!(history_rows(&pool, id).await, 1);
}

#[tokio::test]
async fn a_final_status_cannot_change() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &draft("FINAL-1"), AgreementStatus::Proposed).await;
    committed(&pool, async |tx| {
        agreements::change_status(
            tx,
            id,
            1,
            &change(AgreementStatus::Terminated, TODAY),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect("terminate");
    let err = committed(&pool, async |tx| {
        agreements::change_status(
            tx,
            id,
            2,
            &change(AgreementStatus::Negotiating, TODAY),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect_err("terminated is final");
    assert!(matches!(&err, StorageError::Invalid(e) if e.get("to").is_some()), "{err:?}");
    assert_eq!(get(&pool, id).await.status, AgreementStatus::Terminated);
}

#[tokio::test]
async fn status_changes_write_history_and_fill_blank_signature_and_force_dates() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &draft("LIFE-1"), AgreementStatus::Proposed).await;
    let steps = [
        (AgreementStatus::Negotiating, date!(2026 - 03 - 01)),
        (AgreementStatus::Signed, date!(2026 - 05 - 15)),
        (AgreementStatus::InForce, date!(2026 - 07 - 01)),
    ];
    for (version, (to, on)) in (1..).zip(steps) {
        committed(&pool, async |tx| {
            agreements::change_status(
                tx,
                id,
                version,
                &change(to, on),
                &actor(),
                Clearance::HIGHEST,
            )
            .await
        })
        .await
        .unwrap_or_else(|e| panic!("→ {to}: {e:?}"));
    }

    let detail = get(&pool, id).await;
    assert_eq!(detail.status, AgreementStatus::InForce);
    assert_eq!(detail.version, 4, "each change bumps the version");
    assert_eq!(
        detail.draft.signed_on,
        Some(date!(2026 - 05 - 15)),
        "signing fills the blank date signed"
    );
    assert_eq!(
        detail.draft.in_force_on,
        Some(date!(2026 - 07 - 01)),
        "entry into force fills the blank date"
    );
    // The changes, oldest first (the entry made on creation has no `from`).
    let moves: Vec<(Option<AgreementStatus>, AgreementStatus, Date, String)> = detail
        .history
        .iter()
        .filter(|h| h.from_status.is_some())
        .map(|h| (h.from_status, h.to_status, h.changed_on, h.note.clone()))
        .collect();
    use AgreementStatus::*;
    assert_eq!(
        moves,
        [
            (Some(Proposed), Negotiating, date!(2026 - 03 - 01), "Now negotiating".to_owned()),
            (Some(Negotiating), Signed, date!(2026 - 05 - 15), "Now signed".to_owned()),
            (Some(Signed), InForce, date!(2026 - 07 - 01), "Now in_force".to_owned()),
        ]
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = ?1 AND action = 'status_change'
            AND json_extract(before_json, '$.status') IS NOT NULL AND json_extract(after_json, '$.to') IS NOT NULL",
    )
    .bind(id.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 3);
}

#[tokio::test]
async fn status_changes_keep_dates_already_recorded() {
    let (_dir, pool) = super::fresh().await;
    let mut recorded = draft("DATED-1");
    recorded.signed_on = Some(date!(2026 - 01 - 10));
    let id = create(&pool, &recorded, AgreementStatus::Negotiating).await;
    committed(&pool, async |tx| {
        agreements::change_status(
            tx,
            id,
            1,
            &change(AgreementStatus::Signed, date!(2026 - 02 - 01)),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect("sign");
    assert_eq!(get(&pool, id).await.draft.signed_on, Some(date!(2026 - 01 - 10)));
}

#[tokio::test]
async fn entry_into_force_dated_before_the_signature_is_refused_on_the_date_field() {
    let (_dir, pool) = super::fresh().await;
    let mut signed = draft("ORDER-1");
    signed.signed_on = Some(date!(2026 - 05 - 01));
    signed.expires_on = Some(date!(2026 - 09 - 01));
    let id = create(&pool, &signed, AgreementStatus::Signed).await;
    for too_early_or_late in [date!(2026 - 04 - 01), date!(2026 - 10 - 01)] {
        let err = committed(&pool, async |tx| {
            agreements::change_status(
                tx,
                id,
                1,
                &change(AgreementStatus::InForce, too_early_or_late),
                &actor(),
                Clearance::HIGHEST,
            )
            .await
        })
        .await
        .expect_err("the dates would run out of order");
        assert!(
            matches!(&err, StorageError::Invalid(e) if e.get("changed_on").is_some()),
            "{too_early_or_late}: {err:?}"
        );
    }
    let detail = get(&pool, id).await;
    assert_eq!((detail.status, detail.draft.in_force_on), (AgreementStatus::Signed, None));
    assert_eq!(history_rows(&pool, id).await, 1);
}

#[tokio::test]
async fn a_status_change_against_a_stale_version_is_a_conflict() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &draft("SC-STALE-1"), AgreementStatus::Proposed).await;
    committed(&pool, async |tx| {
        agreements::change_status(
            tx,
            id,
            1,
            &change(AgreementStatus::Negotiating, TODAY),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect("first");
    let err = committed(&pool, async |tx| {
        agreements::change_status(
            tx,
            id,
            1,
            &change(AgreementStatus::Terminated, TODAY),
            &actor(),
            Clearance::HIGHEST,
        )
        .await
    })
    .await
    .expect_err("stale");
    assert!(matches!(err, StorageError::Conflict), "{err:?}");
    assert_eq!(get(&pool, id).await.status, AgreementStatus::Negotiating);
    assert_eq!(history_rows(&pool, id).await, 2);
}

#[tokio::test]
async fn superseding_links_the_newer_agreement_and_marks_the_old_one_superseded() {
    let (_dir, pool) = super::fresh().await;
    let old = create(&pool, &draft("SUP-OLD-1"), AgreementStatus::InForce).await;
    let new = create(&pool, &draft("SUP-NEW-1"), AgreementStatus::Signed).await;
    let supersede = StatusChange {
        to: AgreementStatus::Superseded,
        changed_on: TODAY,
        note: "Replaced".to_owned(),
        superseded_by: Some("SUP-NEW-1".to_owned()),
    };
    committed(&pool, async |tx| {
        agreements::change_status(tx, old, 1, &supersede, &actor(), Clearance::HIGHEST).await
    })
    .await
    .expect("supersede");

    let old_detail = get(&pool, old).await;
    assert_eq!(old_detail.status, AgreementStatus::Superseded);
    assert_eq!(
        old_detail.superseded_by.iter().map(|l| l.reference.as_str()).collect::<Vec<_>>(),
        ["SUP-NEW-1"]
    );
    let new_detail = get(&pool, new).await;
    assert_eq!(new_detail.draft.supersedes.as_deref(), Some("SUP-OLD-1"));
    assert_eq!(new_detail.version, 2, "the newer agreement changed too, so its version moves on");
    let supersedes_id: Option<i64> =
        sqlx::query_scalar("SELECT supersedes_id FROM agreements WHERE id = ?1")
            .bind(new)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(supersedes_id, Some(old));
}

#[tokio::test]
async fn superseding_by_an_unknown_reference_rolls_everything_back() {
    let (_dir, pool) = super::fresh().await;
    let old = create(&pool, &draft("RB-OLD-1"), AgreementStatus::InForce).await;
    let audits = audit_rows(&pool, old).await;
    for bad in ["RB-NOPE-1", "RB-OLD-1"] {
        let supersede = StatusChange {
            to: AgreementStatus::Superseded,
            changed_on: TODAY,
            note: "Replaced".to_owned(),
            superseded_by: Some(bad.to_owned()),
        };
        let err = committed(&pool, async |tx| {
            agreements::change_status(tx, old, 1, &supersede, &actor(), Clearance::HIGHEST).await
        })
        .await
        .expect_err(bad);
        assert!(
            matches!(&err, StorageError::Invalid(e) if e.get("superseded_by").is_some()),
            "{bad}: {err:?}"
        );
    }
    let detail = get(&pool, old).await;
    assert_eq!((detail.status, detail.version), (AgreementStatus::InForce, 1));
    assert_eq!(history_rows(&pool, old).await, 1);
    assert_eq!(audit_rows(&pool, old).await, audits);
    let linked: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agreements WHERE supersedes_id IS NOT NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(linked, 0);
}

/// Four agreements that differ in every filtered field.
async fn filter_fixture(pool: &SqlitePool) {
    let mut a = draft("FLT-A");
    a.kind = AgreementKind::Treaty;
    a.legally_binding = true;
    a.strands = vec![ContestStrand::Pursue];
    a.next_review_on = Some(date!(2027 - 01 - 01));
    create(pool, &a, AgreementStatus::InForce).await;

    let mut b = draft("FLT-B");
    b.partners = vec!["FR".to_owned()];
    b.strands = vec![ContestStrand::Protect];
    b.next_review_on = Some(date!(2026 - 06 - 01));
    create(pool, &b, AgreementStatus::InForce).await;

    let mut c = draft("FLT-C");
    c.kind = AgreementKind::Treaty;
    c.legally_binding = true;
    c.partners = vec!["FR".to_owned(), "LY".to_owned()];
    c.strands = vec![ContestStrand::Prevent];
    c.classification = Classification::new(Level::Secret);
    create(pool, &c, AgreementStatus::Proposed).await;

    let mut d = draft("FLT-D");
    d.kind = AgreementKind::Treaty;
    d.legally_binding = true;
    d.partners = vec!["MA".to_owned()];
    d.strands = vec![ContestStrand::Pursue, ContestStrand::Protect];
    d.next_review_on = Some(date!(2026 - 01 - 01));
    d.classification = Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned()));
    create(pool, &d, AgreementStatus::InForce).await;
}

#[tokio::test]
async fn list_filters_by_partner_status_kind_strand_binding_review_and_classification() {
    let (_dir, pool) = super::fresh().await;
    filter_fixture(&pool).await;
    let all = Clearance::HIGHEST;
    let f = AgreementFilter::default;
    let cases: Vec<(&str, AgreementFilter, &[&str])> = vec![
        ("none", f(), &["FLT-A", "FLT-B", "FLT-C", "FLT-D"]),
        ("partner", AgreementFilter { partner: Some("LY".into()), ..f() }, &["FLT-A", "FLT-C"]),
        (
            "status",
            AgreementFilter { status: Some(AgreementStatus::InForce), ..f() },
            &["FLT-A", "FLT-B", "FLT-D"],
        ),
        (
            "kind",
            AgreementFilter { kind: Some(AgreementKind::Treaty), ..f() },
            &["FLT-A", "FLT-C", "FLT-D"],
        ),
        (
            "strand",
            AgreementFilter { strand: Some(ContestStrand::Pursue), ..f() },
            &["FLT-A", "FLT-D"],
        ),
        ("not binding", AgreementFilter { legally_binding: Some(false), ..f() }, &["FLT-B"]),
        (
            "binding",
            AgreementFilter { legally_binding: Some(true), ..f() },
            &["FLT-A", "FLT-C", "FLT-D"],
        ),
        (
            "review before",
            AgreementFilter { review_before: Some(date!(2026 - 07 - 01)), ..f() },
            &["FLT-B", "FLT-D"],
        ),
        (
            "classification",
            AgreementFilter { classification: Some(Level::Secret), ..f() },
            &["FLT-C"],
        ),
        (
            "status and kind",
            AgreementFilter {
                status: Some(AgreementStatus::InForce),
                kind: Some(AgreementKind::Treaty),
                ..f()
            },
            &["FLT-A", "FLT-D"],
        ),
    ];
    for (name, filter, expected) in cases {
        assert_eq!(listed(&pool, &filter, all).await, expected, "filter: {name}");
    }
}

#[tokio::test]
async fn filters_from_the_address_reach_the_query() {
    let (_dir, pool) = super::fresh().await;
    filter_fixture(&pool).await;
    let query = [("partner", "ly"), ("legally_binding", "yes"), ("strand", "prevent")];
    let filter = AgreementFilter::from_query(|k| {
        query.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    });
    assert_eq!(listed(&pool, &filter, Clearance::HIGHEST).await, ["FLT-C"]);
}

#[tokio::test]
async fn pages_hold_page_size_rows_and_the_count_covers_every_page() {
    let (_dir, pool) = super::fresh().await;
    let made = PAGE_SIZE + 5;
    for n in 0..made {
        create(&pool, &draft(&format!("PG-{n:03}")), AgreementStatus::Proposed).await;
    }
    let first = AgreementFilter { page: 1, ..Default::default() };
    let (page1, total1) = agreements::list(&pool, &first, Clearance::HIGHEST, TODAY).await.unwrap();
    let (page2, total2) =
        agreements::list(&pool, &first.with_page(2), Clearance::HIGHEST, TODAY).await.unwrap();
    let (page3, _) =
        agreements::list(&pool, &first.with_page(3), Clearance::HIGHEST, TODAY).await.unwrap();
    assert_eq!((total1, total2), (made, made));
    assert_eq!((page1.len() as i64, page2.len() as i64, page3.len()), (PAGE_SIZE, 5, 0));
    // Sorted by reference by default, and no row on two pages.
    assert_eq!(page1[0].reference, "PG-000");
    assert_eq!(page2[0].reference, format!("PG-{PAGE_SIZE:03}"));
    let mut every = refs(&page1);
    every.extend(refs(&page2));
    every.dedup();
    assert_eq!(every.len() as i64, made);
}

#[tokio::test]
async fn a_secret_agreement_is_invisible_to_an_official_reader() {
    let (_dir, pool) = super::fresh().await;
    filter_fixture(&pool).await;
    let secret: i64 = sqlx::query_scalar("SELECT id FROM agreements WHERE reference = 'FLT-C'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let official = Clearance(Level::Official);

    assert_eq!(
        listed(&pool, &AgreementFilter::default(), official).await,
        ["FLT-A", "FLT-B", "FLT-D"]
    );
    let (_, partner_total) = agreements::list(
        &pool,
        &AgreementFilter { partner: Some("LY".into()), ..Default::default() },
        official,
        TODAY,
    )
    .await
    .unwrap();
    assert_eq!(partner_total, 1, "counts leave it out too");
    let by_level = AgreementFilter { classification: Some(Level::Secret), ..Default::default() };
    assert_eq!(agreements::list(&pool, &by_level, official, TODAY).await.unwrap(), (vec![], 0));
    assert!(agreements::get(&pool, secret, official, TODAY).await.unwrap().is_none());

    // A SECRET reader sees it.
    assert!(agreements::get(&pool, secret, Clearance(Level::Secret), TODAY)
        .await
        .unwrap()
        .is_some());
    assert_eq!(listed(&pool, &by_level, Clearance(Level::Secret)).await, ["FLT-C"]);
}

#[tokio::test]
async fn links_to_agreements_above_the_readers_clearance_are_hidden() {
    let (_dir, pool) = super::fresh().await;
    let mut hidden = draft("LNK-SECRET-1");
    hidden.classification = Classification::new(Level::Secret);
    create(&pool, &hidden, AgreementStatus::InForce).await;
    let mut open = draft("LNK-OPEN-1");
    open.amends = Some("LNK-SECRET-1".to_owned());
    let id = create(&pool, &open, AgreementStatus::InForce).await;
    let seen = agreements::get(&pool, id, Clearance(Level::Official), TODAY)
        .await
        .unwrap()
        .expect("visible");
    assert!(
        seen.amends.is_none(),
        "an OFFICIAL reader must not see the SECRET agreement it amends"
    );
}
