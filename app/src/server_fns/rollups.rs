//! Roll-ups (`/reviews/rollups/{dimension}`) and reciprocity (per agreement, per
//! partner). Each whole roll-up is one grouped query, cached per clearance until the
//! next write; a page of it is cut here.

use crate::error::AppError;
use accord::rollup::reciprocity::Reciprocity;
use accord::rollup::{Dimension, RollupRow};
use accord::Classification;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::Date;

/// One page of a roll-up's rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupPage {
    pub dimension: Dimension,
    pub rows: Vec<RollupRow>,
    /// How many rows the whole roll-up has.
    pub total: i64,
    pub page: i64,
    pub today: Date,
    /// Highest marking of the rows shown.
    pub marking: Classification,
    /// The rows' table, rendered once per cached page: 50 rows of 18 linked figures
    /// cost more to render than all the rest of the page, so the HTML is kept with
    /// the figures it shows (in the read cache, until the next write).
    pub table_html: String,
}

/// Page `page` (from 1) of the roll-up by `dimension` (its code); an unknown
/// dimension is not found.
#[server]
pub async fn fetch_rollup(dimension: String, page: i64) -> Result<RollupPage, AppError> {
    use accord::PAGE_SIZE;
    let dimension: Dimension = dimension.parse().map_err(|_| AppError::NotFound)?;
    let rollup = crate::state::cached("rollup", dimension, |pool, clearance, today| async move {
        Ok(accord::storage::rollups::load(&pool, dimension, clearance, today).await?)
    })
    .await?;
    let page = page.max(1);
    let key = (dimension, page);
    crate::state::cached("rollup page", key, move |_, _, _| async move {
        let skip = usize::try_from((page - 1).saturating_mul(PAGE_SIZE)).unwrap_or(usize::MAX);
        let total = i64::try_from(rollup.rows.len()).unwrap_or(i64::MAX);
        let rows: Vec<RollupRow> = rollup
            .rows
            .into_iter()
            .skip(skip)
            .take(usize::try_from(PAGE_SIZE).unwrap_or(50))
            .collect();
        let marking = Classification::highest(rows.iter().map(|r| &r.marking));
        let table_html = crate::routes::reviews::rollups::table_html(dimension, rows.clone());
        Ok(RollupPage { dimension, rows, total, page, today: rollup.today, marking, table_html })
    })
    .await
}

/// Each party's commitments under agreement `id`, side by side.
#[server]
pub async fn fetch_agreement_reciprocity(id: i64) -> Result<Reciprocity, AppError> {
    let pool = crate::state::pool()?;
    let (clearance, today) = (crate::state::clearance(), accord::dates::today());
    accord::storage::rollups::reciprocity::for_agreement(&pool, id, clearance, today)
        .await?
        .ok_or(AppError::NotFound)
}

/// The UK's commitments beside partner `alpha2`'s, across the partner's agreements.
#[server]
pub async fn fetch_partner_reciprocity(alpha2: String) -> Result<Reciprocity, AppError> {
    let alpha2 = alpha2.to_uppercase();
    // Counts over every agreement of the partner: cached until the next write.
    crate::state::cached("reciprocity", alpha2.clone(), |pool, clearance, today| async move {
        accord::storage::rollups::reciprocity::for_partner(&pool, &alpha2, clearance, today)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}
