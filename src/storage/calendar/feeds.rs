//! Personal iCalendar feeds: one per user, reached with a secret token that only its
//! holder knows. Only the token's SHA-256 is stored (a fast hash is right here: the
//! token is 256 random bits, so there is nothing to guess that a slow hash would
//! protect), so a copy of the database hands out no feed. Renewing replaces the hash:
//! the old address stops working at once.

use crate::domain::{Clearance, Level};
use crate::storage::audit::{self, Actor};
use crate::storage::{Result, StorageError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{Sqlite, SqliteExecutor, Transaction};

/// What `/account` shows of a user's feed (never its address: that is shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSettings {
    pub include_titles: bool,
    /// When the current address was made (RFC 3339 UTC).
    pub created_at: String,
}

/// Whose feed a token opens, read afresh at each request: an account's clearance as
/// it is now, so a changed clearance changes the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReader {
    pub user_id: i64,
    pub clearance: Clearance,
    pub include_titles: bool,
}

/// What the audit trail keeps of a feed: its settings, never its token or hash.
#[derive(Serialize)]
struct Audited {
    include_titles: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    renewed: bool,
}

/// The stored form of a token: SHA-256, lower-case hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The user's feed settings, `None` when they have no feed.
pub async fn settings(
    executor: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Option<FeedSettings>, sqlx::Error> {
    let row: Option<(bool, String)> =
        sqlx::query_as("SELECT include_titles, created_at FROM calendar_feeds WHERE user_id = ?1")
            .bind(user_id)
            .fetch_optional(executor)
            .await?;
    Ok(row.map(|(include_titles, created_at)| FeedSettings { include_titles, created_at }))
}

/// Gives the user a feed opened by `token` (a fresh random secret made by the
/// caller), replacing any earlier one, whose address then stops working. The titles
/// setting is `include_titles` when given, else kept (off for a first feed). Audited
/// in the caller's transaction.
pub async fn renew(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    user_id: i64,
    token: &str,
    include_titles: Option<bool>,
) -> Result<()> {
    let before = settings(&mut **tx, user_id).await?;
    let include_titles =
        include_titles.or(before.as_ref().map(|b| b.include_titles)).unwrap_or(false);
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, include_titles) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,
             include_titles = excluded.include_titles,
             created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .bind(user_id)
    .bind(token_hash(token))
    .bind(include_titles)
    .execute(&mut **tx)
    .await?;
    let before = before.map(|b| Audited { include_titles: b.include_titles, renewed: false });
    let after = Audited { include_titles, renewed: before.is_some() };
    let action = if before.is_some() { "update" } else { "create" };
    let id = user_id.to_string();
    audit::record(
        &mut **tx,
        actor,
        action,
        "calendar_feed",
        Some(&id),
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tracing::info!(user_id, actor = %actor.name, "calendar feed address made");
    Ok(())
}

/// Sets whether the user's feed carries the titles of plain OFFICIAL records.
/// `NotFound` when they have no feed. Audited in the caller's transaction.
pub async fn set_titles(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    user_id: i64,
    include_titles: bool,
) -> Result<()> {
    let before = settings(&mut **tx, user_id).await?.ok_or(StorageError::NotFound)?;
    if before.include_titles == include_titles {
        return Ok(());
    }
    sqlx::query("UPDATE calendar_feeds SET include_titles = ?2 WHERE user_id = ?1")
        .bind(user_id)
        .bind(include_titles)
        .execute(&mut **tx)
        .await?;
    let before = Audited { include_titles: before.include_titles, renewed: false };
    let after = Audited { include_titles, renewed: false };
    let id = user_id.to_string();
    audit::record(
        &mut **tx,
        actor,
        "update",
        "calendar_feed",
        Some(&id),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}

/// Ends the user's feed: its address answers as a wrong one from now on. `NotFound`
/// when they have none. Audited in the caller's transaction.
pub async fn stop(tx: &mut Transaction<'_, Sqlite>, actor: &Actor, user_id: i64) -> Result<()> {
    let before = settings(&mut **tx, user_id).await?.ok_or(StorageError::NotFound)?;
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    let before = Audited { include_titles: before.include_titles, renewed: false };
    let id = user_id.to_string();
    audit::record(
        &mut **tx,
        actor,
        "delete",
        "calendar_feed",
        Some(&id),
        Some(&before),
        None::<&()>,
    )
    .await?;
    Ok(())
}

/// Whose feed `token` opens: `None` for a wrong, old or stopped token, and for a
/// disabled account (its feed stops with it).
pub async fn reader(
    executor: impl SqliteExecutor<'_>,
    token: &str,
) -> Result<Option<FeedReader>, sqlx::Error> {
    let row: Option<(i64, Level, bool)> = sqlx::query_as(
        "SELECT u.id, u.clearance, f.include_titles
           FROM calendar_feeds f JOIN users u ON u.id = f.user_id
          WHERE f.token_hash = ?1 AND u.active = 1",
    )
    .bind(token_hash(token))
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(user_id, level, include_titles)| FeedReader {
        user_id,
        clearance: Clearance(level),
        include_titles,
    }))
}
