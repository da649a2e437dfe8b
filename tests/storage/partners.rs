//! The partner list: loaded from the ISO crate, filtered, summarised.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use accord::storage::partners::{self, sync_from_iso};
use accord::{Clearance, Level, Partner, PartnerFilter};

#[tokio::test]
async fn partner_load_count_matches_the_crate() {
    let (_dir, pool) = super::fresh().await;
    let expected = keshvar::CountryIterator::new().count();
    assert_eq!(expected, 249, "keshvar should supply every ISO 3166-1 entry");
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM partners").fetch_one(&pool).await.unwrap();
    assert_eq!(stored as usize, expected);
    // Loading again (every start does) neither duplicates nor fails.
    assert_eq!(sync_from_iso(&pool).await.unwrap(), expected);
    let again: i64 =
        sqlx::query_scalar("SELECT count(*) FROM partners").fetch_one(&pool).await.unwrap();
    assert_eq!(again, stored);
}

#[tokio::test]
async fn partners_carry_codes_and_un_regions() {
    let (_dir, pool) = super::fresh().await;
    let libya = partners::get(&pool, "ly").await.unwrap().expect("Libya");
    assert_eq!((libya.alpha3.as_str(), libya.numeric), ("LBY", 434));
    assert_eq!((libya.region.as_str(), libya.sub_region.as_str()), ("Africa", "Northern Africa"));
    let uk = partners::get(&pool, "GB").await.unwrap().expect("UK");
    assert!(uk.is_home);
    let homes: i64 = sqlx::query_scalar("SELECT count(*) FROM partners WHERE is_home")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(homes, 1);
}

#[tokio::test]
async fn the_stored_partners_are_the_iso_table_the_partner_list_shows() {
    let (_dir, pool) = super::fresh().await;
    let stored: Vec<Partner> = sqlx::query_as(
        "SELECT alpha2, alpha3, numeric, name, region, sub_region, is_home FROM partners ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(stored, accord::iso::partners_matching(&PartnerFilter::default()));
}

#[tokio::test]
async fn partner_counts_respect_the_readers_clearance() {
    let (_dir, pool) = super::fresh().await;
    for (reference, level) in [("T-1", "official"), ("T-2", "secret"), ("T-3", "top_secret")] {
        let id: i64 = sqlx::query_scalar("INSERT INTO agreements (reference, title, kind, legally_binding, classification) VALUES (?, 'Test', 'treaty', 1, ?) RETURNING id")
            .bind(reference).bind(level).fetch_one(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, partner) VALUES (?, 'LY'), (?, 'GB')",
        )
        .bind(id)
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    }
    let (official, marking) =
        partners::summary(&pool, "LY", Clearance(Level::Official)).await.unwrap().unwrap();
    assert_eq!(official.agreements, 1);
    assert_eq!(marking.to_string(), "OFFICIAL");
    let (secret, marking) =
        partners::summary(&pool, "LY", Clearance(Level::Secret)).await.unwrap().unwrap();
    assert_eq!(secret.agreements, 2);
    assert_eq!(marking.to_string(), "SECRET");
    let (all, marking) = partners::summary(&pool, "LY", Clearance::HIGHEST).await.unwrap().unwrap();
    assert_eq!(all.agreements, 3);
    assert_eq!(marking.to_string(), "TOP SECRET");
}

#[tokio::test]
async fn partner_choices_are_the_stored_partners_and_the_crates_countries() {
    use accord::iso::{COUNTRIES, PARTNER_CHOICES};
    let (_dir, pool) = super::fresh().await;
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT alpha2, name FROM partners WHERE is_home = 0 ORDER BY name")
            .fetch_all(&pool)
            .await
            .unwrap();
    let offered: Vec<(String, String)> =
        PARTNER_CHOICES.iter().map(|(code, name)| (code.to_string(), name.to_string())).collect();
    assert_eq!(offered, stored, "selects offer exactly the stored partners, in the same order");
    for country in keshvar::CountryIterator::new() {
        let code = country.alpha2().to_string();
        let row = COUNTRIES.iter().find(|c| c.alpha2 == code).expect("every crate country tabled");
        assert_eq!(row.alpha3, country.alpha3().to_string());
        assert_eq!(row.numeric.to_string(), country.number().trim_start_matches('0'));
    }
}
