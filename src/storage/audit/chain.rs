//! Writing the chain: appending an entry, and sealing rows written before it.

use super::Actor;
use crate::audit::{timestamp, AuditAction, AuditEntry};
use crate::storage::direct::{Direct, Value};
use sqlx::{SqliteConnection, SqlitePool};

/// `SELECT` of whole rows (as [`StoredRow`]) followed by `$rest`. Callers read in
/// batches of 1,000 rows so memory stays flat however long the log is.
macro_rules! select_rows {
    ($rest:literal) => {
        concat!(
            "SELECT id, at, user_id, actor, action, entity, entity_id, before_json, after_json, \
             prev_hash, hash FROM audit_log ",
            $rest
        )
    };
}
pub(super) use select_rows;

/// One `audit_log` row as stored.
#[derive(sqlx::FromRow)]
pub(super) struct StoredRow {
    id: i64,
    at: String,
    user_id: Option<i64>,
    actor: String,
    action: String,
    entity: String,
    entity_id: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

impl StoredRow {
    /// The hashed content, and the hash as stored.
    pub(super) fn into_parts(self) -> (AuditEntry, Option<String>) {
        let StoredRow {
            id,
            at,
            user_id,
            actor,
            action,
            entity,
            entity_id,
            before_json,
            after_json,
            prev_hash,
            hash,
        } = self;
        let entry = AuditEntry {
            id,
            at,
            user_id,
            actor,
            action,
            entity,
            entity_id,
            before_json,
            after_json,
            prev_hash,
        };
        (entry, hash)
    }
}

/// What a caller records; the chain adds id, time and hashes.
pub(super) struct Content<'a> {
    pub actor: &'a Actor,
    pub action: AuditAction,
    pub entity: &'a str,
    pub entity_id: Option<&'a str>,
    pub before_json: Option<&'a str>,
    pub after_json: Option<&'a str>,
}

/// The last row's id and hash (NULL while unsealed).
fn last(direct: &mut Direct<'_>) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let Some(row) =
        direct.rows("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", &[])?.pop()
    else {
        return Ok(None);
    };
    let mut columns = row.into_iter();
    let id = columns.next().and_then(|id| id.int());
    let id = id.ok_or_else(|| sqlx::Error::Protocol("an audit row without an id".into()))?;
    Ok(Some((id, columns.next().and_then(Value::into_text))))
}

/// Appends `content` as the next row: id last + 1, linked to the last row's hash. The
/// last row is read and the entry written in one turn on the handle (`Direct`).
pub(super) async fn append(
    conn: &mut SqliteConnection,
    content: &Content<'_>,
) -> Result<(), sqlx::Error> {
    if append_sealed(&mut Direct::lock(conn).await?, content)? {
        return Ok(());
    }
    // Rows from before the chain in a database migrated but not opened through
    // `storage::open` (which seals at start-up): seal them first.
    seal_in(conn).await?;
    let mut direct = Direct::lock(conn).await?;
    let tail = last(&mut direct)?;
    insert(&mut direct, content, tail)
}

/// Appends `content` when the last row is sealed (or there is none): `Ok(false)`, and
/// nothing written, when it is not.
pub(super) fn append_sealed(
    direct: &mut Direct<'_>,
    content: &Content<'_>,
) -> Result<bool, sqlx::Error> {
    let tail = last(direct)?;
    if matches!(tail, Some((_, None))) {
        return Ok(false);
    }
    insert(direct, content, tail)?;
    Ok(true)
}

/// Writes `content` after `tail`, the last row.
fn insert(
    direct: &mut Direct<'_>,
    content: &Content<'_>,
    tail: Option<(i64, Option<String>)>,
) -> Result<(), sqlx::Error> {
    let (id, prev_hash) = match tail {
        Some((id, hash)) => (id + 1, hash),
        None => (1, None),
    };
    let at = timestamp(time::OffsetDateTime::now_utc()).map_err(super::encode)?;
    let entry = AuditEntry {
        id,
        at,
        user_id: content.actor.user_id,
        actor: content.actor.name.clone(),
        action: content.action.code().to_owned(),
        entity: content.entity.to_owned(),
        entity_id: content.entity_id.map(str::to_owned),
        before_json: content.before_json.map(str::to_owned),
        after_json: content.after_json.map(str::to_owned),
        prev_hash,
    };
    let hash = entry.hash();
    direct.execute(
        "INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        &[
            entry.id.into(),
            (&entry.at).into(),
            entry.user_id.into(),
            (&entry.actor).into(),
            (&entry.action).into(),
            (&entry.entity).into(),
            entry.entity_id.as_ref().into(),
            entry.before_json.as_ref().into(),
            entry.after_json.as_ref().into(),
            entry.prev_hash.as_ref().into(),
            (&hash).into(),
        ],
    )?;
    Ok(())
}

/// Chains the rows written before migration 0007 (hash still NULL), returning how
/// many it sealed. Called by `storage::open` after migrating. Seals only when every
/// unsealed row comes before the first hashed one: an unsealed row after the chain
/// began was written around Accord, and stays unsealed for `verify` to report.
pub async fn seal(pool: &SqlitePool) -> Result<u64, sqlx::Error> {
    // Through the partial index audit_log_unsealed: free when there is nothing to do,
    // so start-up takes no write lock then.
    let unsealed: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM audit_log WHERE hash IS NULL)")
            .fetch_one(pool)
            .await?;
    if !unsealed {
        return Ok(0);
    }
    let mut tx = crate::storage::begin_write(pool).await?;
    let sealed = seal_in(&mut tx).await?;
    tx.commit().await?;
    Ok(sealed)
}

/// [`seal`] inside the caller's write transaction.
async fn seal_in(conn: &mut SqliteConnection) -> Result<u64, sqlx::Error> {
    let last_unsealed: Option<i64> =
        sqlx::query_scalar("SELECT max(id) FROM audit_log WHERE hash IS NULL")
            .fetch_one(&mut *conn)
            .await?;
    let Some(last_unsealed) = last_unsealed else { return Ok(0) };
    let first_hashed: Option<i64> =
        sqlx::query_scalar("SELECT id FROM audit_log WHERE hash IS NOT NULL ORDER BY id LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    if first_hashed.is_some_and(|first| first < last_unsealed) {
        tracing::warn!(
            row = last_unsealed,
            "an audit row without a hash follows the chain; not sealing it"
        );
        return Ok(0);
    }
    // The unsealed rows are the start of the log: chain them from nothing, in order.
    let select = select_rows!("WHERE hash IS NULL ORDER BY id LIMIT 1000");
    let mut prev_hash: Option<String> = None;
    let mut sealed = 0;
    loop {
        let rows: Vec<StoredRow> = sqlx::query_as(select).fetch_all(&mut *conn).await?;
        if rows.is_empty() {
            return Ok(sealed);
        }
        for row in rows {
            let (mut entry, _) = row.into_parts();
            entry.prev_hash = prev_hash.take();
            let hash = entry.hash();
            sqlx::query(
                "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3 AND hash IS NULL",
            )
            .bind(&entry.prev_hash)
            .bind(&hash)
            .bind(entry.id)
            .execute(&mut *conn)
            .await?;
            prev_hash = Some(hash);
            sealed += 1;
        }
    }
}
