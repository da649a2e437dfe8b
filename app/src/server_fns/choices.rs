//! The filter and form choices read from the database, kept as one read-cache entry.
//! Partners are not among them: they are fixed ISO data
//! ([`crate::forms::choices::Choices::partners`]), never sent in a page's data.

use serde::{Deserialize, Serialize};

/// UK bodies and the routes the reader may see: (value, label) pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookups {
    pub uk_bodies: Vec<(String, String)>,
    pub routes: Vec<(String, String)>,
}

/// The current lookups for this reader, cached until the next write.
#[cfg(feature = "ssr")]
pub async fn lookups() -> Result<Lookups, crate::error::AppError> {
    use accord::storage::choices;
    crate::state::cached("choices", (), |pool, clearance, _| async move {
        Ok(Lookups {
            uk_bodies: choices::uk_bodies(&pool).await?,
            routes: choices::routes(&pool, clearance).await?,
        })
    })
    .await
}
