//! One writer per database, and group commit.
//!
//! SQLite lets one connection write at a time. Left to SQLite, a writer that finds the
//! lock taken sleeps in the busy handler (1, 2, 5, 10 … 100 ms) and tries again, so
//! under a stream of edits most of an edit's time was those sleeps. Here the writers of
//! one pool queue in arrival order on an async lock instead, and take turns on one open
//! transaction: each edit runs inside a savepoint of it. The transaction is committed
//! by a committer that queued behind the edits already waiting when it was opened, so
//! edits that arrive together share one commit (one fsync under `synchronous=FULL`),
//! and edits arriving later go into the next one.
//!
//! An edit is acknowledged ([`WriteTx::commit`] returns) only once the commit holding
//! it is durable, so nothing acknowledged is lost when the process dies. An edit that
//! fails, or is dropped without a commit, is rolled back to its savepoint and leaves
//! the others in its batch alone. Callers see an ordinary transaction: they read and
//! write through it and call `commit`, as with `pool.begin()`.

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use tokio::sync::{watch, Mutex as AsyncMutex, OwnedMutexGuard};

mod queued;

pub use queued::edit;

/// The savepoint each edit runs in.
const EDIT: &str = "SAVEPOINT accord_edit";
/// Keeps an edit (on the handle, where each statement is its own call).
const KEEP: &str = "RELEASE accord_edit";
/// Keeps an edit and opens the next one's savepoint in the same message to SQLite's
/// worker thread: under a stream of edits each message costs as much as a small
/// statement, and the writer's turn waits on every one.
const KEEP_AND_NEXT: &str = "RELEASE accord_edit; SAVEPOINT accord_edit";
/// Undoes an edit, leaving its savepoint open (and empty) for the next.
const UNDO: &str = "ROLLBACK TO accord_edit";

/// Indexes for search, all at once, the records a batch's edits noted as needing it
/// (migrations/0032_search_deferred.sql), and clears the flag that has the triggers note
/// them, so that what commits leaves every other writer indexing at once as before.
/// FTS5 writes and merges a segment of its index at every savepoint: indexed edit by
/// edit, that was a tenth of the writer's time.
const INDEX_PENDING: &str = "
    DELETE FROM search_index_agreements
     WHERE rowid IN (SELECT id FROM search_pending WHERE kind = 'agreement');
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
     WHERE record_id IN (SELECT id FROM search_pending WHERE kind = 'agreement');
    DELETE FROM search_index_commitments
     WHERE rowid IN (SELECT id FROM search_pending WHERE kind = 'commitment');
    INSERT INTO search_index_commitments (rowid, title, body)
    SELECT record_id, title, body FROM search_commitment_documents
     WHERE record_id IN (SELECT id FROM search_pending WHERE kind = 'commitment');
    DELETE FROM search_index_sharing
     WHERE rowid IN (SELECT id FROM search_pending WHERE kind = 'sharing');
    INSERT INTO search_index_sharing (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_sharing_documents
     WHERE record_id IN (SELECT id FROM search_pending WHERE kind = 'sharing');
    DELETE FROM search_pending;
    UPDATE search_deferred SET deferred = 0;";

/// How long the writing connection stays open unused.
const IDLE: std::time::Duration = std::time::Duration::from_secs(60);

/// What became of a batch: `None` until it is committed or given up.
type Outcome = Option<Result<(), String>>;

/// The open transaction edits are added to, until its committer's turn.
struct Batch {
    id: u64,
    tx: Transaction<'static, Sqlite>,
    done: watch::Sender<Outcome>,
    /// Why nothing in the batch may be committed: an edit's failure could not be
    /// undone by its savepoint (SQLite had rolled the whole transaction back).
    broken: Option<String>,
    /// A savepoint is open and empty, ready for the next edit (opened when the edit
    /// before was kept or undone). Committing the batch closes it with the rest.
    ready: bool,
}

#[derive(Default)]
struct State {
    /// The pool's own connection for writing, in a pool of one (made on first use).
    /// Each batch running on the same connection finds SQLite's page cache as the last
    /// batch left it: a connection whose database another connection has changed
    /// starts its next transaction with an empty cache, and batches taken from the
    /// shared pool paid for reading their pages again (a commitment's insert and audit
    /// entry took about twice as long). It closes after a minute unused.
    connection: Option<SqlitePool>,
    /// Holds the address the writer is keyed by (see `WRITERS`) while the connection
    /// above may still be used, so no later pool, on another file perhaps, takes this
    /// writer over.
    owner: Option<Arc<SqliteConnectOptions>>,
    batch: Option<Batch>,
    next_id: u64,
    /// An edit was dropped without `commit` or `rollback` (an error returned with `?`,
    /// a cancelled request): its savepoint is still open, and is rolled back before
    /// anything else runs on the transaction.
    abandoned: bool,
}

/// A pool's writer: the turn, and the edits queued to run on the handle.
#[derive(Default)]
struct Shared {
    state: Arc<AsyncMutex<State>>,
    queue: Mutex<queued::Queue>,
}

type Writer = Arc<Shared>;

/// The writer of each pool. Keyed by the pool's identity (its options, which it shares
/// for as long as it lives, and which the writer then keeps), not its file: two pools
/// on one file in a process (a test restarting the server) each keep their own
/// transactions, and SQLite's own lock orders them. An idle entry holds a lock and a
/// pool of one whose connection has closed.
static WRITERS: LazyLock<Mutex<HashMap<usize, Writer>>> = LazyLock::new(Mutex::default);

fn writer(pool: &SqlitePool) -> Writer {
    // Once a writer has written, it keeps the options this address points to alive
    // (`State::owner`): a later pool cannot take it over.
    let key = Arc::as_ptr(&pool.connect_options()) as usize;
    let mut writers = WRITERS.lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(writers.entry(key).or_default())
}

/// A write transaction (`BEGIN IMMEDIATE`): waits its turn behind the writers before
/// it, then runs in a savepoint of the open batch. Commit it with [`WriteTx::commit`].
pub async fn begin_write(pool: &SqlitePool) -> Result<WriteTx, sqlx::Error> {
    let writer = writer(pool);
    let mut guard = Arc::clone(&writer.state).lock_owned().await;
    let batch = guard.open(pool, &writer.state).await?;
    if !std::mem::take(&mut batch.ready) {
        sqlx::query(EDIT).execute(&mut *batch.tx).await?;
    }
    let done = batch.done.subscribe();
    Ok(WriteTx { state: Some(guard), done })
}

/// Commits the batch `id` once the writers queued before it have added their edits.
async fn commit_in_turn(state: Arc<AsyncMutex<State>>, id: u64) {
    let mut state = state.lock_owned().await;
    state.settle().await;
    if let Some(mut batch) = state.batch.take_if(|batch| batch.id == id) {
        // Dropped without a commit on failure: rolled back, nothing of it saved.
        let result = match sqlx::raw_sql(INDEX_PENDING).execute(&mut *batch.tx).await {
            Ok(_) => batch.tx.commit().await,
            Err(error) => Err(error),
        };
        let result = result.map_err(|error| {
            tracing::error!(%error, "a batch of edits could not be committed");
            error.to_string()
        });
        batch.done.send_replace(Some(result));
    }
}

impl State {
    /// The open batch, with whatever an earlier edit left settled: opens one (and has
    /// `state`, this state's lock, commit it in turn) when there is none.
    async fn open(
        &mut self,
        pool: &SqlitePool,
        state: &Arc<AsyncMutex<State>>,
    ) -> Result<&mut Batch, sqlx::Error> {
        self.settle().await;
        if self.batch.is_none() {
            let id = self.next_id;
            self.next_id += 1;
            let connection = self.connection.get_or_insert_with(|| {
                let options = pool.connect_options();
                let connection = SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(0)
                    .idle_timeout(IDLE)
                    .after_connect(|conn, _| Box::pin(super::direct::plan_once(conn)))
                    // Each edit's savepoint keeps the pages it changes first in a
                    // subjournal; on disk (past 64 KiB, most batches) its writes were a
                    // tenth of the writer's time. Only this connection writes, so only it
                    // keeps temporary data in memory: readers' large sorts still spill.
                    .connect_lazy_with(
                        SqliteConnectOptions::clone(&options).pragma("temp_store", "memory"),
                    );
                self.owner = Some(options);
                connection
            });
            let mut tx = connection.begin_with("BEGIN IMMEDIATE").await?;
            // Read the schema before any savepoint: with it unread, the bundled SQLite failed
            // to prepare an upsert on a table with triggers as the batch's first
            // statement ("no such table"), though the table was there.
            // The search index is written once, before the commit (`INDEX_PENDING`).
            let first = "SELECT 1 FROM sqlite_schema LIMIT 1;
                UPDATE search_deferred SET deferred = 1; SAVEPOINT accord_edit";
            sqlx::query(first).execute(&mut *tx).await?;
            tokio::spawn(commit_in_turn(Arc::clone(state), id));
            let done = watch::channel(None).0;
            self.batch = Some(Batch { id, tx, done, broken: None, ready: true });
        }
        self.batch.as_mut().ok_or_else(|| not_saved("no batch was opened".to_owned()))
    }

    /// Rolls back what an abandoned edit left, and gives up a batch that cannot be
    /// committed, telling its edits so.
    async fn settle(&mut self) {
        if std::mem::take(&mut self.abandoned) {
            self.undo().await;
        }
        if let Some(batch) = self.batch.take_if(|batch| batch.broken.is_some()) {
            let why = batch.broken.clone().unwrap_or_default();
            tracing::error!(why, "a batch of edits was rolled back");
            if let Err(error) = batch.tx.rollback().await {
                tracing::warn!(%error, "rolling back a broken batch");
            }
            batch.done.send_replace(Some(Err(why)));
        }
    }

    /// Rolls the open edit back to its savepoint, which stays open for the next edit.
    /// If that fails, the transaction is no longer the batch's (SQLite rolls all of it
    /// back after some errors), so the whole batch is marked broken.
    async fn undo(&mut self) {
        let Some(batch) = &mut self.batch else { return };
        match sqlx::query(UNDO).execute(&mut *batch.tx).await {
            Ok(_) => batch.ready = true,
            Err(error) => {
                batch.broken = Some(format!("an edit's failure could not be undone: {error}"));
            }
        }
    }
}

/// One edit's turn on the open batch: an ordinary transaction to the code that writes
/// through it (it dereferences to `Transaction`). Holding it holds every other writer
/// back, so commit or roll back promptly.
pub struct WriteTx {
    /// Always `Some` until `commit` or `rollback` takes it.
    state: Option<OwnedMutexGuard<State>>,
    done: watch::Receiver<Outcome>,
}

impl WriteTx {
    fn batch(&mut self) -> &mut Batch {
        self.state
            .as_mut()
            .and_then(|state| state.batch.as_mut())
            .expect("an edit holds its batch until it commits or rolls back")
    }

    /// Keeps the edit and waits until the commit holding it is durable. An error means
    /// the edit was not saved.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        let batch = self.batch();
        match sqlx::query(KEEP_AND_NEXT).execute(&mut *batch.tx).await {
            Ok(_) => batch.ready = true,
            Err(error) => {
                self.rollback().await?;
                return Err(error);
            }
        }
        // Letting go of the lock lets the next edit, or the committer, have its turn.
        self.state = None;
        durable(self.done.clone()).await
    }

    /// Undoes the edit; the rest of its batch is untouched.
    pub async fn rollback(mut self) -> Result<(), sqlx::Error> {
        if let Some(mut state) = self.state.take() {
            state.undo().await;
        }
        Ok(())
    }
}

/// Waits until the batch an edit was kept in is committed: `Ok` once it is durable.
async fn durable(mut done: watch::Receiver<Outcome>) -> Result<(), sqlx::Error> {
    let outcome = done.wait_for(Option::is_some).await.map(|outcome| outcome.clone());
    match outcome {
        Ok(Some(Ok(()))) => Ok(()),
        Ok(Some(Err(why))) => Err(not_saved(why)),
        // The batch went without an outcome: a panic while it was open.
        Ok(None) | Err(_) => Err(not_saved("the batch was dropped".to_owned())),
    }
}

fn not_saved(why: String) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(format!("the edit was not saved: {why}")))
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        // Dropped mid-edit: whoever has the next turn rolls the savepoint back first.
        if let Some(state) = &mut self.state {
            state.abandoned = true;
        }
    }
}

impl Deref for WriteTx {
    type Target = Transaction<'static, Sqlite>;

    fn deref(&self) -> &Self::Target {
        &self
            .state
            .as_ref()
            .and_then(|state| state.batch.as_ref())
            .expect("an edit holds its batch until it commits or rolls back")
            .tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.batch().tx
    }
}
