//! E-mail digests against a real SMTP server (an in-process sink on a TCP port): the
//! right references and nothing above OFFICIAL arrive, a refused connection records
//! nothing and a later round sends, `accord digest send` does one round, and the
//! account page switches digests off.

mod sink;

use crate::TestApp;
use accord::storage::digests;
use accord::{Level, Role};
use accord_server::digest::{self, Mailer, Round};
use sink::Sink;
use sqlx::SqlitePool;
use std::time::Duration;
use time::Date;

/// The fixture's dates are relative to the real today, which the task uses.
fn today() -> Date {
    accord::dates::today()
}
const OLIVE: &str = "olive@test.example";
const SAM: &str = "sam@test.example";

fn day(offset: i64) -> Date {
    today().saturating_add(time::Duration::days(offset))
}

/// An agreement with Libya owned by `owner`, marked `level` (and `caveat`).
async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    title: &str,
    (level, caveat): (&str, Option<&str>),
    owner: &str,
    review: Date,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, owner, classification, caveat, next_review_on)
         VALUES (?1, ?2, 'joint_action_plan', 0, 'in_force', ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(reference)
    .bind(title)
    .bind(owner)
    .bind(level)
    .bind(caveat)
    .bind(review)
    .fetch_one(pool)
    .await
    .expect("insert agreement")
}

/// An open OFFICIAL commitment under `agreement_id`, owned by `owner`, due on `due`.
async fn commitment(
    pool: &SqlitePool,
    agreement_id: i64,
    text: &str,
    owner: &str,
    due: Date,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, owner, status, due_on)
         VALUES (?1, 'LY', ?2, 'returns', ?3, 'in_progress', ?4) RETURNING id",
    )
    .bind(agreement_id)
    .bind(text)
    .bind(owner)
    .bind(due)
    .fetch_one(pool)
    .await
    .expect("insert commitment")
}

/// Olive (OFFICIAL) and Sam (SECRET), and records for both. Returns their ids.
async fn fixture(app: &TestApp) -> (i64, i64) {
    let olive = app.add_user(OLIVE, Role::Viewer, Level::Official).await;
    let sam = app.add_user(SAM, Role::Reviewer, Level::Secret).await;
    let pool = &app.pool;
    let official = ("official", None);
    agreement(pool, "DIG-OFF-1", "Plain official title", official, OLIVE, day(1)).await;
    let secret =
        agreement(pool, "DIG-SEC-1", "Secret operation Nightjar", ("secret", None), SAM, day(-2))
            .await;
    // Olive owns a commitment under the SECRET agreement: above her clearance.
    commitment(pool, secret, "Hidden commitment Kestrel", OLIVE, day(3)).await;
    let sensitive = ("official", Some("SENSITIVE"));
    agreement(pool, "DIG-SEN-1", "Sensitive title Merlin", sensitive, SAM, day(7)).await;
    (olive, sam)
}

fn mailer(url: &str, app: &TestApp) -> Mailer {
    Mailer::new(url, "Accord <accord@test.example>", &app.url("")).expect("mailer")
}

#[tokio::test]
async fn the_digest_reaches_the_smtp_sink_with_references_and_nothing_above_official() {
    let app = TestApp::spawn(false).await;
    let (olive, sam) = fixture(&app).await;
    let sink = Sink::start().await;
    let mailer = mailer(&sink.url(), &app);

    let round = digest::send_round(&app.pool, &mailer, today()).await.expect("round");
    assert_eq!(round, Round { sent: 2, failed: 0, empty: 1 }, "the administrator has nothing due");

    let to_olive = sink.mails_to(OLIVE);
    assert_eq!(to_olive.len(), 1);
    assert_eq!(to_olive[0].from, "accord@test.example", "the envelope sender is --smtp-from");
    let text = to_olive[0].text();
    assert!(
        text.contains("DIG-OFF-1: Plain official title"),
        "an OFFICIAL title may appear: {text}"
    );
    assert!(text.contains(&app.url("/agreements/")), "{text}");
    for hidden in ["DIG-SEC-1", "Nightjar", "Kestrel", "DIG-SEN-1", "Merlin"] {
        assert!(!text.contains(hidden), "{hidden} is above Olive's clearance or not hers: {text}");
    }
    assert_eq!(
        to_olive[0].header("Subject").as_deref(),
        Some("Accord reminders: 1 due in the next 7 days")
    );

    let to_sam = sink.mails_to(SAM);
    assert_eq!(to_sam.len(), 1);
    let text = to_sam[0].text();
    assert!(text.contains("- DIG-SEC-1\n"), "the SECRET agreement by reference only: {text}");
    assert!(text.contains("- DIG-SEN-1\n"), "OFFICIAL-SENSITIVE by reference only: {text}");
    let overdue = format!("Review was due on {}", accord::dates::long(day(-2)));
    assert!(text.contains(&overdue), "{text}");
    for secret in ["Nightjar", "Merlin", "Kestrel", "Plain official title"] {
        assert!(!text.contains(secret), "{secret} must not leave Accord: {text}");
    }
    let whole = to_sam[0].data.clone();
    assert!(!whole.contains("Nightjar") && !whole.contains("Merlin"), "not in the headers either");

    for user in [olive, sam] {
        assert!(digests::delivered(&app.pool, user, today()).await.expect("read"));
    }
    let again = digest::send_round(&app.pool, &mailer, today()).await.expect("round");
    assert_eq!(again, Round { sent: 0, failed: 0, empty: 1 }, "at most one a day");
    assert_eq!(sink.mails().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_records_nothing_and_a_later_round_sends() {
    let app = TestApp::spawn(false).await;
    let (olive, _) = fixture(&app).await;
    // A port that was free a moment ago: nothing listens there until the sink does.
    let addr =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port");
    let mailer = mailer(&format!("smtp://{addr}"), &app);

    let round = digest::send_round(&app.pool, &mailer, today()).await.expect("round");
    assert_eq!((round.sent, round.failed), (0, 2));
    assert!(!digests::delivered(&app.pool, olive, today()).await.expect("read"));

    // The task: a round at once (refused again), then every 100 ms until one sends.
    let task = tokio::spawn(digest::run(app.pool.clone(), mailer, Duration::from_millis(100)));
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(!digests::delivered(&app.pool, olive, today()).await.expect("read"));
    let sink = Sink::start_on(addr).await;
    let mut delivered = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        delivered = digests::delivered(&app.pool, olive, today()).await.expect("read");
        if delivered {
            break;
        }
    }
    task.abort();
    assert!(delivered, "the task sent the digest once the mail server came up");
    assert_eq!(sink.mails_to(OLIVE).len(), 1);
}

#[tokio::test]
async fn accord_digest_send_runs_one_round() {
    let app = TestApp::spawn(false).await;
    fixture(&app).await;
    let sink = Sink::start().await;
    let data_dir = app.site_root().parent().expect("data dir").to_owned();
    let day = accord::dates::iso(today());
    let send = |url: String| {
        let (data_dir, day) = (data_dir.clone(), day.clone());
        async move {
            tokio::process::Command::new(env!("CARGO_BIN_EXE_accord"))
                .args(["digest", "send", "--today", &day, "--smtp-url", &url, "--data-dir"])
                .arg(&data_dir)
                .env("RUST_LOG", "off")
                .output()
                .await
                .expect("run accord digest send")
        }
    };
    let out = send(sink.url()).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&format!("{day}: 2 sent, 0 not sent")), "{stdout}");
    assert_eq!(sink.mails().len(), 2);
    let out = send(sink.url()).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 sent"), "once a day");
    assert_eq!(sink.mails().len(), 2);
}

#[tokio::test]
async fn switching_reminders_off_on_the_account_page_stops_the_digest() {
    let app = TestApp::spawn(false).await;
    let (olive, _) = fixture(&app).await;
    let session = app.sign_in(OLIVE, crate::PASSWORD).await;
    let (status, page) = app.get_as(&session, "/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("E-mail reminders"), "{page}");
    assert_eq!(crate::data_test(&page, "digest-state").as_deref(), Some("On"));

    let answer = app.post_as(&session, "/account/digest", &[("digest", "off")]).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), Some("/account"));
    let (_, page) = app.get_as(&session, "/account").await;
    assert!(page.contains("E-mail reminders switched off"), "a success banner");
    assert_eq!(crate::data_test(&page, "digest-state").as_deref(), Some("Off"));
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?1 AND after_json LIKE '%digest_enabled%'",
    )
    .bind(olive.to_string())
    .fetch_one(&app.pool)
    .await
    .expect("audit");
    assert_eq!(audited, 1);

    // Without the anti-forgery token nothing changes.
    let forged = crate::Session { csrf: "forged".to_owned(), ..session.clone() };
    let refused = app.post_as(&forged, "/account/digest", &[("digest", "on")]).await;
    assert_ne!(refused.status, 303);
    assert!(!digests::settings(&app.pool, olive).await.expect("read").enabled);

    let sink = Sink::start().await;
    let round =
        digest::send_round(&app.pool, &mailer(&sink.url(), &app), today()).await.expect("round");
    assert_eq!(round.sent, 1, "Sam's only");
    assert!(sink.mails_to(OLIVE).is_empty());
    assert!(!digests::delivered(&app.pool, olive, today()).await.expect("read"));

    let answer = app.post_as(&session, "/account/digest", &[("digest", "on")]).await;
    assert_eq!(answer.status, 303);
    let (_, page) = app.get_as(&session, "/account").await;
    assert_eq!(crate::data_test(&page, "digest-state").as_deref(), Some("On"));
}
