//! Accounts: who may sign in, with which role and clearance. Every change is audited
//! in the same transaction; password hashes never leave this module's callers' hands
//! except to be verified.

mod passwords;

pub use passwords::{hash_password, verify_password, DUMMY_HASH};

use super::audit::{self, Actor};
use super::{is_unique_violation, Result, StorageError};
use crate::domain::user::UserRow;
use crate::domain::{Level, Role, User};
use crate::FieldErrors;
use serde::Serialize;
use sqlx::{Row, SqliteConnection, SqliteExecutor};
use time::OffsetDateTime;

/// What an administrator (or `accord user add`) provides for a new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub clearance: Level,
    /// An Argon2id PHC string from [`hash_password`].
    pub password_hash: String,
    /// True for a one-time password someone else chose.
    pub must_change_password: bool,
}

/// An account as sign-in sees it: the user, the hash to check, and the lock-out state.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    pub password_hash: String,
    pub active: bool,
    pub failed_sign_ins: i64,
    pub locked_until: Option<OffsetDateTime>,
}

/// The audit trail's picture of an account (never the hash).
#[derive(Debug, Serialize)]
struct Snapshot<'a> {
    email: &'a str,
    display_name: &'a str,
    role: Role,
    clearance: Level,
    active: bool,
    must_change_password: bool,
}

/// The columns every account read selects (a macro so queries stay static strings).
macro_rules! columns {
    () => {
        "SELECT id, email, display_name, role, clearance, must_change_password, password_hash, \
         active, failed_sign_ins, locked_until, last_sign_in_at, version FROM users"
    };
}

fn user_of(row: &sqlx::sqlite::SqliteRow) -> std::result::Result<User, sqlx::Error> {
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        role: row.try_get("role")?,
        clearance: row.try_get("clearance")?,
        must_change_password: row.try_get::<i64, _>("must_change_password")? != 0,
    })
}

fn account_of(row: &sqlx::sqlite::SqliteRow) -> std::result::Result<Account, sqlx::Error> {
    let locked_until: Option<String> = row.try_get("locked_until")?;
    Ok(Account {
        user: user_of(row)?,
        password_hash: row.try_get("password_hash")?,
        active: row.try_get::<i64, _>("active")? != 0,
        failed_sign_ins: row.try_get("failed_sign_ins")?,
        locked_until: locked_until.and_then(|t| {
            OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).ok()
        }),
    })
}

fn snapshot<'a>(user: &'a User, active: bool) -> Snapshot<'a> {
    Snapshot {
        email: &user.email,
        display_name: &user.display_name,
        role: user.role,
        clearance: user.clearance,
        active,
        must_change_password: user.must_change_password,
    }
}

/// How many accounts exist (first start creates an administrator when none do).
pub async fn count(db: impl SqliteExecutor<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(db).await?)
}

/// The account for `email` (any case), active or not, for sign-in.
pub async fn for_sign_in(db: impl SqliteExecutor<'_>, email: &str) -> Result<Option<Account>> {
    let row = sqlx::query(concat!(columns!(), " WHERE email = ?1"))
        .bind(email.trim())
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(account_of).transpose()?)
}

/// The account with `id`, active or not.
pub async fn account(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<Account>> {
    let row =
        sqlx::query(concat!(columns!(), " WHERE id = ?1")).bind(id).fetch_optional(db).await?;
    Ok(row.as_ref().map(account_of).transpose()?)
}

/// One account as the administrators' pages show it.
pub async fn row(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<UserRow>> {
    let row =
        sqlx::query(concat!(columns!(), " WHERE id = ?1")).bind(id).fetch_optional(db).await?;
    Ok(row.as_ref().map(user_row).transpose()?)
}

fn user_row(row: &sqlx::sqlite::SqliteRow) -> std::result::Result<UserRow, sqlx::Error> {
    Ok(UserRow {
        user: user_of(row)?,
        active: row.try_get::<i64, _>("active")? != 0,
        last_sign_in_at: row.try_get("last_sign_in_at")?,
        version: row.try_get("version")?,
    })
}

/// Every account, by display name.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<UserRow>> {
    let rows = sqlx::query(concat!(columns!(), " ORDER BY display_name COLLATE NOCASE, id"))
        .fetch_all(db)
        .await?;
    rows.iter()
        .map(user_row)
        .collect::<std::result::Result<_, sqlx::Error>>()
        .map_err(StorageError::from)
}

/// The account's version (moved on by every change), for an edit form's check.
pub async fn version(db: impl SqliteExecutor<'_>, id: i64) -> Result<i64> {
    sqlx::query_scalar("SELECT version FROM users WHERE id = ?1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(StorageError::NotFound)
}

/// Creates an account and audits it. A taken email is a field error on `email`.
pub async fn create(conn: &mut SqliteConnection, actor: &Actor, new: &NewUser) -> Result<i64> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, clearance, password_hash, must_change_password)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(new.email.trim())
    .bind(new.display_name.trim())
    .bind(new.role)
    .bind(new.clearance)
    .bind(&new.password_hash)
    .bind(new.must_change_password)
    .fetch_one(&mut *conn)
    .await;
    let id: i64 = match inserted {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e, "users.email") => {
            return Err(StorageError::Invalid(FieldErrors::single(
                "email",
                "An account with this email address already exists",
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let user = User {
        id,
        email: new.email.trim().to_owned(),
        display_name: new.display_name.trim().to_owned(),
        role: new.role,
        clearance: new.clearance,
        must_change_password: new.must_change_password,
    };
    audit::record(
        &mut *conn,
        actor,
        "user_create",
        "user",
        Some(&id.to_string()),
        None::<&()>,
        Some(&snapshot(&user, true)),
    )
    .await?;
    Ok(id)
}

/// A change an administrator makes to an account.
#[derive(Debug, Clone)]
pub enum Change {
    Role(Role),
    Clearance(Level),
    Active(bool),
    /// A new password hash; `true` when it is a one-time password.
    Password(String, bool),
}

/// Applies `change` to account `id` and audits it (before and after). `NotFound`
/// when there is no such account.
pub async fn change(
    conn: &mut SqliteConnection,
    actor: &Actor,
    id: i64,
    change: &Change,
) -> Result<User> {
    let before = account(&mut *conn, id).await?.ok_or(StorageError::NotFound)?;
    let query = match change {
        Change::Role(role) => {
            sqlx::query("UPDATE users SET role = ?2 WHERE id = ?1").bind(id).bind(*role)
        }
        Change::Clearance(level) => {
            sqlx::query("UPDATE users SET clearance = ?2 WHERE id = ?1").bind(id).bind(*level)
        }
        Change::Active(active) => sqlx::query(
            "UPDATE users SET active = ?2, failed_sign_ins = 0, locked_until = NULL WHERE id = ?1",
        )
        .bind(id)
        .bind(*active),
        Change::Password(hash, one_time) => sqlx::query(
            "UPDATE users SET password_hash = ?2, must_change_password = ?3,
                              failed_sign_ins = 0, locked_until = NULL WHERE id = ?1",
        )
        .bind(id)
        .bind(hash)
        .bind(*one_time),
    };
    query.execute(&mut *conn).await?;
    sqlx::query(
        "UPDATE users SET version = version + 1,
                          updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let after = account(&mut *conn, id).await?.ok_or(StorageError::NotFound)?;
    let action = match change {
        Change::Password(..) => "password_change",
        _ => "user_change",
    };
    audit::record(
        &mut *conn,
        actor,
        action,
        "user",
        Some(&id.to_string()),
        Some(&snapshot(&before.user, before.active)),
        Some(&snapshot(&after.user, after.active)),
    )
    .await?;
    Ok(after.user)
}

/// After a wrong password: counts the failure and, at `lock_after` failures in a row,
/// locks the account until `lock_until`. Returns the failures so far.
pub async fn record_failure(
    db: impl SqliteExecutor<'_>,
    id: i64,
    lock_after: i64,
    lock_until: OffsetDateTime,
) -> Result<i64> {
    let until = lock_until
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| StorageError::Database(sqlx::Error::Encode(Box::new(e))))?;
    let failures = sqlx::query_scalar(
        "UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
                          locked_until = CASE WHEN failed_sign_ins + 1 >= ?2 THEN ?3 ELSE locked_until END
         WHERE id = ?1 RETURNING failed_sign_ins",
    )
    .bind(id)
    .bind(lock_after)
    .bind(until)
    .fetch_one(db)
    .await?;
    Ok(failures)
}

/// After a successful sign-in: clears the failures and notes the time.
pub async fn record_success(db: impl SqliteExecutor<'_>, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE users SET failed_sign_ins = 0, locked_until = NULL,
                          last_sign_in_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
