//! 100,000 commitments export as CSV with the server's memory flat: the rows stream from
//! SQLite to the socket, and the pages read are not left mapped into the server
//! (`storage::database::unmapped`). Measured from outside, on a separate `accord serve`
//! whose `/proc` status the test samples while it reads the download slowly.

use crate::{Session, TestApp, PASSWORD};
use accord::storage::demo::large::{self, Scale};
use accord::{Level, Role};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The budget: peak RSS growth during the export.
const GROWTH_LIMIT_KIB: u64 = 32 * 1024;

fn vm_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("server status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("a VmRSS line");
    line.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()).expect("VmRSS in kB")
}

/// Downloads `path` over HTTP/1.0 (the body ends when the connection closes), pausing
/// after the first read so that a server that built the whole file first would show it,
/// and sampling the server's VmRSS after every MiB. The lines of the body and the
/// highest VmRSS seen.
async fn download(addr: SocketAddr, session: &Session, path: &str, pid: u32) -> (usize, u64) {
    let mut socket = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let cookie = session.cookie.as_deref().expect("signed in");
    let request = format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\nCookie: {cookie}\r\n\r\n");
    socket.write_all(request.as_bytes()).await.expect("send the request");
    let mut buffer = vec![0u8; 64 * 1024];
    let mut head = Vec::new();
    let (mut lines, mut read, mut peak) = (0, 0usize, vm_rss_kib(pid));
    let mut in_body = false;
    loop {
        let n = socket.read(&mut buffer).await.expect("read the download");
        if n == 0 {
            break;
        }
        let mut chunk = &buffer[..n];
        if !in_body {
            head.extend_from_slice(chunk);
            let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
            let status = String::from_utf8_lossy(&head[..head.len().min(12)]).into_owned();
            assert!(status.ends_with(" 200"), "{path}: {status}");
            in_body = true;
            lines += head[end + 4..].iter().filter(|b| **b == b'\n').count();
            chunk = &[];
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            peak = peak.max(vm_rss_kib(pid));
        }
        lines += chunk.iter().filter(|b| **b == b'\n').count();
        let before = read;
        read += chunk.len();
        if read / (1 << 20) != before / (1 << 20) {
            peak = peak.max(vm_rss_kib(pid));
        }
    }
    (lines, peak.max(vm_rss_kib(pid)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_commitments_export_with_the_server_memory_flat() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let pool = accord_server::startup::prepare_database(&data, false).await.expect("database");
    let scale = Scale {
        partners: 20,
        agreements: 10_000,
        commitments_per_agreement: 10,
        sharing_arrangements: 10,
        routes: 1,
    };
    let loaded = large::load(&pool, accord::dates::today(), &scale).await.expect("load");
    assert_eq!(loaded.commitments, 100_000);
    let mut app = TestApp {
        addr: "127.0.0.1:9".parse().expect("placeholder"),
        pool,
        session: Session::default(),
        _dir: tempfile::tempdir().expect("dir"),
    };
    app.add_user("reader@test.example", Role::Admin, Level::TopSecret).await;

    let (mut server, addr) = crate::backup::serve_at(&data);
    app.addr = addr;
    let session = app.sign_in("reader@test.example", PASSWORD).await;
    // The first list page: what a reader does before exporting, and the server's lazy
    // start-up (templates, statements) out of the figure.
    assert_eq!(app.get_as(&session, "/commitments").await.0, 200);

    let mut outcome = Vec::new();
    // Every commitment; the review queue (all of it, one group after another), which
    // streams the same way.
    for (path, at_least) in [("/commitments.csv", 100_000), ("/reviews.csv", 10_000)] {
        let before = vm_rss_kib(server.id());
        let (lines, peak) = download(addr, &session, path, server.id()).await;
        outcome.push((path, at_least, lines, before, peak));
    }
    server.kill().expect("stop the server");
    server.wait().expect("wait");
    for (path, at_least, lines, before, peak) in outcome {
        // The marking and the header come before the rows.
        let rows = lines - 2;
        assert!(rows >= at_least, "{path}: {rows} rows");
        assert!(path != "/commitments.csv" || rows == 100_000, "every commitment: {rows}");
        let growth = peak.saturating_sub(before);
        assert!(
            growth <= GROWTH_LIMIT_KIB,
            "{path}: VmRSS grew {growth} KiB ({before} → {peak}) over {rows} rows"
        );
    }
}
