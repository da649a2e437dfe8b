//! A sharing arrangement's page, with its governing agreement only when the reader
//! may see that agreement too.

use super::categories;
use crate::domain::sharing::GoverningAgreement;
use crate::domain::{Clearance, SharingDetail, SharingDraft};
use crate::storage::marking;
use crate::storage::visibility::{visible, visible_levels};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

/// An arrangement within the reader's clearance (`?1` id, `?2` clearance rank) with
/// its categories, and its governing agreement only when the reader may see that too.
pub(super) const DETAIL: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    " SELECT s.*, p.name AS partner_name, b.name AS uk_body,
        (SELECT group_concat(category) FROM sharing_data_categories WHERE arrangement_id = s.id) AS categories,
        a.id AS a_id, a.reference AS a_reference, a.title AS a_title,
        a.classification AS a_classification, a.caveat AS a_caveat, a.releasability AS a_releasability
   FROM sharing_arrangements s
   JOIN partners p ON p.alpha2 = s.partner
   JOIN uk_bodies b ON b.id = s.uk_body_id
   LEFT JOIN agreements a ON a.id = s.agreement_id AND ",
    visible!("a.classification"),
    " WHERE s.id = ?1 AND ",
    visible!("s.classification")
);

pub(super) fn draft_from_row(row: &SqliteRow) -> Result<SharingDraft, sqlx::Error> {
    Ok(SharingDraft {
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        uk_body_id: row.try_get("uk_body_id")?,
        partner: row.try_get("partner")?,
        partner_body: row.try_get("partner_body")?,
        data_categories: categories(row.try_get("categories")?),
        direction: row.try_get("direction")?,
        legal_basis: row.try_get("legal_basis")?,
        handling_caveats: row.try_get("handling_caveats")?,
        onward_sharing: row.try_get("onward_sharing")?,
        osja_status: row.try_get("osja_status")?,
        osja_assessed_on: row.try_get("osja_assessed_on")?,
        agreement: row.try_get("a_reference")?,
        status: row.try_get("status")?,
        classification: marking(row)?,
        next_review_on: row.try_get("next_review_on")?,
    })
}

/// An arrangement's page; `None` when missing or above the reader's clearance. A
/// governing agreement above clearance is left out, as if there were none.
pub async fn get(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
) -> Result<Option<SharingDetail>, sqlx::Error> {
    let Some(row) =
        sqlx::query(DETAIL).bind(id).bind(clearance.rank()).fetch_optional(pool).await?
    else {
        return Ok(None);
    };
    let agreement = match row.try_get::<Option<i64>, _>("a_id")? {
        Some(agreement_id) => Some(GoverningAgreement {
            id: agreement_id,
            reference: row.try_get("a_reference")?,
            title: row.try_get("a_title")?,
            classification: crate::Classification {
                level: row.try_get("a_classification")?,
                caveat: row.try_get("a_caveat")?,
                releasability: row.try_get("a_releasability")?,
            },
        }),
        None => None,
    };
    Ok(Some(SharingDetail {
        id,
        version: row.try_get("version")?,
        draft: draft_from_row(&row)?,
        uk_body: row.try_get("uk_body")?,
        partner_name: row.try_get("partner_name")?,
        agreement,
        illustrative: row.try_get("illustrative")?,
        updated_at: row.try_get("updated_at")?,
    }))
}
