//! The list machinery (`storage::listing`): the stream of every row an export reads
//! is the list's pages joined, within clearance, and the marking is the aggregate of
//! every match, not of one page.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::agreements::{actor, create as create_agreement, draft as agreement_draft, TODAY};
use super::writes::committed;
use accord::storage::{commitments, listing};
use accord::{
    AgreementStatus, Classification, Clearance, CommitmentCategory, CommitmentDraft,
    CommitmentFilter, CommitmentStatus, Level, ListFilter, PAGE_SIZE,
};
use futures_util::TryStreamExt;
use sqlx::SqlitePool;
use time::Duration;

fn draft(text: &str, days: i64, classification: Classification) -> CommitmentDraft {
    CommitmentDraft {
        committing_party: "LY".to_owned(),
        text: text.to_owned(),
        category: CommitmentCategory::Returns,
        owner: String::new(),
        due_on: Some(TODAY + Duration::days(days)),
        status: CommitmentStatus::InProgress,
        rag: None,
        next_review_on: None,
        strands: Vec::new(),
        classification,
        reviewer_id: None,
    }
}

async fn add(pool: &SqlitePool, agreement_id: i64, draft: &CommitmentDraft) {
    committed(pool, async |tx| {
        commitments::create(tx, agreement_id, draft, &actor(), Clearance::HIGHEST).await
    })
    .await
    .unwrap();
}

/// 120 OFFICIAL commitments (the last by due date OFFICIAL-SENSITIVE), one SECRET, and
/// one OFFICIAL under a SECRET agreement.
async fn seeded() -> (tempfile::TempDir, SqlitePool) {
    let (dir, pool) = super::fresh().await;
    let official =
        create_agreement(&pool, &agreement_draft("LS-1"), AgreementStatus::InForce).await;
    let mut secret_draft = agreement_draft("LS-2");
    secret_draft.classification = Classification::new(Level::Secret);
    let secret = create_agreement(&pool, &secret_draft, AgreementStatus::InForce).await;
    for n in 0..119 {
        add(
            &pool,
            official,
            &draft(&format!("open {n:03}"), n, Classification::new(Level::Official)),
        )
        .await;
    }
    let sensitive = Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned()));
    add(&pool, official, &draft("open 119", 119, sensitive)).await;
    add(&pool, official, &draft("hidden own", 5, Classification::new(Level::Secret))).await;
    add(&pool, secret, &draft("hidden agreement", 6, Classification::new(Level::Official))).await;
    (dir, pool)
}

#[tokio::test]
async fn the_stream_is_every_page_joined_within_clearance() {
    let (_dir, pool) = seeded().await;
    let official = Clearance(Level::Official);
    let filter = CommitmentFilter { page: 1, ..Default::default() };
    let streamed: Vec<String> = listing::stream(pool.clone(), filter.clone(), official, TODAY)
        .map_ok(|row| row.text)
        .try_collect()
        .await
        .unwrap();
    let mut paged = Vec::new();
    for page in 1..=3 {
        let rows = listing::page(&pool, &filter.with_page(page), official, TODAY).await.unwrap();
        paged.extend(rows.into_iter().map(|row| row.text));
    }
    assert_eq!(streamed.len(), 120);
    assert!(streamed.len() as i64 > 2 * PAGE_SIZE);
    assert_eq!(streamed, paged, "the same rows in the same order");
    assert!(!streamed.iter().any(|t| t.starts_with("hidden")));

    let everything: Vec<_> = listing::stream(pool.clone(), filter, Clearance::HIGHEST, TODAY)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(everything.len(), 122, "a SECRET reader's export has the hidden ones");
}

#[tokio::test]
async fn the_marking_covers_every_match_not_one_page() {
    let (_dir, pool) = seeded().await;
    let official = Clearance(Level::Official);
    let filter = CommitmentFilter { page: 1, ..Default::default() };
    let first_page = listing::page(&pool, &filter, official, TODAY).await.unwrap();
    let page_marking = Classification::highest(first_page.iter().map(|r| &r.classification));
    assert_eq!(page_marking.to_string(), "OFFICIAL");
    let marking = listing::marking(&pool, &filter, official, TODAY).await.unwrap();
    assert_eq!(marking.to_string(), "OFFICIAL-SENSITIVE");
    // A commitment under a SECRET agreement marks the whole list SECRET.
    let all = listing::marking(&pool, &filter, Clearance::HIGHEST, TODAY).await.unwrap();
    assert_eq!(all.level, Level::Secret);
}
