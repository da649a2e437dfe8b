//! Rows every request reads (its session, its user), kept in memory until sessions or
//! users change (the count 'accounts' that triggers keep, see [`ReadCache`]): any such
//! change by anyone — this server, `accord user disable` in another process, an
//! administrator's sqlite3 — starts a new generation, and the next request reads them
//! again. An edit to the records leaves them be. So a signed-out, disabled or
//! re-cleared user is seen at once, as without the memo, while a busy reader costs one
//! generation check (shared with the page's read cache) instead of a query for the
//! session and another for the user.

use super::cache::{ReadCache, RequestScope};
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

/// At most this many entries; past it the memo starts again empty.
const CAPACITY: usize = 4096;

/// Values by key, valid for the generation they were read at.
#[derive(Debug)]
pub struct GenerationMemo<K, V> {
    cache: Arc<ReadCache>,
    entries: Mutex<Entries<K, V>>,
}

#[derive(Debug)]
struct Entries<K, V> {
    generation: i64,
    values: HashMap<K, V>,
}

impl<K: Eq + Hash + Clone, V: Clone> GenerationMemo<K, V> {
    /// A memo whose generations are those of `cache` (and which is off when it is).
    pub fn new(cache: Arc<ReadCache>) -> Self {
        GenerationMemo {
            cache,
            entries: Mutex::new(Entries { generation: i64::MIN, values: HashMap::new() }),
        }
    }

    /// The value of `key` as of the current request's generation: kept, or read by
    /// `load` (and kept when found). `on_error` turns a failed generation check into
    /// the caller's error.
    pub async fn get_or_load<E, F, Fut>(
        &self,
        key: &K,
        on_error: impl FnOnce(sqlx::Error) -> E,
        load: F,
    ) -> Result<Option<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Option<V>, E>>,
    {
        if !self.cache.enabled() {
            return load().await;
        }
        let generation =
            self.cache.generation_of(&RequestScope::current()).await.map_err(on_error)?.accounts;
        if let Some(value) = self.kept(generation, key) {
            return Ok(Some(value));
        }
        let value = load().await?;
        if let Some(value) = &value {
            self.keep(generation, key.clone(), value.clone());
        }
        Ok(value)
    }

    /// Drops `key` (its row was just written by this process).
    pub fn forget(&self, key: &K) {
        self.lock().values.remove(key);
    }

    fn kept(&self, generation: i64, key: &K) -> Option<V> {
        let entries = self.lock();
        (entries.generation == generation).then(|| entries.values.get(key).cloned()).flatten()
    }

    /// Keeps a value read at `generation`, unless the memo has moved on to a later one.
    /// SQLite's `data_version` only grows, so a later generation is a larger number.
    fn keep(&self, generation: i64, key: K, value: V) {
        let mut entries = self.lock();
        if generation > entries.generation || entries.values.len() >= CAPACITY {
            if generation < entries.generation {
                return;
            }
            entries.generation = generation;
            entries.values.clear();
        }
        if generation == entries.generation {
            entries.values.insert(key, value);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<K, V>> {
        // A panic while holding the lock leaves only a map of copies behind: still sound.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
