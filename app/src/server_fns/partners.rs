//! The partner page (the partner list needs no server: `accord::iso`).

use crate::error::AppError;
use accord::coverage::PartnerPicture;
use accord::{BriefingText, Classification, PartnerSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The partner page: codes and counts, the records behind them, routes and gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPage {
    pub summary: PartnerSummary,
    pub picture: PartnerPicture,
    /// The briefing sections the reader may see, in order.
    pub briefing: Vec<BriefingText>,
    /// Highest marking of everything the page shows or counts.
    pub marking: Classification,
}

#[server]
pub async fn fetch_partner(alpha2: String) -> Result<PartnerPage, AppError> {
    // Counts over every record with the partner, and its routes: cached until a write,
    // but for changes to other partners' commitments.
    let code = alpha2.trim().to_ascii_uppercase();
    let stamp = |pool| async move { accord::storage::partners::changes(&pool, &code).await };
    crate::state::cached_by_partners(
        "partner",
        alpha2.clone(),
        stamp,
        |pool, clearance, today| async move {
            let (summary, mut marking) =
                accord::storage::partners::summary(&pool, &alpha2, clearance)
                    .await?
                    .ok_or(AppError::NotFound)?;
            let picture = accord::storage::routes::partner_picture(
                &pool,
                &summary.partner.alpha2,
                clearance,
                today,
            )
            .await?;
            marking.raise(&picture.marking);
            let subject = accord::BriefingSubject::Partner(summary.partner.alpha2.clone());
            let briefing =
                accord::storage::briefing_texts::for_subject(&pool, &subject, clearance).await?;
            for text in &briefing {
                marking.raise(&text.marking);
            }
            Ok(PartnerPage { summary, picture, briefing, marking })
        },
    )
    .await
}

/// The partners on any route the reader may see, or only those with the coverage gap
/// `gap` (ISO codes, sorted), and the marking of what decided it: the partner list's
/// `on_route` and `gap` filters, the same partners the dashboard counts.
#[server]
pub async fn fetch_route_partners(
    gap: Option<accord::coverage::GapKind>,
) -> Result<(Vec<String>, Classification), AppError> {
    // Reads the coverage of every partner on every route: cached until a write.
    crate::state::cached("route_partners", gap, |pool, clearance, today| async move {
        Ok(accord::storage::routes::route_partners(&pool, clearance, today, gap).await?)
    })
    .await
}
