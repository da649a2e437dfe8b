//! Backups under writes, restores, and the files a restore refuses.

use accord::route::{NewRoute, RouteSlug};
use accord::storage::audit::Actor;
use accord::storage::backup::{self, BackupError};
use accord::storage::database::database_path;
use accord::storage::{begin_write, routes, MIGRATOR};
use accord::{Clearance, Level, RouteRole};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection, SqlitePool};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Creates one route through storage, as a form post would; returns its id.
async fn add_route(pool: &SqlitePool, name: &str) -> i64 {
    let route = NewRoute {
        slug: RouteSlug::from_name(name).expect("slug"),
        name: name.to_owned(),
        description: "Written during a backup".to_owned(),
        classification: Level::Official,
        caveat: None,
        next_review_on: None,
        legs: vec![
            ("LY".to_owned(), RouteRole::Departure),
            ("GB".to_owned(), RouteRole::Destination),
        ],
    };
    let mut tx = begin_write(pool).await.expect("begin");
    let id = routes::create(&mut tx, &Actor::system("test"), Clearance(Level::Official), &route)
        .await
        .expect("create route");
    tx.commit().await.expect("commit");
    id
}

async fn read_only(path: &Path) -> SqliteConnection {
    SqliteConnectOptions::new().filename(path).read_only(true).connect().await.expect("open copy")
}

async fn route_ids(conn: &mut SqliteConnection) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM routes ORDER BY id").fetch_all(conn).await.expect("routes")
}

fn admin() -> Actor {
    Actor::system("test backup")
}

#[tokio::test]
async fn a_backup_under_writes_passes_the_check_and_holds_every_acknowledged_write() {
    let (dir, pool) = super::fresh().await;
    // Some bulk, so the copy takes a while next to the writer.
    accord::storage::demo::load(&pool, accord::dates::today()).await.expect("demo");
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let (pool, acknowledged) = (pool.clone(), acknowledged.clone());
        tokio::spawn(async move {
            for n in 0..200 {
                let id = add_route(&pool, &format!("Backup test route {n}")).await;
                acknowledged.lock().expect("lock").push(id);
                tokio::task::yield_now().await;
            }
        })
    };
    while acknowledged.lock().expect("lock").len() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let before: Vec<i64> = acknowledged.lock().expect("lock").clone();
    let dest = dir.path().join("backup.db");
    let report = backup::backup(&pool, &dest, &admin()).await.expect("backup");
    writer.await.expect("writer");

    let mut copy = read_only(&dest).await;
    let check: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut copy).await.expect("check");
    assert_eq!(check, ["ok"]);
    let in_copy = route_ids(&mut copy).await;
    for id in &before {
        assert!(in_copy.contains(id), "route {id} was acknowledged before the backup began");
    }
    assert_eq!(report.rows.routes as usize, in_copy.len());
    assert_eq!(report.bytes, std::fs::metadata(&dest).expect("size").len());
    // No partial file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}

#[tokio::test]
async fn a_backup_is_audited_and_reports_the_head_of_its_own_log() {
    let (dir, pool) = super::fresh().await;
    add_route(&pool, "Audited route").await;
    let dest = dir.path().join("backup.db");
    let report = backup::backup(&pool, &dest, &admin()).await.expect("backup");

    let mut copy = read_only(&dest).await;
    let head = accord::storage::audit::head(&mut copy).await.expect("head");
    assert!(head.is_some());
    assert_eq!(report.audit_head, head);
    let (action, actor, after): (String, String, String) =
        sqlx::query_as("SELECT action, actor, after_json FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("last entry");
    assert_eq!(action, "backup");
    assert_eq!(actor, "system (test backup)");
    let (id, hash) = head.expect("head");
    assert!(after.contains(&format!("{id}:{hash}")), "{after}");
    // The backup ends before its own entry.
    let in_copy: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'backup'")
        .fetch_one(&mut copy)
        .await
        .expect("count");
    assert_eq!(in_copy, 0);
}

#[tokio::test]
async fn a_backup_never_overwrites_an_existing_file() {
    let (dir, pool) = super::fresh().await;
    let dest = dir.path().join("taken.db");
    std::fs::write(&dest, b"someone else's file").expect("write");
    let refused = backup::backup(&pool, &dest, &admin()).await;
    assert!(matches!(refused, Err(BackupError::Exists(_))), "{refused:?}");
    assert_eq!(std::fs::read(&dest).expect("read"), b"someone else's file");
}

#[tokio::test]
async fn restore_round_trips_and_keeps_the_replaced_database() {
    let (dir, pool) = super::fresh().await;
    let kept_route = add_route(&pool, "Before the backup").await;
    let dest = dir.path().join("backup.db");
    backup::backup(&pool, &dest, &admin()).await.expect("backup");
    let later_route = add_route(&pool, "After the backup").await;
    pool.close().await;

    let report =
        backup::restore(&dest, dir.path(), &Actor::system("test restore")).await.expect("restore");
    assert!(report.audited);
    assert_eq!(report.check.pending, Vec::<i64>::new());
    let mut restored = read_only(&database_path(dir.path())).await;
    assert_eq!(route_ids(&mut restored).await, vec![kept_route]);
    assert_same_data(&mut restored, &dest).await;

    // The replaced database is whole on its own (its log was checkpointed into it).
    let kept = report.kept.expect("kept");
    assert!(kept
        .file_name()
        .expect("name")
        .to_string_lossy()
        .starts_with("accord.db.before-restore-"));
    assert!(!report.kept_wal);
    for side in ["-wal", "-shm"] {
        assert!(!dir.path().join(format!("accord.db{side}")).exists(), "stale {side} left");
    }
    let mut old = read_only(&kept).await;
    assert_eq!(route_ids(&mut old).await, vec![kept_route, later_route]);

    // And Accord opens the restored database and carries on.
    let reopened = accord::storage::open(dir.path()).await.expect("reopen");
    add_route(&reopened, "After the restore").await;
}

#[tokio::test]
async fn restore_folds_a_stopped_servers_log_into_the_database_it_keeps() {
    let (dir, pool) = super::fresh().await;
    let dest = dir.path().join("backup.db");
    backup::backup(&pool, &dest, &admin()).await.expect("backup");
    let late = add_route(&pool, "Only in the log").await;
    // What a server killed mid-run leaves: the database with a log not yet checkpointed.
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).expect("dir");
    for name in ["accord.db", "accord.db-wal"] {
        std::fs::copy(dir.path().join(name), crashed.join(name)).expect("copy");
    }
    assert!(std::fs::metadata(crashed.join("accord.db-wal")).expect("wal").len() > 0);
    pool.close().await;

    let report = backup::restore(&dest, &crashed, &admin()).await.expect("restore");
    assert!(!report.kept_wal, "the log should have been checkpointed");
    assert!(!crashed.join("accord.db-wal").exists());
    let kept = report.kept.expect("kept");
    assert!(!Path::new(&format!("{}-wal", kept.display())).exists());
    let mut old = read_only(&kept).await;
    assert!(route_ids(&mut old).await.contains(&late), "the log's write is in the kept file");
}

/// Every table of `restored` equals the backup's, row for row; the audit log has
/// exactly one more entry, the restore itself.
async fn assert_same_data(restored: &mut SqliteConnection, backup_file: &Path) {
    sqlx::query("ATTACH DATABASE ?1 AS backup")
        .bind(backup_file.to_str().expect("utf-8"))
        .execute(&mut *restored)
        .await
        .expect("attach");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM backup.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
    )
    .fetch_all(&mut *restored)
    .await
    .expect("tables");
    assert!(tables.len() > 10, "{tables:?}");
    for table in tables {
        let differ = |a: &str, b: &str| {
            format!("SELECT count(*) FROM (SELECT * FROM {a}.\"{table}\" EXCEPT SELECT * FROM {b}.\"{table}\")")
        };
        let missing: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(differ("backup", "main")))
            .fetch_one(&mut *restored)
            .await
            .expect("compare");
        let extra: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(differ("main", "backup")))
            .fetch_one(&mut *restored)
            .await
            .expect("compare");
        assert_eq!(missing, 0, "{table}: rows of the backup missing");
        let expected_extra = if table == "audit_log" { 1 } else { 0 };
        assert_eq!(extra, expected_extra, "{table}: rows not in the backup");
    }
    let last: String =
        sqlx::query_scalar("SELECT action FROM main.audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(&mut *restored)
            .await
            .expect("last");
    assert_eq!(last, "restore");
}

/// A data directory with a database, a backup of it, and the database's bytes.
async fn data_dir_with_backup() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let (dir, pool) = super::fresh().await;
    let dest = dir.path().join("backup.db");
    backup::backup(&pool, &dest, &admin()).await.expect("backup");
    pool.close().await;
    let before = std::fs::read(database_path(dir.path())).expect("read");
    (dir, dest, before)
}

/// The refused restore changed nothing: same database bytes, nothing beside it.
fn assert_untouched(dir: &Path, before: &[u8]) {
    assert_eq!(std::fs::read(database_path(dir)).expect("read"), before);
    for entry in std::fs::read_dir(dir).expect("list") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        assert!(!name.contains("restor"), "left behind: {name}");
    }
}

#[tokio::test]
async fn restore_refuses_a_damaged_file() {
    let (dir, backup_file, before) = data_dir_with_backup().await;
    let mut bytes = std::fs::read(&backup_file).expect("read");
    let page = 4096;
    assert!(bytes.len() > 8 * page);
    // Scribble over the b-tree pages after the first (the header stays valid).
    for byte in &mut bytes[page..8 * page] {
        *byte = 0x5a;
    }
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, &bytes).expect("write");
    let refused = backup::restore(&damaged, dir.path(), &admin()).await;
    assert!(matches!(refused, Err(BackupError::Corrupt { .. })), "{refused:?}");
    assert_untouched(dir.path(), &before);

    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, b"certainly not a database").expect("write");
    let refused = backup::restore(&not_sqlite, dir.path(), &admin()).await;
    assert!(matches!(refused, Err(BackupError::NotSqlite(_))), "{refused:?}");
    assert_untouched(dir.path(), &before);
}

#[tokio::test]
async fn restore_refuses_a_file_with_a_migration_this_binary_does_not_know() {
    let (dir, backup_file, before) = data_dir_with_backup().await;
    let mut conn =
        SqliteConnectOptions::new().filename(&backup_file).connect().await.expect("open");
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99990101, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .expect("insert");
    drop(conn);
    let refused = backup::check_restorable(&backup_file).await;
    match refused {
        Err(BackupError::UnknownMigrations { versions, .. }) => assert_eq!(versions, [99990101]),
        other => panic!("expected UnknownMigrations, got {other:?}"),
    }
    let refused = backup::restore(&backup_file, dir.path(), &admin()).await;
    assert!(matches!(refused, Err(BackupError::UnknownMigrations { .. })), "{refused:?}");
    assert_untouched(dir.path(), &before);
}

#[tokio::test]
async fn restore_refuses_a_sqlite_file_that_is_not_accords() {
    let (dir, _backup, before) = data_dir_with_backup().await;
    let other = dir.path().join("other.db");
    let mut conn = SqliteConnectOptions::new()
        .filename(&other)
        .create_if_missing(true)
        .connect()
        .await
        .expect("create");
    sqlx::query("CREATE TABLE notes (body TEXT)").execute(&mut conn).await.expect("create");
    drop(conn);
    let refused = backup::restore(&other, dir.path(), &admin()).await;
    assert!(matches!(refused, Err(BackupError::NoMigrations(_))), "{refused:?}");
    assert_untouched(dir.path(), &before);
}

#[tokio::test]
async fn a_fresh_backup_is_restorable_with_nothing_pending() {
    let (_dir, backup_file, _) = data_dir_with_backup().await;
    let check = backup::check_restorable(&backup_file).await.expect("restorable");
    assert_eq!(check.applied.len(), MIGRATOR.iter().count());
    assert!(check.pending.is_empty());
    assert!(check.rows.users >= 0 && check.rows.agreements == 0);
}

#[tokio::test]
async fn restoring_twice_in_a_row_keeps_both_replaced_databases() {
    let (dir, backup_file, _) = data_dir_with_backup().await;
    let first = backup::restore(&backup_file, dir.path(), &admin()).await.expect("first");
    let second = backup::restore(&backup_file, dir.path(), &admin()).await.expect("second");
    let (first, second) = (first.kept.expect("kept"), second.kept.expect("kept"));
    assert_ne!(first, second);
    assert!(first.exists() && second.exists());

    let missing = backup::restore(&dir.path().join("nothing.db"), dir.path(), &admin()).await;
    assert!(matches!(missing, Err(BackupError::Missing(_))), "{missing:?}");
}
