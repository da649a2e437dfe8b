//! Backups and restores of the whole database file.
//!
//! A backup is `VACUUM INTO` a file beside the destination: SQLite copies one read
//! snapshot, so a server keeps writing meanwhile (WAL readers never block writers)
//! and the copy holds every transaction committed before it started. The copy must
//! pass `PRAGMA integrity_check` before it takes the destination's name, so a file
//! called a backup is always a good one.
//!
//! A restore ([`restore()`]) refuses what [`check_restorable`] refuses, and otherwise
//! swaps the file in, keeping the replaced database beside it. It must only run while
//! no server uses the data directory; the binary's data-directory lock sees to that.

mod inspect;
mod restore;

pub use inspect::{check_restorable, RestoreCheck};
pub use restore::{restore, RestoreReport};

use super::audit::{self, Actor};
use crate::audit::AuditAction;
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a backup or a restore did not happen. Each reads as one line for an operator.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; refusing to overwrite it")]
    Exists(PathBuf),
    #[error("there is no database file at {0}")]
    Missing(PathBuf),
    #[error("{0} is not a SQLite database")]
    NotSqlite(PathBuf),
    #[error("{path} is damaged (integrity check: {problems})")]
    Corrupt { path: PathBuf, problems: String },
    #[error("{0} has no migrations table: it is not an Accord database")]
    NoMigrations(PathBuf),
    #[error(
        "{path} was written by a newer Accord (unknown migrations {versions:?}); this version cannot use it"
    )]
    UnknownMigrations { path: PathBuf, versions: Vec<i64> },
    #[error("{path}: migration {version} {why}")]
    BadMigration { path: PathBuf, version: i64, why: &'static str },
    // The cause is part of the message (one line), so it is not also a `source`.
    #[error("{context}: {error}")]
    Io { context: String, error: std::io::Error },
    #[error("{context}: {error}")]
    Sqlite { context: String, error: sqlx::Error },
}

pub type Result<T, E = BackupError> = std::result::Result<T, E>;

/// Rows in the main tables of a database: what a backup or restore carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RowCounts {
    pub agreements: i64,
    pub commitments: i64,
    pub assessments: i64,
    pub sharing_arrangements: i64,
    pub routes: i64,
    pub briefing_texts: i64,
    pub users: i64,
    pub audit_entries: i64,
}

/// What [`backup`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// The backup file (the destination asked for).
    pub path: PathBuf,
    pub bytes: u64,
    pub rows: RowCounts,
    /// The backup's last audit entry (id, hash): what `accord audit verify --expect`
    /// checks a restored copy against. `None` when the log is empty.
    pub audit_head: Option<(i64, String)>,
}

/// Copies the live database to `dest` (refused if it exists) while others keep
/// writing, checks the copy, records a `backup` audit entry by `actor` in the live
/// database (the backup itself ends at the entry before it), then names the copy
/// `dest`: no backup file exists that the audit log does not mention.
pub async fn backup(pool: &SqlitePool, dest: &Path, actor: &Actor) -> Result<BackupReport> {
    if exists(dest).await? {
        return Err(BackupError::Exists(dest.to_path_buf()));
    }
    let partial = Partial(partial_path(dest)?);
    let target = partial.0.to_str().ok_or_else(|| BackupError::Io {
        context: format!("backing up to {}", dest.display()),
        error: std::io::Error::other("SQLite needs a UTF-8 file name"),
    })?;
    sqlx::query("VACUUM INTO ?1")
        .bind(target)
        .execute(pool)
        .await
        .map_err(sqlite(format!("copying the database into {}", partial.0.display())))?;
    sync_file(&partial.0).await?;
    let check = inspect::inspect(&partial.0).await?;

    let report = BackupReport {
        path: dest.to_path_buf(),
        bytes: check.bytes,
        rows: check.rows,
        audit_head: check.audit_head,
    };
    let details = serde_json::json!({
        "file": dest.display().to_string(),
        "bytes": report.bytes,
        "rows": report.rows,
        "audit_head": report.audit_head.as_ref().map(|(id, hash)| format!("{id}:{hash}")),
    });
    audit::append_event(pool, actor, AuditAction::Backup, "database", None, Some(&details))
        .await
        .map_err(sqlite("recording the backup in the audit log".to_owned()))?;
    partial.publish(dest).await?;
    tracing::info!(
        file = %dest.display(),
        bytes = report.bytes,
        rows = ?report.rows,
        audit_head = report.audit_head.as_ref().map(|(id, hash)| format!("{id}:{hash}")),
        "backup written and checked"
    );
    Ok(report)
}

/// Opens `data_dir`'s existing database for [`backup`] beside a running server:
/// nothing is created or migrated, and only the audit entry is written. Refuses a
/// missing database and one written by a newer Accord.
pub async fn open_for_backup(data_dir: &Path) -> Result<SqlitePool> {
    let path = super::database::database_path(data_dir);
    if !path.is_file() {
        return Err(BackupError::Missing(path));
    }
    inspect::check_migrations_of(&path).await?;
    // The journal mode is left as the file has it (the server's WAL).
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10));
    SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .map_err(sqlite(format!("opening {}", path.display())))
}

/// A file being written; removed on drop unless it was published under its name.
struct Partial(PathBuf);

impl Partial {
    /// Gives the checked copy its final name, never replacing an existing file: a
    /// hard link fails if `dest` appeared meanwhile, where a rename would overwrite it.
    async fn publish(self, dest: &Path) -> Result<()> {
        match tokio::fs::hard_link(&self.0, dest).await {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(BackupError::Exists(dest.to_path_buf()));
            }
            // A file system without hard links: check, then rename.
            Err(_) => {
                if exists(dest).await? {
                    return Err(BackupError::Exists(dest.to_path_buf()));
                }
                tokio::fs::rename(&self.0, dest)
                    .await
                    .map_err(io(format!("naming the backup {}", dest.display())))?;
            }
        }
        sync_dir(dest).await
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        // Best effort, and after a publish the link's other name is all that is left.
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A hidden name beside `dest`, on the same file system so that publishing is a link.
fn partial_path(dest: &Path) -> Result<PathBuf> {
    let name = dest.file_name().ok_or_else(|| BackupError::Io {
        context: format!("backing up to {}", dest.display()),
        error: std::io::Error::other("the destination names no file"),
    })?;
    // Unique per process and call: two backups at once never share a partial file.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!(".{}.partial-{}-{n}", name.to_string_lossy(), std::process::id());
    Ok(dest.with_file_name(name))
}

/// A UTC time stamp for file names: `20261130T142501Z`.
pub fn stamp() -> String {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::OffsetDateTime::now_utc().format(&format).unwrap_or_else(|_| "now".to_owned())
}

pub(crate) async fn exists(path: &Path) -> Result<bool> {
    tokio::fs::try_exists(path).await.map_err(io(format!("looking at {}", path.display())))
}

/// Flushes a written file to disk before it is given a name others rely on.
pub(crate) async fn sync_file(path: &Path) -> Result<()> {
    let file =
        tokio::fs::File::open(path).await.map_err(io(format!("opening {}", path.display())))?;
    file.sync_all().await.map_err(io(format!("flushing {}", path.display())))
}

/// Flushes the folder holding `path`, so a rename or link survives a power cut.
pub(crate) async fn sync_dir(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // Folders cannot be opened as files everywhere; where they can, flush.
    match tokio::fs::File::open(dir).await {
        Ok(file) => file.sync_all().await.map_err(io(format!("flushing {}", dir.display()))),
        Err(_) => Ok(()),
    }
}

pub(crate) fn io(context: String) -> impl FnOnce(std::io::Error) -> BackupError {
    move |error| BackupError::Io { context, error }
}

pub(crate) fn sqlite(context: String) -> impl FnOnce(sqlx::Error) -> BackupError {
    move |error| BackupError::Sqlite { context, error }
}
