//! The one visibility rule, in SQL, for every query that reads classified records.
//!
//! A record is visible when its *effective marking* is within the reader's clearance.
//! The effective marking of a record shown under another (a commitment under its
//! agreement) is the higher of the two, so such a record is visible only when every
//! level on its chain is. A query names the reader's visible levels once, as the CTE
//! `visible` made by [`visible_levels!`], and tests each record with [`visible!`]:
//!
//! ```text
//! WITH visible_levels!("?2")
//! SELECT … FROM commitments c JOIN agreements a ON a.id = c.agreement_id
//!  WHERE visible!("c.classification", "a.classification")
//! ```
//!
//! A commitment also carries its effective rank on the row (kept by triggers), and
//! [`commitment_visible!`] tests that against the same CTE without joining the
//! agreement: the form for counts that should come from an index alone.
//!
//! All expand to string literals, so they compose with `concat!` into the `'static`
//! SQL that sqlx asks for; a `QueryBuilder` starts from [`with_visible`] instead.

use crate::{Classification, Clearance, FieldErrors};
use sqlx::{QueryBuilder, Sqlite};

/// The CTE `visible` (no leading `WITH`): the levels at or below the clearance whose
/// rank is bound at the placeholder `$rank` (e.g. `"?2"`).
macro_rules! visible_levels {
    ($rank:literal) => {
        concat!("visible AS (SELECT level FROM classification_levels WHERE rank <= ", $rank, ")")
    };
}
pub(crate) use visible_levels;

/// The CTE of [`visible_levels!`] up to its rank, which [`with_visible`] binds.
const VISIBLE_LEVELS_BEFORE_RANK: &str =
    "visible AS (SELECT level FROM classification_levels WHERE rank <= ";

/// A `QueryBuilder` opened with the CTE `visible` of the reader's levels: continue it
/// with `", more AS (…)"` or `" SELECT …"`.
pub(crate) fn with_visible(clearance: Clearance) -> QueryBuilder<Sqlite> {
    let mut q = QueryBuilder::new("WITH ");
    q.push(VISIBLE_LEVELS_BEFORE_RANK).push_bind(clearance.rank()).push(")");
    q
}

/// True when the effective marking of a record is visible: each classification
/// column given (the record's own, then those of the records it is shown under) is
/// among the levels of the CTE `visible`.
macro_rules! visible {
    ($level:literal $(, $more:literal)* $(,)?) => {
        concat!("(", $level, " IN visible" $(, " AND ", $more, " IN visible")*, ")")
    };
}
pub(crate) use visible;

/// True when a commitment (alias given) is visible: the rank of its effective marking,
/// stored on the row and kept by triggers (migrations/0016_effective_rank.sql, checked
/// against the markings by tests/storage/tallies.rs), is within the levels of the CTE
/// `visible`. The same rule as `visible!("c.classification", "a.classification")`
/// without joining the agreement, so a count can be answered from an index alone.
macro_rules! commitment_visible {
    ($c:literal) => {
        concat!(
            "(",
            $c,
            ".effective_rank <= (SELECT max(vl.rank) FROM classification_levels vl
                                  WHERE vl.level IN visible))"
        )
    };
}
pub(crate) use commitment_visible;

/// Adds a field error on `classification` when a writer marks a record above their
/// own clearance, or below the marking it has now (`before`, when editing): a marking
/// is only ever raised.
pub(crate) fn check_marking(
    errors: &mut FieldErrors,
    marking: &Classification,
    before: Option<&Classification>,
    clearance: Clearance,
) {
    if !clearance.permits(marking.level) {
        errors.add(
            "classification",
            format!(
                "Select a classification no higher than your clearance, {}",
                clearance.0.label()
            ),
        );
    } else if let Some(before) = before.filter(|before| marking.lowers(before)) {
        errors.add(
            "classification",
            format!("A marking cannot be lowered: this record is marked {before}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{Clearance, Level};
    use sqlx::sqlite::SqlitePoolOptions;

    #[test]
    fn the_fragments_expand_to_the_sql_they_promise() {
        assert_eq!(
            concat!("WITH ", visible_levels!("?2")),
            "WITH visible AS (SELECT level FROM classification_levels WHERE rank <= ?2)"
        );
        assert_eq!(
            format!("{}?2)", super::VISIBLE_LEVELS_BEFORE_RANK),
            visible_levels!("?2"),
            "the QueryBuilder form is the same CTE"
        );
        assert_eq!(visible!("c.classification"), "(c.classification IN visible)");
        assert_eq!(
            visible!("c.classification", "a.classification"),
            "(c.classification IN visible AND a.classification IN visible)"
        );
    }

    /// The SQL rule against the domain rule, on the real `classification_levels`: a
    /// record under a parent is visible exactly when the higher of the two levels is
    /// within the clearance.
    #[tokio::test]
    async fn a_record_is_visible_when_its_effective_marking_is_within_clearance() {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .expect("in-memory database");
        crate::storage::MIGRATOR.run(&pool).await.expect("migrate");
        for clearance in Level::ALL.iter().map(|l| Clearance(*l)) {
            for own in Level::ALL {
                let alone: bool = sqlx::query_scalar(concat!(
                    "WITH ",
                    visible_levels!("?1"),
                    " SELECT ",
                    visible!("?2")
                ))
                .bind(clearance.rank())
                .bind(own)
                .fetch_one(&pool)
                .await
                .expect("alone");
                assert_eq!(alone, clearance.permits(*own), "{clearance:?} {own:?}");
                for parent in Level::ALL {
                    let under: bool = sqlx::query_scalar(concat!(
                        "WITH ",
                        visible_levels!("?1"),
                        " SELECT ",
                        visible!("?2", "?3")
                    ))
                    .bind(clearance.rank())
                    .bind(own)
                    .bind(parent)
                    .fetch_one(&pool)
                    .await
                    .expect("under a parent");
                    let effective = (*own).max(*parent);
                    assert_eq!(
                        under,
                        clearance.permits(effective),
                        "{clearance:?} {own:?} under {parent:?}"
                    );
                }
            }
        }
    }
}
