//! Server-side sessions in SQLite, for `tower-sessions` (its published SQLx store pins
//! sqlx 0.8). A session is a row: its id, the signed-in user (for "sign out
//! everywhere" and cascade on delete), the data as JSON, and when it expires.

use super::begin_write;
use super::cache::ReadCache;
use super::memo::GenerationMemo;
use async_trait::async_trait;
use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteQueryResult};
use sqlx::{Sqlite, SqlitePool};
use std::sync::Arc;
use tower_sessions_core::session::{Id, Record};
use tower_sessions_core::session_store::{self, ExpiredDeletion, SessionStore};

/// The session key under which `axum-login` keeps the signed-in user's id.
pub const AUTH_DATA_KEY: &str = "axum-login.data";

#[derive(Debug, Clone)]
pub struct SqliteSessionStore {
    pool: SqlitePool,
    /// Sessions as read, for one generation of the database (see `memo`).
    memo: Option<Arc<GenerationMemo<Id, Record>>>,
}

impl SqliteSessionStore {
    pub fn new(pool: SqlitePool) -> Self {
        SqliteSessionStore { pool, memo: None }
    }

    /// A store that keeps sessions in memory between commits, by `cache`'s generations.
    pub fn with_memo(pool: SqlitePool, cache: Arc<ReadCache>) -> Self {
        SqliteSessionStore { pool, memo: Some(Arc::new(GenerationMemo::new(cache))) }
    }

    fn forget(&self, id: &Id) {
        if let Some(memo) = &self.memo {
            memo.forget(id);
        }
    }

    /// The session row `id`, expired or not.
    async fn read(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(Vec<u8>, i64)> =
            sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = ?1")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some((data, expires_at)) = row else { return Ok(None) };
        let data = serde_json::from_slice(&data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires_at)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

/// The user id `axum-login` stored in the record, if someone is signed in.
fn user_id(record: &Record) -> Option<i64> {
    record.data.get(AUTH_DATA_KEY)?.get("user_id")?.as_i64()
}

impl SqliteSessionStore {
    async fn write(&self, record: &Record, insert_only: bool) -> session_store::Result<bool> {
        let data = serde_json::to_vec(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let sql = if insert_only {
            "INSERT INTO sessions (id, user_id, data, expires_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO NOTHING"
        } else {
            "INSERT INTO sessions (id, user_id, data, expires_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
                                            expires_at = excluded.expires_at"
        };
        let query = sqlx::query(sql)
            .bind(record.id.to_string())
            .bind(user_id(record))
            .bind(data)
            .bind(record.expiry_date.unix_timestamp());
        let done = write_alone(&self.pool, query).await.map_err(backend)?;
        Ok(done.rows_affected() == 1)
    }
}

#[async_trait]
impl SessionStore for SqliteSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh id until one is free (a collision of 128 random bits is theoretical).
        while !self.write(record, true).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let written = self.write(record, false).await;
        // Forgotten after the write: a request may have read the old row while it ran.
        self.forget(&record.id);
        written.map(|_| ())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let record = match &self.memo {
            Some(memo) => memo.get_or_load(id, backend, || self.read(id)).await?,
            None => self.read(id).await?,
        };
        // Expiry is checked on every use, kept or read.
        let now = time::OffsetDateTime::now_utc();
        Ok(record.filter(|r| r.expiry_date > now))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.forget(id);
        let query = sqlx::query("DELETE FROM sessions WHERE id = ?1").bind(id.to_string());
        write_alone(&self.pool, query).await.map_err(backend)?;
        self.forget(id);
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for SqliteSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let query = sqlx::query("DELETE FROM sessions WHERE expires_at <= ?1").bind(now);
        write_alone(&self.pool, query).await.map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of `user_id` (after a password reset or disabling, say).
pub async fn end_all_for_user(pool: &SqlitePool, user_id: i64) -> Result<u64, sqlx::Error> {
    let query = sqlx::query("DELETE FROM sessions WHERE user_id = ?1").bind(user_id);
    Ok(write_alone(pool, query).await?.rows_affected())
}

/// Runs `query` as an edit of its own through the writer (`storage::begin_write`), so a
/// session write shares the commit of the edits beside it instead of waiting on
/// SQLite's lock. Never call it while holding a write transaction: it waits its turn.
async fn write_alone(
    pool: &SqlitePool,
    query: Query<'_, Sqlite, SqliteArguments>,
) -> Result<SqliteQueryResult, sqlx::Error> {
    let mut tx = begin_write(pool).await?;
    let done = query.execute(&mut **tx).await?;
    tx.commit().await?;
    Ok(done)
}
