//! The print view's data: the pack, assembled in storage within the reader's clearance,
//! and recorded in the audit trail as an export (format "print"): a printed pack
//! leaves the building like a downloaded one.

use crate::error::AppError;
use accord::briefing_pack::BriefingPack;
use leptos::prelude::*;

/// The briefing pack on a partner (ISO alpha-2).
#[server]
pub async fn fetch_partner_pack(alpha2: String) -> Result<BriefingPack, AppError> {
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let pool = crate::state::pool()?;
    let today = accord::dates::today();
    let pack = accord::storage::briefing_pack::for_partner(&pool, &alpha2, &user, today)
        .await?
        .ok_or(AppError::NotFound)?;
    accord::storage::briefing_pack::audit_export(&pool, &user, &pack, "print").await?;
    Ok(pack)
}

/// The briefing pack on a route (by slug), with the route page's diagram.
#[server]
pub async fn fetch_route_pack(slug: String) -> Result<BriefingPack, AppError> {
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let pool = crate::state::pool()?;
    let today = accord::dates::today();
    let route = accord::storage::briefing_pack::for_route(&pool, &slug, &user, today)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut pack = route.pack;
    pack.route_diagram_svg = Some(super::diagram_svg(&route.coverage));
    accord::storage::briefing_pack::audit_export(&pool, &user, &pack, "print").await?;
    Ok(pack)
}
