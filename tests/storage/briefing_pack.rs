//! Briefing packs: what a reader's pack holds, counts and is marked, at two
//! clearances, on the clearance tests' seed (records above OFFICIAL carry marker words).

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use crate::clearance::seed::{self, Seeded, TODAY};
use accord::briefing_pack::{BriefingPack, PackSubject};
use accord::storage::briefing_pack::{for_partner, for_route};
use accord::{AgreementStatus, Level, Role, User};
use sqlx::SqlitePool;

fn reader(level: Level) -> User {
    User {
        id: 1,
        email: "reader@example.gov.uk".into(),
        display_name: "Rea Der".into(),
        role: Role::Viewer,
        clearance: level,
        must_change_password: false,
    }
}

/// The pack as JSON: anything in it at all, in any field, shows up here.
fn text(pack: &BriefingPack) -> String {
    serde_json::to_string(pack).unwrap()
}

async fn seeded() -> (tempfile::TempDir, SqlitePool, Seeded) {
    let (dir, pool) = crate::fresh().await;
    let seeded = seed::seed(&pool).await;
    // Briefing text for Libya: one OFFICIAL, one SECRET (marker word in its body).
    sqlx::query(
        "INSERT INTO briefing_texts (partner, section, body, classification)
         VALUES ('LY', 'objectives', 'Agree a returns plan.', 'official'),
                ('LY', 'lines_to_take', 'Say nothing of dingoline.', 'secret')",
    )
    .execute(&pool)
    .await
    .unwrap();
    // Two assessments of the visible commitment: the later one is SECRET.
    sqlx::query(
        "INSERT INTO assessments (commitment_id, assessed_on, status, rag, progress_note, classification)
         VALUES (?1, '2026-06-01', 'in_progress', 'amber', 'Plan drafted', 'official'),
                (?1, '2026-09-01', 'in_progress', 'red', 'Talks stalled over bilbynote', 'secret')",
    )
    .bind(seeded.visible_child)
    .execute(&pool)
    .await
    .unwrap();
    (dir, pool, seeded)
}

#[tokio::test]
async fn an_official_pack_holds_no_trace_of_records_above_official() {
    let (_dir, pool, _) = seeded().await;
    let pack = for_partner(&pool, "ly", &reader(Level::Official), TODAY).await.unwrap().unwrap();
    let all = text(&pack);
    for hidden in [
        "CLR-SECRET-1",
        seed::SECRET_AGREEMENT,
        seed::CHILD_OF_SECRET,
        "CLR-TS-1",
        seed::CHILD_OF_TOP_SECRET,
        "CLR-SH-EYES",
        "dingoline",
        "bilbynote",
    ] {
        assert!(!all.contains(hidden), "{hidden} leaked into an OFFICIAL pack");
    }
    assert_eq!(pack.marking.to_string(), "OFFICIAL");
    assert_eq!(pack.subject, PackSubject::Partner { name: "Libya".into(), alpha2: "LY".into() });
    assert_eq!(pack.produced_by, "Rea Der");
    assert_eq!(pack.produced_on, TODAY);
    let references: Vec<&str> = pack.agreements.iter().map(|a| a.reference.as_str()).collect();
    assert_eq!(references, ["CLR-OFFICIAL-1"]);
    assert_eq!(pack.commitments.len(), 1);
    assert!(pack.commitments[0].text.contains(seed::VISIBLE_CHILD));
    assert!(pack.commitments[0].overdue);
    // The latest assessment the reader may see, not the later SECRET one.
    assert_eq!(pack.commitments[0].latest_assessment_note.as_deref(), Some("Plan drafted"));
    let sharing: Vec<&str> = pack.sharing.iter().map(|s| s.reference.as_str()).collect();
    assert_eq!(sharing, ["CLR-SH-GOVERNED"]);
    let headings: Vec<&str> = pack.texts.iter().map(|t| t.heading.as_str()).collect();
    assert_eq!(headings, ["Objectives"]);
    assert_eq!(pack.summary.commitments_total, 1);
    assert_eq!(pack.summary.overdue, 1);
    assert_eq!(pack.summary.agreements_by_status.len(), 1);
    assert_eq!(pack.summary.agreements_by_status[0].status, AgreementStatus::InForce);
    assert_eq!(pack.summary.agreements_by_status[0].count, 1);
    // The agreement's and the commitment's reviews are overdue; the arrangement has none.
    assert_eq!(pack.summary.reviews_due, 2);
    assert_eq!(pack.upcoming_reviews.len(), 2);
    assert_eq!(pack.timeline.len(), 0, "the seed's agreements carry no dates");
}

#[tokio::test]
async fn a_secret_pack_holds_secret_records_and_is_marked_with_their_caveats() {
    let (_dir, pool, _) = seeded().await;
    let pack = for_partner(&pool, "LY", &reader(Level::Secret), TODAY).await.unwrap().unwrap();
    let all = text(&pack);
    for shown in ["CLR-SECRET-1", seed::CHILD_OF_SECRET, "CLR-SH-EYES", "dingoline", "bilbynote"] {
        assert!(all.contains(shown), "{shown} missing from a SECRET pack");
    }
    for hidden in ["CLR-TS-1", seed::CHILD_OF_TOP_SECRET] {
        assert!(!all.contains(hidden), "{hidden} leaked into a SECRET pack");
    }
    // The UK EYES ONLY arrangement restricts the whole pack.
    assert_eq!(pack.marking.to_string(), "SECRET UK EYES ONLY");
    // A commitment under a SECRET agreement is SECRET, whatever its own field says.
    let child = pack.commitments.iter().find(|c| c.text.contains(seed::CHILD_OF_SECRET)).unwrap();
    assert_eq!(child.marking.level, Level::Secret);
    let visible = pack.commitments.iter().find(|c| c.text.contains(seed::VISIBLE_CHILD)).unwrap();
    assert_eq!(visible.marking.level, Level::Secret, "its latest assessment is SECRET");
    assert_eq!(pack.summary.commitments_total, 2);
    let headings: Vec<&str> = pack.texts.iter().map(|t| t.heading.as_str()).collect();
    assert_eq!(headings, ["Objectives", "Lines to take"]);
}

#[tokio::test]
async fn a_route_pack_lists_legs_in_order_and_a_hidden_route_has_none() {
    let (_dir, pool, seeded) = seeded().await;
    let official = reader(Level::Official);
    assert!(for_route(&pool, seeded.secret_route, &official, TODAY).await.unwrap().is_none());
    assert!(for_route(&pool, "no-such-route", &official, TODAY).await.unwrap().is_none());
    let route = for_route(&pool, seeded.route, &official, TODAY).await.unwrap().unwrap();
    let pack = route.pack;
    let legs: Vec<(&str, Option<&str>, Option<&str>)> =
        pack.legs.iter().map(|l| (l.alpha2.as_str(), l.from.as_deref(), l.to.as_deref())).collect();
    assert_eq!(legs, [("LY", None, Some("United Kingdom")), ("GB", Some("Libya"), None)]);
    assert!(!text(&pack).contains("CLR-SECRET-1"));
    assert_eq!(pack.agreements.len(), 1, "Libya's agreements, not every one the UK is party to");
    assert_eq!(pack.marking.to_string(), "OFFICIAL");
    assert!(pack.title.contains(seeded.route));
    assert!(pack.file_stem().starts_with("briefing-clearance-route-"));
}

#[tokio::test]
async fn an_unknown_partner_has_no_pack() {
    let (_dir, pool, _) = seeded().await;
    assert!(for_partner(&pool, "XX", &reader(Level::TopSecret), TODAY).await.unwrap().is_none());
}
