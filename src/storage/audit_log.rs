//! Browsing the audit log (`/admin/audit`): newest first, filtered, a page at a time.

use super::visibility::{visible, visible_levels};
use crate::domain::audit_log::{AuditEntry, AuditFilter, AuditPage, AUDIT_PAGE_SIZE};
use crate::Clearance;
use sqlx::{Row, SqlitePool};

/// True when the reader may see an entry: an entry about a record is visible while
/// the record is (its effective marking, by the one visibility rule), so that an
/// administrator below TOP SECRET cannot learn from the log that a record above them
/// exists. An entry about a record that no longer exists keeps no marking to judge by:
/// only a reader at the highest clearance sees it. Entries about no record (sign-ins,
/// refusals, backups, users) are visible to everyone who may read the log. Needs the
/// CTE `visible` and the highest clearance's flag bound at `$highest`.
macro_rules! entry_visible {
    ($highest:literal) => {
        concat!(
            "(CASE l.entity
               WHEN 'agreement' THEN EXISTS (SELECT 1 FROM agreements a
                   WHERE a.id = CAST(l.entity_id AS INTEGER) AND ",
            visible!("a.classification"),
            ")
               WHEN 'commitment' THEN EXISTS (SELECT 1 FROM commitments c
                   JOIN agreements a ON a.id = c.agreement_id
                   WHERE c.id = CAST(l.entity_id AS INTEGER) AND ",
            visible!("c.classification", "a.classification"),
            ")
               WHEN 'sharing_arrangement' THEN EXISTS (SELECT 1 FROM sharing_arrangements s
                   WHERE s.id = CAST(l.entity_id AS INTEGER) AND ",
            visible!("s.classification"),
            ")
               WHEN 'route' THEN EXISTS (SELECT 1 FROM routes r
                   WHERE r.id = CAST(l.entity_id AS INTEGER) AND ",
            visible!("r.classification"),
            ")
               ELSE 1 END
             OR (", $highest, " AND l.entity IN ('agreement', 'commitment', 'sharing_arrangement', 'route')
                 AND NOT EXISTS (SELECT 1 FROM agreements a WHERE l.entity = 'agreement' AND a.id = CAST(l.entity_id AS INTEGER))
                 AND NOT EXISTS (SELECT 1 FROM commitments c WHERE l.entity = 'commitment' AND c.id = CAST(l.entity_id AS INTEGER))
                 AND NOT EXISTS (SELECT 1 FROM sharing_arrangements s WHERE l.entity = 'sharing_arrangement' AND s.id = CAST(l.entity_id AS INTEGER))
                 AND NOT EXISTS (SELECT 1 FROM routes r WHERE l.entity = 'route' AND r.id = CAST(l.entity_id AS INTEGER))))"
        )
    };
}

/// The FROM and WHERE every query of the filter shares; binds ?1..?5 as below, the
/// reader's rank at ?8 and whether it is the highest at ?9.
macro_rules! matching {
    () => {
        concat!(
            " FROM audit_log l
          WHERE (?1 = '' OR l.actor LIKE '%' || ?1 || '%' ESCAPE '\\')
            AND (?2 = '' OR l.entity = ?2)
            AND (?3 = '' OR l.action = ?3)
            AND (?4 = '' OR l.at >= ?4)
            AND (?5 = '' OR l.at < date(?5, '+1 day'))
            AND ",
            entry_visible!("?9")
        )
    };
}

mod history;
pub use history::record_history;

/// LIKE's wildcards typed in the filter match themselves.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A page of the entries `filter` selects among those the reader may see (see
/// [`entry_visible!`]). Record values (before/after) are only given to a reader cleared
/// to the highest level: a record's values may name records marked above a lower
/// clearance (a superseded agreement, a governing one), and the log keeps them as
/// they were written.
pub async fn page(
    pool: &SqlitePool,
    filter: &AuditFilter,
    clearance: Clearance,
) -> Result<AuditPage, sqlx::Error> {
    let actor = like_escaped(&filter.actor);
    let action = filter.action.map(|a| a.code()).unwrap_or("");
    let highest = clearance == Clearance::HIGHEST;
    let total: i64 = sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?8"),
        " SELECT count(*)",
        matching!()
    ))
    .bind(&actor)
    .bind(&filter.entity)
    .bind(action)
    .bind(&filter.from)
    .bind(&filter.to)
    .bind(AUDIT_PAGE_SIZE)
    .bind(0_i64)
    .bind(clearance.rank())
    .bind(highest)
    .fetch_one(pool)
    .await?;
    let rows = sqlx::query(concat!(
        "WITH ",
        visible_levels!("?8"),
        " SELECT l.id, l.at, l.actor, l.action, l.entity, l.entity_id, l.before_json, l.after_json",
        matching!(),
        " ORDER BY l.id DESC LIMIT ?6 OFFSET ?7"
    ))
    .bind(&actor)
    .bind(&filter.entity)
    .bind(action)
    .bind(&filter.from)
    .bind(&filter.to)
    .bind(AUDIT_PAGE_SIZE)
    .bind((filter.page.max(1) - 1).saturating_mul(AUDIT_PAGE_SIZE))
    .bind(clearance.rank())
    .bind(highest)
    .fetch_all(pool)
    .await?;
    let full = highest;
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
