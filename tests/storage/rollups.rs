//! Roll-ups and reciprocity: counts equal counts made in the test over a seeded
//! fixture for two clearances, every count is the count of the register filter it
//! links to, and the 90-day change reads back-dated assessments at a fixed today.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

mod expected;
mod seed;

use super::agreements::TODAY;
use accord::rollup::reciprocity::{Delivery, Subject};
use accord::rollup::{signed, Cell, Change, Dimension, RollupCounts};
use accord::storage::{commitments, rollups};
use accord::{Clearance, Level, Rag};
use seed::Seed;
use std::collections::BTreeMap;
use time::Duration;

const CLEARANCES: [Clearance; 2] = [Clearance(Level::Official), Clearance(Level::Secret)];

async fn seeded() -> (tempfile::TempDir, sqlx::SqlitePool, Seed) {
    let (dir, pool) = super::fresh().await;
    let seed = Seed::new(TODAY);
    seed.insert(&pool).await;
    (dir, pool, seed)
}

#[tokio::test]
async fn rollup_counts_equal_counts_made_over_the_seeded_rows() {
    let (_dir, pool, seed) = seeded().await;
    for clearance in CLEARANCES {
        for dimension in Dimension::ALL {
            let rollup = rollups::load(&pool, *dimension, clearance, TODAY).await.unwrap();
            let got: BTreeMap<String, RollupCounts> =
                rollup.rows.iter().map(|r| (r.key.clone(), r.counts)).collect();
            let want = expected::rollup(&seed, *dimension, clearance, TODAY);
            assert!(!want.is_empty(), "the fixture has rows for {dimension:?}");
            assert_eq!(got, want, "{dimension:?} at {clearance:?}");
            // Each row carries the marking of what it counts.
            let levels: BTreeMap<String, Level> =
                rollup.rows.iter().map(|r| (r.key.clone(), r.marking.level)).collect();
            let want = expected::levels(&seed, *dimension, clearance, TODAY);
            assert_eq!(levels, want, "{dimension:?} rows' markings at {clearance:?}");
        }
    }
    // The fixture reaches what the rules tell apart: hidden rows, substrings, the UK.
    let official = Clearance(Level::Official);
    let routes = rollups::load(&pool, Dimension::Route, official, TODAY).await.unwrap();
    let slugs: Vec<&str> = routes.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(slugs, ["route-one"], "no SECRET route, and the UK links no agreement");
    let owners = rollups::load(&pool, Dimension::Owner, official, TODAY).await.unwrap();
    let owners: Vec<&str> = owners.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(owners, ["Team A", "Team AB", "Team B"]);
    let strands = rollups::load(&pool, Dimension::Strand, official, TODAY).await.unwrap();
    let strands: Vec<&str> = strands.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(strands, ["Pursue", "Protect", "Prepare"], "in CONTEST order, by label");
}

#[tokio::test]
async fn a_row_is_marked_with_the_agreement_of_what_it_counts() {
    // An OFFICIAL commitment under a SECRET agreement, alone in its rows.
    let (_dir, pool) = super::fresh().await;
    let seed = Seed {
        agreements: vec![seed::Agreement {
            id: 1,
            parties: &["MA"],
            level: Level::Secret,
            lead: Some(1),
        }],
        routes: vec![],
        commitments: vec![seed::Commitment {
            id: 1,
            agreement: 0,
            party: "MA",
            owner: "Team M",
            status: accord::CommitmentStatus::InProgress,
            rag: Some(Rag::Red),
            due: None,
            review: None,
            level: Level::Official,
            strands: &[accord::ContestStrand::Prepare],
        }],
        assessments: vec![],
    };
    seed.insert(&pool).await;
    let secret = Clearance(Level::Secret);
    for dimension in
        [Dimension::Partner, Dimension::Owner, Dimension::Department, Dimension::Strand]
    {
        let rollup = rollups::load(&pool, dimension, secret, TODAY).await.unwrap();
        let levels: Vec<Level> = rollup.rows.iter().map(|r| r.marking.level).collect();
        assert_eq!(levels, [Level::Secret], "{dimension:?}");
        let official = rollups::load(&pool, dimension, CLEARANCES[0], TODAY).await.unwrap();
        assert!(official.rows.is_empty(), "{dimension:?} hidden from OFFICIAL");
    }
}

#[tokio::test]
async fn every_cell_is_the_count_of_the_list_it_links_to() {
    let (_dir, pool, _seed) = seeded().await;
    for clearance in CLEARANCES {
        for dimension in Dimension::ALL {
            let rollup = rollups::load(&pool, *dimension, clearance, TODAY).await.unwrap();
            for row in &rollup.rows {
                let filter = dimension.filter(&row.key);
                for cell in Cell::all() {
                    let listed =
                        commitments::count(&pool, &cell.filter(&filter), clearance, TODAY).await;
                    assert_eq!(
                        listed.unwrap(),
                        row.counts.get(cell),
                        "{dimension:?} {} {cell:?} at {clearance:?}",
                        row.key
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn the_change_reads_the_latest_assessment_on_or_before_ninety_days_ago() {
    let (_dir, pool) = super::fresh().await;
    let day = |n: i64| TODAY - Duration::days(n);
    sqlx::query(
        "INSERT INTO agreements (id, reference, title, kind, legally_binding, status)
         VALUES (1, 'CH-1', 'Change', 'other', 0, 'in_force');
         INSERT INTO agreement_parties VALUES (1, 'LY'), (1, 'GB');
         INSERT INTO commitments (id, agreement_id, committing_party, text, category, status, rag)
         VALUES (1, 1, 'LY', 'Now green and met', 'other', 'met', 'green')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let assess = async |on, status: &str, rag: &str, level: &str| {
        sqlx::query(
            "INSERT INTO assessments (commitment_id, assessed_on, status, rag, classification)
             VALUES (1, ?1, ?2, ?3, ?4)",
        )
        .bind(on)
        .bind(status)
        .bind(rag)
        .bind(level)
        .execute(&pool)
        .await
        .unwrap();
    };
    assess(day(200), "in_progress", "red", "official").await;
    assess(day(91), "in_progress", "amber", "official").await;
    assess(day(90), "partially_met", "red", "official").await; // the state then
    assess(day(89), "met", "green", "official").await; // after the day
    let partner = async |clearance| {
        let rollup = rollups::load(&pool, Dimension::Partner, clearance, TODAY).await.unwrap();
        assert_eq!(rollup.rows.len(), 1);
        rollup.rows[0].counts
    };
    let official = partner(Clearance(Level::Official)).await;
    assert_eq!((official.then_red, official.then_amber, official.then_met), (1, 0, 0));
    let changes = Change::ALL.map(|c| signed(official.change(c)));
    assert_eq!(changes, ["\u{2212}1", "0", "+1", "+1"], "red, amber, green, met");

    // A SECRET assessment that day, recorded later, is the state then only for a
    // reader who may see it.
    assess(day(90), "met", "amber", "secret").await;
    assert_eq!(partner(Clearance(Level::Official)).await, official);
    let secret = partner(Clearance(Level::Secret)).await;
    assert_eq!((secret.then_red, secret.then_amber, secret.then_met), (0, 1, 1));
    assert_eq!(secret.change(Change::Rag(Rag::Amber)), -1);
    assert_eq!(secret.change(Change::Met), 0);
}

#[tokio::test]
async fn reciprocity_counts_each_side_as_its_list_counts() {
    let (_dir, pool, seed) = seeded().await;
    let secret = Clearance(Level::Secret);
    let official = Clearance(Level::Official);
    // Agreement 3 (Libya and France) is SECRET.
    assert!(rollups::reciprocity::for_agreement(&pool, 3, official, TODAY)
        .await
        .unwrap()
        .is_none());
    let r = rollups::reciprocity::for_agreement(&pool, 3, secret, TODAY).await.unwrap().unwrap();
    assert!(matches!(r.subject, Subject::Agreement { id: 3, .. }));
    let parties: Vec<&str> = r.sides.iter().map(|s| s.party.as_str()).collect();
    assert_eq!(parties, ["GB", "FR", "LY"], "the UK first, then partners by name");
    for side in &r.sides {
        for d in Delivery::ALL {
            let want = expected::delivered(&seed, secret, |a| a == 2, &side.party, d);
            assert_eq!(side.count(d), want, "{} {d:?}", side.party);
            let listed = commitments::count(&pool, &d.filter(&side.filter), secret, TODAY).await;
            assert_eq!(listed.unwrap(), want, "{} {d:?} list", side.party);
        }
        assert!(side.total > 0 && side.commitments.len() as i64 == side.total);
    }

    for clearance in CLEARANCES {
        let r = rollups::reciprocity::for_partner(&pool, "ly", clearance, TODAY).await.unwrap();
        let r = r.unwrap();
        let parties: Vec<&str> = r.sides.iter().map(|s| s.party.as_str()).collect();
        assert_eq!(parties, ["GB", "LY"]);
        let with_libya = |a: usize| seed.agreements[a].parties.contains(&"LY");
        for side in &r.sides {
            for d in Delivery::ALL {
                let want = expected::delivered(&seed, clearance, with_libya, &side.party, d);
                assert_eq!(side.count(d), want, "{} {d:?} at {clearance:?}", side.party);
                let listed = commitments::count(&pool, &d.filter(&side.filter), clearance, TODAY)
                    .await
                    .unwrap();
                assert_eq!(listed, want, "{} {d:?} list at {clearance:?}", side.party);
            }
        }
        assert_eq!(r.marking.level, clearance.0, "the page carries what it counts");
    }
    for nobody in ["GB", "ZZ"] {
        let r = rollups::reciprocity::for_partner(&pool, nobody, secret, TODAY).await.unwrap();
        assert!(r.is_none(), "{nobody}");
    }
}
