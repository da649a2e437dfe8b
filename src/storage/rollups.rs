//! Roll-ups: commitments counted by partner, route, owner, lead department or CONTEST
//! strand ([`load`]), and reciprocity ([`reciprocity`]).
//!
//! [`load`] reads the tallies the writes keep (migrations/0019_rollup_tallies.sql,
//! [`tallied`]), so its cost does not grow with the number of commitments; only the
//! change columns read the assessment history. [`load_counted`] counts the same
//! figures from the commitments themselves, in one query of two steps: the reference
//! the tallies are checked against (tests/storage/tallies.rs).
//!
//! Every count is the count of a register filter ([`Dimension::filter`] narrowed by a
//! [`crate::domain::rollup::Cell`]): the row's key is matched exactly as the
//! commitments list's `push_filters` matches it, and the columns use the dashboard's
//! conditions (`storage::conditions`). A commitment counts only when it and its
//! agreement are visible to the reader (its effective marking); a route row only
//! when the route is. The change columns read each commitment's latest visible
//! assessment dated on or before today − 90 days, never a stored snapshot.

pub mod bulk;
pub mod reciprocity;
mod tallied;

use super::commitments::agreement_marking;
use super::conditions::{
    commitment_not_withdrawn, commitment_overdue, push_dates, review_due, review_overdue,
};
use super::marking;
use super::visibility::{commitment_visible, visible, with_visible};
use crate::domain::rollup::{since, Dimension, Rollup, RollupCounts, RollupRow};
use crate::domain::{Classification, ContestStrand, Level};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};
use time::Date;

/// What each column counts, named as [`RollupCounts`]'s fields: the condition a
/// commitment meets to be counted in it. `h` is the commitment's latest visible
/// assessment on or before the change's day (its columns NULL when none).
const COUNTED: &[(&str, &str)] = &[
    ("total", "true"),
    ("not_started", "c.status = 'not_started'"),
    ("in_progress", "c.status = 'in_progress'"),
    ("met", "c.status = 'met'"),
    ("partially_met", "c.status = 'partially_met'"),
    ("not_met", "c.status = 'not_met'"),
    ("withdrawn", "c.status = 'withdrawn'"),
    ("red", "c.rag = 'red'"),
    ("amber", "c.rag = 'amber'"),
    ("green", "c.rag = 'green'"),
    ("unrated", "c.rag IS NULL"),
    ("overdue", commitment_overdue!("c")),
    (
        "review_due",
        concat!(commitment_not_withdrawn!("c"), " AND ", review_due!("c.next_review_on")),
    ),
    (
        "review_overdue",
        concat!(commitment_not_withdrawn!("c"), " AND ", review_overdue!("c.next_review_on")),
    ),
    ("then_red", "h.rag = 'red'"),
    ("then_amber", "h.rag = 'amber'"),
    ("then_green", "h.rag = 'green'"),
    ("then_met", "h.status = 'met'"),
];

/// How one dimension keys a commitment, in the two steps of [`load`]: first the
/// commitments are counted per agreement (and per the commitment's own key, for
/// owner and strand), then those counts are added up per row of the dimension. Each
/// is the SQL twin of that dimension's filter in `commitments::push_filters`.
struct Keyed {
    /// CTEs after `visible` and `dates`, each starting with a comma.
    cte: &'static str,
    /// The commitment's own key columns, each starting with a comma (`, c.owner AS
    /// owner`), and the same to group by (`, c.owner`).
    own_key: &'static str,
    own_group: &'static str,
    /// Joins and conditions of the first step (`FROM commitments c`).
    own_joins: &'static str,
    own_conditions: &'static str,
    /// The row's key and label and the key's marking (`k_…`), over `per` and `a`.
    key: &'static str,
    /// Joins and conditions of the second step (`FROM per JOIN agreements a`).
    joins: &'static str,
    conditions: &'static str,
}

/// The key-marking columns of a dimension whose rows name nothing classified.
macro_rules! unmarked {
    () => {
        ", NULL AS k_classification, NULL AS k_caveat, NULL AS k_releasability"
    };
}

fn keyed(dimension: Dimension) -> Keyed {
    let none = Keyed {
        cte: "",
        own_key: "",
        own_group: "",
        own_joins: "",
        own_conditions: "",
        key: "",
        joins: "",
        conditions: "",
    };
    match dimension {
        // The agreement's partner parties; the UK, party to everything, is no row.
        Dimension::Partner => Keyed {
            key: concat!("p.alpha2 AS key, p.name AS label", unmarked!()),
            joins: " JOIN agreement_parties ap ON ap.agreement_id = per.agreement_id
                     JOIN partners p ON p.alpha2 = ap.partner AND p.is_home = 0",
            ..none
        },
        // Agreements with a partner (not the UK) on one of the route's legs, once each.
        Dimension::Route => Keyed {
            cte: ", route_agreements AS (SELECT DISTINCT ap.agreement_id, l.route_id
                     FROM agreement_parties ap
                     JOIN partners hp ON hp.alpha2 = ap.partner AND hp.is_home = 0
                     JOIN route_legs l ON l.partner = ap.partner)",
            key: "r.slug AS key, r.name AS label, r.classification AS k_classification,
                  r.caveat AS k_caveat, r.releasability AS k_releasability",
            joins: " JOIN route_agreements ra ON ra.agreement_id = per.agreement_id
                     JOIN routes r ON r.id = ra.route_id",
            conditions: concat!(" AND ", visible!("r.classification")),
            ..none
        },
        // Commitments without an owner have no row (nothing to filter the list by).
        Dimension::Owner => Keyed {
            own_key: ", c.owner AS owner",
            own_group: ", c.owner",
            own_conditions: " AND c.owner <> ''",
            key: concat!("per.owner AS key, per.owner AS label", unmarked!()),
            ..none
        },
        Dimension::Department => Keyed {
            key: concat!("CAST(b.id AS TEXT) AS key, b.name AS label", unmarked!()),
            joins: " JOIN uk_bodies b ON b.id = a.lead_department_id",
            ..none
        },
        Dimension::Strand => Keyed {
            own_key: ", cs.strand AS strand",
            own_group: ", cs.strand",
            own_joins: " JOIN commitment_strands cs ON cs.commitment_id = c.id",
            key: concat!("per.strand AS key, per.strand AS label", unmarked!()),
            ..none
        },
    }
}

/// The roll-up by `dimension` for a reader at `clearance`, as of `today`: the counts,
/// markings and dates from the tallies, the change columns from the assessments.
pub async fn load(
    pool: &SqlitePool,
    dimension: Dimension,
    clearance: crate::Clearance,
    today: Date,
) -> Result<Rollup, sqlx::Error> {
    let mut rows = tallied::Rows::default();
    tallied::counts(pool, dimension, clearance, today, &mut rows).await?;
    history(pool, dimension, clearance, today, &mut rows).await?;
    Ok(finish(dimension, rows.into_vec(), today))
}

/// The roll-up counted from the commitments themselves, as [`load`] reads it from
/// the tallies.
///
/// In two steps: the visible commitments are counted per agreement, marking and state
/// 90 days ago (one pass over the commitments, visible by their stored effective
/// rank, no join), and the counts then added up per row (each agreement meeting its
/// parties, route or department once, not each of its commitments). In one step,
/// every commitment met its agreement and its parties: 375 ms on the large set.
pub async fn load_counted(
    pool: &SqlitePool,
    dimension: Dimension,
    clearance: crate::Clearance,
    today: Date,
) -> Result<Rollup, sqlx::Error> {
    let keyed = keyed(dimension);
    let mut q = with_visible(clearance);
    push_dates(&mut q, today);
    q.push(keyed.cte).push(", per AS (SELECT c.agreement_id").push(keyed.own_key);
    for (name, condition) in COUNTED {
        q.push(format!(", count(*) FILTER (WHERE {condition}) AS {name}"));
    }
    q.push(
        ", c.classification, c.caveat, c.releasability, h.classification AS h_classification,
           h.caveat AS h_caveat, h.releasability AS h_releasability
         FROM commitments c",
    )
    .push(keyed.own_joins);
    // The state then: the latest assessment dated on or before the day, the later
    // recorded first among several that day (a correction follows what it corrects).
    q.push(
        " LEFT JOIN assessments h ON h.id = (SELECT x.id FROM assessments x
            WHERE x.commitment_id = c.id AND x.assessed_on <= ",
    )
    .push_bind(since(today))
    .push(concat!(
        " AND ",
        visible!("x.classification"),
        " ORDER BY x.assessed_on DESC, x.id DESC LIMIT 1)"
    ));
    q.push(concat!(" WHERE ", commitment_visible!("c"))).push(keyed.own_conditions);
    q.push(" GROUP BY c.agreement_id").push(keyed.own_group);
    q.push(
        ", c.classification, c.caveat, c.releasability, h.classification, h.caveat,
           h.releasability) SELECT ",
    )
    .push(keyed.key);
    for (name, _) in COUNTED {
        q.push(format!(", sum({name}) AS {name}"));
    }
    q.push(
        ", per.classification, per.caveat, per.releasability,
           a.classification AS a_classification, a.caveat AS a_caveat,
           a.releasability AS a_releasability,
           per.h_classification, per.h_caveat, per.h_releasability
         FROM per JOIN agreements a ON a.id = per.agreement_id",
    )
    .push(keyed.joins)
    .push(" WHERE true")
    .push(keyed.conditions);
    // Grouped by row and by every marking the row's counts disclose.
    q.push(
        " GROUP BY key, label, k_classification, k_caveat, k_releasability,
           per.classification, per.caveat, per.releasability, a.classification, a.caveat,
           a.releasability, per.h_classification, per.h_caveat, per.h_releasability",
    );

    let mut rows = tallied::Rows::default();
    for r in q.build().fetch_all(pool).await? {
        let (key, label): (String, String) = (r.try_get("key")?, r.try_get("label")?);
        rows.row(&key, &label).counts.add(&counts(&r)?);
        rows.mark(&key, marking(&r)?);
        rows.mark(&key, agreement_marking(&r)?);
        mark_history_and_key(&mut rows, &key, &r)?;
    }
    Ok(finish(dimension, rows.into_vec(), today))
}

/// Adds to the marking of the row of `key` the assessment then (`h_…`) and the record
/// its key names (`k_…`), where there is one.
fn mark_history_and_key(
    rows: &mut tallied::Rows,
    key: &str,
    r: &SqliteRow,
) -> Result<(), sqlx::Error> {
    for prefix in ["h", "k"] {
        if let Some(level) =
            r.try_get::<Option<Level>, _>(format!("{prefix}_classification").as_str())?
        {
            let caveat = r.try_get(format!("{prefix}_caveat").as_str())?;
            let releasability = r.try_get(format!("{prefix}_releasability").as_str())?;
            rows.mark(key, Classification { level, caveat, releasability });
        }
    }
    Ok(())
}

/// The change columns: each visible commitment's latest visible assessment dated on or
/// before today − 90 days (the later recorded first among several that day), counted
/// per row in the two steps of [`load_counted`]. Its cost grows with the assessments
/// recorded by then, not with the commitments: the CROSS JOIN keeps the assessments
/// the outer loop (SQLite otherwise chose to scan every commitment, 62 ms on the large
/// set with no assessments at all).
async fn history(
    pool: &SqlitePool,
    dimension: Dimension,
    clearance: crate::Clearance,
    today: Date,
    rows: &mut tallied::Rows,
) -> Result<(), sqlx::Error> {
    let keyed = keyed(dimension);
    let then = since(today);
    let mut q = with_visible(clearance);
    q.push(keyed.cte)
        .push(", latest AS (SELECT h.* FROM assessments h WHERE h.assessed_on <= ")
        .push_bind(then)
        .push(concat!(
            " AND ",
            visible!("h.classification"),
            " AND NOT EXISTS (SELECT 1 FROM assessments y
             WHERE y.commitment_id = h.commitment_id AND y.assessed_on <= "
        ))
        .push_bind(then)
        .push(concat!(
        " AND ",
        visible!("y.classification"),
        " AND (y.assessed_on > h.assessed_on OR (y.assessed_on = h.assessed_on AND y.id > h.id))))"
    ));
    q.push(", per AS (SELECT c.agreement_id").push(keyed.own_key);
    for (name, condition) in COUNTED.iter().filter(|(name, _)| name.starts_with("then_")) {
        q.push(format!(", count(*) FILTER (WHERE {condition}) AS {name}"));
    }
    q.push(
        ", h.classification AS h_classification, h.caveat AS h_caveat,
           h.releasability AS h_releasability
         FROM latest h CROSS JOIN commitments c ON c.id = h.commitment_id",
    )
    .push(keyed.own_joins)
    .push(concat!(" WHERE ", commitment_visible!("c")))
    .push(keyed.own_conditions)
    .push(" GROUP BY c.agreement_id")
    .push(keyed.own_group)
    .push(", h.classification, h.caveat, h.releasability) SELECT ")
    .push(keyed.key)
    .push(
        ", sum(then_red) AS then_red, sum(then_amber) AS then_amber,
           sum(then_green) AS then_green, sum(then_met) AS then_met,
           per.h_classification, per.h_caveat, per.h_releasability
         FROM per JOIN agreements a ON a.id = per.agreement_id",
    )
    .push(keyed.joins)
    .push(" WHERE true")
    .push(keyed.conditions)
    .push(
        " GROUP BY key, label, k_classification, k_caveat, k_releasability,
           per.h_classification, per.h_caveat, per.h_releasability",
    );
    for r in q.build().fetch_all(pool).await? {
        let (key, label): (String, String) = (r.try_get("key")?, r.try_get("label")?);
        let counts = &mut rows.row(&key, &label).counts;
        counts.then_red += r.try_get::<i64, _>("then_red")?;
        counts.then_amber += r.try_get::<i64, _>("then_amber")?;
        counts.then_green += r.try_get::<i64, _>("then_green")?;
        counts.then_met += r.try_get::<i64, _>("then_met")?;
        mark_history_and_key(rows, &key, &r)?;
    }
    Ok(())
}

/// The rows in the order a roll-up shows them: strands in CONTEST's order, the rest by
/// label.
fn finish(dimension: Dimension, mut rows: Vec<RollupRow>, today: Date) -> Rollup {
    if dimension == Dimension::Strand {
        for row in &mut rows {
            if let Ok(strand) = row.key.parse::<ContestStrand>() {
                row.label = strand.label().to_owned();
            }
        }
        rows.sort_by_key(|row| ContestStrand::ALL.iter().position(|s| s.code() == row.key));
    } else {
        rows.sort_by_cached_key(|row| (row.label.to_lowercase(), row.key.clone()));
    }
    Rollup { dimension, rows, today }
}

fn counts(r: &SqliteRow) -> Result<RollupCounts, sqlx::Error> {
    Ok(RollupCounts {
        total: r.try_get("total")?,
        not_started: r.try_get("not_started")?,
        in_progress: r.try_get("in_progress")?,
        met: r.try_get("met")?,
        partially_met: r.try_get("partially_met")?,
        not_met: r.try_get("not_met")?,
        withdrawn: r.try_get("withdrawn")?,
        red: r.try_get("red")?,
        amber: r.try_get("amber")?,
        green: r.try_get("green")?,
        unrated: r.try_get("unrated")?,
        overdue: r.try_get("overdue")?,
        review_due: r.try_get("review_due")?,
        review_overdue: r.try_get("review_overdue")?,
        then_red: r.try_get("then_red")?,
        then_amber: r.try_get("then_amber")?,
        then_green: r.try_get("then_green")?,
        then_met: r.try_get("then_met")?,
    })
}
