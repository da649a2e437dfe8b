//! A user's choice to receive e-mail digests (`users.digest_enabled`, on unless
//! switched off), and when their last digest went.

use crate::domain::digest::DigestSettings;
use crate::storage::audit::{self, Actor};
use crate::storage::{Result, StorageError};
use serde::Serialize;
use sqlx::{Row, Sqlite, SqliteExecutor, Transaction};
use time::Date;

/// The audit trail's picture of the preference.
#[derive(Debug, Serialize)]
struct Snapshot {
    digest_enabled: bool,
}

/// Whether `user_id` receives digests and the day of the last one delivered.
/// `NotFound` when there is no such account.
pub async fn settings(db: impl SqliteExecutor<'_>, user_id: i64) -> Result<DigestSettings> {
    let row = sqlx::query(
        "SELECT u.digest_enabled,
                (SELECT max(d.day) FROM digest_deliveries d WHERE d.user_id = u.id) AS last_day
           FROM users u WHERE u.id = ?1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?
    .ok_or(StorageError::NotFound)?;
    Ok(DigestSettings {
        enabled: row.try_get("digest_enabled")?,
        last_sent_on: row.try_get::<Option<Date>, _>("last_day")?,
    })
}

/// Switches `user_id`'s digests on or off inside the caller's write transaction,
/// audited as a change to the account. Returns `false`, writing nothing, when the
/// preference already was `enabled` (a form sent twice). `NotFound` when there is no
/// such account.
pub async fn set_enabled(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    user_id: i64,
    enabled: bool,
) -> Result<bool> {
    let before: bool = sqlx::query_scalar("SELECT digest_enabled FROM users WHERE id = ?1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    if before == enabled {
        return Ok(false);
    }
    // Not the account's `version`: that guards an administrator's edit of role and
    // clearance, which this preference must not turn into a conflict.
    sqlx::query("UPDATE users SET digest_enabled = ?2 WHERE id = ?1")
        .bind(user_id)
        .bind(enabled)
        .execute(&mut **tx)
        .await?;
    audit::record(
        &mut **tx,
        actor,
        "update",
        "user",
        Some(&user_id.to_string()),
        Some(&Snapshot { digest_enabled: before }),
        Some(&Snapshot { digest_enabled: enabled }),
    )
    .await?;
    tracing::info!(user_id, enabled, actor = %actor.name, "e-mail digests switched");
    Ok(true)
}
