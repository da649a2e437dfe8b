//! Edits queued for the writer and run one after another on the handle.
//!
//! Through `begin_write` each edit takes the writer's turn in a task of its own: the
//! turn passes from task to task (a wake-up of each), and the edit borrows the handle
//! and keeps its savepoint by messages to sqlx's worker thread. Under a stream of
//! edits those hand-overs, more than SQLite's work, made up the turn. An edit whose
//! steps need no `.await` (its checks, rows and audit entry on a [`Direct`]) can be
//! queued here instead: one task takes the turn for every edit queued, borrows the
//! handle once, and runs them back to back, each in its own savepoint of the open
//! batch, as through `begin_write`. A failed edit is undone and the rest kept; each
//! caller is answered only once the commit holding its edit is durable.

use super::{durable, not_saved, writer, Batch, Outcome, State, Writer, EDIT, KEEP, UNDO};
use crate::storage::direct::Direct;
use sqlx::SqlitePool;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, MutexGuard, PoisonError};
use tokio::sync::{oneshot, watch};

/// The most edits one turn runs before the batch is committed and the turn passes on
/// (the queue's task waits its next turn behind the committer). It bounds how long a
/// turn holds a runtime thread, and how long an edit waits for its commit.
const TURN: usize = 64;

/// An edit's run: it reports whether to keep the edit, and how to answer its caller.
type Job = Box<dyn FnOnce(&mut Direct<'_>) -> Ran + Send>;

/// What a job's run did.
struct Ran {
    keep: bool,
    /// Called with the batch's outcome to wait for, or why the edit was not kept.
    answer: Box<dyn FnOnce(Result<watch::Receiver<Outcome>, sqlx::Error>) + Send>,
}

/// The edits waiting for a turn, and whether a task is on its way to run them.
#[derive(Default)]
pub(super) struct Queue {
    jobs: Vec<Job>,
    running: bool,
}

/// Runs `edit` on the handle in a savepoint of the open batch, in the writer's turn,
/// and returns its value once the commit holding it is durable. An error from `edit`
/// undoes what it wrote, and nothing of it is saved. Everything `edit` reads and
/// writes is inside the transaction, as through [`super::begin_write`].
pub async fn edit<T, E, F>(pool: &SqlitePool, edit: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<sqlx::Error> + Send + 'static,
    F: FnOnce(&mut Direct<'_>) -> Result<T, E> + Send + 'static,
{
    let (sender, receiver) = oneshot::channel::<Result<(T, watch::Receiver<Outcome>), E>>();
    let job: Job = Box::new(move |direct| {
        let result = edit(direct);
        let keep = result.is_ok();
        let answer = move |kept: Result<watch::Receiver<Outcome>, sqlx::Error>| {
            let answer = match (result, kept) {
                (Ok(value), Ok(done)) => Ok((value, done)),
                (Ok(_), Err(error)) => Err(E::from(error)),
                (Err(error), _) => Err(error),
            };
            // The caller may have gone (a cancelled request): a kept edit stands, as
            // one made through `begin_write` does.
            let _ = sender.send(answer);
        };
        Ran { keep, answer: Box::new(answer) }
    });
    let writer = writer(pool);
    let start = {
        let mut queue = lock(&writer);
        queue.jobs.push(job);
        !std::mem::replace(&mut queue.running, true)
    };
    if start {
        // A task of its own, so that a cancelled request cannot strand the queue.
        tokio::spawn(run_queue(writer, pool.clone()));
    }
    let lost = || E::from(not_saved("the writer could not run the edit".to_owned()));
    let (value, done) = receiver.await.map_err(|_| lost())??;
    durable(done).await?;
    Ok(value)
}

fn lock(writer: &Writer) -> MutexGuard<'_, Queue> {
    writer.queue.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Takes turns until the queue is empty.
async fn run_queue(writer: Writer, pool: SqlitePool) {
    let _running = Running(Arc::clone(&writer));
    loop {
        let mut state = Arc::clone(&writer.state).lock_owned().await;
        match take_turn(&writer, &mut state, &pool).await {
            Ok(Turn::Emptied) => return,
            // The guard goes, the batch's committer commits, and the next turn opens a
            // new batch.
            Ok(Turn::Full) => {}
            Err(error) => {
                let edits = give_up(&writer);
                tracing::error!(%error, edits, "queued edits could not be run");
                return;
            }
        }
    }
}

/// Should the queue's task panic outside an edit, the edits waiting are answered
/// (nothing saved) and the next edit queued starts a task again.
struct Running(Writer);

impl Drop for Running {
    fn drop(&mut self) {
        if std::thread::panicking() {
            give_up(&self.0);
        }
    }
}

/// Drops the edits waiting, which answers their callers that nothing was saved, and
/// leaves the next edit queued to start a task again. How many were dropped.
fn give_up(writer: &Writer) -> usize {
    let mut queue = lock(writer);
    queue.running = false;
    std::mem::take(&mut queue.jobs).len()
}

enum Turn {
    /// The queue is empty and no task runs it any more.
    Emptied,
    /// The turn ran its share; edits are still waiting.
    Full,
}

/// Runs queued edits on the open batch until the queue is empty or the turn is full.
async fn take_turn(
    writer: &Writer,
    state: &mut State,
    pool: &SqlitePool,
) -> Result<Turn, sqlx::Error> {
    let mut ran = 0;
    loop {
        let Batch { tx, done, broken, ready, .. } = state.open(pool, &writer.state).await?;
        let mut direct = Direct::lock(tx).await?;
        loop {
            if ran >= TURN {
                return Ok(Turn::Full);
            }
            let mut jobs = {
                let mut queue = lock(writer);
                if queue.jobs.is_empty() {
                    queue.running = false;
                    return Ok(Turn::Emptied);
                }
                let take = queue.jobs.len().min(TURN - ran);
                queue.jobs.drain(..take).collect::<Vec<_>>().into_iter()
            };
            for job in jobs.by_ref() {
                ran += 1;
                run(&mut direct, job, done, ready, broken);
                if broken.is_some() {
                    break;
                }
            }
            if broken.is_some() {
                // The rest wait for the next batch; `open` gives this one up.
                lock(writer).jobs.splice(..0, jobs);
                break;
            }
        }
    }
}

/// Runs one edit in its savepoint, and keeps or undoes it.
fn run(
    direct: &mut Direct<'_>,
    job: Job,
    done: &watch::Sender<Outcome>,
    ready: &mut bool,
    broken: &mut Option<String>,
) {
    if !std::mem::take(ready) {
        if let Err(error) = direct.execute(EDIT, &[]) {
            *broken = Some(format!("an edit's savepoint could not be opened: {error}"));
            // Dropping the job answers its caller that nothing was saved.
            return;
        }
    }
    // A panicking edit is undone like a failed one; the queue goes on (its caller,
    // whose answer went with the panic, is told nothing was saved).
    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(direct)));
    let Ok(Ran { keep, answer }) = ran else {
        tracing::error!("a queued edit panicked: undone");
        undo(direct, ready, broken);
        return;
    };
    if keep {
        match direct.execute(KEEP, &[]) {
            Ok(_) => {
                answer(Ok(done.subscribe()));
                open_next(direct, ready);
                return;
            }
            Err(error) => answer(Err(error)),
        }
    } else {
        answer(Err(not_saved("the edit failed".to_owned())));
    }
    undo(direct, ready, broken);
}

/// Rolls the edit back to its savepoint, which stays open (and empty) for the next.
fn undo(direct: &mut Direct<'_>, ready: &mut bool, broken: &mut Option<String>) {
    match direct.execute(UNDO, &[]) {
        Ok(_) => *ready = true,
        Err(error) => {
            *broken = Some(format!("an edit's failure could not be undone: {error}"));
        }
    }
}

/// Opens the next edit's savepoint straight after the last one was kept.
fn open_next(direct: &mut Direct<'_>, ready: &mut bool) {
    match direct.execute(EDIT, &[]) {
        Ok(_) => *ready = true,
        // Kept edits stand; the batch can still be committed, and the next edit opens
        // its savepoint itself (or reports why it cannot).
        Err(error) => tracing::warn!(%error, "opening the next edit's savepoint"),
    }
}
