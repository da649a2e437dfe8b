//! Opening the database and preparing it to serve.

use accord::storage::{self, OpenError};
use anyhow::Context;
use sqlx::SqlitePool;
use std::path::Path;

/// Opens (or refuses) the database, migrates it and loads the partner list.
pub async fn prepare_database(data_dir: &Path, demo: bool) -> anyhow::Result<SqlitePool> {
    let pool = storage::open(data_dir).await.map_err(|e: OpenError| anyhow::anyhow!(e))?;
    let partners = storage::partners::sync_from_iso(&pool)
        .await
        .context("loading the ISO 3166 partner list")?;
    tracing::info!(partners, data_dir = %data_dir.display(), "database ready");
    if demo {
        match storage::demo::load(&pool, accord::dates::today())
            .await
            .context("loading the illustrative demo data")?
        {
            Some(summary) => tracing::info!(?summary, "illustrative demo data loaded"),
            None => tracing::info!("illustrative demo data already present; nothing loaded"),
        }
    }
    Ok(pool)
}

/// Starts the daily e-mail digests in the background (or logs that they are off).
pub fn start_digests(pool: &SqlitePool, config: &crate::ServeConfig) -> anyhow::Result<()> {
    let base_url = format!("http://{}", config.addr);
    crate::digest::start(pool.clone(), &config.mail, &base_url).map(|_task| ())
}
