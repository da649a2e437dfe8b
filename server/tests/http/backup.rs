//! Backups: an administrator's download, `accord backup` beside a running server, and
//! `accord restore`, which waits for the server to stop.

use crate::TestApp;
use accord::storage::audit::Actor;
use accord::storage::backup::{self, BackupError};
use accord::{Clearance, Level, Role, RouteRole, User};
use accord_server::admin_backup;
use axum::http::{header, StatusCode};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// An account with `role`, added as the harness adds its administrator.
async fn user(app: &TestApp, email: &str, role: Role) -> User {
    let id = app.add_user(email, role, Level::Secret).await;
    User {
        id,
        email: email.to_owned(),
        display_name: format!("Test {}", role.label()),
        role,
        clearance: Level::Secret,
        must_change_password: false,
    }
}

async fn add_route(pool: &sqlx::SqlitePool, name: &str) -> i64 {
    let route = accord::route::NewRoute {
        slug: accord::route::RouteSlug::from_name(name).expect("slug"),
        name: name.to_owned(),
        description: String::new(),
        classification: Level::Official,
        caveat: None,
        next_review_on: None,
        legs: vec![
            ("TR".to_owned(), RouteRole::Transit),
            ("GB".to_owned(), RouteRole::Destination),
        ],
    };
    let mut tx = accord::storage::begin_write(pool).await.expect("begin");
    let actor = Actor::system("test writer");
    let id = accord::storage::routes::create(&mut tx, &actor, Clearance(Level::Official), &route)
        .await
        .expect("route");
    tx.commit().await.expect("commit");
    id
}

async fn actions(pool: &sqlx::SqlitePool) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("log")
}

#[tokio::test]
async fn an_admin_downloads_a_checked_backup_holding_every_write_made_before_it() {
    let app = TestApp::spawn(false).await;
    let admin = user(&app, "backup-admin@example.org", Role::Admin).await;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let (pool, acknowledged) = (app.pool.clone(), acknowledged.clone());
        tokio::spawn(async move {
            for n in 0..60 {
                let id = add_route(&pool, &format!("Download route {n}")).await;
                acknowledged.lock().expect("lock").push(id);
            }
        })
    };
    while acknowledged.lock().expect("lock").len() < 10 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let before = acknowledged.lock().expect("lock").clone();
    let response = admin_backup::backup_response(&app.pool, &admin).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "application/vnd.sqlite3");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().expect("ascii");
    assert!(disposition.starts_with("attachment; filename=\"accord-backup-"), "{disposition}");
    assert!(disposition.ends_with(".db\""), "{disposition}");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    assert_eq!(headers[header::CONTENT_LENGTH], body.len().to_string().as_str());
    writer.await.expect("writer");

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("downloaded.db");
    std::fs::write(&file, &body).expect("write");
    let check = backup::check_restorable(&file).await.expect("restorable");
    assert!(check.rows.routes as usize >= before.len());
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", file.display()))
        .await
        .expect("open");
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM routes").fetch_all(&pool).await.expect("ids");
    for id in before {
        assert!(ids.contains(&id), "route {id} was acknowledged before the download");
    }
    // Audited as the admin's backup.
    let (action, user_id): (String, Option<i64>) = sqlx::query_as(
        "SELECT action, user_id FROM audit_log WHERE action = 'backup' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("backup entry");
    assert_eq!((action.as_str(), user_id), ("backup", Some(admin.id)));
}

#[tokio::test]
async fn only_admins_may_download_a_backup_and_a_refusal_writes_no_backup() {
    let app = TestApp::spawn(false).await;
    for (n, role) in [Role::Viewer, Role::Reviewer, Role::Editor].into_iter().enumerate() {
        let person = user(&app, &format!("person{n}@example.org"), role).await;
        let before = actions(&app.pool).await;
        let response = admin_backup::backup_response(&app.pool, &person).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
        let after = actions(&app.pool).await;
        assert_eq!(&after[..before.len()], &before[..]);
        assert_eq!(&after[before.len()..], ["refused"], "{role:?}: only the refusal is recorded");
    }
}

fn accord() -> Command {
    Command::new(env!("CARGO_BIN_EXE_accord"))
}

/// Runs `accord ARGS --data-dir DIR`, returning (success, stdout, stderr).
fn run(args: &[&str], data_dir: &Path) -> (bool, String, String) {
    let out = accord()
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("RUST_LOG", "off")
        .output()
        .expect("run");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// `accord serve` on `data_dir`, returned once it listens (it holds the lock by then).
pub(crate) fn serve(data_dir: &Path) -> Child {
    serve_at(data_dir).0
}

/// `accord serve` on a free port, and the address it listens on.
pub(crate) fn serve_at(data_dir: &Path) -> (Child, std::net::SocketAddr) {
    let mut child = accord()
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn accord serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        match lines.next() {
            Some(Ok(line)) if line.contains("Accord listening") => break listening_on(&line),
            Some(Ok(_)) => continue,
            _ => {
                let _ = child.kill();
                panic!("accord serve stopped before listening");
            }
        }
    };
    // Keep reading, so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, addr)
}

/// The address in the log line "Accord listening on http://127.0.0.1:PORT".
fn listening_on(line: &str) -> std::net::SocketAddr {
    let after = line.split("http://").nth(1).expect("an address in the line");
    let addr: String =
        after.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':').collect();
    addr.parse().unwrap_or_else(|_| panic!("an address in {line:?}"))
}

#[test]
fn backup_runs_beside_a_serving_accord_and_restore_refuses_until_it_stops() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let file = dir.path().join("nightly.db");
    let mut server = serve(&data);

    let (ok, stdout, stderr) = run(&["backup", file.to_str().expect("utf-8")], &data);
    assert!(ok, "backup failed: {stderr}");
    assert!(stdout.contains("integrity check ok"), "{stdout}");
    assert!(stdout.contains("audit head "), "{stdout}");

    let (ok, _, stderr) = run(&["restore", file.to_str().expect("utf-8")], &data);
    assert!(!ok, "restore must refuse while a server runs");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("another Accord is serving"), "{stderr}");
    let names = |dir: &Path| -> Vec<String> {
        let entries = std::fs::read_dir(dir).expect("list");
        entries.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect()
    };
    assert!(!names(&data).iter().any(|n| n.contains("restor")), "{:?}", names(&data));

    server.kill().expect("stop the server");
    server.wait().expect("wait");
    let (ok, stdout, stderr) = run(&["restore", file.to_str().expect("utf-8")], &data);
    assert!(ok, "restore failed once the server stopped: {stderr}");
    assert!(stdout.contains("kept as"), "{stdout}");
    assert!(names(&data).iter().any(|n| n.starts_with("accord.db.before-restore-")));
}

#[tokio::test]
async fn restore_refuses_a_damaged_backup_with_one_line() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let (ok, _, stderr) = run(&["migrate"], &data);
    assert!(ok, "{stderr}");
    let file = dir.path().join("backup.db");
    let (ok, _, stderr) = run(&["backup", file.to_str().expect("utf-8")], &data);
    assert!(ok, "{stderr}");
    let mut bytes = std::fs::read(&file).expect("read");
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&file, &bytes).expect("write");

    let (ok, _, stderr) = run(&["restore", file.to_str().expect("utf-8")], &data);
    assert!(!ok);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("is damaged"), "{stderr}");
    assert!(matches!(backup::check_restorable(&file).await, Err(BackupError::Corrupt { .. })));
}
