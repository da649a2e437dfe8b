//! The conditions a dashboard figure and the filtered list it links to both use, written
//! once so the figure and the list's count cannot drift apart.
//!
//! They compare dates with the CTE `dates` ([`dates!`] for `concat!` queries,
//! [`push_dates`] for a `QueryBuilder`), which names today and the two horizons. Each
//! macro takes the alias of the table it tests and expands to a string literal.

use crate::domain::agreement_filter::{EXPIRY_DAYS, REVIEW_DUE_DAYS};
use sqlx::{QueryBuilder, Sqlite};
use time::{Date, Duration};

/// The CTE `dates` (no leading comma) with today, the review horizon and the expiry
/// horizon bound at the three placeholders given (e.g. `"?2", "?3", "?4"`).
macro_rules! dates {
    ($today:literal, $review:literal, $expiry:literal) => {
        concat!(
            "dates AS (SELECT ",
            $today,
            " AS today, ",
            $review,
            " AS review_horizon, ",
            $expiry,
            " AS expiry_horizon)"
        )
    };
}
pub(crate) use dates;

/// The values [`dates!`] binds: today, today + [`REVIEW_DUE_DAYS`], today + [`EXPIRY_DAYS`].
pub(crate) fn horizons(today: Date) -> (Date, Date, Date) {
    (
        today,
        today.saturating_add(Duration::days(REVIEW_DUE_DAYS)),
        today.saturating_add(Duration::days(EXPIRY_DAYS)),
    )
}

/// Continues a query opened by `with_visible` with the CTE `dates` for `today`.
pub(crate) fn push_dates(q: &mut QueryBuilder<Sqlite>, today: Date) {
    let (today, review, expiry) = horizons(today);
    q.push(", dates AS (SELECT ")
        .push_bind(today)
        .push(" AS today, ")
        .push_bind(review)
        .push(" AS review_horizon, ")
        .push_bind(expiry)
        .push(" AS expiry_horizon)");
}

/// A commitment (alias given) is overdue: the SQL twin of `commitment::is_overdue`.
macro_rules! commitment_overdue {
    ($c:literal) => {
        concat!(
            "(",
            $c,
            ".status IN ",
            crate::storage::open_statuses!(),
            " AND ",
            $c,
            ".due_on < (SELECT today FROM dates))"
        )
    };
}
pub(crate) use commitment_overdue;

/// A record whose `next_review_on` (column given) falls from today to the review
/// horizon, inclusive.
macro_rules! review_due {
    ($column:literal) => {
        concat!(
            "(",
            $column,
            " >= (SELECT today FROM dates) AND ",
            $column,
            " <= (SELECT review_horizon FROM dates))"
        )
    };
}
pub(crate) use review_due;

/// A record whose `next_review_on` (column given) has passed.
macro_rules! review_overdue {
    ($column:literal) => {
        concat!("(", $column, " < (SELECT today FROM dates))")
    };
}
pub(crate) use review_overdue;

/// Records still reviewed: an agreement not ended, a commitment not withdrawn, an
/// arrangement not ended (alias given). The dashboard counts reviews of these only.
macro_rules! agreement_not_ended {
    ($a:literal) => {
        concat!($a, ".status NOT IN ('expired', 'terminated', 'superseded')")
    };
}
pub(crate) use agreement_not_ended;

macro_rules! commitment_not_withdrawn {
    ($c:literal) => {
        concat!($c, ".status <> 'withdrawn'")
    };
}
pub(crate) use commitment_not_withdrawn;

macro_rules! sharing_not_ended {
    ($s:literal) => {
        concat!($s, ".status <> 'ended'")
    };
}
pub(crate) use sharing_not_ended;

/// An agreement (alias given) in force that expires from today to the expiry horizon.
macro_rules! agreement_expiring {
    ($a:literal) => {
        concat!(
            "(",
            $a,
            ".status = 'in_force' AND ",
            $a,
            ".expires_on >= (SELECT today FROM dates) AND ",
            $a,
            ".expires_on <= (SELECT expiry_horizon FROM dates))"
        )
    };
}
pub(crate) use agreement_expiring;

#[cfg(test)]
mod tests {
    #[test]
    fn the_fragments_expand_to_the_sql_they_promise() {
        assert_eq!(
            dates!("?2", "?3", "?4"),
            "dates AS (SELECT ?2 AS today, ?3 AS review_horizon, ?4 AS expiry_horizon)"
        );
        assert_eq!(
            commitment_overdue!("c"),
            "(c.status IN ('not_started', 'in_progress') AND c.due_on < (SELECT today FROM dates))"
        );
        assert_eq!(
            review_due!("a.next_review_on"),
            "(a.next_review_on >= (SELECT today FROM dates) AND a.next_review_on <= (SELECT review_horizon FROM dates))"
        );
        assert_eq!(
            agreement_expiring!("a"),
            "(a.status = 'in_force' AND a.expires_on >= (SELECT today FROM dates) AND a.expires_on <= (SELECT expiry_horizon FROM dates))"
        );
    }
}
