//! Replacing the database with a checked backup, keeping the replaced file beside it.

use super::inspect::{inspect, RestoreCheck};
use super::{exists, io, sqlite, stamp, sync_dir, sync_file, BackupError, Partial, Result};
use crate::audit::AuditAction;
use crate::storage::audit::{self, Actor};
use crate::storage::database::database_path;
use sqlx::sqlite::{SqliteConnectOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};

/// The files SQLite keeps beside a database, which belong to that database alone.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The check of the file now in place (its `path` is the backup restored from).
    pub check: RestoreCheck,
    /// The database file replaced: `DATA_DIR/accord.db`.
    pub database: PathBuf,
    /// Where the replaced database now lives, when there was one.
    pub kept: Option<PathBuf>,
    /// The replaced database's write-ahead log could not be checkpointed into it, so it
    /// was kept beside it under the matching name (`…-wal`): open the pair together.
    pub kept_wal: bool,
    /// A `restore` entry was appended to the restored audit log (not when the backup
    /// predates migrations this binary has: its log may not take today's entries).
    pub audited: bool,
}

/// Replaces `data_dir/accord.db` with `file`, which must pass [`super::check_restorable`].
///
/// The backup is copied into the data directory and the copy checked (what is checked
/// is what goes in); the current database is checkpointed and renamed
/// `accord.db.before-restore-<UTC time>` with its side files; then the copy takes its
/// place by a rename, so the data directory never holds half a database. The caller
/// must make sure no server uses `data_dir` (the binary holds its data-directory lock).
pub async fn restore(file: &Path, data_dir: &Path, actor: &Actor) -> Result<RestoreReport> {
    tokio::fs::create_dir_all(data_dir)
        .await
        .map_err(io(format!("creating the data directory {}", data_dir.display())))?;
    if !tokio::fs::metadata(file).await.is_ok_and(|m| m.is_file()) {
        return Err(BackupError::Missing(file.to_path_buf()));
    }
    let database = database_path(data_dir);
    let stamp = stamp();
    let kept_path = free_name(data_dir, &format!("accord.db.before-restore-{stamp}")).await?;
    let copy = Partial(data_dir.join(format!(".accord.db.restoring-{stamp}")));
    tokio::fs::copy(file, &copy.0).await.map_err(io(format!(
        "copying {} into {}",
        file.display(),
        data_dir.display()
    )))?;
    let mut check = inspect(&copy.0).await?;
    check.path = file.to_path_buf();
    let replacing = exists(&database).await?;
    let audited = if check.pending.is_empty() {
        let kept = replacing.then_some(kept_path.as_path());
        record_restore(&copy.0, &check, kept, actor).await?;
        true
    } else {
        tracing::warn!(pending = ?check.pending, "the backup predates migrations; restore not audited in it");
        false
    };
    sync_file(&copy.0).await?;

    let kept_wal = move_aside(&database, &kept_path).await?;
    if let Err(error) = tokio::fs::rename(&copy.0, &database).await {
        put_back(&database, &kept_path).await;
        return Err(io(format!("moving the restored copy to {}", database.display()))(error));
    }
    sync_dir(&database).await?;
    let kept = replacing.then_some(kept_path);
    tracing::info!(
        from = %file.display(),
        kept = ?kept,
        rows = ?check.rows,
        audit_head = check.audit_head.as_ref().map(|(id, hash)| format!("{id}:{hash}")),
        "database restored"
    );
    Ok(RestoreReport { check, database, kept, kept_wal, audited })
}

/// Appends the `restore` entry to the copy's own audit log, before it goes in place:
/// the restored database records how it came back.
async fn record_restore(
    copy: &Path,
    check: &RestoreCheck,
    kept: Option<&Path>,
    actor: &Actor,
) -> Result<()> {
    let fail = || sqlite(format!("recording the restore in {}", copy.display()));
    let mut conn = SqliteConnectOptions::new()
        .filename(copy)
        .synchronous(SqliteSynchronous::Full)
        .connect()
        .await
        .map_err(fail())?;
    let details = serde_json::json!({
        "from": check.path.display().to_string(),
        "bytes": check.bytes,
        "rows": check.rows,
        "backup_audit_head": check.audit_head.as_ref().map(|(id, hash)| format!("{id}:{hash}")),
        "replaced_kept_as": kept.map(|k| k.display().to_string()),
    });
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await.map_err(fail())?;
    audit::event(&mut tx, actor, AuditAction::Restore, "database", None, Some(&details))
        .await
        .map_err(fail())?;
    tx.commit().await.map_err(fail())?;
    conn.close().await.map_err(fail())
}

/// Renames the current database and its side files to `kept` (+ the same suffixes),
/// after checkpointing its write-ahead log into it. Returns whether a log with
/// frames not checkpointed had to be kept (a damaged database may refuse the
/// checkpoint; its log then stays paired with it rather than being lost). A side file
/// left where it was would be read as part of the restored database.
async fn move_aside(database: &Path, kept: &Path) -> Result<bool> {
    if exists(database).await? {
        if let Err(error) = checkpoint(database).await {
            tracing::warn!(%error, "could not checkpoint the replaced database; keeping its log");
        }
        rename(database, kept).await?;
    }
    let mut kept_wal = false;
    for suffix in SIDE_FILES {
        let side = with_suffix(database, suffix);
        if let Ok(metadata) = tokio::fs::metadata(&side).await {
            kept_wal |= suffix == "-wal" && metadata.len() > 0;
            rename(&side, &with_suffix(kept, suffix)).await?;
        }
    }
    Ok(kept_wal)
}

/// Copies the write-ahead log into the database; closing the last connection then
/// removes the log and its index, as SQLite does when a server stops cleanly.
async fn checkpoint(database: &Path) -> Result<(), sqlx::Error> {
    let mut conn = SqliteConnectOptions::new()
        .filename(database)
        .busy_timeout(std::time::Duration::from_secs(10))
        .connect()
        .await?;
    let (busy, _, _): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&mut conn).await?;
    conn.close().await?;
    if busy == 0 {
        Ok(())
    } else {
        Err(sqlx::Error::Protocol("another connection kept the log busy".to_owned()))
    }
}

/// Undoes [`move_aside`] after a failed swap, best effort (the failure is reported).
async fn put_back(database: &Path, kept: &Path) {
    for suffix in ["", SIDE_FILES[0], SIDE_FILES[1], SIDE_FILES[2]] {
        let from = with_suffix(kept, suffix);
        if tokio::fs::try_exists(&from).await.unwrap_or(false) {
            let _ = tokio::fs::rename(&from, with_suffix(database, suffix)).await;
        }
    }
}

/// `dir/name`, or `dir/name-2`, `-3`… when a restore in the same second kept one
/// (free with its side files' names too, so nothing kept is ever overwritten).
async fn free_name(dir: &Path, name: &str) -> Result<PathBuf> {
    let mut path = dir.join(name);
    for n in 2.. {
        let mut taken = exists(&path).await?;
        for suffix in SIDE_FILES {
            taken = taken || exists(&with_suffix(&path, suffix)).await?;
        }
        if !taken {
            break;
        }
        path = dir.join(format!("{name}-{n}"));
    }
    Ok(path)
}

async fn rename(from: &Path, to: &Path) -> Result<()> {
    tokio::fs::rename(from, to).await.map_err(io(format!(
        "renaming {} to {}",
        from.display(),
        to.display()
    )))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
