//! HTTP tests through the real router, on a real SQLite file, over a real socket.

mod agreements;
mod audit_cli;
mod binary;
mod cache;
mod client;
mod pages;
mod routes;
mod search;
mod sharing;

use accord_server::{router, startup};
use std::net::SocketAddr;
use tempfile::TempDir;

/// A running Accord on an ephemeral port with its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub pool: sqlx::SqlitePool,
    _dir: TempDir,
}

impl TestApp {
    pub async fn spawn(demo: bool) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = startup::prepare_database(dir.path(), demo).await.expect("database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let site_root = dir.path().join("site");
        let app = router::build(pool.clone(), router::leptos_options(&site_root, addr));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        TestApp { addr, pool, _dir: dir }
    }

    /// Where the server looks for the built site (empty until a test writes to it).
    pub fn site_root(&self) -> std::path::PathBuf {
        self._dir.path().join("site")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// GETs a page, returning its status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = client::send(self.addr, "GET", path, None).await;
        (response.status, response.body)
    }

    /// POSTs a form as a browser without JavaScript would (redirects not followed).
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> client::Response {
        client::send(self.addr, "POST", path, Some(pairs)).await
    }
}

/// `form` with `name` set to `value` (any earlier values of `name` dropped).
pub fn with(
    mut form: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    form.retain(|(k, _)| *k != name);
    form.push((name, value.to_owned()));
    form
}

/// POSTs `form` to `path` as a browser without JavaScript would.
pub async fn post(app: &TestApp, path: &str, form: &[(&'static str, String)]) -> client::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &pairs).await
}

/// The text of the element carrying `data-test="{test}"` (first match), tags stripped.
pub fn data_test(html: &str, test: &str) -> Option<String> {
    let marker = format!("data-test=\"{test}\"");
    let start = html.find(&marker)?;
    let open_end = start + html[start..].find('>')? + 1;
    let mut depth = 0usize;
    let mut out = String::new();
    let mut rest = &html[open_end..];
    loop {
        let lt = rest.find('<')?;
        out.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>')? + lt;
        let tag = &rest[lt..=gt];
        if tag.starts_with("</") {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if !tag.ends_with("/>") && !tag.starts_with("<!") {
            depth += 1;
        }
        rest = &rest[gt + 1..];
    }
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}
