//! Commitments: the register across agreements, a commitment's page (`detail`), add
//! and edit (`write`). Overdue is derived in SQL from the due date and status, never
//! stored. A commitment is shown under its agreement, so its effective marking is the
//! higher of the two: it is visible only when both are, and lists mark it with both.

mod detail;
mod write;

pub use detail::get;
pub use write::{add, create, update};

use super::conditions::{commitment_not_withdrawn, commitment_overdue, review_due, review_overdue};
use super::date_tally::{before, review_window, DateRange, Dated, DUE, REVIEWED};
use super::listing::{self, Listed};
use super::marking;
use super::visibility::{commitment_visible, visible, visible_levels};
use crate::domain::commitment::is_overdue;
use crate::domain::{
    Classification, Clearance, CommitmentFilter, CommitmentRow, CommitmentSort, ReviewState,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::Date;

impl Listed for CommitmentFilter {
    type Row = CommitmentRow;
    /// A LEFT JOIN, which is the same join here (every commitment has its agreement),
    /// so that SQLite leaves the agreement out of a query that reads none of its
    /// columns: the count of the overdue list then comes from an index alone (4 ms on
    /// the large set, against 27 joining each commitment's agreement).
    const FROM: &'static str = "commitments c LEFT JOIN agreements a ON a.id = c.agreement_id";
    const ID: &'static str = "c.id";
    /// Shown under its agreement: visible only when both are, by the commitment's
    /// stored effective rank (`commitment_visible!`).
    const VISIBLE: &'static str = commitment_visible!("c");
    const MARKING: &'static str = "c.classification, c.caveat, c.releasability,
        a.classification AS a_classification, a.caveat AS a_caveat,
        a.releasability AS a_releasability";
    const ROWS: &'static str = "SELECT c.id, c.text, c.agreement_id,
        a.reference AS agreement_reference, p.name AS party, c.owner, c.due_on, c.status,
        c.rag, c.classification, c.caveat, c.releasability,
        a.classification AS a_classification, a.caveat AS a_caveat,
        a.releasability AS a_releasability
   FROM page JOIN commitments c ON c.id = page.id
   JOIN agreements a ON a.id = c.agreement_id
   JOIN partners p ON p.alpha2 = c.committing_party";

    fn push_conditions(&self, q: &mut QueryBuilder<Sqlite>) {
        push_conditions(q, self);
    }

    fn order(&self) -> String {
        // With a due-date filter no row lacks a date, and plain `c.due_on` lets the index
        // of open commitments by due date (migrations/0006) deliver them in order.
        let dated = self.overdue || self.due_before.is_some();
        let column = match self.sort {
            CommitmentSort::Status => "c.status",
            CommitmentSort::Rag => {
                "CASE c.rag WHEN 'red' THEN 1 WHEN 'amber' THEN 2 WHEN 'green' THEN 3 ELSE 4 END"
            }
            CommitmentSort::Updated => "c.updated_at",
            CommitmentSort::Due if dated => "c.due_on",
            CommitmentSort::Due => "c.due_on IS NULL, c.due_on",
        };
        let direction = if self.descending { " DESC" } else { " ASC" };
        format!(" ORDER BY {column}{direction}, c.id{direction}")
    }

    fn row(r: &SqliteRow, today: Date) -> Result<CommitmentRow, sqlx::Error> {
        let status = r.try_get("status")?;
        let due_on: Option<Date> = r.try_get("due_on")?;
        Ok(CommitmentRow {
            id: r.try_get("id")?,
            text: r.try_get("text")?,
            agreement_id: r.try_get("agreement_id")?,
            agreement_reference: r.try_get("agreement_reference")?,
            committing_party: r.try_get("party")?,
            owner: r.try_get("owner")?,
            due_on,
            status,
            rag: r.try_get("rag")?,
            overdue: is_overdue(status, due_on, today),
            // Listed away from its agreement: the row carries both markings.
            classification: <Self as Listed>::marking(r)?,
        })
    }

    fn marking(r: &SqliteRow) -> Result<Classification, sqlx::Error> {
        Ok(Classification::highest(&[marking(r)?, agreement_marking(r)?]))
    }

    /// The whole register's overdue commitments and reviews due or overdue, as the
    /// dashboard counts them (its figures link here): ten thousand overdue on the
    /// large set took 2.5–3.5 ms to count from the index, and a few tally rows.
    fn tallied(&self, today: Date) -> Option<(Dated, DateRange)> {
        let only = CommitmentFilter {
            overdue: self.overdue,
            review: self.review,
            sort: self.sort,
            descending: self.descending,
            page: self.page,
            ..CommitmentFilter::default()
        };
        if *self != only {
            return None;
        }
        match (self.overdue, self.review) {
            (true, None) => Some((DUE, before(today))),
            (false, Some(ReviewState::Due)) => Some((REVIEWED, review_window(today))),
            (false, Some(ReviewState::Overdue)) => Some((REVIEWED, before(today))),
            _ => None,
        }
    }
}

/// The agreement's marking read as `a_classification`, `a_caveat`, `a_releasability`.
pub(crate) fn agreement_marking(
    row: &sqlx::sqlite::SqliteRow,
) -> Result<Classification, sqlx::Error> {
    Ok(Classification {
        level: row.try_get("a_classification")?,
        caveat: row.try_get("a_caveat")?,
        releasability: row.try_get("a_releasability")?,
    })
}

/// The filter's conditions on `commitments c JOIN agreements a` after the visibility
/// one; the query has the CTEs `visible` and `dates`.
fn push_conditions(q: &mut QueryBuilder<Sqlite>, f: &CommitmentFilter) {
    if let Some(partner) = &f.partner {
        q.push(
            " AND c.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE partner = ",
        )
        .push_bind(partner.clone())
        .push(")");
    }
    if let Some(route) = &f.route {
        // The UK, a leg of most routes and a party to every agreement, links none of
        // them to a route (as the route page counts commitments).
        q.push(
            " AND c.agreement_id IN (SELECT ap.agreement_id FROM agreement_parties ap
                 JOIN partners hp ON hp.alpha2 = ap.partner AND hp.is_home = 0
                 JOIN route_legs l ON l.partner = ap.partner JOIN routes r ON r.id = l.route_id
                WHERE r.slug = ",
        )
        .push_bind(route.clone())
        .push(concat!(" AND ", visible!("r.classification"), ")"));
    }
    if let Some(agreement) = f.agreement {
        q.push(" AND c.agreement_id = ").push_bind(agreement);
    }
    if let Some(strand) = f.strand {
        q.push(" AND c.id IN (SELECT commitment_id FROM commitment_strands WHERE strand = ")
            .push_bind(strand)
            .push(")");
    }
    if let Some(owner) = &f.owner {
        if f.owner_exact {
            q.push(" AND c.owner = ").push_bind(owner.clone());
        } else {
            q.push(" AND c.owner LIKE '%' || ").push_bind(owner.clone()).push(" || '%'");
        }
    }
    if let Some(status) = f.status {
        q.push(" AND c.status = ").push_bind(status);
    } else if f.open {
        q.push(concat!(" AND c.status IN ", crate::storage::open_statuses!()));
    }
    // Reciprocity's sides and the department roll-up's rows (`storage::rollups`).
    if let Some(party) = &f.party {
        q.push(" AND c.committing_party = ").push_bind(party.clone());
    }
    if let Some(lead) = f.lead {
        q.push(" AND a.lead_department_id = ").push_bind(lead);
    }
    if let Some(rag) = f.rag {
        q.push(" AND c.rag = ").push_bind(rag);
    } else if f.unrated {
        q.push(" AND c.rag IS NULL");
    }
    // The dashboard's figures, by the same conditions (`storage::conditions`).
    if f.overdue {
        q.push(concat!(" AND ", commitment_overdue!("c")));
    }
    if let Some(before) = f.due_before {
        q.push(" AND c.due_on < ").push_bind(before);
    }
    match f.review {
        Some(ReviewState::Due) => {
            q.push(concat!(
                " AND ",
                commitment_not_withdrawn!("c"),
                " AND ",
                review_due!("c.next_review_on")
            ));
        }
        Some(ReviewState::Overdue) => {
            q.push(concat!(
                " AND ",
                commitment_not_withdrawn!("c"),
                " AND ",
                review_overdue!("c.next_review_on")
            ));
        }
        None => {}
    }
    if f.exclude_withdrawn {
        q.push(concat!(" AND ", commitment_not_withdrawn!("c")));
    }
}

/// One page of the register, and how many commitments match in all.
pub async fn list(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Result<(Vec<CommitmentRow>, i64), sqlx::Error> {
    listing::list(pool, filter, clearance, today).await
}

/// How many commitments match the filter.
pub async fn count(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Result<i64, sqlx::Error> {
    listing::count(pool, filter, clearance, today).await
}

/// The page of the register the filter asks for, in its order.
pub async fn page(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    clearance: Clearance,
    today: Date,
) -> Result<Vec<CommitmentRow>, sqlx::Error> {
    listing::page(pool, filter, clearance, today).await
}

/// The parties to an agreement the reader may see: (alpha-2, name), UK first. One
/// query (a form post reads it before its write, so every round trip counts).
pub async fn parties(
    pool: &SqlitePool,
    agreement_id: i64,
    clearance: Clearance,
) -> Result<Option<(String, Vec<(String, String)>)>, sqlx::Error> {
    let rows: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT a.reference, p.alpha2, p.name FROM agreements a
            LEFT JOIN agreement_parties ap ON ap.agreement_id = a.id
            LEFT JOIN partners p ON p.alpha2 = ap.partner
           WHERE a.id = ?1 AND ",
        visible!("a.classification"),
        " ORDER BY p.is_home DESC, p.name"
    ))
    .bind(agreement_id)
    .bind(clearance.rank())
    .fetch_all(pool)
    .await?;
    let Some((reference, _, _)) = rows.first() else { return Ok(None) };
    let reference = reference.clone();
    let parties = rows.into_iter().filter_map(|(_, code, name)| Some((code?, name?))).collect();
    Ok(Some((reference, parties)))
}
