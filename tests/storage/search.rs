//! Search storage tests: the index follows every write, and clearance filters hits.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

mod changes;
mod named;

use accord::search::{SearchResults, SnippetPart};
use accord::storage::search::search;
use accord::{Clearance, Level};
use sqlx::SqlitePool;

async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    title: &str,
    summary: &str,
    level: &str,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, summary, owner, scope_tags, classification)
         VALUES (?1, ?2, 'treaty', 1, ?3, 'Channel Policy Team', '[\"maritime\",\"lighthouse-keeping\"]', ?4)
         RETURNING id",
    )
    .bind(reference)
    .bind(title)
    .bind(summary)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("insert agreement")
}

/// A GB commitment of agreement `agreement_id`, unmarked.
async fn commitment(pool: &SqlitePool, agreement_id: i64, text: &str) {
    sqlx::query(
        "INSERT INTO commitments (agreement_id, committing_party, text, category)
         VALUES (?, 'GB', ?, 'border_management')",
    )
    .bind(agreement_id)
    .bind(text)
    .execute(pool)
    .await
    .expect("insert commitment");
}

async fn find(pool: &SqlitePool, text: &str) -> SearchResults {
    search(pool, text, Clearance::HIGHEST, 20).await.expect("search")
}

fn agreement_ids(results: &SearchResults) -> Vec<i64> {
    results.agreements.hits.iter().map(|h| h.id).collect()
}

fn highlighted(parts: &[SnippetPart]) -> Vec<String> {
    parts.iter().filter(|p| p.highlighted).map(|p| p.text.to_lowercase()).collect()
}

#[tokio::test]
async fn finds_an_agreement_by_a_word_in_its_summary() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(
        &pool,
        "T-1",
        "Coastal treaty",
        "Joint patrols along the shoreline of the estuary.",
        "official",
    )
    .await;
    let results = find(&pool, "estuary").await;
    assert_eq!(agreement_ids(&results), vec![id]);
    assert_eq!(results.agreements.total, 1);
    let hit = &results.agreements.hits[0];
    assert_eq!(hit.title, "Coastal treaty");
    assert_eq!(hit.href, format!("/agreements/{id}"));
    assert_eq!(highlighted(&hit.snippet), vec!["estuary"]);
    assert_eq!(hit.classification.to_string(), "OFFICIAL");
    assert!(hit.snippet.iter().all(|p| !p.text.contains(['\u{2}', '\u{3}'])));
}

#[tokio::test]
async fn finds_an_agreement_by_reference_owner_and_scope_tag() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "REF-77", "Coastal treaty", "Summary.", "official").await;
    for text in ["REF-77", "channel policy", "lighthouse-keeping", "maritime"] {
        assert_eq!(agreement_ids(&find(&pool, text).await), vec![id], "{text}");
    }
}

#[tokio::test]
async fn an_updated_title_is_found_by_the_new_word_and_not_the_old() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "T-1", "Albatross arrangement", "Summary.", "official").await;
    assert_eq!(agreement_ids(&find(&pool, "albatross").await), vec![id]);
    sqlx::query(
        "UPDATE agreements SET title = 'Pelican arrangement', version = version + 1 WHERE id = ?",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(agreement_ids(&find(&pool, "pelican").await), vec![id]);
    assert!(find(&pool, "albatross").await.agreements.hits.is_empty());
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM search_index_agreements")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 1, "one index row per record");
}

#[tokio::test]
async fn a_deleted_agreement_and_its_commitments_are_no_longer_found() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "T-1", "Cormorant treaty", "Summary.", "official").await;
    commitment(&pool, id, "Cormorant patrols").await;
    let before = find(&pool, "cormorant").await;
    assert_eq!((before.agreements.total, before.commitments.total), (1, 1));
    sqlx::query("DELETE FROM agreements WHERE id = ?").bind(id).execute(&pool).await.unwrap();
    assert_eq!(find(&pool, "cormorant").await.total(), 0);
    let rows: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM search_index_agreements)
              + (SELECT count(*) FROM search_index_commitments)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(rows, 0, "the cascade removed the commitment's index row too");
}

#[tokio::test]
async fn a_secret_agreement_is_hidden_from_official_clearance_but_not_top_secret() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "T-1", "Heron treaty", "Open summary.", "official").await;
    let secret = agreement(&pool, "T-2", "Heron protocol", "Closed summary.", "secret").await;
    let official = search(&pool, "heron", Clearance(Level::Official), 20).await.unwrap();
    assert_eq!(official.agreements.total, 1, "counts are within clearance too");
    assert!(!agreement_ids(&official).contains(&secret));
    assert_eq!(official.marking().to_string(), "OFFICIAL");
    let top = search(&pool, "heron", Clearance(Level::TopSecret), 20).await.unwrap();
    assert_eq!(top.agreements.total, 2);
    assert!(agreement_ids(&top).contains(&secret));
    assert_eq!(top.marking().to_string(), "SECRET");
}

#[tokio::test]
async fn re_marking_a_record_filters_it_by_its_new_classification() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "T-1", "Kestrel treaty", "Summary.", "official").await;
    sqlx::query("UPDATE agreements SET classification = 'top_secret' WHERE id = ?")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(search(&pool, "kestrel", Clearance(Level::Secret), 20).await.unwrap().total(), 0);
}

#[tokio::test]
async fn the_last_word_matches_as_a_prefix() {
    let (_dir, pool) = super::fresh().await;
    let id =
        agreement(&pool, "T-1", "Reintegration programme", "Support for returnees.", "official")
            .await;
    assert_eq!(agreement_ids(&find(&pool, "reinteg").await), vec![id]);
    assert_eq!(agreement_ids(&find(&pool, "support returne").await), vec![id]);
    // Only the last word is a prefix: a part-word earlier must match whole.
    assert!(find(&pool, "reinteg support").await.agreements.hits.is_empty());
}

#[tokio::test]
async fn every_prefix_of_a_word_finds_it_whether_the_prefix_index_serves_it_or_not() {
    // The indexes keep prefixes of 2 to 8 characters (migrations/0027): a prefix of one
    // letter or of nine is merged from the words instead. Both ways find the same.
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "T-1", "Albatross treaty", "Summary.", "official").await;
    commitment(&pool, id, "Albatross patrols").await;
    let word = "albatross";
    for end in 1..=word.len() {
        let found = find(&pool, &word[..end]).await;
        assert_eq!(agreement_ids(&found), vec![id], "{:?}", &word[..end]);
        assert_eq!(found.commitments.total, 1, "{:?}", &word[..end]);
    }
}

#[tokio::test]
async fn a_last_word_typed_past_its_stem_is_cut_back_when_no_record_matches_it() {
    // The index holds stems ("cormor", "detent"), and a prefix is stemmed as a whole
    // word: "cormora" and "detenti" are the start of no stem as typed.
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "T-1", "Cormorant treaty", "Summary.", "official").await;
    commitment(&pool, id, "Detention standards").await;
    let found = find(&pool, "cormora").await;
    assert_eq!((agreement_ids(&found), found.shortened_to), (vec![id], Some("cormor".to_owned())));
    let found = find(&pool, "standards detenti").await;
    assert_eq!(found.commitments.total, 1);
    assert_eq!(found.shortened_to.as_deref(), Some("detent"), "the earlier words kept");
    // Matched as typed: not cut back, though the shorter word would find more.
    let found = find(&pool, "cormorant").await;
    assert_eq!((agreement_ids(&found), found.shortened_to), (vec![id], None));
    // Nothing even cut back: no results, and nothing said about cutting.
    let found = find(&pool, "pelicans").await;
    assert_eq!((found.total(), found.shortened_to), (0, None));
}

#[tokio::test]
async fn a_word_is_cut_back_only_into_records_within_the_readers_clearance() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "T-1", "Cormorant protocol", "Closed summary.", "secret").await;
    let official = search(&pool, "cormora", Clearance(Level::Official), 20).await.unwrap();
    assert_eq!(
        (official.total(), official.shortened_to),
        (0, None),
        "nothing said, nothing counted"
    );
    let top = search(&pool, "cormora", Clearance(Level::TopSecret), 20).await.unwrap();
    assert_eq!((top.agreements.total, top.shortened_to.as_deref()), (1, Some("cormor")));
}

#[tokio::test]
async fn fts_syntax_in_the_query_is_searched_for_not_obeyed() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "T-1", "Osprey treaty", "Summary.", "official").await;
    for text in [
        "\"",
        "*",
        "NEAR(",
        "osprey OR",
        "osprey NOT treaty",
        "title:osprey",
        ")(",
        "osprey \"treaty",
    ] {
        let results = search(&pool, text, Clearance::HIGHEST, 20).await;
        assert!(results.is_ok(), "{text}: {results:?}");
    }
    // "OR" is a word every record must contain, not an operator.
    assert_eq!(find(&pool, "osprey OR").await.total(), 0);
    assert_eq!(find(&pool, "osprey \"treaty").await.agreements.total, 1);
}

#[tokio::test]
async fn blank_text_finds_nothing() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "T-1", "Osprey treaty", "Summary.", "official").await;
    assert_eq!(find(&pool, "   ").await, SearchResults::default());
}

#[tokio::test]
async fn commitments_and_sharing_arrangements_are_found_and_grouped() {
    let (_dir, pool) = super::fresh().await;
    let agreement_id = agreement(&pool, "T-1", "Treaty", "Summary.", "official").await;
    let commitment: i64 = sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, owner, caveat)
         VALUES (?, 'GB', 'Share vessel sightings from the flamingo radar within 24 hours of detection, every day of the year, without exception.', 'information_sharing', 'Data Team', 'SENSITIVE') RETURNING id",
    )
    .bind(agreement_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let sharing: i64 = sqlx::query_scalar(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction, legal_basis, handling_caveats)
         VALUES ('SH-1', 'Radar feed', (SELECT id FROM uk_bodies WHERE short_name = 'NCA'), 'FR', 'Flamingo coastguard', 'two_way', 'Treaty article 4', 'UK EYES ONLY') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let results = find(&pool, "flamingo").await;
    assert_eq!(results.agreements.total, 0);
    assert_eq!(results.commitments.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![commitment]);
    assert_eq!(results.sharing.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![sharing]);
    let c = &results.commitments.hits[0];
    assert_eq!(c.href, format!("/commitments/{commitment}"));
    assert!(c.title.ends_with('…') && c.title.starts_with("Share vessel sightings"), "{}", c.title);
    assert_eq!(c.classification.to_string(), "OFFICIAL-SENSITIVE");
    assert_eq!(results.sharing.hits[0].href, format!("/sharing/{sharing}"));
    assert_eq!(results.sharing.hits[0].title, "Radar feed");
    // Legal basis, handling caveats and the commitment's category are searched too.
    assert_eq!(find(&pool, "article").await.sharing.total, 1);
    assert_eq!(find(&pool, "eyes only").await.sharing.total, 1);
    assert_eq!(find(&pool, "information sharing").await.commitments.total, 1);
}

#[tokio::test]
async fn hits_are_limited_per_kind_but_counted_in_full() {
    let (_dir, pool) = super::fresh().await;
    for i in 0..5 {
        agreement(&pool, &format!("T-{i}"), &format!("Puffin treaty {i}"), "Summary.", "official")
            .await;
    }
    // Ranked by bm25: the one that says "puffin" most comes first.
    let best =
        agreement(&pool, "T-9", "Puffin puffin treaty", "Puffin puffin puffin.", "official").await;
    let results = search(&pool, "puffin", Clearance::HIGHEST, 2).await.unwrap();
    assert_eq!(results.agreements.total, 6);
    assert_eq!(results.agreements.hits.len(), 2);
    assert_eq!(results.agreements.hits[0].id, best);
    let none = search(&pool, "puffin", Clearance::HIGHEST, 0).await.unwrap();
    assert_eq!((none.agreements.total, none.agreements.hits.len()), (6, 0));
}

/// Every hit kept has its snippet, wherever its id falls among the matches: the
/// snippets' scan starts at the least id kept, not the greatest.
#[tokio::test]
async fn every_hit_kept_has_its_snippet_wherever_its_id_falls() {
    let (_dir, pool) = super::fresh().await;
    let mut best = Vec::new();
    for i in 0..30 {
        // Every tenth says "kittiwake" most: the three ranked first are the oldest match,
        // one in the middle and one near the newest.
        let summary = if i % 10 == 0 {
            "Kittiwake kittiwake kittiwake colony."
        } else {
            "A kittiwake colony."
        };
        let id = agreement(
            &pool,
            &format!("K-{i}"),
            &format!("Seabird accord {i}"),
            summary,
            "official",
        )
        .await;
        if i % 10 == 0 {
            best.push(id);
        }
    }
    let results = search(&pool, "kittiwake", Clearance::HIGHEST, 3).await.unwrap();
    let mut kept = agreement_ids(&results);
    kept.sort_unstable();
    assert_eq!(kept, best);
    for hit in &results.agreements.hits {
        let marked = highlighted(&hit.snippet);
        assert!(
            !marked.is_empty() && marked.iter().all(|w| w == "kittiwake"),
            "agreement {} has snippet {:?}",
            hit.id,
            hit.snippet
        );
    }
}

/// A word matching more than the cap is counted up to it and said to match more; the
/// hits are the best among the newest matches counted, never one above the clearance.
#[tokio::test]
async fn a_common_word_is_counted_up_to_the_cap_and_ranked_among_the_newest() {
    let (_dir, pool) = super::fresh().await;
    let cap = accord::search::SEARCH_COUNT_CAP;
    // The oldest says "guillemot" most: past the cap, it is not among those ranked.
    let oldest =
        agreement(&pool, "T-0", "Guillemot guillemot", "Guillemot guillemot.", "official").await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO agreements (reference, title, kind, legally_binding, summary, owner, scope_tags, classification)
         SELECT 'T-' || i, 'Guillemot treaty ' || i, 'treaty', 1, 'Summary.', 'Owner', '[]',
                CASE WHEN i % 10 = 0 THEN 'top_secret' ELSE 'official' END
           FROM n",
    )
    .bind(cap + 200)
    .execute(&pool)
    .await
    .unwrap();
    let best =
        agreement(&pool, "T-X", "Guillemot guillemot treaty", "Guillemot.", "official").await;

    let results = search(&pool, "guillemot", Clearance(Level::Official), 5).await.unwrap();
    let group = &results.agreements;
    assert_eq!((group.total, group.more), (cap, true));
    assert_eq!(group.count_text(), "more than 1,000");
    assert_eq!(results.summary(), "More than 1,000 results");
    assert_eq!(group.hits[0].id, best, "the best of the newest comes first");
    assert!(group.hits.iter().all(|h| h.id != oldest && h.classification.level == Level::Official));
}

/// Every index's rows as (kind, id, title, body, parties), in order.
async fn indexed(pool: &SqlitePool) -> Vec<(String, i64, String, String, String)> {
    sqlx::query_as(
        "SELECT 'agreement', rowid, title, body, parties FROM search_index_agreements
         UNION ALL SELECT 'commitment', rowid, title, body, '' FROM search_index_commitments
         UNION ALL SELECT 'sharing', rowid, title, body, parties FROM search_index_sharing
         ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// What the indexes hold once emptied and rebuilt from the base tables by the rebuild of
/// migration 0027 (the views every trigger reads).
async fn rebuilt(pool: &SqlitePool) -> Vec<(String, i64, String, String, String)> {
    let migration = include_str!("../../migrations/0027_search_per_kind.sql");
    let rebuild = &migration[migration.find("-- Rebuild").expect("rebuild section")..];
    sqlx::raw_sql(
        "DELETE FROM search_index_agreements; DELETE FROM search_index_commitments;
         DELETE FROM search_index_sharing;",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::raw_sql(rebuild).execute(pool).await.unwrap();
    indexed(pool).await
}

#[tokio::test]
async fn records_present_before_the_migration_are_indexed_as_the_triggers_index_them() {
    // The demo loader writes through the triggers; the rebuild reads the same views, so
    // rebuilding the index from the base tables must give what the triggers gave.
    let (_dir, pool) = super::fresh().await;
    accord::storage::demo::load(&pool, accord::dates::today()).await.unwrap();
    let by_trigger = indexed(&pool).await;
    let rebuilt = rebuilt(&pool).await;
    assert_eq!(rebuilt, by_trigger);
    let records: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM agreements) + (SELECT count(*) FROM commitments) + (SELECT count(*) FROM sharing_arrangements)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(rebuilt.len() as i64, records);
    assert!(rebuilt.iter().any(|(.., parties)| parties.contains("Libya")), "parties indexed");
}

/// The writer indexes its batch's records just before it commits
/// (migrations/0032_search_deferred.sql): after edits of every indexed kind through it,
/// kept and undone, concurrent and one by one, the indexes are what a rebuild from the
/// base tables gives, nothing is left pending, and the flag is clear for other writers.
#[tokio::test]
async fn edits_through_the_writer_leave_the_index_as_a_rebuild_would() {
    use accord::storage::begin_write;
    let (_dir, pool) = super::fresh().await;
    accord::storage::demo::load(&pool, accord::dates::today()).await.unwrap();
    // One edit through the writer: `sql` in its savepoint, kept or undone.
    let edit = |sql: String, keep: bool| {
        let pool = pool.clone();
        async move {
            let mut tx = begin_write(&pool).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut **tx).await.unwrap();
            if keep {
                tx.commit().await.unwrap();
            } else {
                tx.rollback().await.unwrap();
            }
        }
    };
    let agreement = "INSERT INTO agreements (reference, title, kind, legally_binding, summary,
            owner, scope_tags, classification)
        VALUES ('T-W', 'Gannet accord', 'treaty', 1, 'Kittiwake summary.', 'Channel Policy Team',
            '[]', 'official');
        INSERT INTO agreement_parties (agreement_id, partner)
        SELECT id, 'LY' FROM agreements WHERE reference = 'T-W';";
    edit(agreement.to_owned(), true).await;
    // Edits that arrive together share a batch: each commitment its own edit.
    let adds = (0..12).map(|i| {
        edit(
            format!(
                "INSERT INTO commitments (agreement_id, committing_party, text, category)
                 SELECT id, 'GB', 'Puffin patrol {i}', 'border_management'
                   FROM agreements WHERE reference = 'T-W'"
            ),
            i != 5,
        )
    });
    futures_util::future::join_all(adds).await;
    let changes = [
        "UPDATE commitments SET text = 'Guillemot patrol', version = version + 1
          WHERE text = 'Puffin patrol 0'",
        "DELETE FROM commitments WHERE text = 'Puffin patrol 1'",
        "UPDATE agreements SET title = 'Shearwater accord', version = version + 1
          WHERE reference = 'T-W'",
        "UPDATE sharing_arrangements SET title = 'Petrel feed', version = version + 1
          WHERE id = (SELECT min(id) FROM sharing_arrangements)",
        "DELETE FROM agreement_parties WHERE partner = 'LY'
            AND agreement_id = (SELECT id FROM agreements WHERE reference = 'T-W')",
    ];
    for sql in changes {
        edit(sql.to_owned(), true).await;
    }
    // An undone edit leaves no note behind, and its text is not found.
    edit(
        "UPDATE commitments SET text = 'Skua patrol' WHERE text = 'Puffin patrol 2'".to_owned(),
        false,
    )
    .await;

    let (pending, deferred): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM search_pending), (SELECT deferred FROM search_deferred)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((pending, deferred), (0, 0), "indexed before the commit, the flag cleared");
    let commitments = find(&pool, "puffin").await.commitments;
    assert_eq!(commitments.total, 9, "12 added, one undone, one renamed, one deleted");
    assert_eq!(find(&pool, "guillemot").await.commitments.total, 1);
    assert_eq!(find(&pool, "skua").await.total(), 0);
    assert_eq!(find(&pool, "shearwater").await.agreements.total, 1);
    assert_eq!(find(&pool, "gannet").await.total(), 0);
    assert_eq!(find(&pool, "petrel").await.sharing.total, 1);
    let by_writer = indexed(&pool).await;
    assert_eq!(rebuilt(&pool).await, by_writer);

    // Outside the writer the flag is clear: a write indexes at once, as before.
    commitment(&pool, 1, "Fulmar patrol").await;
    assert_eq!(find(&pool, "fulmar").await.commitments.total, 1);
}
