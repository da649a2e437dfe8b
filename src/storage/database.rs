//! Opening the database: refuse what we must not touch, then migrate.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The migrations, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How much of the file each connection maps (`PRAGMA mmap_size`, bytes).
macro_rules! mmap_size {
    () => {
        "268435456"
    };
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Why Accord refused to open a database. Each reads as one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("data directory {0} is not writable: {1}")]
    NotWritable(PathBuf, std::io::Error),
    #[error("{0} is not a SQLite database; refusing to touch it")]
    NotSqlite(PathBuf),
    #[error(
        "{path} was written by a newer Accord (unknown migrations {versions:?}); refusing to open it with this version"
    )]
    NewerSchema { path: PathBuf, versions: Vec<i64> },
    #[error("could not open {0}: {1}")]
    Sqlite(PathBuf, sqlx::Error),
    #[error("could not migrate {0}: {1}")]
    Migrate(PathBuf, sqlx::migrate::MigrateError),
}

/// The file Accord keeps its data in, inside the data directory.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join("accord.db")
}

fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL, not NORMAL: in WAL mode NORMAL can lose the last transactions on a
        // power cut (they survive a process crash only). An edit Accord acknowledged
        // must survive both, and our write volume makes the extra fsync cheap.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // Gives the planner table statistics (cheaply: it analyses only what needs it),
        // without which it picks the wrong index for several list and dashboard queries.
        .pragma("optimize", "0x10002")
        // Read pages straight from the OS page cache instead of copying each one in
        // with a read() call: a large registry's pages stay shared across connections.
        .pragma("mmap_size", mmap_size!())
        .log_statements(tracing::log::LevelFilter::Trace)
}

/// Runs `read` on a pooled connection that reads with `read()` rather than through the
/// memory map, for a read of a whole table (an export of every commitment). Each page
/// read through the map stays mapped into the server and counts in its RSS, per
/// connection, though nothing holds it: `bench/export` measured VmRSS +100 MiB for each
/// export of the large set's 100,000 commitments, piling up as other connections did the
/// same, with the heap flat. Read this way, the pages pass through SQLite's small page
/// cache; turning the map off also unmaps what the connection had mapped. The map is
/// restored before the connection goes back to the pool (if that fails, the connection
/// is closed instead, so the pool never keeps one without the map).
pub async fn unmapped<T>(
    pool: &SqlitePool,
    read: impl AsyncFnOnce(&mut sqlx::SqliteConnection) -> Result<T, sqlx::Error>,
) -> Result<T, sqlx::Error> {
    let mut connection = pool.acquire().await?;
    sqlx::query("PRAGMA mmap_size = 0").execute(&mut *connection).await?;
    let outcome = read(&mut connection).await;
    let remap = sqlx::query(concat!("PRAGMA mmap_size = ", mmap_size!()));
    if let Err(error) = remap.execute(&mut *connection).await {
        tracing::warn!(%error, "could not map the database again; closing the connection");
        connection.close_on_drop();
    }
    outcome
}

/// Opens (creating if missing) and migrates `data_dir/accord.db`.
///
/// Refuses, without modifying anything, a data directory it cannot write, a file
/// that is not SQLite, and a database with migrations this binary does not know.
pub async fn open(data_dir: &Path) -> Result<SqlitePool, OpenError> {
    check_writable(data_dir)?;
    let path = database_path(data_dir);
    check_header(&path)?;
    if path.exists() {
        check_no_unknown_migrations(&path).await?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // sqlx pings a connection (a message to its worker thread and back) before
        // lending it, besides the ping it always makes when the connection comes back;
        // with a statement per borrow, the first doubled the thread switches around
        // each statement. A connection to a file in this process cannot drop
        // unnoticed: the ping on return still catches a connection that has failed.
        .test_before_acquire(false)
        .after_connect(|conn, _| Box::pin(super::direct::plan_once(conn)))
        .connect_with(options(&path))
        .await
        .map_err(|e| OpenError::Sqlite(path.clone(), e))?;
    MIGRATOR.run(&pool).await.map_err(|e| OpenError::Migrate(path.clone(), e))?;
    super::audit::seal(&pool).await.map_err(|e| OpenError::Sqlite(path.clone(), e))?;
    Ok(pool)
}

fn check_writable(data_dir: &Path) -> Result<(), OpenError> {
    let fail = |e| OpenError::NotWritable(data_dir.to_path_buf(), e);
    std::fs::create_dir_all(data_dir).map_err(fail)?;
    let probe = data_dir.join(".accord-write-check");
    std::fs::write(&probe, b"ok").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)
}

fn check_header(path: &Path) -> Result<(), OpenError> {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(()); // missing: it will be created
    };
    let mut header = [0u8; 16];
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        // An empty file is what SQLite itself creates before the first write.
        Err(_) if file.metadata().map(|m| m.len() == 0).unwrap_or(false) => Ok(()),
        _ => Err(OpenError::NotSqlite(path.to_path_buf())),
    }
}

/// Reads the applied migrations read-only, so a refused database is left untouched.
async fn check_no_unknown_migrations(path: &Path) -> Result<(), OpenError> {
    let fail = |e| OpenError::Sqlite(path.to_path_buf(), e);
    let mut conn =
        SqliteConnectOptions::new().filename(path).read_only(true).connect().await.map_err(fail)?;
    let has_table: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|e| match e {
        // "file is not a database" surfaces here for a corrupt header we let through.
        sqlx::Error::Database(_) => OpenError::NotSqlite(path.to_path_buf()),
        other => fail(other),
    })?;
    let applied: Vec<i64> = if has_table {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .map_err(fail)?
    } else {
        Vec::new()
    };
    conn.close().await.map_err(fail)?;
    let known: BTreeSet<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    let unknown: Vec<i64> = applied.into_iter().filter(|v| !known.contains(v)).collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(OpenError::NewerSchema { path: path.to_path_buf(), versions: unknown })
    }
}

/// True when the database answers a trivial query.
pub async fn is_healthy(pool: &SqlitePool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(pool).await.is_ok()
}
