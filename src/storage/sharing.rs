//! Intelligence-sharing arrangements: the list with filters, an arrangement's page
//! (`detail`), create and edit (`write`). Every read is bounded by the reader's
//! clearance, including the governing agreement an arrangement links to (a link the
//! reader cannot follow is not there for them); every write runs in the caller's
//! `BEGIN IMMEDIATE` transaction, checks visibility there, and audits there.

mod detail;
mod write;

pub use detail::get;
pub use write::{create, update};

use super::conditions::{review_due, review_overdue, sharing_not_ended};
use super::listing::{self, Listed};
use super::marking;
use super::visibility::visible;
use crate::domain::{
    Classification, Clearance, DataCategory, ReviewState, SharingFilter, SharingRow, SharingSort,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::Date;

impl Listed for SharingFilter {
    type Row = SharingRow;
    const FROM: &'static str = "sharing_arrangements s JOIN partners p ON p.alpha2 = s.partner";
    const ID: &'static str = "s.id";
    const VISIBLE: &'static str = visible!("s.classification");
    const MARKING: &'static str = "s.classification, s.caveat, s.releasability";
    /// Joined after the LIMIT, so the categories subquery runs for 50 rows only.
    const ROWS: &'static str = "SELECT s.id, s.reference, s.title, s.partner,
        p.name AS partner_name, b.name AS uk_body, s.direction, s.osja_status, s.status,
        s.next_review_on, s.classification, s.caveat, s.releasability,
        (SELECT group_concat(category) FROM sharing_data_categories
          WHERE arrangement_id = s.id) AS categories
   FROM page JOIN sharing_arrangements s ON s.id = page.id
   JOIN partners p ON p.alpha2 = s.partner
   JOIN uk_bodies b ON b.id = s.uk_body_id";

    fn push_conditions(&self, q: &mut QueryBuilder<Sqlite>) {
        push_conditions(q, self);
    }

    fn order(&self) -> String {
        let column = match self.sort {
            SharingSort::Reference => "s.reference",
            SharingSort::Title => "s.title",
            SharingSort::Partner => "p.name",
            SharingSort::Status => "s.status",
            // Records with no date sort last either way.
            SharingSort::NextReview => "s.next_review_on IS NULL, s.next_review_on",
            SharingSort::Updated => "s.updated_at",
        };
        let direction = if self.descending { " DESC" } else { " ASC" };
        format!(" ORDER BY {column}{direction}, s.id{direction}")
    }

    fn row(r: &SqliteRow, _today: Date) -> Result<SharingRow, sqlx::Error> {
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
    }

    fn marking(r: &SqliteRow) -> Result<Classification, sqlx::Error> {
        marking(r)
    }
}

/// The filter's conditions after the visibility one; the query has the CTEs
/// `visible` and `dates`.
fn push_conditions(q: &mut QueryBuilder<Sqlite>, f: &SharingFilter) {
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
    listing::list(pool, filter, clearance, today).await
}
