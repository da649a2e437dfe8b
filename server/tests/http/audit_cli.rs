//! `accord audit verify` and `accord audit head`, run as the built binary against a
//! real data directory: intact after normal use, failing (exit 1, the row named)
//! after tampering, and never changing the database it checks.

use accord_server::startup;
use std::path::Path;
use std::process::{Command, Output};

fn accord(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("RUST_LOG", "off")
        .output()
        .expect("run accord")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A data directory with the demo data loaded, as `accord serve --demo` leaves it.
async fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = startup::prepare_database(dir.path(), true).await.expect("database");
    pool.close().await;
    dir
}

/// Changes the database as someone with the file could: triggers dropped first.
async fn tamper(data_dir: &Path, sql: &'static str) {
    let pool = accord::storage::open(data_dir).await.expect("open");
    for drop in [
        "DROP TRIGGER audit_log_append_only_update",
        "DROP TRIGGER audit_log_append_only_delete",
        "DROP TRIGGER audit_log_append_only_insert",
    ] {
        sqlx::query(drop).execute(&pool).await.expect("drop trigger");
    }
    sqlx::query(sql).execute(&pool).await.expect("tamper");
    pool.close().await;
}

fn database(data_dir: &Path) -> Vec<u8> {
    std::fs::read(data_dir.join("accord.db")).expect("read accord.db")
}

#[tokio::test]
async fn verify_passes_on_a_fresh_demo_database_and_head_prints_id_and_hash() {
    let dir = demo_dir().await;
    let head = accord(&["audit", "head"], dir.path());
    assert!(head.status.success(), "{}", String::from_utf8_lossy(&head.stderr));
    let head = stdout(&head);
    let (id, hash) = head.split_once(':').expect("ID:HASH");
    assert!(id.parse::<i64>().expect("numeric id") >= 1, "{head}");
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{head}");

    let verify = accord(&["audit", "verify"], dir.path());
    assert_eq!(verify.status.code(), Some(0), "{}", String::from_utf8_lossy(&verify.stderr));
    let line = stdout(&verify);
    assert!(line.starts_with("audit log intact: "), "{line}");
    assert!(line.ends_with(&format!("head {head}")), "{line}");

    let expect = accord(&["audit", "verify", "--expect", &head], dir.path());
    assert_eq!(expect.status.code(), Some(0), "{}", stdout(&expect));
}

#[tokio::test]
async fn verify_fails_after_a_row_is_edited_naming_it_and_changes_nothing() {
    let dir = demo_dir().await;
    tamper(dir.path(), "UPDATE audit_log SET actor = 'someone else' WHERE id = 1").await;
    let before = database(dir.path());
    let verify = accord(&["audit", "verify"], dir.path());
    assert_eq!(verify.status.code(), Some(1));
    let line = stdout(&verify);
    assert_eq!(line.lines().count(), 1, "one line: {line}");
    assert!(line.contains("row 1 was edited"), "{line}");
    assert_eq!(database(dir.path()), before, "verify must not write to the database");
}

#[tokio::test]
async fn verify_does_not_seal_rows_stripped_of_their_hashes() {
    let dir = demo_dir().await;
    // Opening through storage::open would seal these again; verify must not.
    tamper(dir.path(), "UPDATE audit_log SET hash = NULL, prev_hash = NULL").await;
    let verify = accord(&["audit", "verify"], dir.path());
    assert_eq!(verify.status.code(), Some(1));
    assert!(stdout(&verify).contains("row 1 has no hash"), "{}", stdout(&verify));
    assert_eq!(accord(&["audit", "verify"], dir.path()).status.code(), Some(1));
}

#[tokio::test]
async fn verify_with_the_recorded_head_fails_after_the_end_is_cut_off() {
    let dir = demo_dir().await;
    // One more entry, so cutting the last one off still leaves a log.
    let pool = accord::storage::open(dir.path()).await.expect("open");
    let actor = accord::storage::audit::Actor::system("test");
    accord::storage::audit::append_event(
        &pool,
        &actor,
        accord::audit::AuditAction::Backup,
        "database",
        None,
        None,
    )
    .await
    .expect("event");
    pool.close().await;
    let head = stdout(&accord(&["audit", "head"], dir.path()));
    let (id, _) = head.split_once(':').expect("ID:HASH");
    tamper(dir.path(), "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)").await;
    assert_eq!(accord(&["audit", "verify"], dir.path()).status.code(), Some(0));
    let verify = accord(&["audit", "verify", "--expect", &head], dir.path());
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        stdout(&verify).contains(&format!("row {id} (the recorded head) is not in")),
        "{}",
        stdout(&verify)
    );
}

#[test]
fn verify_refuses_a_missing_database_without_creating_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("nothing-here");
    let verify = accord(&["audit", "verify"], &data);
    assert!(!verify.status.success());
    let stderr = String::from_utf8_lossy(&verify.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("no Accord database"), "{stderr}");
    assert!(!data.exists(), "verify must not create the data directory");
    let bad = accord(&["audit", "verify", "--expect", "12:nothex"], dir.path());
    assert!(!bad.status.success());
}
