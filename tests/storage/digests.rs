//! E-mail digests: whose records go in a user's digest at a fixed today (owner,
//! reviewer, the 7-day window, overdue, clearance), at most one delivery a day, and
//! the on/off preference.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use accord::domain::digest::{Digest, DigestDate, DigestItem, DigestRecord};
use accord::storage::audit::Actor;
use accord::storage::digests::{self, Recipient};
use accord::storage::users::{self, NewUser};
use accord::{Level, Role};
use sqlx::SqlitePool;
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 12 - 01);

fn day(offset: i64) -> Date {
    TODAY.saturating_add(Duration::days(offset))
}

async fn user(pool: &SqlitePool, email: &str, name: &str, clearance: Level) -> Recipient {
    let new = NewUser {
        email: email.to_owned(),
        display_name: name.to_owned(),
        role: Role::Reviewer,
        clearance,
        password_hash: "not used".to_owned(),
        must_change_password: false,
    };
    let mut tx = accord::storage::begin_write(pool).await.unwrap();
    let user_id = users::create(&mut tx, &Actor::system("test"), &new).await.unwrap();
    tx.commit().await.unwrap();
    Recipient { user_id, email: email.to_owned(), display_name: name.to_owned(), clearance }
}

/// An agreement with Libya, inserted directly: the digest reads only these columns.
async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    level: &str,
    owner: &str,
    status: &str,
    review: Option<Date>,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, owner, classification, next_review_on)
         VALUES (?1, 'Title of ' || ?1, 'joint_action_plan', 0, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(reference)
    .bind(status)
    .bind(owner)
    .bind(level)
    .bind(review)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A commitment (text "Text of {text}") under `agreement_id`.
#[expect(clippy::too_many_arguments, reason = "one fixture row, every column named")]
async fn commitment(
    pool: &SqlitePool,
    agreement_id: i64,
    text: &str,
    (level, caveat): (&str, Option<&str>),
    owner: &str,
    reviewer: Option<i64>,
    status: &str,
    (due, review): (Option<Date>, Option<Date>),
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, owner, reviewer_id,
                                  status, due_on, next_review_on, classification, caveat)
         VALUES (?1, 'LY', 'Text of ' || ?2, 'returns', ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
    )
    .bind(agreement_id)
    .bind(text)
    .bind(owner)
    .bind(reviewer)
    .bind(status)
    .bind(due)
    .bind(review)
    .bind(level)
    .bind(caveat)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// `(record, id, date, on, title)` of each item, in the digest's order.
async fn lines(
    pool: &SqlitePool,
    who: &Recipient,
) -> Vec<(DigestRecord, i64, DigestDate, Date, Option<String>)> {
    let items = digests::items(pool, who, TODAY).await.unwrap();
    let digest = Digest::new(TODAY, items);
    digest.items.into_iter().map(|i: DigestItem| (i.record, i.id, i.date, i.on, i.title)).collect()
}

const OFFICIAL: (&str, Option<&str>) = ("official", None);

#[tokio::test]
async fn a_digest_holds_what_the_user_owns_or_reviews_within_seven_days_and_clearance() {
    use DigestDate::{Due, Review};
    use DigestRecord::{Agreement as A, Commitment as C};
    let (_dir, pool) = super::fresh().await;
    let ann = user(&pool, "ann@example.test", "Ann Owner", Level::Official).await;
    let rita = user(&pool, "rita@example.test", "Rita Reviewer", Level::Secret).await;
    let other = user(&pool, "other@example.test", "Other Person", Level::TopSecret).await;

    // Owner matched by name or e-mail in any case; the window's last day is in.
    let a1 = agreement(&pool, "DG-1", "official", "ann owner", "in_force", Some(day(7))).await;
    let _a2 = agreement(&pool, "DG-2", "official", "Ann Owner", "in_force", Some(day(8))).await;
    let a3 =
        agreement(&pool, "DG-3", "secret", "ANN@example.test", "in_force", Some(day(-3))).await;
    let _a4 = agreement(&pool, "DG-4", "official", "Ann Owner", "expired", Some(day(-10))).await;
    let a5 = agreement(&pool, "DG-5", "official", "", "in_force", None).await;

    // Rita reviews c1 (review overdue, due in two days) and c2 under a SECRET agreement.
    let c1 = commitment(
        &pool,
        a5,
        "c1",
        OFFICIAL,
        "",
        Some(rita.user_id),
        "in_progress",
        (Some(day(2)), Some(day(-1))),
    )
    .await;
    let c2 = commitment(
        &pool,
        a3,
        "c2",
        OFFICIAL,
        "Ann Owner",
        Some(rita.user_id),
        "not_started",
        (Some(day(7)), None),
    )
    .await;
    // Met: no longer due, no longer reviewed.
    let _c3 = commitment(
        &pool,
        a5,
        "c3",
        OFFICIAL,
        "Ann Owner",
        None,
        "met",
        (Some(day(-1)), Some(day(-1))),
    )
    .await;
    // OFFICIAL-SENSITIVE, owned through the e-mail address, overdue.
    let sensitive = ("official", Some("SENSITIVE"));
    let c4 = commitment(
        &pool,
        a1,
        "c4",
        sensitive,
        "ANN@EXAMPLE.TEST",
        None,
        "in_progress",
        (Some(day(-5)), Some(day(30))),
    )
    .await;
    // Partially met: its due date no longer counts, its review still does.
    let c5 = commitment(
        &pool,
        a5,
        "c5",
        OFFICIAL,
        "Ann Owner",
        None,
        "partially_met",
        (Some(day(-2)), Some(day(0))),
    )
    .await;
    // Someone else's.
    let _c6 = commitment(
        &pool,
        a5,
        "c6",
        OFFICIAL,
        "Other Person",
        Some(other.user_id),
        "in_progress",
        (Some(day(1)), None),
    )
    .await;

    let title = |text: &str| Some(text.to_owned());
    assert_eq!(
        lines(&pool, &ann).await,
        vec![
            (C, c4, Due, day(-5), None),
            (C, c5, Review, day(0), title("Text of c5")),
            (A, a1, Review, day(7), title("Title of DG-1")),
        ],
        "the SECRET agreement DG-3 and commitment c2 under it are above Ann's clearance"
    );
    assert_eq!(
        lines(&pool, &rita).await,
        vec![
            (C, c1, Review, day(-1), title("Text of c1")),
            (C, c1, Due, day(2), title("Text of c1")),
            (C, c2, Due, day(7), None),
        ],
        "a commitment under a SECRET agreement carries no title"
    );
    let rita_items = digests::items(&pool, &rita, TODAY).await.unwrap();
    assert!(rita_items.iter().all(|i| i.reviewer && !i.owner), "{rita_items:?}");
    assert_eq!(rita_items.iter().find(|i| i.id == c2).unwrap().marking.level, Level::Secret);
}

#[tokio::test]
async fn at_most_one_delivery_a_day_per_user() {
    let (_dir, pool) = super::fresh().await;
    let ann = user(&pool, "ann@example.test", "Ann Owner", Level::Official).await;
    let bob = user(&pool, "bob@example.test", "Bob Owner", Level::Official).await;
    let due = |today| {
        let pool = pool.clone();
        async move {
            let due = digests::due(&pool, today).await.unwrap();
            due.into_iter().map(|r| r.user_id).collect::<Vec<_>>()
        }
    };
    assert_eq!(due(TODAY).await, vec![ann.user_id, bob.user_id]);

    let actor = Actor::system("test digest");
    assert!(digests::record_delivery(&pool, &actor, ann.user_id, TODAY, 3).await.unwrap());
    assert!(
        !digests::record_delivery(&pool, &actor, ann.user_id, TODAY, 3).await.unwrap(),
        "a second delivery the same day is refused"
    );
    assert!(digests::delivered(&pool, ann.user_id, TODAY).await.unwrap());
    assert_eq!(due(TODAY).await, vec![bob.user_id]);
    assert_eq!(due(day(1)).await, vec![ann.user_id, bob.user_id], "a new day, a new digest");

    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM digest_deliveries")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'digest' AND entity_id = ?1",
    )
    .bind(ann.user_id.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 1, "each delivery is audited once");

    // A disabled account gets none.
    sqlx::query("UPDATE users SET active = 0 WHERE id = ?1")
        .bind(bob.user_id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(due(day(1)).await, vec![ann.user_id]);
}

#[tokio::test]
async fn switching_digests_off_takes_the_user_out_and_is_audited() {
    let (_dir, pool) = super::fresh().await;
    let ann = user(&pool, "ann@example.test", "Ann Owner", Level::Official).await;
    let before = digests::settings(&pool, ann.user_id).await.unwrap();
    assert!(before.enabled && before.last_sent_on.is_none());

    let actor = Actor::system("test");
    let mut tx = accord::storage::begin_write(&pool).await.unwrap();
    assert!(digests::set_enabled(&mut tx, &actor, ann.user_id, false).await.unwrap());
    assert!(!digests::set_enabled(&mut tx, &actor, ann.user_id, false).await.unwrap());
    tx.commit().await.unwrap();
    assert!(!digests::settings(&pool, ann.user_id).await.unwrap().enabled);
    assert!(digests::due(&pool, TODAY).await.unwrap().is_empty());
    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT after_json FROM audit_log WHERE action = 'update' AND entity = 'user' AND entity_id = ?1",
    )
    .bind(ann.user_id.to_string())
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(audited, vec![r#"{"digest_enabled":false}"#.to_owned()], "one change, one entry");

    let mut tx = accord::storage::begin_write(&pool).await.unwrap();
    assert!(digests::set_enabled(&mut tx, &actor, ann.user_id, true).await.unwrap());
    tx.commit().await.unwrap();
    digests::record_delivery(&pool, &actor, ann.user_id, TODAY, 1).await.unwrap();
    let after = digests::settings(&pool, ann.user_id).await.unwrap();
    assert!(after.enabled);
    assert_eq!(after.last_sent_on, Some(TODAY));
}
