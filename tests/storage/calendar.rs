//! The review calendar: the events of a fixed range within each clearance (effective
//! markings, ended and closed records left out), and personal feeds whose tokens the
//! database never holds.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::agreements::actor;
use super::writes::committed;
use accord::calendar::{CalendarEvent, EventKind, EventRecord};
use accord::storage::calendar::{self, feeds};
use accord::storage::StorageError;
use accord::{Classification, Clearance, Level};
use sqlx::SqlitePool;
use time::macros::date;
use time::Date;

const FROM: Date = date!(2026 - 12 - 01);
const TO: Date = date!(2027 - 03 - 31);

async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    level: &str,
    status: &str,
    review: Option<&str>,
    expires: Option<&str>,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, classification,
             next_review_on, expires_on)
         VALUES (?1, 'Title of ' || ?1, 'treaty', 1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(reference)
    .bind(status)
    .bind(level)
    .bind(review)
    .bind(expires)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn commitment(
    pool: &SqlitePool,
    agreement: i64,
    (level, caveat): (&str, Option<&str>),
    status: &str,
    due: Option<&str>,
    review: Option<&str>,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, status, due_on,
             next_review_on, classification, caveat)
         VALUES (?1, 'GB', 'Commitment text', 'returns', ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(agreement)
    .bind(status)
    .bind(due)
    .bind(review)
    .bind(level)
    .bind(caveat)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn arrangement(pool: &SqlitePool, reference: &str, level: &str, status: &str, review: &str) {
    sqlx::query(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body,
             direction, status, classification, next_review_on)
         VALUES (?1, 'Arrangement', (SELECT min(id) FROM uk_bodies), 'LY', 'Coastguard', 'two_way',
                 ?2, ?3, ?4)",
    )
    .bind(reference)
    .bind(status)
    .bind(level)
    .bind(review)
    .execute(pool)
    .await
    .unwrap();
}

/// Records with dates in and out of [`FROM`]..[`TO`], at every level.
async fn seed(pool: &SqlitePool) {
    let official =
        agreement(pool, "CAL-OFF", "official", "in_force", Some("2026-12-10"), Some("2027-03-01"))
            .await;
    let secret = agreement(pool, "CAL-SEC", "secret", "in_force", Some("2026-12-11"), None).await;
    agreement(pool, "CAL-TS", "top_secret", "signed", Some("2026-12-12"), None).await;
    // Ended: its review and expiry are no longer events.
    agreement(pool, "CAL-END", "official", "terminated", Some("2026-12-13"), Some("2026-12-14"))
        .await;
    // Outside the range, on either side.
    agreement(pool, "CAL-LATE", "official", "in_force", Some("2027-04-01"), Some("2026-11-30"))
        .await;
    let plain = ("official", None);
    commitment(pool, official, plain, "not_started", Some("2026-12-20"), Some("2026-12-21")).await;
    // OFFICIAL under SECRET: SECRET for every reader.
    commitment(pool, secret, plain, "in_progress", Some("2026-12-22"), None).await;
    // Met: no longer due; withdrawn: no longer reviewed.
    commitment(pool, official, plain, "met", Some("2026-12-23"), None).await;
    commitment(pool, official, plain, "withdrawn", None, Some("2026-12-24")).await;
    commitment(pool, official, ("official", Some("SENSITIVE")), "met", None, Some("2026-12-25"))
        .await;
    arrangement(pool, "CAL-SH-OFF", "official", "active", "2026-12-26").await;
    arrangement(pool, "CAL-SH-SEC", "secret", "active", "2026-12-27").await;
    arrangement(pool, "CAL-SH-END", "official", "ended", "2026-12-28").await;
}

fn summary(events: &[CalendarEvent]) -> Vec<(String, &'static str, String)> {
    events.iter().map(|e| (accord::dates::iso(e.date), e.kind.code(), e.name())).collect()
}

#[tokio::test]
async fn each_clearance_gets_exactly_the_events_it_may_see_in_date_order() {
    let (_dir, pool) = super::fresh().await;
    seed(&pool).await;
    let official = calendar::events(&pool, FROM, TO, Clearance(Level::Official)).await.unwrap();
    let names: Vec<String> = official.iter().map(|e| e.name()).collect();
    let c = |reference: &str| names.iter().find(|n| n.starts_with(reference)).cloned().unwrap();
    let commitment = c("CAL-OFF commitment");
    let expected_official = vec![
        ("2026-12-10".to_owned(), "review_due", "CAL-OFF".to_owned()),
        ("2026-12-20".to_owned(), "commitment_due", commitment.clone()),
        ("2026-12-21".to_owned(), "review_due", commitment),
        ("2026-12-25".to_owned(), "review_due", names[3].clone()),
        ("2026-12-26".to_owned(), "review_due", "CAL-SH-OFF".to_owned()),
        ("2027-03-01".to_owned(), "agreement_expires", "CAL-OFF".to_owned()),
    ];
    assert_eq!(summary(&official), expected_official);
    assert_eq!(
        official[3].marking,
        Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned()))
    );
    assert!(official.iter().all(|e| e.marking.level == Level::Official));

    let secret = calendar::events(&pool, FROM, TO, Clearance(Level::Secret)).await.unwrap();
    assert_eq!(secret.len(), 9, "{:#?}", summary(&secret));
    let under_secret = secret
        .iter()
        .find(|e| e.kind == EventKind::CommitmentDue && e.reference == "CAL-SEC")
        .unwrap();
    assert_eq!(under_secret.record, EventRecord::Commitment);
    assert_eq!(under_secret.marking.level, Level::Secret, "the agreement's marking, the higher");
    assert!(secret.iter().all(|e| e.reference != "CAL-TS"));

    let top = calendar::events(&pool, FROM, TO, Clearance::HIGHEST).await.unwrap();
    assert_eq!(top.len(), 10);
    assert!(top.windows(2).all(|w| w[0].date <= w[1].date), "in date order");

    // The range is inclusive at both ends.
    let one_day = date!(2026 - 12 - 10);
    let day = calendar::events(&pool, one_day, one_day, Clearance::HIGHEST).await.unwrap();
    assert_eq!(summary(&day), vec![("2026-12-10".to_owned(), "review_due", "CAL-OFF".to_owned())]);
}

#[tokio::test]
async fn a_tally_counts_what_the_events_hold_and_a_day_pages_through_its_events() {
    let (_dir, pool) = super::fresh().await;
    seed(&pool).await;
    // A second and third event on 10 December, beside CAL-OFF's review.
    arrangement(&pool, "CAL-SH-TWO", "official", "active", "2026-12-10").await;
    arrangement(&pool, "CAL-SH-SEC2", "secret", "active", "2026-12-10").await;
    // A second commitment due on 20 December, added later but first by reference: a
    // day's first few come in the day's order, not the order they were added.
    let earlier = agreement(&pool, "CAL-AAA", "official", "in_force", None, None).await;
    commitment(&pool, earlier, ("official", None), "in_progress", Some("2026-12-20"), None).await;
    for level in [Level::Official, Level::Secret, Level::TopSecret] {
        let clearance = Clearance(level);
        let all = calendar::events(&pool, FROM, TO, clearance).await.unwrap();
        let tally = calendar::tally(&pool, FROM, TO, clearance).await.unwrap();
        let mut counted: Vec<(Date, i64)> = Vec::new();
        for event in &all {
            match counted.last_mut() {
                Some((date, n)) if *date == event.date => *n += 1,
                _ => counted.push((event.date, 1)),
            }
        }
        let days: Vec<(Date, i64)> = tally.days.iter().map(|d| (d.date, d.events)).collect();
        assert_eq!(days, counted, "{level:?}");
        assert_eq!(tally.marking, accord::calendar::page_marking(&all), "{level:?}");
        // The first of each day, then the second of each day that has one.
        let first = calendar::shown(&pool, FROM, TO, clearance, 0, 1).await.unwrap();
        let expected: Vec<&CalendarEvent> =
            counted.iter().map(|(date, _)| all.iter().find(|e| e.date == *date).unwrap()).collect();
        assert_eq!(first.iter().collect::<Vec<_>>(), expected, "{level:?}");
        let second = calendar::shown(&pool, FROM, TO, clearance, 1, 1).await.unwrap();
        let expected: Vec<&CalendarEvent> = counted
            .iter()
            .filter(|(_, n)| *n > 1)
            .map(|(date, _)| all.iter().filter(|e| e.date == *date).nth(1).unwrap())
            .collect();
        assert_eq!(second.iter().collect::<Vec<_>>(), expected, "{level:?}");
    }
    let tenth = date!(2026 - 12 - 10);
    let official = calendar::tally(&pool, tenth, tenth, Clearance(Level::Official)).await.unwrap();
    assert_eq!(official.total(), 2, "the SECRET arrangement is not counted");
    let secret = calendar::tally(&pool, tenth, tenth, Clearance(Level::Secret)).await.unwrap();
    assert_eq!(secret.total(), 3);
    assert_eq!(secret.marking.level, Level::Secret);
}

async fn user(pool: &SqlitePool, email: &str, clearance: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, clearance, password_hash)
         VALUES (?1, 'Feed Reader', 'reviewer', ?2, 'x') RETURNING id",
    )
    .bind(email)
    .bind(clearance)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn renew(pool: &SqlitePool, user: i64, token: &str, titles: Option<bool>) {
    committed(pool, async |tx| feeds::renew(tx, &actor(), user, token, titles).await)
        .await
        .unwrap();
}

/// Every byte Accord keeps for `pool`'s database (file, journal), as text.
fn stored_bytes(dir: &std::path::Path) -> String {
    let mut all = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                all.extend(std::fs::read(&path).unwrap());
            }
        }
    }
    assert!(!all.is_empty(), "the database is on disk");
    String::from_utf8_lossy(&all).into_owned()
}

#[tokio::test]
async fn a_feed_token_is_stored_only_as_its_hash_and_renewing_retires_the_old_one() {
    let (dir, pool) = super::fresh().await;
    let id = user(&pool, "feed@test.example", "secret").await;
    let first = "first-token-q3JvbWl0aGVfdG9rZW5fZmlyc3Rfb25lX3Rlc3Q";
    renew(&pool, id, first, None).await;

    let stored: String =
        sqlx::query_scalar("SELECT token_hash FROM calendar_feeds").fetch_one(&pool).await.unwrap();
    assert_eq!(stored, feeds::token_hash(first));
    assert_eq!(stored.len(), 64, "SHA-256 in hex");
    assert!(!stored_bytes(dir.path()).contains(first), "the token itself is nowhere on disk");
    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT coalesce(before_json, '') || coalesce(after_json, '') FROM audit_log
          WHERE entity = 'calendar_feed'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(audit.len(), 1, "the feed's creation is audited");
    assert!(audit.iter().all(|a| !a.contains(first) && !a.contains(&stored)));

    let reader = feeds::reader(&pool, first).await.unwrap().unwrap();
    assert_eq!((reader.user_id, reader.clearance), (id, Clearance(Level::Secret)));
    assert!(!reader.include_titles, "titles are off unless chosen");
    assert_eq!(feeds::reader(&pool, "a-wrong-token").await.unwrap(), None);
    assert_eq!(feeds::reader(&pool, &stored).await.unwrap(), None, "the hash opens nothing");

    let second = "second-token-c2Vjb25kX3Rva2VuX2Zvcl9yZW5ld2FsX3Rlc3Q";
    committed(&pool, async |tx| feeds::set_titles(tx, &actor(), id, true).await).await.unwrap();
    renew(&pool, id, second, None).await;
    assert_eq!(feeds::reader(&pool, first).await.unwrap(), None, "the old token is dead");
    let renewed = feeds::reader(&pool, second).await.unwrap().unwrap();
    assert!(renewed.include_titles, "renewing keeps the titles setting");
    let settings = feeds::settings(&pool, id).await.unwrap().unwrap();
    assert!(settings.include_titles);
    assert!(!stored_bytes(dir.path()).contains(second));

    // The clearance is read at each request; a disabled account's feed stops.
    sqlx::query("UPDATE users SET clearance = 'official' WHERE id = ?1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let lowered = feeds::reader(&pool, second).await.unwrap().unwrap();
    assert_eq!(lowered.clearance, Clearance(Level::Official));
    sqlx::query("UPDATE users SET active = 0 WHERE id = ?1").bind(id).execute(&pool).await.unwrap();
    assert_eq!(feeds::reader(&pool, second).await.unwrap(), None);
    sqlx::query("UPDATE users SET active = 1 WHERE id = ?1").bind(id).execute(&pool).await.unwrap();

    committed(&pool, async |tx| feeds::stop(tx, &actor(), id).await).await.unwrap();
    assert_eq!(feeds::reader(&pool, second).await.unwrap(), None, "a stopped feed is gone");
    let again = committed(&pool, async |tx| feeds::stop(tx, &actor(), id).await).await;
    assert!(matches!(again, Err(StorageError::NotFound)));
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'calendar_feed'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 4, "create, titles, renew, stop");
}
