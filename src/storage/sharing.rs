//! Intelligence-sharing arrangements: the list with filters, an arrangement's page
//! (`detail`), create and edit (`write`). Every read is bounded by the reader's
//! clearance, including the governing agreement an arrangement links to (a link the
//! reader cannot follow is not there for them); every write runs in the caller's
//! `BEGIN IMMEDIATE` transaction, checks visibility there, and audits there.

mod detail;
mod write;

pub use detail::get;
pub use write::{create, update};

use super::conditions::{push_dates, review_due, review_overdue, sharing_not_ended};
use super::marking;
use super::visibility::{visible, with_visible};
use crate::domain::{
    Clearance, DataCategory, ReviewState, SharingFilter, SharingRow, SharingSort, PAGE_SIZE,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::Date;

/// The filter's conditions; the query must have the CTEs `visible` (`with_visible`)
/// and `dates` (`push_dates`).
fn push_filters(q: &mut QueryBuilder<Sqlite>, f: &SharingFilter) {
    q.push(concat!(" WHERE ", visible!("s.classification")));
    if let Some(partner) = &f.partner {
        q.push(" AND s.partner = ").push_bind(partner.clone());
    }
    if let Some(category) = f.data_category {
        q.push(
            " AND s.id IN (SELECT arrangement_id FROM sharing_data_categories WHERE category = ",
        )
        .push_bind(category)
        .push(")");
    }
    if let Some(direction) = f.direction {
        q.push(" AND s.direction = ").push_bind(direction);
    }
    if let Some(status) = f.status {
        q.push(" AND s.status = ").push_bind(status);
    }
    if let Some(osja) = f.osja {
        q.push(" AND s.osja_status = ").push_bind(osja);
    }
    if let Some(before) = f.review_due {
        q.push(" AND s.next_review_on < ").push_bind(before);
    }
    // The dashboard's review figures, by the same conditions (`storage::conditions`).
    match f.review {
        Some(ReviewState::Due) => {
            q.push(concat!(
                " AND ",
                sharing_not_ended!("s"),
                " AND ",
                review_due!("s.next_review_on")
            ));
        }
        Some(ReviewState::Overdue) => {
            q.push(concat!(
                " AND ",
                sharing_not_ended!("s"),
                " AND ",
                review_overdue!("s.next_review_on")
            ));
        }
        None => {}
    }
}

/// Data categories stored as `a,b,c` (group_concat) back into the vocabulary.
pub(crate) fn categories(text: Option<String>) -> Vec<DataCategory> {
    let mut all: Vec<DataCategory> =
        text.unwrap_or_default().split(',').filter_map(|c| c.parse().ok()).collect();
    all.sort();
    all
}

/// One page of arrangements matching the filter, and how many match in all; `today`
/// dates the review filter.
pub async fn list(
    pool: &SqlitePool,
    filter: &SharingFilter,
    clearance: Clearance,
    today: Date,
) -> Result<(Vec<SharingRow>, i64), sqlx::Error> {
    Ok((page(pool, filter, clearance, today).await?, count(pool, filter, clearance, today).await?))
}

/// How many arrangements match the filter.
pub async fn count(
    pool: &SqlitePool,
    filter: &SharingFilter,
    clearance: Clearance,
    today: Date,
) -> Result<i64, sqlx::Error> {
    let mut count = with_visible(clearance);
    push_dates(&mut count, today);
    count.push(" SELECT count(*) FROM sharing_arrangements s");
    push_filters(&mut count, filter);
    count.build_query_scalar().fetch_one(pool).await
}

/// The page of arrangements the filter asks for, in its order. The ids are chosen
/// first and the rows joined after, so the categories subquery runs for 50 rows only.
pub async fn page(
    pool: &SqlitePool,
    filter: &SharingFilter,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<SharingRow>, sqlx::Error> {
    let column = match filter.sort {
        SharingSort::Reference => "s.reference",
        SharingSort::Title => "s.title",
        SharingSort::Partner => "p.name",
        SharingSort::Status => "s.status",
        // Records with no date sort last either way.
        SharingSort::NextReview => "s.next_review_on IS NULL, s.next_review_on",
        SharingSort::Updated => "s.updated_at",
    };
    let direction = if filter.descending { " DESC" } else { " ASC" };
    let order = format!(" ORDER BY {column}{direction}, s.id{direction}");
    let mut q = with_visible(clearance);
    push_dates(&mut q, today);
    q.push(", page AS (SELECT s.id FROM sharing_arrangements s JOIN partners p ON p.alpha2 = s.partner");
    push_filters(&mut q, filter);
    q.push(&order);
    q.push(" LIMIT ")
        .push_bind(PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind((filter.page - 1) * PAGE_SIZE);
    q.push(
        ") SELECT s.id, s.reference, s.title, s.partner, p.name AS partner_name, b.name AS uk_body,
                  s.direction, s.osja_status, s.status, s.next_review_on, s.classification,
                  s.caveat, s.releasability,
                  (SELECT group_concat(category) FROM sharing_data_categories
                    WHERE arrangement_id = s.id) AS categories
             FROM page JOIN sharing_arrangements s ON s.id = page.id
             JOIN partners p ON p.alpha2 = s.partner
             JOIN uk_bodies b ON b.id = s.uk_body_id",
    );
    q.push(&order);
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(SharingRow {
                id: r.try_get("id")?,
                reference: r.try_get("reference")?,
                title: r.try_get("title")?,
                partner: r.try_get("partner")?,
                partner_name: r.try_get("partner_name")?,
                uk_body: r.try_get("uk_body")?,
                data_categories: categories(r.try_get("categories")?),
                direction: r.try_get("direction")?,
                osja_status: r.try_get("osja_status")?,
                status: r.try_get("status")?,
                next_review_on: r.try_get("next_review_on")?,
                classification: marking(r)?,
            })
        })
        .collect()
}
