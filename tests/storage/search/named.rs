//! Search finds what people type: partners by name or code and routes by name first
//! ("direct matches"), agreements by their parties' names, all within clearance.

use accord::search::{DirectKind, HitStatus, SearchResults};
use accord::storage::search::search;
use accord::{AgreementStatus, Clearance, Level};
use sqlx::SqlitePool;

/// An agreement between the UK and `partners`, with no partner's name in its text.
async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    title: &str,
    level: &str,
    partners: &[&str],
) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, summary, owner, classification)
         VALUES (?1, ?2, 'returns_arrangement', 0, 'in_force', 'Returns of people with no right to remain.',
                 'Returns Policy Team', ?3)
         RETURNING id",
    )
    .bind(reference)
    .bind(title)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("insert agreement");
    for partner in std::iter::once(&"GB").chain(partners) {
        sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)")
            .bind(id)
            .bind(partner)
            .execute(pool)
            .await
            .expect("insert party");
    }
    id
}

/// A route through Libya to Italy and the UK.
async fn route(pool: &SqlitePool, slug: &str, name: &str, level: &str) {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO routes (slug, name, classification) VALUES (?1, ?2, ?3) RETURNING id",
    )
    .bind(slug)
    .bind(name)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("insert route");
    for (position, partner, role) in [
        (1, "ER", "source"),
        (2, "LY", "departure"),
        (3, "IT", "transit"),
        (4, "GB", "destination"),
    ] {
        sqlx::query(
            "INSERT INTO route_legs (route_id, position, partner, role) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(id)
        .bind(position)
        .bind(partner)
        .bind(role)
        .execute(pool)
        .await
        .expect("insert leg");
    }
}

async fn find(pool: &SqlitePool, text: &str, level: Level) -> SearchResults {
    search(pool, text, Clearance(level), 20).await.expect("search")
}

fn direct_hrefs(results: &SearchResults) -> Vec<&str> {
    results.direct.matches.iter().map(|m| m.href.as_str()).collect()
}

fn agreement_ids(results: &SearchResults) -> Vec<i64> {
    results.agreements.hits.iter().map(|h| h.id).collect()
}

#[tokio::test]
async fn libya_by_name_code_or_part_lists_the_partner_ly_first() {
    let (_dir, pool) = super::super::fresh().await;
    for text in ["Libya", "libya", "LY", "ly", "LBY", "\0Libya\0", "  LIBYA "] {
        let results = find(&pool, text, Level::Official).await;
        let first = results.direct.matches.first().unwrap_or_else(|| panic!("{text}: nothing"));
        assert_eq!(
            (first.kind, first.href.as_str()),
            (DirectKind::Partner, "/partners/LY"),
            "{text}"
        );
        assert_eq!(first.name, "Libya");
        assert_eq!(results.direct.total, results.direct.matches.len() as i64, "{text}");
    }
    assert_eq!(direct_hrefs(&find(&pool, "Libya", Level::Official).await), ["/partners/LY"]);
    // A part-name finds every partner with a word starting so, by name.
    let lib = find(&pool, "Lib", Level::Official).await;
    assert_eq!(direct_hrefs(&lib), ["/partners/LR", "/partners/LY"]);
    // "ly" is Libya's code, not the end of "Italy".
    assert_eq!(direct_hrefs(&find(&pool, "ly", Level::Official).await), ["/partners/LY"]);
}

#[tokio::test]
async fn central_mediterranean_lists_the_route_with_its_partners() {
    let (_dir, pool) = super::super::fresh().await;
    route(&pool, "central-mediterranean", "Central Mediterranean", "official").await;
    for text in ["Central Mediterranean", "central mediterranean", "Mediterranean", "central med"] {
        let results = find(&pool, text, Level::Official).await;
        assert_eq!(direct_hrefs(&results), ["/routes/central-mediterranean"], "{text}");
    }
    let found = find(&pool, "Central Mediterranean", Level::Official).await;
    let hit = &found.direct.matches[0];
    assert_eq!((hit.kind, hit.name.as_str()), (DirectKind::Route, "Central Mediterranean"));
    let partners: Vec<&str> = hit.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(partners, ["Eritrea", "Libya", "Italy"], "in leg order, the UK left out");
    assert_eq!(hit.classification.to_string(), "OFFICIAL");
    // A partner and a route named alike: both, the partner first.
    route(&pool, "libya-coast", "Libya coast", "official").await;
    let libya = find(&pool, "Libya", Level::Official).await;
    assert_eq!(direct_hrefs(&libya), ["/partners/LY", "/routes/libya-coast"]);
}

#[tokio::test]
async fn an_agreement_is_found_by_the_name_of_a_party_its_text_never_mentions() {
    let (_dir, pool) = super::super::fresh().await;
    let with_libya =
        agreement(&pool, "R-1", "Coastal returns arrangement", "official", &["LY"]).await;
    let with_tunisia =
        agreement(&pool, "R-2", "Coastal returns arrangement", "official", &["TN"]).await;
    let both = agreement(&pool, "R-3", "Joint action plan", "official", &["IT", "LY"]).await;
    let libya = find(&pool, "Libya", Level::Official).await;
    let mut ids = agreement_ids(&libya);
    ids.sort_unstable();
    assert_eq!(ids, vec![with_libya, both]);
    assert_eq!(libya.agreements.total, 2);
    // A party's name and the text's words combine.
    assert_eq!(
        agreement_ids(&find(&pool, "libya coastal", Level::Official).await),
        vec![with_libya]
    );
    assert_eq!(agreement_ids(&find(&pool, "tunisia", Level::Official).await), vec![with_tunisia]);
    // The UK is party to all, so its name finds none.
    assert_eq!(find(&pool, "United Kingdom", Level::Official).await.agreements.total, 0);
    // Each hit shows its status, its partners (by name, the UK left out) and its marking.
    let hit = libya.agreements.hits.iter().find(|h| h.id == both).expect("joint plan");
    assert_eq!(hit.status, HitStatus::Agreement(AgreementStatus::InForce));
    let partners: Vec<&str> = hit.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(partners, ["Italy", "Libya"]);
    assert_eq!(hit.classification.to_string(), "OFFICIAL");
    // A party removed is no longer found; one added is.
    sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = ? AND partner = 'LY'")
        .bind(with_libya)
        .execute(&pool)
        .await
        .expect("remove party");
    sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?, 'LY')")
        .bind(with_tunisia)
        .execute(&pool)
        .await
        .expect("add party");
    let mut ids = agreement_ids(&find(&pool, "Libya", Level::Official).await);
    ids.sort_unstable();
    assert_eq!(ids, vec![with_tunisia, both]);
}

#[tokio::test]
async fn a_renamed_partner_is_found_by_its_new_name_only() {
    let (_dir, pool) = super::super::fresh().await;
    let id = agreement(&pool, "R-1", "Coastal returns arrangement", "official", &["LY"]).await;
    sqlx::query("UPDATE partners SET name = 'Quolland' WHERE alpha2 = 'LY'")
        .execute(&pool)
        .await
        .expect("rename");
    assert_eq!(agreement_ids(&find(&pool, "quolland", Level::Official).await), vec![id]);
    assert_eq!(find(&pool, "libya", Level::Official).await.agreements.total, 0);
    // The start-up upsert writes the ISO name back: found by it again.
    accord::storage::partners::sync_from_iso(&pool).await.expect("sync");
    assert_eq!(agreement_ids(&find(&pool, "libya", Level::Official).await), vec![id]);
}

#[tokio::test]
async fn an_official_reader_finds_no_secret_route_or_agreement_and_the_counts_say_so() {
    let (_dir, pool) = super::super::fresh().await;
    route(&pool, "central-mediterranean", "Central Mediterranean", "official").await;
    route(&pool, "central-mediterranean-air", "Central Mediterranean air bridge", "secret").await;
    let open = agreement(&pool, "R-1", "Coastal returns arrangement", "official", &["LY"]).await;
    let secret = agreement(&pool, "R-2", "Coastal returns protocol", "secret", &["LY"]).await;

    let official = find(&pool, "Central Mediterranean", Level::Official).await;
    assert_eq!(direct_hrefs(&official), ["/routes/central-mediterranean"]);
    assert_eq!(official.direct.total, 1, "the hidden route is not counted");
    let libya = find(&pool, "Libya", Level::Official).await;
    assert_eq!(agreement_ids(&libya), vec![open]);
    assert_eq!(libya.agreements.total, 1, "the hidden agreement is not counted");
    assert_eq!(libya.total(), 2, "Libya and one agreement");
    assert_eq!(libya.marking().to_string(), "OFFICIAL");

    let cleared = find(&pool, "Central Mediterranean", Level::Secret).await;
    assert_eq!(cleared.direct.total, 2);
    assert_eq!(cleared.direct.matches[1].href, "/routes/central-mediterranean-air");
    assert_eq!(cleared.marking().to_string(), "SECRET");
    let libya = find(&pool, "Libya", Level::Secret).await;
    assert_eq!(libya.agreements.total, 2);
    assert!(agreement_ids(&libya).contains(&secret));
}
