//! A restart signs nobody out: sessions live in the database, not in the process.

use crate::{serve, TestApp, PASSWORD};
use accord::{Level, Role};
use accord_server::auth::AccessConfig;

#[tokio::test]
async fn a_session_outlives_the_server_that_made_it() {
    let app = TestApp::spawn(false).await;
    app.add_user("ed@test.example", Role::Editor, Level::Secret).await;
    let session = app.sign_in("ed@test.example", PASSWORD).await;

    // A second server on the same data directory, as after a restart: nothing of
    // the first one's memory, only the database file.
    let (addr, _pool) = serve(app._dir.path(), false, AccessConfig::default()).await;
    let restarted = TestApp {
        addr,
        pool: app.pool.clone(),
        session: session.clone(),
        _dir: tempfile::tempdir().expect("dir"),
    };
    let (status, page) = restarted.get("/account").await;
    assert_eq!(status, 200, "still signed in after the restart");
    assert!(page.contains("ed@test.example"), "as the same user");

    // And signing out on the new server ends the session for both.
    let out = restarted.post_form("/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    let (status, _) = app.get_as(&session, "/account").await;
    assert_eq!(status, 303, "the old server sees the session gone too");
}
