//! Looking inside a database file without changing it: is it sound, is it Accord's,
//! and does this binary know every migration it has.

use super::{io, sqlite, BackupError, Result, RowCounts};
use crate::storage::{audit, MIGRATOR};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What [`check_restorable`] found in a file it accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreCheck {
    pub path: PathBuf,
    pub bytes: u64,
    /// The migrations the file has (every one known to this binary).
    pub applied: Vec<i64>,
    /// This binary's migrations the file lacks: a server applies them when it starts.
    pub pending: Vec<i64>,
    pub rows: RowCounts,
    /// The file's last audit entry (id, hash), when its log is chained and not empty.
    pub audit_head: Option<(i64, String)>,
}

/// Checks, read-only, that `file` could replace the database: a SQLite file that
/// passes `PRAGMA integrity_check`, with a migrations table naming only migrations
/// this binary knows (same checksums, all completed).
pub async fn check_restorable(file: &Path) -> Result<RestoreCheck> {
    inspect(file).await
}

/// [`check_restorable`]; backups run it on their copy, so a backup is always restorable.
pub(super) async fn inspect(file: &Path) -> Result<RestoreCheck> {
    let bytes = check_header(file).await?;
    let mut conn = connect_read_only(file).await?;
    let outcome = inspect_open(&mut conn, file, bytes).await;
    // Closing a read-only connection cannot lose anything; its error adds nothing.
    let _ = conn.close().await;
    outcome
}

async fn inspect_open(
    conn: &mut SqliteConnection,
    file: &Path,
    bytes: u64,
) -> Result<RestoreCheck> {
    integrity_check(conn, file).await?;
    let (applied, pending) = check_migrations(conn, file).await?;
    let rows: RowCounts = sqlx::query_as(
        "SELECT (SELECT count(*) FROM agreements) AS agreements,
                (SELECT count(*) FROM commitments) AS commitments,
                (SELECT count(*) FROM assessments) AS assessments,
                (SELECT count(*) FROM sharing_arrangements) AS sharing_arrangements,
                (SELECT count(*) FROM routes) AS routes,
                (SELECT count(*) FROM briefing_texts) AS briefing_texts,
                (SELECT count(*) FROM users) AS users,
                (SELECT count(*) FROM audit_log) AS audit_entries",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sqlite(format!("counting the rows of {}", file.display())))?;
    // Files from before the hash chain (migration 0007) have no head to report.
    let chained: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'hash')",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sqlite(format!("reading the audit log of {}", file.display())))?;
    let audit_head = if chained {
        audit::head(&mut *conn)
            .await
            .map_err(sqlite(format!("reading the audit head of {}", file.display())))?
    } else {
        None
    };
    Ok(RestoreCheck { path: file.to_path_buf(), bytes, applied, pending, rows, audit_head })
}

/// Refuses a missing file or one that does not start as SQLite; returns its size.
async fn check_header(file: &Path) -> Result<u64> {
    use tokio::io::AsyncReadExt;
    let metadata = match tokio::fs::metadata(file).await {
        Ok(metadata) if metadata.is_file() => metadata,
        Ok(_) => return Err(BackupError::Missing(file.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(BackupError::Missing(file.to_path_buf()))
        }
        Err(e) => return Err(io(format!("reading {}", file.display()))(e)),
    };
    let mut header = [0u8; 16];
    let mut opened =
        tokio::fs::File::open(file).await.map_err(io(format!("opening {}", file.display())))?;
    match opened.read_exact(&mut header).await {
        Ok(_) if &header == SQLITE_HEADER => Ok(metadata.len()),
        _ => Err(BackupError::NotSqlite(file.to_path_buf())),
    }
}

async fn connect_read_only(file: &Path) -> Result<SqliteConnection> {
    SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(10))
        .connect()
        .await
        .map_err(|e| damaged_or(file, e, "opening"))
}

/// Runs `PRAGMA integrity_check`, which answers the single row `ok` for a sound file.
async fn integrity_check(conn: &mut SqliteConnection, file: &Path) -> Result<()> {
    let answer: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| damaged_or(file, e, "checking"))?;
    if answer == ["ok"] {
        return Ok(());
    }
    // The first few problems say enough; a badly damaged file lists a hundred.
    let problems = answer.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
    Err(BackupError::Corrupt { path: file.to_path_buf(), problems })
}

/// SQLite's "not a database" and "malformed" are the file's fault, not the reader's.
fn damaged_or(file: &Path, error: sqlx::Error, doing: &str) -> BackupError {
    if let sqlx::Error::Database(db) = &error {
        // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), with any extended code.
        let primary = db.code().and_then(|c| c.parse::<i32>().ok()).map(|c| c & 0xff);
        if matches!(primary, Some(11 | 26)) {
            let problems = db.message().to_owned();
            return BackupError::Corrupt { path: file.to_path_buf(), problems };
        }
    }
    sqlite(format!("{doing} {}", file.display()))(error)
}

/// Reads `_sqlx_migrations`: refuses a file without it, with a migration this binary
/// does not have, or with one that failed or differs from this binary's. Returns
/// the applied versions and this binary's versions still to apply.
async fn check_migrations(
    conn: &mut SqliteConnection,
    file: &Path,
) -> Result<(Vec<i64>, Vec<i64>)> {
    let fail = || sqlite(format!("reading the migrations of {}", file.display()));
    let has_table: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(fail())?;
    if !has_table {
        return Err(BackupError::NoMigrations(file.to_path_buf()));
    }
    let rows: Vec<(i64, bool, Vec<u8>)> =
        sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(fail())?;
    let mut unknown = Vec::new();
    for (version, success, checksum) in &rows {
        let known = MIGRATOR.iter().find(|m| m.version == *version);
        let why = match known {
            None => {
                unknown.push(*version);
                continue;
            }
            Some(_) if !success => "did not complete",
            Some(m) if *m.checksum != **checksum => "differs from this Accord's",
            Some(_) => continue,
        };
        return Err(BackupError::BadMigration { path: file.to_path_buf(), version: *version, why });
    }
    if !unknown.is_empty() {
        return Err(BackupError::UnknownMigrations { path: file.to_path_buf(), versions: unknown });
    }
    let applied: Vec<i64> = rows.iter().map(|(version, _, _)| *version).collect();
    let pending = MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version))
        .map(|m| m.version)
        .collect();
    Ok((applied, pending))
}

/// [`check_migrations`] on a file by path, read-only (the live database for a backup).
pub(super) async fn check_migrations_of(file: &Path) -> Result<()> {
    let mut conn = connect_read_only(file).await?;
    let outcome = check_migrations(&mut conn, file).await.map(|_| ());
    let _ = conn.close().await;
    outcome
}
