//! HTTP tests through the real router, on a real SQLite file, over a real socket.

mod access;
mod agreements;
mod assessments;
mod audit_cli;
mod backup;
mod binary;
mod briefing_packs;
mod briefing_texts;
mod cache;
mod calendar;
mod clearance;
mod client;
mod digest;
mod export_memory;
mod exports;
mod feedback;
mod figures;
mod form_patterns;
mod hardening;
mod history;
mod import;
mod list_briefing;
mod pages;
mod property;
mod restart;
mod review_queue;
mod rollups;
mod routes;
mod search;
mod sharing;
mod user_cli;

use accord::storage::audit::Actor;
use accord::storage::users;
use accord::{Level, Role};
use accord_server::auth::AccessConfig;
use accord_server::{router, startup};
use std::net::SocketAddr;
use tempfile::TempDir;

/// A running Accord on an ephemeral port with its own database, and a signed-in
/// session (an administrator cleared to TOP SECRET) that `get` and `post_form` use.
pub struct TestApp {
    pub addr: SocketAddr,
    pub pool: sqlx::SqlitePool,
    pub session: Session,
    _dir: TempDir,
}

/// A signed-in browser: its session cookie and the anti-forgery token its forms carry.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub cookie: Option<String>,
    pub csrf: String,
}

/// The password every test account has.
pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    pub async fn spawn(demo: bool) -> TestApp {
        TestApp::spawn_with(demo, AccessConfig::default()).await
    }

    /// [`TestApp::spawn`] with session settings of the test's own (short timeouts, say).
    pub async fn spawn_with(demo: bool, access: AccessConfig) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let (addr, pool) = serve(dir.path(), demo, access).await;
        let mut app = TestApp { addr, pool, session: Session::default(), _dir: dir };
        app.add_user("admin@test.example", Role::Admin, Level::TopSecret).await;
        app.session = app.sign_in("admin@test.example", PASSWORD).await;
        app
    }

    /// Adds an account with [`PASSWORD`] (no change forced), returning its id.
    pub async fn add_user(&self, email: &str, role: Role, clearance: Level) -> i64 {
        let new = users::NewUser {
            email: email.to_owned(),
            display_name: format!("Test {}", role.label()),
            role,
            clearance,
            password_hash: password_auth::generate_hash(PASSWORD),
            must_change_password: false,
        };
        let mut tx = accord::storage::begin_write(&self.pool).await.expect("begin");
        let id = users::create(&mut tx, &Actor::system("test"), &new).await.expect("add user");
        tx.commit().await.expect("commit");
        id
    }

    /// Signs in through `/sign-in` as a browser would; panics unless it worked.
    pub async fn sign_in(&self, email: &str, password: &str) -> Session {
        let response = self.try_sign_in(email, password).await;
        assert_eq!(response.status, 303, "sign-in as {email} failed: {}", response.body);
        let mut session = Session { cookie: session_cookie(&response), csrf: String::new() };
        let (_, page) = self.get_as(&session, "/account").await;
        session.csrf = csrf_in(&page).expect("a signed-in page carries the anti-forgery token");
        session
    }

    /// Posts the sign-in form (after fetching it for its token), answer unfollowed.
    pub async fn try_sign_in(&self, email: &str, password: &str) -> client::Response {
        let form = client::send(self.addr, "GET", "/sign-in", None).await;
        let cookie = session_cookie(&form);
        let csrf = csrf_in(&form.body).expect("the sign-in form carries a token");
        let blank = Session { cookie, csrf };
        self.post_as(&blank, "/sign-in", &[("email", email), ("password", password)]).await
    }

    /// Where the server looks for the built site (empty until a test writes to it).
    pub fn site_root(&self) -> std::path::PathBuf {
        self._dir.path().join("site")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// GETs a page as the signed-in administrator, returning its status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        self.get_as(&self.session, path).await
    }

    /// GETs a page in `session` (a default `Session` is a signed-out visitor).
    pub async fn get_as(&self, session: &Session, path: &str) -> (u16, String) {
        let response = client::send_with(self.addr, "GET", path, None, &session.headers()).await;
        (response.status, response.body)
    }

    /// POSTs a form as the signed-in administrator's browser without JavaScript would
    /// (anti-forgery token added, redirects not followed).
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> client::Response {
        self.post_as(&self.session, path, pairs).await
    }

    /// POSTs `body` exactly as given (non-UTF-8 bytes, any content type, as `headers`
    /// say) in the signed-in session, with `&csrf_token=…` appended to the body.
    pub async fn post_raw(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> client::Response {
        let mut body = body.to_vec();
        body.extend_from_slice(format!("&csrf_token={}", self.session.csrf).as_bytes());
        let mut all = self.session.headers();
        all.extend_from_slice(headers);
        client::send_raw(self.addr, "POST", path, &all, &body).await
    }

    /// POSTs a form in `session`, with its anti-forgery token.
    pub async fn post_as(
        &self,
        session: &Session,
        path: &str,
        pairs: &[(&str, &str)],
    ) -> client::Response {
        let mut with_token: Vec<(&str, &str)> = pairs.to_vec();
        with_token.push(("csrf_token", session.csrf.as_str()));
        client::send_with(self.addr, "POST", path, Some(&with_token), &session.headers()).await
    }
}

/// Starts a server on the data directory `dir` (what `accord serve` does), on an
/// ephemeral port: its address and database pool.
pub async fn serve(
    dir: &std::path::Path,
    demo: bool,
    access: AccessConfig,
) -> (SocketAddr, sqlx::SqlitePool) {
    let pool = startup::prepare_database(dir, demo).await.expect("database");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app =
        router::build_with(pool.clone(), router::leptos_options(&dir.join("site"), addr), access)
            .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (addr, pool)
}

impl Session {
    /// The request headers that carry this session (none when signed out).
    pub fn headers(&self) -> Vec<(&str, &str)> {
        self.cookie.iter().map(|cookie| ("Cookie", cookie.as_str())).collect()
    }
}

/// `name=value` of the session cookie a response set, if it set one.
pub fn session_cookie(response: &client::Response) -> Option<String> {
    response
        .headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .find_map(|(_, v)| v.split(';').next().filter(|c| c.starts_with("accord-session=")))
        .map(str::to_owned)
}

/// The anti-forgery token in a page's first form.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf_token\"")?;
    let value = html[at..].split("value=\"").nth(1)?;
    Some(value[..value.find('"')?].to_owned())
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
    element_text(html, &format!("data-test=\"{test}\""))
}

/// The text of the first element whose opening tag holds `marker` (`<th`, a class),
/// tags stripped and white space collapsed.
pub fn element_text(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)?;
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
