//! The options offered by form selects and list filters, within the reader's clearance.
//! Partners are not here: they are fixed ISO data (`crate::iso::PARTNER_CHOICES`).
//! Also the check that a record's caveat and releasability are on their managed lists.

use super::direct::Direct;
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
    if marking_terms_to_check(marking, before).next().is_none() {
        return Ok(());
    }
    marking_terms_in(&mut Direct::lock(conn).await?, errors, marking, before)
}

/// [`check_marking_terms`] on a handle already borrowed.
pub(crate) fn marking_terms_in(
    direct: &mut Direct<'_>,
    errors: &mut FieldErrors,
    marking: &Classification,
    before: Option<&Classification>,
) -> Result<(), sqlx::Error> {
    for (kind, what, term) in marking_terms_to_check(marking, before) {
        let listed = direct.first(
            "SELECT id FROM marking_terms WHERE kind = ?1 AND term = ?2 AND active",
            &[kind.into(), term.into()],
        )?;
        if listed.is_none() {
            errors.add(kind, format!("Select a {what} from the list"));
        }
    }
    Ok(())
}

/// The marking's terms that are new to the record: (kind, what it is called, term).
fn marking_terms_to_check<'a>(
    marking: &'a Classification,
    before: Option<&'a Classification>,
) -> impl Iterator<Item = (&'static str, &'static str, &'a String)> {
    let fields = [
        ("caveat", "handling caveat", &marking.caveat, before.and_then(|b| b.caveat.as_ref())),
        (
            "releasability",
            "releasability",
            &marking.releasability,
            before.and_then(|b| b.releasability.as_ref()),
        ),
    ];
    fields.into_iter().filter_map(|(kind, what, term, kept)| {
        let term = term.as_ref()?;
        (Some(term) != kept).then_some((kind, what, term))
    })
}
