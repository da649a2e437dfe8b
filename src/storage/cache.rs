//! A read-through cache for the figures that cost a pass over much of the registry:
//! the dashboard, coverage across every route, list counts, search results and the
//! options of filter selects.
//!
//! Freshness comes from SQLite, not from the code that writes: every entry belongs to
//! a *generation*, the count of changes to what pages show, which triggers keep in
//! the writing transaction (`change_counts`, migrations/0018_change_counts.sql)
//! whoever writes: this server's pool, `accord demo`, an administrator's sqlite3
//! session. It is read with `PRAGMA data_version` on one connection kept for that
//! alone, once per request (requests that arrive while a check runs share the next).
//! A commit that changed only sessions or sign-in bookkeeping leaves the entries be;
//! any other drops every entry of [`Topic::Records`]. Entries of [`Topic::Search`]
//! (a query's matches) follow a count of their own, which moves only when what a
//! search finds can change (migrations/0024_search_changes.sql): an assessment or a
//! status change leaves them be. Entries of [`Topic::Partners`] (route and partner
//! pages) are kept across changes to a few partners' commitments, unless the partners
//! are theirs (migrations/0025_partner_changes.sql): such an entry's key carries the
//! sum of its partners' change counts, read by the caller before it loads.
//! A reader can therefore never be shown figures older than the last completed write,
//! and no write path can forget to invalidate.
//!
//! Entries are keyed by the reader's clearance (a [`Key`] cannot be made without one),
//! so figures computed for one clearance are never served to a lower one. Concurrent
//! readers of a missing entry wait for one load rather than each running it.

use crate::domain::Clearance;
use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqlitePool};
use std::any::Any;
use std::collections::HashMap;
use std::fmt::Debug;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use time::Date;
use tokio::sync::OnceCell;

/// At most this many entries; past it the cache starts again empty. Entries are small
/// (figures, a page of 50 rows, a record's page, a few dozen search hits: tens of
/// kilobytes at most), so this bounds memory at a few megabytes without the
/// bookkeeping of an LRU.
const CAPACITY: usize = 512;

/// Which change count an entry follows: it is dropped when that count moves.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum Topic {
    /// Any change to what pages show (`change_counts.records`).
    Records,
    /// What a full-text search finds and counts: the index and records' visibility
    /// (`change_counts.search`), never what the hits show beyond that.
    Search,
    /// Every change but those scoped to some partners' commitments (`records` minus
    /// `local`); the key's stamp, the sum of its partners' counts, stands for those.
    /// With no stamp (0, [`Key::following`]): for a value no commitment changes.
    Partners,
}

/// What a cached value is, for whom, as of which day, with which arguments.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Key {
    topic: Topic,
    /// For [`Topic::Partners`], the sum of the partners' change counts; else 0.
    stamp: i64,
    what: &'static str,
    clearance: i64,
    today: Date,
    args: String,
}

impl Key {
    /// `args` distinguishes entries of one kind (a filter, a search query); its
    /// `Debug` text is the key, so it must show every field that changes the result.
    pub fn new(what: &'static str, clearance: Clearance, today: Date, args: impl Debug) -> Self {
        let args = format!("{args:?}");
        Key { topic: Topic::Records, stamp: 0, what, clearance: clearance.rank(), today, args }
    }

    /// The same key following the count of `topic` instead of every change. Only for
    /// a value that cannot change unless that count moves.
    pub fn following(self, topic: Topic) -> Self {
        Key { topic, ..self }
    }

    /// The same key following [`Topic::Partners`], as of `stamp`: the sum of the
    /// change counts of every partner whose commitments the value counts, read before
    /// loading (`storage::routes::partner_changes`). Only for such a value.
    pub fn following_partners(self, stamp: i64) -> Self {
        Key { topic: Topic::Partners, stamp, ..self }
    }
}

/// One request's view of the cache: the generation is asked of the database once and
/// reused for every entry the request reads, so a page costs one `data_version` query
/// however many cached figures it shows. Make one per request, never share it across
/// requests (it would pin them to an old generation).
#[derive(Clone, Debug, Default)]
pub struct RequestScope(Arc<OnceCell<Generation>>);

/// Where the database stood when a request first asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Generation {
    /// `PRAGMA data_version`: moves with every commit by another connection.
    pub version: i64,
    /// The count of changes to what pages show: moves only with those.
    pub records: i64,
    /// The count of changes to what a search finds: a part of `records`.
    pub search: i64,
    /// The count of changes scoped to some partners' commitments: a part of `records`.
    pub local: i64,
    /// The count of changes to sessions and users (what each request's access check
    /// reads): moves with a sign-in, a sign-out or a user changed.
    pub accounts: i64,
}

tokio::task_local! {
    /// The scope of the request the current task answers, when the server set one
    /// (`RequestScope::run`): the session lookup and the page then share one
    /// generation check.
    static SCOPE: RequestScope;
}

impl RequestScope {
    /// Runs `future` (a request's whole handling) with a fresh scope of its own.
    pub async fn run<F: Future>(future: F) -> F::Output {
        SCOPE.scope(RequestScope::default(), future).await
    }

    /// The scope of the request this task answers, or a fresh one outside any.
    pub fn current() -> RequestScope {
        SCOPE.try_with(RequestScope::clone).unwrap_or_default()
    }
}

type Slot = Arc<OnceCell<Arc<dyn Any + Send + Sync>>>;

struct Entries {
    generation: Option<i64>,
    slots: HashMap<Key, Slot>,
}

pub struct ReadCache {
    /// False when `ACCORD_READ_CACHE=off`: every read then loads afresh (to measure
    /// the queries themselves, or to rule the cache out when chasing a problem).
    enabled: bool,
    pool: SqlitePool,
    watch: tokio::sync::Mutex<Watch>,
    /// How many checks of the generation have started (see `generation`).
    checks_started: AtomicU64,
    /// Each topic's entries, dropped together when its count moves.
    entries: Mutex<HashMap<Topic, Entries>>,
}

/// What checks of the generation share, one check at a time.
#[derive(Default)]
struct Watch {
    /// The connection whose `data_version` defines the generation, taken from the
    /// pool on first use and kept. It only ever runs that pragma, so it never holds a
    /// read transaction open.
    connection: Option<PoolConnection<Sqlite>>,
    /// The latest check's number and answer.
    last: Option<(u64, Generation)>,
}

impl Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache").finish_non_exhaustive()
    }
}

impl ReadCache {
    /// A cache over `pool`; on first use it keeps one of the pool's connections for
    /// the generation check, for as long as it lives.
    pub fn new(pool: SqlitePool) -> Self {
        let enabled = std::env::var("ACCORD_READ_CACHE").map_or(true, |v| v != "off");
        ReadCache {
            enabled,
            pool,
            watch: tokio::sync::Mutex::new(Watch::default()),
            checks_started: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Where the database stands: its `data_version` and its change counts, in one
    /// statement (a request makes this one round trip to the database before any other).
    ///
    /// A check that started after this call began saw every commit completed before
    /// it, so its answer serves this call too: under load, the requests that queue for
    /// the connection while one check runs share the next, rather than each making its
    /// own round trip to the database's thread.
    pub async fn generation(&self) -> Result<Generation, sqlx::Error> {
        let asked = self.checks_started.load(Ordering::SeqCst);
        let mut watch = self.watch.lock().await;
        // Any check numbered above `asked` was numbered, and so started, after it was read.
        if let Some((_, generation)) = watch.last.filter(|(check, _)| *check > asked) {
            return Ok(generation);
        }
        let check = self.checks_started.fetch_add(1, Ordering::SeqCst) + 1;
        let connection = match &mut watch.connection {
            Some(connection) => connection,
            empty => empty.insert(self.pool.acquire().await?),
        };
        let (version, records, search, local, accounts) = sqlx::query_as(
            "SELECT d.data_version,
                    (SELECT n FROM change_counts WHERE what = 'records'),
                    (SELECT n FROM change_counts WHERE what = 'search'),
                    (SELECT n FROM change_counts WHERE what = 'local'),
                    (SELECT n FROM change_counts WHERE what = 'accounts')
               FROM pragma_data_version() d",
        )
        .fetch_one(&mut **connection)
        .await?;
        let generation = Generation { version, records, search, local, accounts };
        watch.last = Some((check, generation));
        Ok(generation)
    }

    /// False when `ACCORD_READ_CACHE=off`: every read then goes to the database.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The generation the request of `scope` reads at (asked of the database once
    /// per request).
    pub async fn generation_of(&self, scope: &RequestScope) -> Result<Generation, sqlx::Error> {
        scope.0.get_or_try_init(|| self.generation()).await.copied()
    }

    /// The value for `key` as of the request's generation, loading it with `load` when
    /// missing. A failed load is not kept: the next reader tries again.
    pub async fn get_or_load<T, F, Fut, E>(
        &self,
        scope: &RequestScope,
        key: Key,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<sqlx::Error>,
    {
        if !self.enabled {
            return Ok(Arc::new(load().await?));
        }
        let generation = self.generation_of(scope).await?;
        let count = match key.topic {
            Topic::Records => generation.records,
            Topic::Search => generation.search,
            // Grows with every change but the partner-scoped ones, which the stamp covers.
            Topic::Partners => generation.records - generation.local,
        };
        let slot = self.slot(count, key.clone());
        let value = slot
            .get_or_try_init(|| async {
                let value: Arc<dyn Any + Send + Sync> = Arc::new(load().await?);
                Ok::<_, E>(value)
            })
            .await?;
        match Arc::clone(value).downcast::<T>() {
            Ok(value) => Ok(value),
            // Two call sites used one key for different types: a bug, reported as one.
            Err(_) => {
                tracing::error!(?key, "read cache: one key used for two types");
                Err(E::from(sqlx::Error::Protocol(format!("read cache key {key:?} reused"))))
            }
        }
    }

    /// The slot of `key` among its topic's entries, as of that topic's count `generation`.
    fn slot(&self, generation: i64, key: Key) -> Slot {
        let mut topics = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entries = topics
            .entry(key.topic)
            .or_insert_with(|| Entries { generation: None, slots: HashMap::new() });
        // A request that asked before the latest commit loads for itself alone: going
        // back to its generation would empty what newer requests filled, and under a
        // stream of writes requests either side of each commit would keep emptying the
        // cache for one another. (The count only grows: triggers add to it.)
        if entries.generation.is_some_and(|newest| generation < newest) {
            return Slot::default();
        }
        if entries.generation != Some(generation) || entries.slots.len() >= CAPACITY {
            entries.slots.clear();
            entries.generation = Some(generation);
        }
        Arc::clone(entries.slots.entry(key).or_default())
    }
}
