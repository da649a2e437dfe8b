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

use super::conditions::{
    agreement_expiring, agreement_not_ended, push_dates, review_due, review_overdue,
};
use super::marking;
use super::visibility::{visible, with_visible};
use crate::domain::{
    AgreementFilter, AgreementRow, AgreementSort, Clearance, ReviewState, PAGE_SIZE,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::Date;

/// The list's columns for one page of ids (the `page` CTE made by [`page`]): joining
/// after the LIMIT runs the partner names subquery for 50 rows, not for every match.
const LIST_COLUMNS: &str = "SELECT a.id, a.reference, a.title, a.kind, a.status, a.next_review_on,
        a.classification, a.caveat, a.releasability,
        (SELECT group_concat(p.name, ', ') FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = a.id AND p.is_home = 0) AS partners
   FROM page JOIN agreements a ON a.id = page.id";

/// The filter's conditions; the query must have the CTEs `visible` ([`with_visible`])
/// and `dates` ([`push_dates`]).
fn push_filters(q: &mut QueryBuilder<Sqlite>, f: &AgreementFilter) {
    q.push(concat!(" WHERE ", visible!("a.classification")));
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
    Ok((page(pool, filter, clearance, today).await?, count(pool, filter, clearance, today).await?))
}

/// How many agreements match the filter.
pub async fn count(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    clearance: Clearance,
    today: Date,
) -> Result<i64, sqlx::Error> {
    let mut count = with_visible(clearance);
    push_dates(&mut count, today);
    count.push(" SELECT count(*) FROM agreements a");
    push_filters(&mut count, filter);
    count.build_query_scalar().fetch_one(pool).await
}

/// The page of agreements the filter asks for, in its order.
pub async fn page(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<AgreementRow>, sqlx::Error> {
    let column = match filter.sort {
        AgreementSort::Reference => "a.reference",
        AgreementSort::Title => "a.title",
        AgreementSort::Status => "a.status",
        // Records with no date sort last either way.
        AgreementSort::NextReview => "a.next_review_on IS NULL, a.next_review_on",
        AgreementSort::Expires => "a.expires_on IS NULL, a.expires_on",
        AgreementSort::Updated => "a.updated_at",
    };
    let direction = if filter.descending { " DESC" } else { " ASC" };
    let order = format!(" ORDER BY {column}{direction}, a.id{direction}");
    let mut q = with_visible(clearance);
    push_dates(&mut q, today);
    q.push(", page AS (SELECT a.id FROM agreements a");
    push_filters(&mut q, filter);
    q.push(&order);
    q.push(" LIMIT ")
        .push_bind(PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind((filter.page - 1) * PAGE_SIZE);
    q.push(") ").push(LIST_COLUMNS).push(&order);
    let rows = q.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
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
        })
        .collect()
}
