//! The options offered by form selects and list filters, within the reader's clearance.
//! Partners are not here: they are fixed ISO data (`crate::iso::PARTNER_CHOICES`).
//! Also the check that a record's caveat and releasability are on their managed lists.

use super::visibility::{visible, visible_levels};
use crate::{Classification, Clearance, FieldErrors};
use sqlx::{SqliteConnection, SqlitePool};

/// A select option: the value sent, and the label shown.
pub type Choice = (String, String);

/// The managed list of UK bodies, active ones: (id, name).
pub async fn uk_bodies(pool: &SqlitePool) -> Result<Vec<Choice>, sqlx::Error> {
    sqlx::query_as("SELECT CAST(id AS TEXT), name FROM uk_bodies WHERE active ORDER BY name")
        .fetch_all(pool)
        .await
}

/// Routes the reader may see: (slug, name).
pub async fn routes(pool: &SqlitePool, clearance: Clearance) -> Result<Vec<Choice>, sqlx::Error> {
    sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?1"),
        " SELECT slug, name FROM routes WHERE ",
        visible!("classification"),
        " ORDER BY name"
    ))
    .bind(clearance.rank())
    .fetch_all(pool)
    .await
}

/// The managed list of one kind of marking term (`caveat` or `releasability`),
/// active ones in their order: (term, term).
pub async fn marking_terms(pool: &SqlitePool, kind: &str) -> Result<Vec<Choice>, sqlx::Error> {
    sqlx::query_as(
        "SELECT term, term FROM marking_terms WHERE kind = ?1 AND active ORDER BY position, term",
    )
    .bind(kind)
    .fetch_all(pool)
    .await
}

/// Adds a field error on `caveat` or `releasability` when the marking's term is not on
/// the managed list. A term withdrawn from the list (or older than it) may stay on a
/// record that already carries it (`before`), as a withdrawn UK body may.
pub(crate) async fn check_marking_terms(
    conn: &mut SqliteConnection,
    errors: &mut FieldErrors,
    marking: &Classification,
    before: Option<&Classification>,
) -> Result<(), sqlx::Error> {
    let fields = [
        ("caveat", "handling caveat", &marking.caveat, before.and_then(|b| b.caveat.as_ref())),
        (
            "releasability",
            "releasability",
            &marking.releasability,
            before.and_then(|b| b.releasability.as_ref()),
        ),
    ];
    for (kind, what, term, kept) in fields {
        let Some(term) = term else { continue };
        if Some(term) == kept {
            continue;
        }
        let listed: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM marking_terms WHERE kind = ?1 AND term = ?2 AND active",
        )
        .bind(kind)
        .bind(term)
        .fetch_optional(&mut *conn)
        .await?;
        if listed.is_none() {
            errors.add(kind, format!("Select a {what} from the list"));
        }
    }
    Ok(())
}
