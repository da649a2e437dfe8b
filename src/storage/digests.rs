//! E-mail digests: who is due one today, what each holds, and the record of what was
//! delivered (`digest_deliveries`, one row per user and day, written only after the
//! mail server accepted the mail). The user's on/off preference is in [`preference`].
//!
//! "Mine" is the review queue's rule (`storage::review_queue`): records whose owner is
//! the user's display name or e-mail address, ignoring case, and commitments naming
//! the user as reviewer. Written `owner COLLATE NOCASE IN (…)`: SQLite answered
//! `owner = ? COLLATE NOCASE OR owner = ? COLLATE NOCASE` through the case-sensitive
//! index on `owner`, dropping rows that differ only in case. Records leave a digest as they leave the queue: commitments
//! once met or withdrawn, agreements once expired, terminated or superseded; a due
//! date counts only while the commitment is open (the overdue rule).

mod preference;

pub use preference::{set_enabled, settings};

use super::audit::{self, Actor};
use super::visibility::{visible, visible_levels};
use super::Result;
use crate::audit::AuditAction;
use crate::domain::digest::{window_end, DigestDate, DigestItem, DigestRecord};
use crate::{Classification, Clearance, Level};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteExecutor, SqlitePool};
use time::Date;

/// Someone due a digest today: active, digests on, none delivered yet today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub clearance: Level,
}

/// True for a plain OFFICIAL marking (columns of the alias given): the SQL twin of
/// `digest::title_may_leave`, so no other title is ever read out of the database.
macro_rules! plain_official {
    ($t:literal) => {
        concat!(
            "(",
            $t,
            ".classification = 'official' AND trim(coalesce(",
            $t,
            ".caveat, '')) = '' AND trim(coalesce(",
            $t,
            ".releasability, '')) = '')"
        )
    };
}

/// The visible commitments (rank `?1`) owned by `?2`/`?3` or reviewed by `?4`, with a
/// live review date or an open due date on or before `?5`.
const COMMITMENTS: &str = concat!(
    "WITH ",
    visible_levels!("?1"),
    " SELECT c.id, a.reference, c.due_on, c.next_review_on,
             c.status NOT IN ('met', 'withdrawn') AS reviewed,
             c.status IN ",
    open_statuses!(),
    " AS open,
             CASE WHEN ",
    plain_official!("c"),
    " AND ",
    plain_official!("a"),
    " THEN c.text END AS title,
             c.owner COLLATE NOCASE IN (?2, ?3) AS owned,
             coalesce(c.reviewer_id = ?4, 0) AS reviewing,
             c.classification, c.caveat, c.releasability,
             a.classification AS a_classification, a.caveat AS a_caveat, a.releasability AS a_releasability
        FROM commitments c JOIN agreements a ON a.id = c.agreement_id
       WHERE ",
    visible!("c.classification", "a.classification"),
    " AND (c.owner COLLATE NOCASE IN (?2, ?3) OR c.reviewer_id = ?4)
         AND ((c.status NOT IN ('met', 'withdrawn') AND c.next_review_on <= ?5)
              OR (c.status IN ",
    open_statuses!(),
    " AND c.due_on <= ?5))"
);

/// The visible agreements (rank `?1`) owned by `?2`/`?3`, still in force or coming,
/// with a next review on or before `?4`.
const AGREEMENTS: &str = concat!(
    "WITH ",
    visible_levels!("?1"),
    " SELECT a.id, a.reference, a.next_review_on,
             CASE WHEN ",
    plain_official!("a"),
    " THEN a.title END AS title,
             a.classification, a.caveat, a.releasability
        FROM agreements a
       WHERE ",
    visible!("a.classification"),
    " AND a.owner COLLATE NOCASE IN (?2, ?3)
         AND a.status NOT IN ('expired', 'terminated', 'superseded')
         AND a.next_review_on <= ?4"
);

/// Everyone due a digest on `today`: active accounts with digests on and no delivery
/// recorded for the day. One indexed query, cheap enough to ask every few minutes.
pub async fn due(db: impl SqliteExecutor<'_>, today: Date) -> Result<Vec<Recipient>> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.display_name, u.clearance FROM users u
          WHERE u.active = 1 AND u.digest_enabled = 1
            AND NOT EXISTS (SELECT 1 FROM digest_deliveries d WHERE d.user_id = u.id AND d.day = ?1)
          ORDER BY u.id",
    )
    .bind(today)
    .fetch_all(db)
    .await?;
    let recipient = |row: &SqliteRow| -> std::result::Result<Recipient, sqlx::Error> {
        Ok(Recipient {
            user_id: row.try_get("id")?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            clearance: row.try_get("clearance")?,
        })
    };
    Ok(rows.iter().map(recipient).collect::<std::result::Result<_, _>>()?)
}

/// What `who`'s digest on `today` holds, within their clearance: one item per date
/// (a commitment may be both due and up for review), unsorted (`Digest::new` sorts).
pub async fn items(pool: &SqlitePool, who: &Recipient, today: Date) -> Result<Vec<DigestItem>> {
    let rank = Clearance(who.clearance).rank();
    let (name, email) = (who.display_name.trim(), who.email.trim());
    let until = window_end(today);
    let mut items = Vec::new();
    let commitments = sqlx::query(COMMITMENTS)
        .bind(rank)
        .bind(name)
        .bind(email)
        .bind(who.user_id)
        .bind(until)
        .fetch_all(pool)
        .await?;
    for row in &commitments {
        let mut marking = super::marking(row)?;
        marking.raise(&Classification {
            level: row.try_get("a_classification")?,
            caveat: row.try_get("a_caveat")?,
            releasability: row.try_get("a_releasability")?,
        });
        let review: Option<Date> = row.try_get("next_review_on")?;
        let due: Option<Date> = row.try_get("due_on")?;
        let (reviewed, open): (bool, bool) = (row.try_get("reviewed")?, row.try_get("open")?);
        let dates = [
            (DigestDate::Review, review.filter(|_| reviewed)),
            (DigestDate::Due, due.filter(|_| open)),
        ];
        for (date, on) in dates {
            if let Some(on) = on.filter(|on| *on <= until) {
                items.push(item(row, DigestRecord::Commitment, date, on, marking.clone())?);
            }
        }
    }
    let agreements = sqlx::query(AGREEMENTS)
        .bind(rank)
        .bind(name)
        .bind(email)
        .bind(until)
        .fetch_all(pool)
        .await?;
    for row in &agreements {
        let on: Date = row.try_get("next_review_on")?;
        items.push(item(
            row,
            DigestRecord::Agreement,
            DigestDate::Review,
            on,
            super::marking(row)?,
        )?);
    }
    Ok(items)
}

fn item(
    row: &SqliteRow,
    record: DigestRecord,
    date: DigestDate,
    on: Date,
    marking: Classification,
) -> std::result::Result<DigestItem, sqlx::Error> {
    let agreement = record == DigestRecord::Agreement;
    Ok(DigestItem {
        record,
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        date,
        on,
        marking,
        // Agreements are selected by owner alone; only commitments name a reviewer.
        owner: agreement || row.try_get::<bool, _>("owned")?,
        reviewer: !agreement && row.try_get::<bool, _>("reviewing")?,
    })
}

/// Records that `user_id`'s digest for `day`, holding `items` lines, was accepted by
/// the mail server, and audits it in the same transaction (the day and the count
/// only: the audit log must not name records to readers of a lower clearance).
/// `false`, and nothing written, when one was already recorded for that day (another
/// process sent it first).
pub async fn record_delivery(
    pool: &SqlitePool,
    actor: &Actor,
    user_id: i64,
    day: Date,
    items: usize,
) -> Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let inserted = sqlx::query(
        "INSERT INTO digest_deliveries (user_id, day, items) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, day) DO NOTHING",
    )
    .bind(user_id)
    .bind(day)
    .bind(i64::try_from(items).unwrap_or(i64::MAX))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(false);
    }
    let details = serde_json::json!({ "day": crate::dates::iso(day), "items": items });
    audit::event(
        &mut **tx,
        actor,
        AuditAction::Export,
        "digest",
        Some(&user_id.to_string()),
        Some(&details),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// True when a digest for `day` has been recorded for `user_id`.
pub async fn delivered(db: impl SqliteExecutor<'_>, user_id: i64, day: Date) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM digest_deliveries WHERE user_id = ?1 AND day = ?2")
            .bind(user_id)
            .bind(day)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}
