//! The filter and form choices read from the database, kept as one read-cache entry.
//! Partners are not among them: they are fixed ISO data
//! ([`crate::forms::choices::Choices::partners`]), never sent in a page's data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// UK bodies, the routes the reader may see, and the managed marking terms:
/// (value, label) pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookups {
    pub uk_bodies: Vec<(String, String)>,
    pub routes: Vec<(String, String)>,
    /// Handling caveats offered by marking fields.
    pub caveats: Vec<(String, String)>,
    /// Releasabilities offered by marking fields.
    pub releasabilities: Vec<(String, String)>,
}

/// The current lookups for this reader, cached until the next write.
#[cfg(feature = "ssr")]
pub async fn lookups() -> Result<Lookups, crate::error::AppError> {
    use accord::storage::choices;
    crate::state::cached("choices", (), |pool, clearance, _| async move {
        Ok(Lookups {
            uk_bodies: choices::uk_bodies(&pool).await?,
            routes: choices::routes(&pool, clearance).await?,
            caveats: choices::marking_terms(&pool, "caveat").await?,
            releasabilities: choices::marking_terms(&pool, "releasability").await?,
        })
    })
    .await
}

/// The managed caveat and releasability lists, for the marking fields of every form:
/// (caveats, releasabilities).
#[server]
pub async fn fetch_marking_terms(
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), crate::error::AppError> {
    let all = lookups().await?;
    Ok((all.caveats, all.releasabilities))
}
