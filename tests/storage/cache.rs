//! The read cache: an entry lives until any commit, from this pool or another
//! connection, that changes what it follows, and never crosses clearances.
#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::fresh;
use accord::storage::cache::{Key, ReadCache, RequestScope};
use accord::{Clearance, Level};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqlitePool};
use std::sync::atomic::{AtomicUsize, Ordering};
use time::macros::date;

const TODAY: time::Date = date!(2026 - 11 - 26);

/// How many bodies there are, counting each time the loader really runs.
async fn counted(pool: &SqlitePool, loads: &AtomicUsize) -> Result<i64, sqlx::Error> {
    loads.fetch_add(1, Ordering::SeqCst);
    sqlx::query_scalar("SELECT count(*) FROM uk_bodies").fetch_one(pool).await
}

async fn add_body(pool: &SqlitePool, name: &str) {
    sqlx::query("INSERT INTO uk_bodies (name, short_name) VALUES (?1, ?1)")
        .bind(name)
        .execute(pool)
        .await
        .unwrap();
}

/// The body count through `cache`, as one request at the highest clearance reads it.
async fn read_counted(cache: &ReadCache, pool: &SqlitePool, loads: &AtomicUsize) -> i64 {
    let scope = RequestScope::default();
    let value: std::sync::Arc<i64> =
        cache.get_or_load(&scope, key(Clearance::HIGHEST), || counted(pool, loads)).await.unwrap();
    *value
}

fn key(clearance: Clearance) -> Key {
    Key::new("bodies", clearance, TODAY, ())
}

#[tokio::test]
async fn an_entry_is_reused_until_the_pool_commits() {
    let (_dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let loads = AtomicUsize::new(0);
    let read = || read_counted(&cache, &pool, &loads);

    // Warm up: the first read loads (a connection the pool opens runs `PRAGMA
    // optimize`, whose planner statistics are not counted as a change to what pages show).
    read().await;
    let before = read().await;
    let loaded = loads.load(Ordering::SeqCst);
    assert_eq!(read().await, before);
    assert_eq!(read().await, before);
    assert_eq!(loads.load(Ordering::SeqCst), loaded, "later reads are served from the cache");

    add_body(&pool, "Cache Test Office").await;
    assert_eq!(read().await, before + 1, "a commit makes the next read load again");
    assert_eq!(loads.load(Ordering::SeqCst), loaded + 1);
}

#[tokio::test]
async fn a_commit_from_another_connection_is_seen() {
    let (dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let first = cache.generation().await.unwrap();

    // As `accord demo` or an administrator's sqlite3 would: a connection of its own.
    let path = accord::storage::database::database_path(dir.path());
    let mut other = SqliteConnectOptions::new().filename(&path).connect().await.unwrap();
    sqlx::query("INSERT INTO uk_bodies (name, short_name) VALUES ('Elsewhere', 'Elsewhere')")
        .execute(&mut other)
        .await
        .unwrap();

    assert_ne!(cache.generation().await.unwrap(), first);
}

/// Concurrent requests share checks of the generation (`ReadCache::generation`), yet
/// none may be answered by a check that started before it asked: every commit that
/// completed before a request asked is in the generation it gets.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_shared_generation_check_never_misses_a_commit_completed_before_asking() {
    use std::sync::atomic::AtomicI64;
    use std::sync::Arc;
    let (_dir, pool) = fresh().await;
    let cache = Arc::new(ReadCache::new(pool.clone()));
    // The change count as of the writer's latest completed commit.
    let committed = Arc::new(AtomicI64::new(cache.generation().await.unwrap().records));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (pool, committed, done) = (pool.clone(), Arc::clone(&committed), Arc::clone(&done));
        tokio::spawn(async move {
            for n in 0..60 {
                add_body(&pool, &format!("Generation Office {n}")).await;
                let records: i64 =
                    sqlx::query_scalar("SELECT n FROM change_counts WHERE what = 'records'")
                        .fetch_one(&pool)
                        .await
                        .unwrap();
                committed.fetch_max(records, Ordering::SeqCst);
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let readers: Vec<_> = (0..16)
        .map(|_| {
            let (cache, committed, done) =
                (Arc::clone(&cache), Arc::clone(&committed), Arc::clone(&done));
            tokio::spawn(async move {
                let mut checked = 0;
                while !done.load(Ordering::SeqCst) {
                    let before = committed.load(Ordering::SeqCst);
                    let seen = cache.generation().await.unwrap().records;
                    assert!(seen >= before, "a check missed a commit: saw {seen}, {before} done");
                    checked += 1;
                }
                checked
            })
        })
        .collect();
    writer.await.unwrap();
    let mut checked = 0;
    for reader in readers {
        checked += reader.await.unwrap();
    }
    assert!(checked > 100, "the readers ran alongside the writes ({checked} checks)");
    let last = committed.load(Ordering::SeqCst);
    assert_eq!(cache.generation().await.unwrap().records, last);
}

#[tokio::test]
async fn entries_are_kept_apart_by_clearance() {
    let (_dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let scope = RequestScope::default();
    let official = Clearance(Level::Official);
    let high: std::sync::Arc<&str> = cache
        .get_or_load(&scope, key(Clearance::HIGHEST), || async { Ok::<_, sqlx::Error>("secret") })
        .await
        .unwrap();
    let low: std::sync::Arc<&str> = cache
        .get_or_load(&scope, key(official), || async { Ok::<_, sqlx::Error>("official") })
        .await
        .unwrap();
    assert_eq!((*high, *low), ("secret", "official"));
}

#[tokio::test]
async fn a_request_reads_at_one_generation_and_the_next_request_moves_on() {
    let (_dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let loads = AtomicUsize::new(0);
    let scope = RequestScope::default();
    let load = |scope: RequestScope| {
        let (cache, pool, loads) = (&cache, &pool, &loads);
        async move {
            *cache
                .get_or_load(&scope, key(Clearance::HIGHEST), || counted(pool, loads))
                .await
                .unwrap()
        }
    };

    load(RequestScope::default()).await; // warm up, as above
    let before = load(scope.clone()).await;
    add_body(&pool, "Mid-request Office").await;
    assert_eq!(load(scope).await, before, "one request sees one generation throughout");
    assert_eq!(load(RequestScope::default()).await, before + 1, "a new request sees the write");
}

/// Under a stream of writes, requests that asked before a commit keep arriving after
/// requests that asked after it: they must not take the cache back to their generation.
#[tokio::test]
async fn a_request_from_before_a_commit_keeps_what_newer_requests_filled() {
    let (_dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let loads = AtomicUsize::new(0);
    let load = |scope: RequestScope, what: &'static str| {
        let (cache, pool, loads) = (&cache, &pool, &loads);
        async move {
            let key = Key::new(what, Clearance::HIGHEST, TODAY, ());
            *cache.get_or_load(&scope, key, || counted(pool, loads)).await.unwrap()
        }
    };

    load(RequestScope::default(), "bodies").await; // warm up, as above
    let older = RequestScope::default();
    let before = load(older.clone(), "bodies").await;
    add_body(&pool, "Between Requests Office").await;
    let newer = RequestScope::default();
    assert_eq!(load(newer.clone(), "bodies").await, before + 1);
    let loaded = loads.load(Ordering::SeqCst);

    // The older request reads another entry: loaded for it, after the commit.
    assert_eq!(load(older, "other bodies").await, before + 1);
    assert_eq!(loads.load(Ordering::SeqCst), loaded + 1);
    // The newer generation's entry is still there, and the older read was not kept.
    assert_eq!(load(RequestScope::default(), "bodies").await, before + 1);
    assert_eq!(loads.load(Ordering::SeqCst), loaded + 1, "the newer entry was kept");
    assert_eq!(load(newer, "other bodies").await, before + 1);
    assert_eq!(loads.load(Ordering::SeqCst), loaded + 2, "an older request's load is its own");
}

#[tokio::test]
async fn a_failed_load_is_not_kept() {
    let (_dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let scope = RequestScope::default();
    let failed: Result<std::sync::Arc<i64>, sqlx::Error> = cache
        .get_or_load(&scope, key(Clearance::HIGHEST), || async {
            sqlx::query_scalar("SELECT count(*) FROM no_such_table").fetch_one(&pool).await
        })
        .await;
    assert!(failed.is_err());
    let value: std::sync::Arc<i64> = cache
        .get_or_load(&scope, key(Clearance::HIGHEST), || async { Ok::<_, sqlx::Error>(7) })
        .await
        .unwrap();
    assert_eq!(*value, 7);
}

/// What real pages cache (the dashboard, a search) filled by a SECRET reader first:
/// an OFFICIAL reader in the same request, at the same generation, asking for the
/// same thing gets figures loaded at OFFICIAL, never the SECRET reader's entry.
#[tokio::test]
async fn an_official_reader_never_gets_an_entry_a_secret_reader_filled() {
    use super::clearance::seed::{seed, CHILD_OF_SECRET};
    use accord::search::SearchResults;
    use accord::storage::{dashboard, search};
    let (_dir, pool) = fresh().await;
    seed(&pool).await;
    let cache = ReadCache::new(pool.clone());
    let scope = RequestScope::default();
    let (secret, official) = (Clearance(Level::Secret), Clearance(Level::Official));
    let search_key = |clearance| Key::new("search", clearance, TODAY, CHILD_OF_SECRET);
    let dashboard_key = |clearance| Key::new("dashboard", clearance, TODAY, ());
    let loads = AtomicUsize::new(0);
    let find = |clearance: Clearance| {
        let (cache, pool, scope, loads) = (&cache, &pool, &scope, &loads);
        async move {
            let results: std::sync::Arc<SearchResults> = cache
                .get_or_load(scope, search_key(clearance), || async {
                    loads.fetch_add(1, Ordering::SeqCst);
                    search::search(pool, CHILD_OF_SECRET, clearance, 20).await
                })
                .await
                .unwrap();
            results
        }
    };
    let figures = |clearance: Clearance| {
        let (cache, pool, scope) = (&cache, &pool, &scope);
        async move {
            let figures: std::sync::Arc<accord::dashboard::Dashboard> = cache
                .get_or_load(scope, dashboard_key(clearance), || {
                    dashboard::load(pool, clearance, TODAY)
                })
                .await
                .unwrap();
            figures
        }
    };

    assert_eq!(find(secret).await.commitments.total, 1, "the SECRET reader finds it");
    assert_eq!(find(secret).await.commitments.total, 1);
    assert_eq!(loads.load(Ordering::SeqCst), 1, "and the entry is reused at SECRET");
    let seen = find(official).await;
    assert_eq!(loads.load(Ordering::SeqCst), 2, "OFFICIAL loads its own entry");
    assert_eq!(seen.total(), 0);
    assert!(!format!("{seen:?}").contains(CHILD_OF_SECRET));

    let high = figures(secret).await;
    let low = figures(official).await;
    assert_eq!((high.overdue_commitments, low.overdue_commitments), (2, 1));
    assert_eq!(low.marking.to_string(), "OFFICIAL");
}

#[tokio::test]
async fn a_commit_that_changes_only_sessions_or_sign_in_bookkeeping_keeps_the_entries() {
    let (_dir, pool) = fresh().await;
    let cache = ReadCache::new(pool.clone());
    let loads = AtomicUsize::new(0);
    let read = || read_counted(&cache, &pool, &loads);
    read().await;
    let before = read().await;
    let loaded = loads.load(Ordering::SeqCst);
    let start = cache.generation().await.unwrap();

    sqlx::query("INSERT INTO sessions (id, data, expires_at) VALUES ('s1', x'7b7d', 4102444800)")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO users (email, display_name, role, clearance, password_hash)
         VALUES ('kept@test.example', 'Kept', 'viewer', 'official', 'x')",
    )
    .execute(&pool)
    .await
    .unwrap();
    read().await; // the new user is something pages show: loaded again
    let loaded = loaded + 1;
    assert_eq!(loads.load(Ordering::SeqCst), loaded);
    sqlx::query("UPDATE users SET failed_sign_ins = 1, last_sign_in_at = 'now' WHERE email = 'kept@test.example'")
        .execute(&pool)
        .await
        .unwrap();
    let mut tx = accord::storage::begin_write(&pool).await.unwrap();
    let actor = accord::storage::audit::Actor::system("test");
    accord::storage::audit::record(
        &mut tx,
        &actor,
        "sign_in",
        "user",
        None,
        None::<&()>,
        None::<&()>,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    sqlx::query("UPDATE sessions SET data = x'7b2261223a317d' WHERE id = 's1'")
        .execute(&pool)
        .await
        .unwrap();
    let now = cache.generation().await.unwrap();
    assert_ne!(now.version, start.version, "the writes were commits");
    assert_ne!(now.accounts, start.accounts, "sessions and users changed: the memo reads again");
    assert_eq!(read().await, before);
    assert_eq!(loads.load(Ordering::SeqCst), loaded, "sessions and sign-ins leave the entries be");

    add_body(&pool, "Counted Office").await;
    assert_eq!(read().await, before + 1, "a change to what pages show empties the cache");
    assert_eq!(loads.load(Ordering::SeqCst), loaded + 1);
}

/// Tables whose changes cannot alter a page: sessions, what triggers alone write, and
/// the writer's note of what to index for search before it commits.
const UNCOUNTED: &[&str] = &[
    "_sqlx_migrations",
    "agreement_status_tally",
    "calendar_marking_tally",
    "change_counts",
    "commitment_partner_tally",
    "in_force_tally",
    "marking_tally",
    "partner_change_counts",
    "record_date_tally",
    "rollup_date_tally",
    "rollup_marking_tally",
    "rollup_sums",
    "rollup_tally",
    "search_deferred",
    "search_pending",
    "sessions",
    "sqlite_stat1",
];

#[tokio::test]
async fn every_table_a_page_can_show_counts_its_changes() {
    let (_dir, pool) = fresh().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index_%'
          AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(tables.iter().any(|t| t == "commitments"), "{tables:?}");
    let mut missing = Vec::new();
    for table in tables.iter().filter(|t| !UNCOUNTED.contains(&t.as_str())) {
        // audit_log is append-only: its inserts are all there is to count.
        let events: &[&str] =
            if table == "audit_log" { &["INSERT"] } else { &["INSERT", "UPDATE", "DELETE"] };
        for event in events {
            let counted: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1
                    AND sql LIKE '%AFTER ' || ?2 || '%' AND sql LIKE '%change_counts%')",
            )
            .bind(table)
            .bind(event)
            .fetch_one(&pool)
            .await
            .unwrap();
            if !counted {
                missing.push(format!("{table} {event}"));
            }
        }
    }
    assert!(missing.is_empty(), "no trigger bumps change_counts on: {missing:?}");
}

/// A search the way the server makes one: its matches cached under [`Topic::Search`],
/// its hits completed under the records' count. A status change (an assessment's kind
/// of write) keeps the matches and still shows the new status; a change to searched
/// text drops them; and the matches of a `Topic::Search` key never stand in for an
/// entry of the same name following every change.
#[tokio::test]
async fn a_search_keeps_its_matches_across_a_status_change_and_shows_the_new_status() {
    use accord::search::{HitStatus, SearchResults};
    use accord::storage::cache::Topic;
    use accord::storage::search::{self, Matches};
    let (_dir, pool) = fresh().await;
    accord::storage::demo::load(&pool, TODAY).await.unwrap();
    let cache = ReadCache::new(pool.clone());
    let loads = AtomicUsize::new(0);
    let query = "returns";
    let clearance = Clearance::HIGHEST;
    let find = || {
        let (cache, pool, loads) = (&cache, &pool, &loads);
        async move {
            let scope = RequestScope::default();
            let key = Key::new("search matches", clearance, TODAY, query).following(Topic::Search);
            let found: std::sync::Arc<Matches> = cache
                .get_or_load(&scope, key, || async {
                    loads.fetch_add(1, Ordering::SeqCst);
                    search::matches(pool, query, clearance, 20).await
                })
                .await
                .unwrap();
            let key = Key::new("search", clearance, TODAY, query);
            let results: std::sync::Arc<SearchResults> = cache
                .get_or_load(&scope, key, || search::complete(pool, query, &found, clearance))
                .await
                .unwrap();
            results
        }
    };
    let first = find().await;
    let hit = first.commitments.hits.first().expect("the demo data has a commitment on returns");
    let id = hit.id;
    assert_eq!(loads.load(Ordering::SeqCst), 1);

    let status = sqlx::query_scalar::<_, String>(
        "UPDATE commitments SET status = iif(status = 'met', 'not_met', 'met') WHERE id = ?1 RETURNING status",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let after = find().await;
    assert_eq!(loads.load(Ordering::SeqCst), 1, "a status change keeps the matches");
    let shown = after.commitments.hits.iter().find(|h| h.id == id).expect("still found");
    assert_eq!(
        shown.status,
        HitStatus::Commitment(status.parse().unwrap()),
        "the new status is shown"
    );

    sqlx::query("UPDATE commitments SET text = 'Nothing to find here' WHERE id = ?1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let after = find().await;
    assert_eq!(loads.load(Ordering::SeqCst), 2, "a change of searched text drops the matches");
    assert!(after.commitments.hits.iter().all(|h| h.id != id), "the changed commitment is gone");
}
