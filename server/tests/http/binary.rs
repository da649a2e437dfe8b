//! The `accord` binary refuses what it must not touch, with one clear line.

use std::process::Command;

fn accord() -> Command {
    Command::new(env!("CARGO_BIN_EXE_accord"))
}

#[test]
fn prints_its_version() {
    let out = accord().arg("--version").output().expect("run accord");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("accord "));
}

#[test]
fn refuses_to_serve_a_file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("accord.db"), b"not a database").unwrap();
    let out = accord()
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env("RUST_LOG", "off")
        .output()
        .expect("run accord");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("not a SQLite database"), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("accord.db")).unwrap(), b"not a database");
}

#[test]
fn migrate_creates_and_migrates_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = accord()
        .arg("migrate")
        .arg("--data-dir")
        .arg(dir.path())
        .env("RUST_LOG", "off")
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("accord.db").exists());
}

/// A large PDF render frees most of what it allocated; in transparent huge pages, a
/// 2 MiB page holding one live block stays resident whole (`memory::use_small_pages`).
#[test]
fn the_server_keeps_its_heap_out_of_transparent_huge_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = crate::backup::serve(&dir.path().join("data"));
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.id()));
    server.kill().expect("stop the server");
    server.wait().expect("wait");
    let status = status.expect("read the server's /proc status");
    let line = status.lines().find(|l| l.starts_with("THP_enabled:"));
    assert_eq!(
        line.map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["THP_enabled:", "0"]),
        "{status}"
    );
}
