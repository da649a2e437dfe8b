//! Roll-ups: commitments counted by partner, route, owner, lead department or CONTEST
//! strand in one `GROUP BY` query, and reciprocity ([`reciprocity`]).
//!
//! Every count is the count of a register filter ([`Dimension::filter`] narrowed by a
//! [`crate::domain::rollup::Cell`]): the row's key is matched exactly as the
//! commitments list's `push_filters` matches it, and the columns use the dashboard's
//! conditions (`storage::conditions`). A commitment counts only when it and its
//! agreement are visible to the reader (its effective marking); a route row only
//! when the route is. The change columns read each commitment's latest visible
//! assessment dated on or before today − 90 days, never a stored snapshot.

pub mod reciprocity;

use super::commitments::agreement_marking;
use super::conditions::{
    commitment_not_withdrawn, commitment_overdue, push_dates, review_due, review_overdue,
};
use super::marking;
use super::visibility::{visible, with_visible};
use crate::domain::rollup::{since, Dimension, Rollup, RollupCounts, RollupRow};
use crate::domain::{Classification, ContestStrand, Level};
use sqlx::{Row, SqlitePool};
use std::collections::HashMap;
use time::Date;

/// The counted columns, named as [`RollupCounts`]'s fields. `h` is the commitment's
/// latest visible assessment on or before the change's day (NULL when none).
const COUNTS: &str = concat!(
    "count(*) AS total,
     count(*) FILTER (WHERE c.status = 'not_started') AS not_started,
     count(*) FILTER (WHERE c.status = 'in_progress') AS in_progress,
     count(*) FILTER (WHERE c.status = 'met') AS met,
     count(*) FILTER (WHERE c.status = 'partially_met') AS partially_met,
     count(*) FILTER (WHERE c.status = 'not_met') AS not_met,
     count(*) FILTER (WHERE c.status = 'withdrawn') AS withdrawn,
     count(*) FILTER (WHERE c.rag = 'red') AS red,
     count(*) FILTER (WHERE c.rag = 'amber') AS amber,
     count(*) FILTER (WHERE c.rag = 'green') AS green,
     count(*) FILTER (WHERE c.rag IS NULL) AS unrated,
     count(*) FILTER (WHERE ",
    commitment_overdue!("c"),
    ") AS overdue,
     count(*) FILTER (WHERE ",
    commitment_not_withdrawn!("c"),
    " AND ",
    review_due!("c.next_review_on"),
    ") AS review_due,
     count(*) FILTER (WHERE ",
    commitment_not_withdrawn!("c"),
    " AND ",
    review_overdue!("c.next_review_on"),
    ") AS review_overdue,
     count(*) FILTER (WHERE h.rag = 'red') AS then_red,
     count(*) FILTER (WHERE h.rag = 'amber') AS then_amber,
     count(*) FILTER (WHERE h.rag = 'green') AS then_green,
     count(*) FILTER (WHERE h.status = 'met') AS then_met,
     c.classification, c.caveat, c.releasability,
     a.classification AS a_classification, a.caveat AS a_caveat,
     a.releasability AS a_releasability,
     h.classification AS h_classification, h.caveat AS h_caveat,
     h.releasability AS h_releasability"
);

/// Grouped by row and by every marking the row's counts disclose.
const GROUP: &str = " GROUP BY key, label, k_classification, k_caveat, k_releasability,
     c.classification, c.caveat, c.releasability, a.classification, a.caveat, a.releasability,
     h.classification, h.caveat, h.releasability";

/// The key-marking columns of a dimension whose rows name nothing classified.
macro_rules! unmarked {
    () => {
        ", NULL AS k_classification, NULL AS k_caveat, NULL AS k_releasability, "
    };
}

/// How one dimension keys a commitment: (extra CTE, key columns, joins, conditions).
/// Each is the SQL twin of that dimension's filter in `commitments::push_filters`.
fn keyed(dimension: Dimension) -> (&'static str, &'static str, &'static str, &'static str) {
    match dimension {
        // The agreement's partner parties; the UK, party to everything, is no row.
        Dimension::Partner => (
            "",
            concat!("p.alpha2 AS key, p.name AS label", unmarked!()),
            " JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
              JOIN partners p ON p.alpha2 = ap.partner AND p.is_home = 0",
            "",
        ),
        // Agreements with a partner (not the UK) on one of the route's legs, once each.
        Dimension::Route => (
            ", route_agreements AS (SELECT DISTINCT ap.agreement_id, l.route_id
                 FROM agreement_parties ap
                 JOIN partners hp ON hp.alpha2 = ap.partner AND hp.is_home = 0
                 JOIN route_legs l ON l.partner = ap.partner)",
            "r.slug AS key, r.name AS label, r.classification AS k_classification,
             r.caveat AS k_caveat, r.releasability AS k_releasability, ",
            " JOIN route_agreements ra ON ra.agreement_id = c.agreement_id
              JOIN routes r ON r.id = ra.route_id",
            concat!(" AND ", visible!("r.classification")),
        ),
        // Commitments without an owner have no row (nothing to filter the list by).
        Dimension::Owner => {
            ("", concat!("c.owner AS key, c.owner AS label", unmarked!()), "", " AND c.owner <> ''")
        }
        Dimension::Department => (
            "",
            concat!("CAST(b.id AS TEXT) AS key, b.name AS label", unmarked!()),
            " JOIN uk_bodies b ON b.id = a.lead_department_id",
            "",
        ),
        Dimension::Strand => (
            "",
            concat!("cs.strand AS key, cs.strand AS label", unmarked!()),
            " JOIN commitment_strands cs ON cs.commitment_id = c.id",
            "",
        ),
    }
}

/// The roll-up by `dimension` for a reader at `clearance`, counted as of `today`.
pub async fn load(
    pool: &SqlitePool,
    dimension: Dimension,
    clearance: crate::Clearance,
    today: Date,
) -> Result<Rollup, sqlx::Error> {
    let (cte, key, joins, conditions) = keyed(dimension);
    let mut q = with_visible(clearance);
    push_dates(&mut q, today);
    q.push(cte).push(" SELECT ").push(key).push(COUNTS);
    q.push(" FROM commitments c JOIN agreements a ON a.id = c.agreement_id").push(joins);
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
    q.push(concat!(" WHERE ", visible!("c.classification", "a.classification")));
    q.push(conditions).push(GROUP);

    let mut rows: Vec<RollupRow> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in q.build().fetch_all(pool).await? {
        let key: String = r.try_get("key")?;
        let at = *index.entry(key.clone()).or_insert_with(|| {
            rows.push(RollupRow {
                key,
                label: String::new(),
                counts: RollupCounts::default(),
                marking: Classification::default(),
            });
            rows.len() - 1
        });
        let row = &mut rows[at];
        row.label = r.try_get("label")?;
        row.counts.add(&counts(&r)?);
        row.marking.raise(&marking(&r)?);
        row.marking.raise(&agreement_marking(&r)?);
        if let Some(level) = r.try_get::<Option<Level>, _>("h_classification")? {
            let (caveat, releasability) = (r.try_get("h_caveat")?, r.try_get("h_releasability")?);
            row.marking.raise(&Classification { level, caveat, releasability });
        }
        if let Some(level) = r.try_get::<Option<Level>, _>("k_classification")? {
            let (caveat, releasability) = (r.try_get("k_caveat")?, r.try_get("k_releasability")?);
            row.marking.raise(&Classification { level, caveat, releasability });
        }
    }
    if dimension == Dimension::Strand {
        for row in &mut rows {
            if let Ok(strand) = row.key.parse::<ContestStrand>() {
                row.label = strand.label().to_owned();
            }
        }
        rows.sort_by_key(|row| ContestStrand::ALL.iter().position(|s| s.code() == row.key));
    } else {
        rows.sort_by(|x, y| {
            (x.label.to_lowercase(), &x.key).cmp(&(y.label.to_lowercase(), &y.key))
        });
    }
    Ok(Rollup { dimension, rows, today })
}

fn counts(r: &sqlx::sqlite::SqliteRow) -> Result<RollupCounts, sqlx::Error> {
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
