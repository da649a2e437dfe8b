//! Browsing the audit log (`/admin/audit`): newest first, filtered, a page at a time.

use crate::domain::audit_log::{AuditEntry, AuditFilter, AuditPage, AUDIT_PAGE_SIZE};
use crate::Clearance;
use sqlx::{Row, SqlitePool};

/// The WHERE clause every query of the filter shares; binds ?1..?5 as below.
macro_rules! matching {
    () => {
        " FROM audit_log
          WHERE (?1 = '' OR actor LIKE '%' || ?1 || '%' ESCAPE '\\')
            AND (?2 = '' OR entity = ?2)
            AND (?3 = '' OR action = ?3)
            AND (?4 = '' OR at >= ?4)
            AND (?5 = '' OR at < date(?5, '+1 day'))"
    };
}

/// LIKE's wildcards typed in the filter match themselves.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A page of entries for `filter`. Record values (before/after) are only given to a
/// reader cleared to the highest level: a record's values may be marked above a lower
/// clearance, and the log keeps them as they were written.
pub async fn page(
    pool: &SqlitePool,
    filter: &AuditFilter,
    clearance: Clearance,
) -> Result<AuditPage, sqlx::Error> {
    let actor = like_escaped(&filter.actor);
    let action = filter.action.map(|a| a.code()).unwrap_or("");
    let total: i64 = sqlx::query_scalar(concat!("SELECT count(*)", matching!()))
        .bind(&actor)
        .bind(&filter.entity)
        .bind(action)
        .bind(&filter.from)
        .bind(&filter.to)
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query(concat!(
        "SELECT id, at, actor, action, entity, entity_id, before_json, after_json",
        matching!(),
        " ORDER BY id DESC LIMIT ?6 OFFSET ?7"
    ))
    .bind(&actor)
    .bind(&filter.entity)
    .bind(action)
    .bind(&filter.from)
    .bind(&filter.to)
    .bind(AUDIT_PAGE_SIZE)
    .bind((filter.page.max(1) - 1).saturating_mul(AUDIT_PAGE_SIZE))
    .fetch_all(pool)
    .await?;
    let full = clearance == Clearance::HIGHEST;
    let entries = rows
        .iter()
        .map(|row| {
            Ok(AuditEntry {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                entity: row.try_get("entity")?,
                entity_id: row.try_get("entity_id")?,
                before: if full { row.try_get("before_json")? } else { None },
                after: if full { row.try_get("after_json")? } else { None },
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(AuditPage { entries, total, withheld: !full })
}
