//! The audit trail: who changed what, when, with the record before and after.

use serde::Serialize;
use sqlx::SqliteExecutor;

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

    pub fn system(what: &str) -> Self {
        Actor { user_id: None, name: format!("system ({what})") }
    }
}

/// Appends one entry. Call inside the same transaction as the change it records,
/// so a change and its audit entry land together or not at all.
pub async fn record<B: Serialize, A: Serialize>(
    db: impl SqliteExecutor<'_>,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), sqlx::Error> {
    let before = before.and_then(|b| serde_json::to_string(b).ok());
    let after = after.and_then(|a| serde_json::to_string(a).ok());
    sqlx::query(
        "INSERT INTO audit_log (user_id, actor, action, entity, entity_id, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before)
    .bind(after)
    .execute(db)
    .await?;
    Ok(())
}
