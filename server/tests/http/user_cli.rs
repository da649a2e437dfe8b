//! `accord user …`: the operator's account commands, run as the built binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn accord(dir: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env("RUST_LOG", "warn")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run accord");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn add(dir: &std::path::Path, email: &str, role: &str, clearance: &str, password: &str) -> Output {
    let args = [
        "user",
        "add",
        "--email",
        email,
        "--name",
        "Ann Operator",
        "--role",
        role,
        "--clearance",
        clearance,
        "--password-stdin",
    ];
    accord(dir, &args, &format!("{password}\n"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn add_list_change_and_refuse() {
    let dir = tempfile::tempdir().expect("dir");
    let secret = "operator chosen passphrase";
    let added = add(dir.path(), "ann@test.example", "editor", "secret", secret);
    assert!(added.status.success(), "{}", text(&added));
    assert!(!text(&added).contains(secret), "the password is never printed");

    // Each refusal: exit ≠ 0 and one clear line.
    for (email, role, clearance, password, says) in [
        ("ann@test.example", "editor", "secret", secret, "already exists"),
        ("bob@test.example", "boss", "secret", secret, "unknown role"),
        ("bob@test.example", "viewer", "cosmic", secret, "unknown clearance"),
        ("bob@test.example", "viewer", "official", "password1234", "too common"),
        ("bob@test.example", "viewer", "official", "short", "12 characters"),
    ] {
        let refused = add(dir.path(), email, role, clearance, password);
        assert!(!refused.status.success(), "{email} {role} {clearance}");
        let err = String::from_utf8_lossy(&refused.stderr).into_owned();
        assert!(err.contains(says), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }

    let listed = accord(dir.path(), &["user", "list"], "");
    assert!(text(&listed).contains("ann@test.example") && !text(&listed).contains("bob@"));
    let changed = accord(
        dir.path(),
        &["user", "set-clearance", "--email", "ann@test.example", "top_secret"],
        "",
    );
    assert!(
        changed.status.success() && text(&changed).contains("TOP SECRET"),
        "{}",
        text(&changed)
    );
    let disabled = accord(dir.path(), &["user", "disable", "--email", "ann@test.example"], "");
    assert!(disabled.status.success());
    assert!(text(&accord(dir.path(), &["user", "list"], "")).contains("disabled"));
    let reset = accord(dir.path(), &["user", "reset-password", "--email", "ann@test.example"], "");
    assert!(reset.status.success() && text(&reset).contains("one-time password"));
    let missing = accord(dir.path(), &["user", "enable", "--email", "nobody@test.example"], "");
    assert!(!missing.status.success() && text(&missing).contains("no account"));
}
