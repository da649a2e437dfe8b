//! Accounts, sessions, roles and the hardening of sign-in, through the real router.

use super::{client, session_cookie, with, Session, TestApp, PASSWORD};
use accord::{Level, Role};
use accord_server::auth::AccessConfig;
use std::time::Duration;

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&app.pool)
        .await
        .expect("count")
}

async fn signed_in(app: &TestApp, email: &str, role: Role, clearance: Level) -> Session {
    app.add_user(email, role, clearance).await;
    app.sign_in(email, PASSWORD).await
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_and_see_nothing() {
    let app = TestApp::spawn(true).await;
    let visitor = Session::default();
    for path in [
        "/",
        "/agreements",
        "/agreements/1",
        "/partners/LY",
        "/search?q=returns",
        "/account",
        "/admin/users",
    ] {
        let response = client::send_with(app.addr, "GET", path, None, &visitor.headers()).await;
        assert_eq!(response.status, 303, "{path}");
        let to = response.header("location").unwrap_or_default();
        assert!(to.starts_with("/sign-in"), "{path} → {to}");
        assert!(
            !response.body.contains("Libya") && !response.body.contains("agreement"),
            "{path} leaked"
        );
    }
    let response =
        client::send_with(app.addr, "GET", "/agreements?status=in_force", None, &[]).await;
    assert_eq!(
        response.header("location"),
        Some("/sign-in?next=%2Fagreements%3Fstatus%3Din_force")
    );
    // Server functions answer 401 (a token-less form post to them, 403), and a
    // signed-out post writes nothing.
    let api = client::send_with(app.addr, "GET", "/api/fetch_site_info", None, &[]).await;
    assert_eq!(api.status, 401);
    assert!(!api.body.contains("illustrative"));
    let before = count(&app, "SELECT count(*) FROM agreements").await;
    let post = app.post_as(&visitor, "/agreements/new", &[("title", "x")]).await;
    assert!(post.status == 303 || post.status == 403, "{}", post.status);
    assert_eq!(count(&app, "SELECT count(*) FROM agreements").await, before);
    // The sign-in page, health and assets are public.
    let (status, html) = app.get_as(&visitor, "/sign-in").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"email\"") && html.contains("name=\"password\""));
    assert!(!html.contains("data-test=\"signed-in-as\""));
    assert_eq!(app.get_as(&visitor, "/healthz").await.0, 200);
}

#[tokio::test]
async fn sign_in_returns_to_the_page_asked_for() {
    let app = TestApp::spawn(false).await;
    app.add_user("ed@test.example", Role::Editor, Level::Secret).await;
    let form =
        client::send(app.addr, "GET", "/sign-in?next=%2Fagreements%3Fstatus%3Din_force", None)
            .await;
    let cookie = session_cookie(&form);
    let csrf = super::csrf_in(&form.body).expect("token");
    assert!(form.body.contains("value=\"/agreements?status=in_force\""), "next kept in the form");
    let session = Session { cookie: cookie.clone(), csrf };
    let response = app
        .post_as(
            &session,
            "/sign-in",
            &[
                ("email", "ED@test.example"),
                ("password", PASSWORD),
                ("next", "/agreements?status=in_force"),
            ],
        )
        .await;
    assert_eq!(response.status, 303);
    assert_eq!(response.header("location"), Some("/agreements?status=in_force"));
    // The session id is renewed at sign-in.
    let renewed = session_cookie(&response).expect("a new session cookie");
    assert_ne!(Some(renewed), cookie);
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn(false).await;
    app.add_user("known@test.example", Role::Viewer, Level::Official).await;
    let started = std::time::Instant::now();
    let unknown = app.try_sign_in("nobody@test.example", "some password here").await;
    let unknown_took = started.elapsed();
    let started = std::time::Instant::now();
    let wrong = app.try_sign_in("known@test.example", "some password here").await;
    let wrong_took = started.elapsed();
    assert_eq!(unknown.status, 401);
    assert_eq!(wrong.status, unknown.status);
    let message = "Enter a correct email address and password";
    assert!(unknown.body.contains(message) && wrong.body.contains(message));
    assert!(!wrong.body.contains("some password here"), "the password is never shown back");
    // Both hash a password: neither answers in a fraction of the other's time.
    let (fast, slow) = if unknown_took < wrong_took {
        (unknown_took, wrong_took)
    } else {
        (wrong_took, unknown_took)
    };
    assert!(
        slow < fast * 4 + Duration::from_millis(50),
        "unknown {unknown_took:?} vs wrong {wrong_took:?}"
    );
    let failures =
        count(&app, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed'").await;
    assert_eq!(failures, 2);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = TestApp::spawn(false).await;
    app.add_user("target@test.example", Role::Viewer, Level::Official).await;
    for _ in 0..5 {
        assert_eq!(
            app.try_sign_in("target@test.example", "wrong password guess").await.status,
            401
        );
    }
    // Now even the right password is refused, with a time to wait.
    let locked = app.try_sign_in("target@test.example", PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert!(locked.body.contains("Try again in 15 minutes"), "{}", locked.body);
}

#[tokio::test]
async fn one_client_address_is_throttled_after_many_failures() {
    let app = TestApp::spawn(false).await;
    for n in 0..20 {
        let response =
            app.try_sign_in(&format!("guess{n}@test.example"), "wrong password guess").await;
        assert_eq!(response.status, 401);
    }
    let throttled = app.try_sign_in("guess@test.example", "wrong password guess").await;
    assert_eq!(throttled.status, 429);
    assert!(
        throttled.body.contains("Too many failed sign-ins from your network"),
        "{}",
        throttled.body
    );
}

#[tokio::test]
async fn a_session_cookie_replayed_after_sign_out_is_refused() {
    let app = TestApp::spawn(false).await;
    let session = signed_in(&app, "out@test.example", Role::Viewer, Level::Official).await;
    assert_eq!(app.get_as(&session, "/account").await.0, 200);
    let out = app.post_as(&session, "/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), Some("/sign-in"));
    let replay = client::send_with(app.addr, "GET", "/account", None, &session.headers()).await;
    assert_eq!(replay.status, 303, "the old cookie no longer signs anyone in");
    assert_eq!(count(&app, "SELECT count(*) FROM audit_log WHERE action = 'sign_out'").await, 1);
}

#[tokio::test]
async fn idle_and_absolute_expiry_end_sessions() {
    let short = AccessConfig {
        idle_timeout: Duration::from_secs(2),
        absolute_lifetime: Duration::from_secs(5),
        ..AccessConfig::default()
    };
    let app = TestApp::spawn_with(false, short).await;
    let idle = signed_in(&app, "idle@test.example", Role::Viewer, Level::Official).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(app.get_as(&idle, "/account").await.0, 303, "idle too long");

    // A busy session outlives the idle timeout (each request moves it on) but not the
    // absolute lifetime.
    let busy = app.sign_in("idle@test.example", PASSWORD).await;
    let started = std::time::Instant::now();
    for _ in 0..14 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if app.get_as(&busy, "/account").await.0 != 200 {
            let lasted = started.elapsed();
            assert!(lasted > Duration::from_secs(3), "ended after {lasted:?}, before the lifetime");
            return;
        }
    }
    panic!("a busy session outlived its absolute lifetime");
}

#[tokio::test]
async fn disabling_or_lowering_clearance_applies_on_the_next_request() {
    use accord::storage::audit::Actor;
    use accord::storage::users::{self, Change};
    let app = TestApp::spawn(true).await;
    let id = app.add_user("lowered@test.example", Role::Viewer, Level::TopSecret).await;
    let session = app.sign_in("lowered@test.example", PASSWORD).await;
    let (_, page) = app.get_as(&session, "/account").await;
    assert!(page.contains("TOP SECRET"));

    let mut tx = accord::storage::begin_write(&app.pool).await.unwrap();
    users::change(&mut tx, &Actor::system("test"), id, &Change::Clearance(Level::Official))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (status, page) = app.get_as(&session, "/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("You see records marked up to <strong>OFFICIAL</strong>"), "{page}");

    let mut tx = accord::storage::begin_write(&app.pool).await.unwrap();
    users::change(&mut tx, &Actor::system("test"), id, &Change::Active(false)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(app.get_as(&session, "/account").await.0, 303, "a disabled account is signed out");
    assert_eq!(app.try_sign_in("lowered@test.example", PASSWORD).await.status, 401);
}

#[tokio::test]
async fn sessions_ended_outside_the_server_end_on_the_next_request() {
    // Sessions and accounts are kept in memory between commits: deleting the rows
    // (as `accord user disable` does from another process) must still end them.
    let app = TestApp::spawn(false).await;
    let id = app.add_user("ended@test.example", Role::Viewer, Level::Official).await;
    let session = app.sign_in("ended@test.example", PASSWORD).await;
    for _ in 0..3 {
        assert_eq!(app.get_as(&session, "/account").await.0, 200);
    }
    let ended = accord::storage::sessions::end_all_for_user(&app.pool, id).await.unwrap();
    assert_eq!(ended, 1);
    assert_eq!(app.get_as(&session, "/account").await.0, 303, "the ended session is gone");
}

#[tokio::test]
async fn a_one_time_password_must_be_changed_first() {
    use accord::storage::audit::Actor;
    use accord::storage::users::{self, Change};
    let app = TestApp::spawn(false).await;
    let id = app.add_user("fresh@test.example", Role::Editor, Level::Secret).await;
    let mut tx = accord::storage::begin_write(&app.pool).await.unwrap();
    let otp = password_auth::generate_hash("one time password 42");
    users::change(&mut tx, &Actor::system("test"), id, &Change::Password(otp, true)).await.unwrap();
    tx.commit().await.unwrap();

    let mut session = Session { cookie: None, csrf: String::new() };
    let response = app.try_sign_in("fresh@test.example", "one time password 42").await;
    assert_eq!(response.status, 303);
    session.cookie = session_cookie(&response);
    for path in ["/", "/agreements", "/account"] {
        let held = client::send_with(app.addr, "GET", path, None, &session.headers()).await;
        assert_eq!(held.status, 303, "{path}");
        assert_eq!(held.header("location"), Some("/account/password"), "{path}");
    }
    let (status, page) = app.get_as(&session, "/account/password").await;
    assert_eq!(status, 200);
    assert!(page.contains("data-test=\"must-change-password\""));
    session.csrf = super::csrf_in(&page).unwrap();

    // A weak or mismatched new password is refused by the field.
    let weak = app
        .post_as(
            &session,
            "/account/password",
            &[
                ("current_password", "one time password 42"),
                ("new_password", "password1234"),
                ("confirm_password", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(weak.body.contains("Password is too common"));
    let short = app
        .post_as(
            &session,
            "/account/password",
            &[
                ("current_password", "one time password 42"),
                ("new_password", "short"),
                ("confirm_password", "short"),
            ],
        )
        .await;
    assert!(short.body.contains("Password must be 12 characters or more"));

    let changed = app
        .post_as(
            &session,
            "/account/password",
            &[
                ("current_password", "one time password 42"),
                ("new_password", PASSWORD),
                ("confirm_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    assert_eq!(app.get_as(&session, "/agreements").await.0, 200);
    assert_eq!(
        count(&app, "SELECT count(*) FROM audit_log WHERE action = 'password_change'").await,
        2
    );
}

#[tokio::test]
async fn each_role_may_do_only_what_the_table_allows() {
    let app = TestApp::spawn(true).await;
    let agreement: i64 =
        sqlx::query_scalar("SELECT min(id) FROM agreements").fetch_one(&app.pool).await.unwrap();
    let sessions = [
        (Role::Viewer, signed_in(&app, "v@test.example", Role::Viewer, Level::TopSecret).await),
        (Role::Reviewer, signed_in(&app, "r@test.example", Role::Reviewer, Level::TopSecret).await),
        (Role::Editor, signed_in(&app, "e@test.example", Role::Editor, Level::TopSecret).await),
        (Role::Admin, app.session.clone()),
    ];
    let edit_pages = [
        "/agreements/new".to_owned(),
        format!("/agreements/{agreement}/edit"),
        format!("/agreements/{agreement}/commitments/new"),
        "/sharing/new".to_owned(),
        "/routes/new".to_owned(),
    ];
    for (role, session) in &sessions {
        let editor = matches!(role, Role::Editor | Role::Admin);
        for path in &edit_pages {
            let (status, _) = app.get_as(session, path).await;
            assert_eq!(status, if editor { 200 } else { 403 }, "{role:?} GET {path}");
        }
        let (status, _) = app.get_as(session, "/admin/users").await;
        assert_eq!(status == 403, *role != Role::Admin, "{role:?} /admin/users: {status}");
        // Everyone reads.
        assert_eq!(
            app.get_as(session, &format!("/agreements/{agreement}")).await.0,
            200,
            "{role:?}"
        );
        // An edit button only for those who may use it.
        let (_, page) = app.get_as(session, &format!("/agreements/{agreement}")).await;
        assert_eq!(
            page.contains(&format!("href=\"/agreements/{agreement}/edit\"")),
            editor,
            "{role:?} edit link"
        );
    }
    // A refused post writes nothing but its audit entry, and says why.
    let (_, viewer) = &sessions[0];
    let agreements = count(&app, "SELECT count(*) FROM agreements").await;
    let form = with(Vec::new(), "title", "Refused");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app.post_as(viewer, "/agreements/new", &pairs).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("You do not have permission to do that"));
    assert_eq!(count(&app, "SELECT count(*) FROM agreements").await, agreements);
    assert!(count(&app, "SELECT count(*) FROM audit_log WHERE action = 'refused'").await >= 1);
}

#[tokio::test]
async fn cross_site_and_token_less_posts_are_refused() {
    let app = TestApp::spawn(true).await;
    let before = count(&app, "SELECT count(*) FROM agreements").await;
    let mut headers = app.session.headers();
    headers.push(("Origin", "https://evil.example"));
    let pairs = [("title", "Forged"), ("csrf_token", app.session.csrf.as_str())];
    let forged =
        client::send_with(app.addr, "POST", "/agreements/new", Some(&pairs), &headers).await;
    assert_eq!(forged.status, 403);
    let mut headers = app.session.headers();
    headers.push(("Sec-Fetch-Site", "cross-site"));
    let forged =
        client::send_with(app.addr, "POST", "/agreements/new", Some(&pairs), &headers).await;
    assert_eq!(forged.status, 403);
    // Same origin but without the session's token.
    let no_token = client::send_with(
        app.addr,
        "POST",
        "/agreements/new",
        Some(&[("title", "Forged")]),
        &app.session.headers(),
    )
    .await;
    assert_eq!(no_token.status, 403);
    let wrong = [("title", "Forged"), ("csrf_token", "not-the-token")];
    let wrong_token = client::send_with(
        app.addr,
        "POST",
        "/agreements/new",
        Some(&wrong),
        &app.session.headers(),
    )
    .await;
    assert_eq!(wrong_token.status, 403);
    assert_eq!(count(&app, "SELECT count(*) FROM agreements").await, before);
}

#[tokio::test]
async fn every_page_carries_a_nonce_policy_without_unsafe_inline() {
    let app = TestApp::spawn(true).await;
    for path in ["/", "/agreements", "/partners/LY", "/account", "/sign-in"] {
        let response = client::send_with(app.addr, "GET", path, None, &app.session.headers()).await;
        let policy = response.header("content-security-policy").unwrap_or_default().to_owned();
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        for part in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "'wasm-unsafe-eval'",
        ] {
            assert!(policy.contains(part), "{path}: {policy} lacks {part}");
        }
        if response.status == 200 && response.body.contains("<script") {
            let nonce = policy
                .split("'nonce-")
                .nth(1)
                .and_then(|n| n.split('\'').next())
                .unwrap_or_default();
            assert!(!nonce.is_empty(), "{path}: scripts but no nonce in {policy}");
            assert!(
                response.body.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: script without the nonce"
            );
        }
        let cookie = response.header("set-cookie").unwrap_or("HttpOnly; SameSite=Lax");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{path}: {cookie}");
    }
}

#[tokio::test]
async fn administrators_see_one_account_and_the_filtered_audit_log() {
    let app = TestApp::spawn(false).await;
    let id = app.add_user("shown@test.example", Role::Reviewer, Level::Secret).await;
    let (status, page) = app.get(&format!("/admin/users/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("shown@test.example") && page.contains("Reviewer"));
    assert_eq!(app.get("/admin/users/999999").await.0, 404);
    let (status, log) = app.get("/admin/audit?action=sign_in").await;
    assert_eq!(status, 200);
    assert!(log.contains("1 entries"), "one sign-in so far");
    assert!(log.contains("data-test=\"audit-row\""));
    let (_, none) = app.get("/admin/audit?action=sign_out").await;
    assert!(none.contains("0 entries"));
    let viewer = {
        app.add_user("v2@test.example", Role::Viewer, Level::TopSecret).await;
        app.sign_in("v2@test.example", PASSWORD).await
    };
    assert_eq!(app.get_as(&viewer, "/admin/audit").await.0, 403);
    assert_eq!(app.get_as(&viewer, &format!("/admin/users/{id}")).await.0, 403);
}
