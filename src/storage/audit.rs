//! The audit trail: who changed what, when, with the record before and after, as a
//! hash chain (`crate::audit`) that `verify` walks and `head` summarises.

mod chain;
mod verify;

pub use chain::seal;
pub use verify::{head, open_read_only, verify, ReadOnlyError, VerifyReport};

use super::direct::Direct;
use crate::audit::AuditAction;
use serde::Serialize;
use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

/// Who is acting: a signed-in user, or the system itself (start-up, CLI).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    /// The signed-in user, named in the trail as "Display Name <email>".
    pub fn user(user: &crate::User) -> Self {
        Actor { user_id: Some(user.id), name: format!("{} <{}>", user.display_name, user.email) }
    }

    /// Accord itself, saying what it was doing ("system (demo)").
    pub fn system(what: &str) -> Self {
        Actor { user_id: None, name: format!("system ({what})") }
    }
}

/// What an entry is written through: a connection, or a transaction or pooled
/// connection on one, so callers pass `&mut *tx`, `&mut tx` or `&mut conn` alike.
pub trait Writer: Send {
    fn connection(&mut self) -> &mut SqliteConnection;
}

impl Writer for SqliteConnection {
    fn connection(&mut self) -> &mut SqliteConnection {
        self
    }
}

impl Writer for Transaction<'_, Sqlite> {
    fn connection(&mut self) -> &mut SqliteConnection {
        self
    }
}

impl Writer for PoolConnection<Sqlite> {
    fn connection(&mut self) -> &mut SqliteConnection {
        self
    }
}

impl Writer for super::WriteTx {
    fn connection(&mut self) -> &mut SqliteConnection {
        self
    }
}

/// Appends one entry recording a change, with the record before and after as JSON.
///
/// Call inside the caller's `BEGIN IMMEDIATE` transaction (`&mut *tx`), so a change
/// and its entry land together or not at all, and no other writer can slip a row
/// between reading the chain's last hash and appending to it (outside one, a race
/// fails on the primary key rather than forking the chain). `action` is one of
/// [`AuditAction`]'s codes. A value that cannot be serialised is an error
/// (`sqlx::Error::Encode`), never a silently missing field.
pub async fn record<B: Serialize, A: Serialize>(
    conn: &mut (impl Writer + ?Sized),
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), sqlx::Error> {
    let change = Change::new(action, before, after)?;
    chain::append(conn.connection(), &change.content(actor, entity, entity_id)).await
}

/// [`record`] on a handle already borrowed for the change itself (`storage::direct`),
/// so the entry costs no turn of its own. `Ok(false)`, with nothing written, when the
/// chain ends in rows not yet sealed (a database migrated but not opened through
/// `storage::open`): drop the handle and call [`record`], which seals them first.
pub fn record_in<B: Serialize, A: Serialize>(
    direct: &mut Direct<'_>,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<bool, sqlx::Error> {
    let change = Change::new(action, before, after)?;
    chain::append_sealed(direct, &change.content(actor, entity, entity_id))
}

/// A change's action and its record before and after, as JSON.
struct Change {
    action: AuditAction,
    before: Option<String>,
    after: Option<String>,
}

impl Change {
    fn new<B: Serialize, A: Serialize>(
        action: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<Change, sqlx::Error> {
        Ok(Change {
            action: action.parse().map_err(encode)?,
            before: before.map(serde_json::to_string).transpose().map_err(encode)?,
            after: after.map(serde_json::to_string).transpose().map_err(encode)?,
        })
    }

    fn content<'a>(
        &'a self,
        actor: &'a Actor,
        entity: &'a str,
        entity_id: Option<&'a str>,
    ) -> chain::Content<'a> {
        chain::Content {
            actor,
            action: self.action,
            entity,
            entity_id,
            before_json: self.before.as_deref(),
            after_json: self.after.as_deref(),
        }
    }
}

/// Appends an event that changes no record (a sign-in, a refusal, a backup), with
/// optional details as JSON (stored as the entry's "after"). Same transaction rule
/// as [`record`]; see [`append_event`] for a caller without a transaction.
pub async fn event(
    conn: &mut (impl Writer + ?Sized),
    actor: &Actor,
    action: AuditAction,
    entity: &str,
    entity_id: Option<&str>,
    details: Option<&serde_json::Value>,
) -> Result<(), sqlx::Error> {
    let details = details.map(serde_json::Value::to_string);
    let entry = chain::Content {
        actor,
        action,
        entity,
        entity_id,
        before_json: None,
        after_json: details.as_deref(),
    };
    chain::append(conn.connection(), &entry).await
}

/// [`event`] in a write transaction of its own, for callers that hold none.
pub async fn append_event(
    pool: &SqlitePool,
    actor: &Actor,
    action: AuditAction,
    entity: &str,
    entity_id: Option<&str>,
    details: Option<&serde_json::Value>,
) -> Result<(), sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    event(&mut *tx, actor, action, entity, entity_id, details).await?;
    tx.commit().await
}

fn encode(error: impl std::error::Error + Send + Sync + 'static) -> sqlx::Error {
    sqlx::Error::Encode(Box::new(error))
}
