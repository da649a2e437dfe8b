//! The options offered by form selects and list filters, within the reader's clearance.
//! Partners are not here: they are fixed ISO data (`crate::iso::PARTNER_CHOICES`).

use super::visibility::{visible, visible_levels};
use crate::Clearance;
use sqlx::SqlitePool;

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
