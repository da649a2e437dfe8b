//! A record's History section: its own audit entries, newest first, while the
//! reader may see the record.

use crate::domain::audit::AuditAction;
use crate::domain::audit_log::{HistoryEntry, RecordKind, HISTORY_LIMIT};
use crate::storage::visibility::{visible, visible_levels};
use crate::{AgreementStatus, Clearance};
use serde_json::Value;
use sqlx::{Row, SqlitePool};

/// The entries about one record of `kind` that the reader may see: none when the
/// record is above the reader's clearance (or missing), by the same rule as the
/// audit log page, so a History section cannot outlive the record's visibility.
/// `key` is the record's address on its page: its id, or a route's slug.
pub async fn record_history(
    pool: &SqlitePool,
    kind: RecordKind,
    key: &str,
    clearance: Clearance,
) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        "WITH ",
        visible_levels!("?3"),
        " SELECT l.at, l.actor, l.action, l.before_json, l.after_json FROM audit_log l
          WHERE l.entity = ?1
            AND l.entity_id = CASE ?1
                WHEN 'route' THEN (SELECT CAST(r.id AS TEXT) FROM routes r WHERE r.slug = ?2)
                ELSE ?2 END
            AND ",
        entry_visible!("?4"),
        " ORDER BY l.id DESC LIMIT ?5"
    ))
    .bind(kind.entity())
    .bind(key)
    .bind(clearance.rank())
    .bind(clearance == Clearance::HIGHEST)
    .bind(HISTORY_LIMIT)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let action: String = row.try_get("action")?;
            let action: AuditAction =
                action.parse().map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
            let before = json(row.try_get("before_json")?);
            let after = json(row.try_get("after_json")?);
            Ok(HistoryEntry {
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action,
                detail: detail(action, &before, &after),
            })
        })
        .collect()
}

fn json(text: Option<String>) -> Value {
    text.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or(Value::Null)
}

/// What an entry changed, in words (see [`HistoryEntry::detail`]).
fn detail(action: AuditAction, before: &Value, after: &Value) -> String {
    match action {
        AuditAction::Update => changed_fields(before, after).join(", "),
        AuditAction::StatusChange => {
            let label = |value: Option<&Value>| {
                value
                    .and_then(Value::as_str)
                    .and_then(|code| code.parse::<AgreementStatus>().ok())
                    .map(|status| status.label())
            };
            match (label(before.get("status")), label(after.get("to"))) {
                (Some(from), Some(to)) => format!("{from} → {to}"),
                (None, Some(to)) => format!("To {to}"),
                _ => String::new(),
            }
        }
        _ => String::new(),
    }
}

/// The top-level fields whose values differ between two JSON objects, in words
/// ("expires_on" reads "expires on"): the newer object's in key order, then any it
/// lost.
fn changed_fields(before: &Value, after: &Value) -> Vec<String> {
    let (Some(before), Some(after)) = (before.as_object(), after.as_object()) else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = after.keys().collect();
    keys.extend(before.keys().filter(|key| !after.contains_key(*key)));
    keys.into_iter()
        .filter(|key| before.get(*key) != after.get(*key))
        // The version is bookkeeping, not something a person changed.
        .filter(|key| key.as_str() != "version")
        .map(|key| key.replace('_', " "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_update_names_the_fields_it_changed() {
        let before = json!({ "title": "Old", "expires_on": "2027-01-01", "owner": "A", "gone": 1 });
        let after = json!({ "title": "New", "expires_on": "2028-01-01", "owner": "A" });
        assert_eq!(changed_fields(&before, &after), ["expires on", "title", "gone"]);
        assert_eq!(detail(AuditAction::Update, &before, &after), "expires on, title, gone");
        assert!(changed_fields(&after, &after).is_empty());
        assert!(changed_fields(&Value::Null, &after).is_empty());
    }

    #[test]
    fn a_status_change_reads_as_its_move() {
        let before = json!({ "status": "proposed" });
        let after = json!({ "to": "in_force", "changed_on": "2026-01-01", "note": "" });
        assert_eq!(detail(AuditAction::StatusChange, &before, &after), "Proposed → In force");
        assert_eq!(detail(AuditAction::Create, &Value::Null, &after), "");
    }
}
