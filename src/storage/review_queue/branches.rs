//! The queue's three branches (commitments, agreements, sharing arrangements) as one
//! `UNION ALL` of `(kind, id, d)`: each branch applies the visibility rule, leaves
//! out records no longer reviewed, keeps review dates within a group's range and
//! applies the filters that concern its kind.

use crate::domain::review_queue::{Mine, QueueKind, ReviewQueueQuery};
use crate::storage::conditions::{agreement_not_ended, sharing_not_ended};
use crate::storage::visibility::{commitment_visible, visible};
use sqlx::{QueryBuilder, Sqlite};
use time::Date;

/// Commitments leave the queue once met or withdrawn.
macro_rules! commitment_queued {
    ($c:literal) => {
        concat!($c, ".status NOT IN ('met', 'withdrawn')")
    };
}

/// The review dates kept: from and to, inclusive, `None` unbounded.
pub(super) type Range = (Option<Date>, Option<Date>);

/// What the branches select and for whom.
pub(super) struct Branches<'a> {
    pub query: &'a ReviewQueueQuery,
    pub me: &'a Mine,
    pub range: Range,
}

impl Branches<'_> {
    /// The kinds of record the query can match, in the order they are unioned.
    pub fn kinds(&self) -> Vec<QueueKind> {
        QueueKind::ALL.iter().copied().filter(|k| self.query.includes(*k)).collect()
    }

    /// Pushes `SELECT 'kind' AS kind, id, next_review_on AS d … UNION ALL …` for every
    /// kind the query includes (callers check [`Self::kinds`] is not empty).
    pub fn push(&self, q: &mut QueryBuilder<Sqlite>) {
        for (n, kind) in self.kinds().into_iter().enumerate() {
            if n > 0 {
                q.push(" UNION ALL ");
            }
            self.push_kind(q, kind);
        }
    }

    /// Pushes the branch of one kind: `SELECT 'kind' AS kind, id, next_review_on AS d …`.
    pub fn push_kind(&self, q: &mut QueryBuilder<Sqlite>, kind: QueueKind) {
        match kind {
            QueueKind::Commitment => self.commitments(q),
            QueueKind::Agreement => self.agreements(q),
            QueueKind::Sharing => self.sharing(q),
        }
    }

    fn dates(&self, q: &mut QueryBuilder<Sqlite>, column: &str) {
        q.push(format!(" AND {column} IS NOT NULL"));
        if let Some(from) = self.range.0 {
            q.push(format!(" AND {column} >= ")).push_bind(from);
        }
        if let Some(to) = self.range.1 {
            q.push(format!(" AND {column} <= ")).push_bind(to);
        }
    }

    /// `AND {id} IN (ids of `table` whose owner is mine [or whose reviewer is me])`: my
    /// name or e-mail, ignoring case (an index on `owner COLLATE NOCASE`, migration
    /// 0012, serves it), or my user id as named reviewer (`commitments_reviewer`). As
    /// ids chosen first, so SQLite starts from the user's few records through those
    /// indexes; written as `owner … OR reviewer_id = ?` beside the review-date range,
    /// it walked every record due instead (25 ms for the header badge on the large
    /// set, on every page). Written as one `IN`: SQLite 3.51 turned `x = ?1 COLLATE
    /// NOCASE OR x = ?2 COLLATE NOCASE` into an `IN` that lost the collation (no match).
    fn mine(&self, q: &mut QueryBuilder<Sqlite>, id: &str, table: &str, reviewer: bool) {
        q.push(format!(" AND {id} IN (SELECT id FROM {table} WHERE owner COLLATE NOCASE IN ("))
            .push_bind(self.me.display_name.clone())
            .push(", ")
            .push_bind(self.me.email.clone())
            .push(")");
        if reviewer {
            q.push(format!(" UNION ALL SELECT id FROM {table} WHERE reviewer_id = "))
                .push_bind(self.me.user_id);
        }
        q.push(")");
    }

    /// Agreement `agreement` (column given) has the partner / a party on the route.
    fn agreement_place(&self, q: &mut QueryBuilder<Sqlite>, agreement: &str) {
        if let Some(partner) = &self.query.partner {
            q.push(format!(
                " AND {agreement} IN (SELECT agreement_id FROM agreement_parties WHERE partner = "
            ))
            .push_bind(partner.clone())
            .push(")");
        }
        if let Some(route) = &self.query.route {
            q.push(format!(
                " AND {agreement} IN (SELECT ap.agreement_id FROM agreement_parties ap
                     JOIN route_legs l ON l.partner = ap.partner JOIN routes r ON r.id = l.route_id
                    WHERE r.slug = "
            ))
            .push_bind(route.clone())
            .push(concat!(" AND ", visible!("r.classification"), ")"));
        }
    }

    fn owner(&self, q: &mut QueryBuilder<Sqlite>, column: &str) {
        if let Some(owner) = &self.query.owner {
            q.push(format!(" AND {column} LIKE '%' || ")).push_bind(owner.clone()).push(" || '%'");
        }
    }

    fn commitments(&self, q: &mut QueryBuilder<Sqlite>) {
        // Visible by the stored effective rank, so the agreement is not joined: the
        // queue's counts then come from `commitments_review_rank_agreement` alone (on the large
        // set, the unfiltered counts went from 78 to about 30 ms).
        q.push(concat!(
            "SELECT 'commitment' AS kind, c.id AS id, c.next_review_on AS d
               FROM commitments c
              WHERE ",
            commitment_visible!("c"),
            " AND ",
            commitment_queued!("c")
        ));
        self.dates(q, "c.next_review_on");
        self.agreement_place(q, "c.agreement_id");
        self.owner(q, "c.owner");
        if let Some(lead) = self.query.lead {
            q.push(" AND c.agreement_id IN (SELECT id FROM agreements WHERE lead_department_id = ")
                .push_bind(lead)
                .push(")");
        }
        if let Some(strand) = self.query.strand {
            q.push(" AND c.id IN (SELECT commitment_id FROM commitment_strands WHERE strand = ")
                .push_bind(strand)
                .push(")");
        }
        if self.query.mine {
            self.mine(q, "c.id", "commitments", true);
        }
    }

    fn agreements(&self, q: &mut QueryBuilder<Sqlite>) {
        q.push(concat!(
            "SELECT 'agreement' AS kind, a.id AS id, a.next_review_on AS d FROM agreements a WHERE ",
            visible!("a.classification"),
            " AND ",
            agreement_not_ended!("a")
        ));
        self.dates(q, "a.next_review_on");
        self.agreement_place(q, "a.id");
        self.owner(q, "a.owner");
        if let Some(lead) = self.query.lead {
            q.push(" AND a.lead_department_id = ").push_bind(lead);
        }
        if let Some(strand) = self.query.strand {
            q.push(" AND a.id IN (SELECT agreement_id FROM agreement_strands WHERE strand = ")
                .push_bind(strand)
                .push(")");
        }
        if self.query.mine {
            self.mine(q, "a.id", "agreements", false);
        }
    }

    /// Arrangements have no owner, reviewer or strand: `includes` leaves them out of
    /// queries filtered by those.
    fn sharing(&self, q: &mut QueryBuilder<Sqlite>) {
        q.push(concat!(
            "SELECT 'sharing' AS kind, s.id AS id, s.next_review_on AS d
               FROM sharing_arrangements s WHERE ",
            visible!("s.classification"),
            " AND ",
            sharing_not_ended!("s")
        ));
        self.dates(q, "s.next_review_on");
        if let Some(partner) = &self.query.partner {
            q.push(" AND s.partner = ").push_bind(partner.clone());
        }
        if let Some(route) = &self.query.route {
            q.push(
                " AND s.partner IN (SELECT l.partner FROM route_legs l
                     JOIN routes r ON r.id = l.route_id WHERE r.slug = ",
            )
            .push_bind(route.clone())
            .push(concat!(" AND ", visible!("r.classification"), ")"));
        }
        if let Some(lead) = self.query.lead {
            q.push(" AND s.uk_body_id = ").push_bind(lead);
        }
    }
}
