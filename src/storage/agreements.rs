//! Agreements: list with filters, page with everything around it (`detail`), create,
//! edit and status changes (`write`). Every read is bounded by the reader's
//! clearance; every write runs in the caller's `BEGIN IMMEDIATE` transaction, checks
//! visibility there, and audits there.

mod checks;
mod detail;
mod status;
mod write;

pub use detail::get;
pub use status::change_status;
pub use write::{create, update};

use super::conditions::{agreement_expiring, agreement_not_ended, review_due, review_overdue};
use super::listing::{self, Listed};
use super::marking;
use super::visibility::visible;
use crate::domain::{AgreementFilter, AgreementRow, AgreementSort, Clearance, ReviewState};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::Date;

impl Listed for AgreementFilter {
    type Row = AgreementRow;
    const FROM: &'static str = "agreements a";
    const ID: &'static str = "a.id";
    const VISIBLE: &'static str = visible!("a.classification");
    const MARKING: &'static str = "a.classification, a.caveat, a.releasability";
    /// Joined after the LIMIT, so the partner names subquery runs for 50 rows, not
    /// for every match.
    const ROWS: &'static str = "SELECT a.id, a.reference, a.title, a.kind, a.status,
        a.next_review_on, a.classification, a.caveat, a.releasability,
        (SELECT group_concat(p.name, ', ') FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = a.id AND p.is_home = 0) AS partners
   FROM page JOIN agreements a ON a.id = page.id";

    fn push_conditions(&self, q: &mut QueryBuilder<Sqlite>) {
        push_conditions(q, self);
    }

    fn order(&self) -> String {
        let column = match self.sort {
            AgreementSort::Reference => "a.reference",
            AgreementSort::Title => "a.title",
            AgreementSort::Status => "a.status",
            // Records with no date sort last either way.
            AgreementSort::NextReview => "a.next_review_on IS NULL, a.next_review_on",
            AgreementSort::Expires => "a.expires_on IS NULL, a.expires_on",
            AgreementSort::Updated => "a.updated_at",
        };
        let direction = if self.descending { " DESC" } else { " ASC" };
        format!(" ORDER BY {column}{direction}, a.id{direction}")
    }

    fn row(row: &SqliteRow, _today: Date) -> Result<AgreementRow, sqlx::Error> {
        Ok(AgreementRow {
            id: row.try_get("id")?,
            reference: row.try_get("reference")?,
            title: row.try_get("title")?,
            kind: row.try_get("kind")?,
            status: row.try_get("status")?,
            partners: row.try_get::<Option<String>, _>("partners")?.unwrap_or_default(),
            next_review_on: row.try_get("next_review_on")?,
            classification: marking(row)?,
        })
    }

    fn marking(row: &SqliteRow) -> Result<crate::Classification, sqlx::Error> {
        marking(row)
    }
}

/// The filter's conditions after the visibility one; the query has the CTEs `visible`
/// and `dates`.
fn push_conditions(q: &mut QueryBuilder<Sqlite>, f: &AgreementFilter) {
    if let Some(partner) = &f.partner {
        q.push(" AND a.id IN (SELECT agreement_id FROM agreement_parties WHERE partner = ")
            .push_bind(partner.clone())
            .push(")");
    }
    if let Some(route) = &f.route {
        q.push(
            " AND a.id IN (SELECT ap.agreement_id FROM agreement_parties ap
                 JOIN route_legs l ON l.partner = ap.partner JOIN routes r ON r.id = l.route_id
                WHERE r.slug = ",
        )
        .push_bind(route.clone())
        .push(concat!(" AND ", visible!("r.classification"), ")"));
    }
    if let Some(kind) = f.kind {
        q.push(" AND a.kind = ").push_bind(kind);
    }
    if let Some(status) = f.status {
        q.push(" AND a.status = ").push_bind(status);
    }
    if let Some(strand) = f.strand {
        q.push(" AND a.id IN (SELECT agreement_id FROM agreement_strands WHERE strand = ")
            .push_bind(strand)
            .push(")");
    }
    if let Some(binding) = f.legally_binding {
        q.push(" AND a.legally_binding = ").push_bind(binding);
    }
    if let Some(lead) = f.lead {
        q.push(" AND a.lead_department_id = ").push_bind(lead);
    }
    if let Some(owner) = &f.owner {
        q.push(" AND a.owner LIKE '%' || ").push_bind(owner.clone()).push(" || '%'");
    }
    if let Some(before) = f.review_before {
        q.push(" AND a.next_review_on < ").push_bind(before);
    }
    if let Some(level) = f.classification {
        q.push(" AND a.classification = ").push_bind(level);
    }
    // The dashboard's figures, by the same conditions (`storage::conditions`).
    match f.review {
        Some(ReviewState::Due) => {
            q.push(concat!(
                " AND ",
                agreement_not_ended!("a"),
                " AND ",
                review_due!("a.next_review_on")
            ));
        }
        Some(ReviewState::Overdue) => {
            q.push(concat!(
                " AND ",
                agreement_not_ended!("a"),
                " AND ",
                review_overdue!("a.next_review_on")
            ));
        }
        None => {}
    }
    if f.expiring {
        q.push(concat!(" AND ", agreement_expiring!("a")));
    }
}

/// One page of agreements matching the filter, and how many match in all.
/// `today` dates the review and expiry filters.
pub async fn list(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    clearance: Clearance,
    today: Date,
) -> Result<(Vec<AgreementRow>, i64), sqlx::Error> {
    listing::list(pool, filter, clearance, today).await
}
