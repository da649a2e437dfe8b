//! A record's History section, from the audit log.

use crate::error::AppError;
use accord::domain::audit_log::{HistoryEntry, RecordKind};
use leptos::prelude::*;

/// The audit entries about one record (`key`: its id, or a route's slug), newest
/// first, while the reader may see it (storage applies the clearance rule; a hidden
/// record has no history to show).
#[server]
pub async fn fetch_history(kind: RecordKind, key: String) -> Result<Vec<HistoryEntry>, AppError> {
    // Through the read cache: any write (the audit rows themselves included) empties it.
    crate::state::cached("history", (kind, key.clone()), |pool, clearance, _| async move {
        Ok(accord::storage::audit_log::record_history(&pool, kind, &key, clearance).await?)
    })
    .await
}
