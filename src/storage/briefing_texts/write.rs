//! Saving one section of a partner's or route's briefing, checked and audited in the
//! caller's write transaction: the writer must see the subject and the section, mark
//! it within their clearance and never lower it, and name the version they read.

use crate::domain::briefing_text::{BriefingSection, BriefingSubject, BriefingTextDraft};
use crate::domain::{Classification, Clearance, FieldErrors, Level};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::check_marking;
use crate::storage::{routes, Result, StorageError};
use serde::Serialize;
use sqlx::{Sqlite, SqliteConnection, Transaction};

/// A section as the audit trail records it, before and after a change.
#[derive(Debug, Serialize)]
struct Snapshot {
    partner: Option<String>,
    route_id: Option<i64>,
    section: BriefingSection,
    body: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    version: i64,
}

impl Snapshot {
    fn marking(&self) -> Classification {
        Classification {
            level: self.classification,
            caveat: self.caveat.clone(),
            releasability: self.releasability.clone(),
        }
    }
}

/// The partner with `alpha2` (any case) as a briefing subject, with its name;
/// `NotFound` when Accord has no such partner.
pub async fn subject_for_partner(
    tx: &mut Transaction<'_, Sqlite>,
    alpha2: &str,
) -> Result<(BriefingSubject, String)> {
    let known: Option<(String, String)> =
        sqlx::query_as("SELECT alpha2, name FROM partners WHERE alpha2 = upper(?1)")
            .bind(alpha2)
            .fetch_optional(&mut **tx)
            .await?;
    let (alpha2, name) = known.ok_or(StorageError::NotFound)?;
    Ok((BriefingSubject::Partner(alpha2), name))
}

/// The route with `slug` as a briefing subject, with its name, when the writer may
/// see it; `NotFound` otherwise, as for a route that does not exist.
pub async fn subject_for_route(
    tx: &mut Transaction<'_, Sqlite>,
    slug: &str,
    clearance: Clearance,
) -> Result<(BriefingSubject, String)> {
    let id = routes::id_for_slug(tx, slug, clearance).await?;
    let name: String = sqlx::query_scalar("SELECT name FROM routes WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok((BriefingSubject::Route(id), name))
}

/// Writes one section: inserts it when `expected_version` is `None` (the section had
/// no text when the editor opened the form), otherwise updates it if it is still at
/// that version. Returns the section's new version.
///
/// `NotFound` when the subject or the section is hidden from the writer (as when
/// missing); `Conflict` when someone else saved first (including a section added
/// meanwhile); `Invalid` for a marking above the writer's clearance, lower than the
/// section's, or with a term not on the managed lists.
pub async fn save(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    clearance: Clearance,
    subject: &BriefingSubject,
    section: BriefingSection,
    expected_version: Option<i64>,
    draft: &BriefingTextDraft,
) -> Result<i64> {
    check_subject_visible(tx, subject, clearance).await?;
    let before = snapshot(tx, subject, section).await?;
    let before_marking = before.as_ref().map(|b| b.marking());
    if let Some(marking) = &before_marking {
        // A section the writer cannot see answers as if it were missing.
        if !clearance.permits(marking.level) {
            return Err(StorageError::NotFound);
        }
    }
    match (&before, expected_version) {
        (Some(before), Some(expected)) if before.version == expected => {}
        (None, None) => {}
        _ => return Err(StorageError::Conflict),
    }
    let mut errors = FieldErrors::default();
    check_marking(&mut errors, &draft.marking, before_marking.as_ref(), clearance);
    check_marking_terms(&mut *tx, &mut errors, &draft.marking, before_marking.as_ref()).await?;
    if !errors.is_empty() {
        return Err(StorageError::Invalid(errors));
    }
    let (partner, route_id) = match subject {
        BriefingSubject::Partner(alpha2) => (Some(alpha2.clone()), None),
        BriefingSubject::Route(id) => (None, Some(*id)),
    };
    let version = match &before {
        None => {
            sqlx::query(
                "INSERT INTO briefing_texts
                     (partner, route_id, section, body, classification, caveat, releasability)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(&partner)
            .bind(route_id)
            .bind(section)
            .bind(&draft.body)
            .bind(draft.marking.level)
            .bind(&draft.marking.caveat)
            .bind(&draft.marking.releasability)
            .execute(&mut **tx)
            .await?;
            1
        }
        Some(before) => {
            let done = sqlx::query(
                "UPDATE briefing_texts
                    SET body = ?1, classification = ?2, caveat = ?3, releasability = ?4,
                        version = version + 1,
                        updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                  WHERE id = ?5 AND version = ?6",
            )
            .bind(&draft.body)
            .bind(draft.marking.level)
            .bind(&draft.marking.caveat)
            .bind(&draft.marking.releasability)
            .bind(before.id)
            .bind(before.version)
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StorageError::Conflict);
            }
            before.version + 1
        }
    };
    let after = snapshot(tx, subject, section).await?.ok_or(StorageError::NotFound)?;
    let action = if before.is_some() { "update" } else { "create" };
    audit::record(
        &mut **tx,
        actor,
        action,
        "briefing_text",
        Some(&after.id.to_string()),
        before.as_ref().map(|b| &b.snapshot),
        Some(&after.snapshot),
    )
    .await?;
    Ok(version)
}

/// `NotFound` unless the writer may see the subject: any partner Accord knows, a
/// route within the writer's clearance.
async fn check_subject_visible(
    conn: &mut SqliteConnection,
    subject: &BriefingSubject,
    clearance: Clearance,
) -> Result<()> {
    let level: Option<Level> = match subject {
        BriefingSubject::Partner(alpha2) => {
            sqlx::query_scalar("SELECT 'official' FROM partners WHERE alpha2 = ?1")
                .bind(alpha2)
                .fetch_optional(&mut *conn)
                .await?
        }
        BriefingSubject::Route(id) => {
            sqlx::query_scalar("SELECT classification FROM routes WHERE id = ?1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    match level {
        Some(level) if clearance.permits(level) => Ok(()),
        _ => Err(StorageError::NotFound),
    }
}

/// A stored section with its row id.
struct Stored {
    id: i64,
    snapshot: Snapshot,
}

impl std::ops::Deref for Stored {
    type Target = Snapshot;
    fn deref(&self) -> &Snapshot {
        &self.snapshot
    }
}

async fn snapshot(
    conn: &mut SqliteConnection,
    subject: &BriefingSubject,
    section: BriefingSection,
) -> Result<Option<Stored>> {
    type Row =
        (i64, Option<String>, Option<i64>, String, Level, Option<String>, Option<String>, i64);
    let (partner, route_id) = match subject {
        BriefingSubject::Partner(alpha2) => (Some(alpha2.as_str()), None),
        BriefingSubject::Route(id) => (None, Some(*id)),
    };
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, partner, route_id, body, classification, caveat, releasability, version
           FROM briefing_texts
          WHERE (partner = ?1 OR route_id = ?2) AND section = ?3",
    )
    .bind(partner)
    .bind(route_id)
    .bind(section)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id, partner, route_id, body, classification, caveat, releasability, version)| {
        Stored {
            id,
            snapshot: Snapshot {
                partner,
                route_id,
                section,
                body,
                classification,
                caveat,
                releasability,
                version,
            },
        }
    }))
}
