//! A roll-up's counts, markings and date columns read from the tallies the writes keep
//! (migrations/0019_rollup_tallies.sql): a few thousand rows at most for any number of
//! commitments. Each tally row counts commitments at their effective rank, so a reader
//! adds up the rows at or below their clearance's rank and nothing else.

use crate::domain::rollup::{RollupCounts, RollupRow};
use crate::domain::{Classification, Level};
use crate::storage::date_tally::{before, dated, review_window, DUE, REVIEWED};
use crate::storage::json_rows::{decode, json_rows};
use crate::storage::visibility::visible_levels;
use crate::Clearance;
use serde::Deserialize;
use sqlx::SqlitePool;
use std::collections::HashMap;
use time::Date;

use super::Dimension;

/// A roll-up's rows as they are filled, found by key.
#[derive(Default)]
pub(super) struct Rows {
    rows: Vec<RollupRow>,
    index: HashMap<String, usize>,
    /// Each row's markings, each distinct one once, aggregated when the rows are
    /// taken: raising the row's marking one item at a time would read the aggregate's
    /// caveats again at every step, for thousands of items.
    marks: Vec<Vec<Classification>>,
}

impl Rows {
    /// The row of `key`, made (labelled `label`) the first time it is asked for.
    pub(super) fn row(&mut self, key: &str, label: &str) -> &mut RollupRow {
        let at = match self.index.get(key) {
            Some(at) => *at,
            None => {
                self.rows.push(RollupRow {
                    key: key.to_owned(),
                    label: label.to_owned(),
                    counts: RollupCounts::default(),
                    marking: Classification::default(),
                });
                self.marks.push(Vec::new());
                self.index.insert(key.to_owned(), self.rows.len() - 1);
                self.rows.len() - 1
            }
        };
        &mut self.rows[at]
    }

    /// The row of `key` if it has one: the markings and dates of rows that count nothing
    /// make none.
    fn existing(&mut self, key: &str) -> Option<&mut RollupRow> {
        self.index.get(key).map(|at| &mut self.rows[*at])
    }

    /// Adds `marking` to what the row of `key` discloses, if it has a row.
    pub(super) fn mark(&mut self, key: &str, marking: Classification) {
        if let Some(marks) = self.index.get(key).map(|at| &mut self.marks[*at]) {
            if !marks.contains(&marking) {
                marks.push(marking);
            }
        }
    }

    /// The rows, each marked with the aggregate of its markings.
    pub(super) fn into_vec(self) -> Vec<RollupRow> {
        self.rows
            .into_iter()
            .zip(self.marks)
            .map(|(mut row, mut marks)| {
                marks.push(row.marking);
                row.marking = Classification::highest(&marks);
                row
            })
            .collect()
    }
}

/// What a tally's key names: the row's key (what [`Dimension::filter`] takes), its
/// label, and the marking of the record it names (a route's).
struct Named {
    key: String,
    label: String,
    marking: Option<Classification>,
}

/// A row of [`names`]: tally key, key, label and the named record's marking, if any.
type NameRow = (String, String, String, Option<Level>, Option<String>, Option<String>);

/// The rows a reader may see of the dimensions whose keys name records, by tally key;
/// `None` for owner and strand, whose tally key is the row's key and label.
async fn names(
    pool: &SqlitePool,
    dimension: Dimension,
    clearance: Clearance,
) -> Result<Option<HashMap<String, Named>>, sqlx::Error> {
    let sql = match dimension {
        // The UK, party to everything, is no row.
        Dimension::Partner => json_rows!(
            "tkey, key, label, classification, caveat, releasability",
            "SELECT alpha2 AS tkey, alpha2 AS key, name AS label, NULL AS classification,
                    NULL AS caveat, NULL AS releasability
               FROM partners WHERE is_home = 0 AND ?1 IS NOT NULL"
        ),
        Dimension::Route => json_rows!(
            "tkey, key, label, classification, caveat, releasability",
            "WITH ",
            visible_levels!("?1"),
            " SELECT CAST(id AS TEXT) AS tkey, slug AS key, name AS label, classification, caveat,
                     releasability
                FROM routes WHERE classification IN visible"
        ),
        Dimension::Department => json_rows!(
            "tkey, key, label, classification, caveat, releasability",
            "SELECT CAST(id AS TEXT) AS tkey, CAST(id AS TEXT) AS key, name AS label,
                    NULL AS classification, NULL AS caveat, NULL AS releasability
               FROM uk_bodies WHERE ?1 IS NOT NULL"
        ),
        Dimension::Owner | Dimension::Strand => return Ok(None),
    };
    let json: String = sqlx::query_scalar(sql).bind(clearance.rank()).fetch_one(pool).await?;
    let rows: Vec<NameRow> = decode("roll-up names", &json)?;
    let mut names = HashMap::new();
    for (tkey, key, label, level, caveat, releasability) in rows {
        let marking = level.map(|level| Classification { level, caveat, releasability });
        names.insert(tkey, Named { key, label, marking });
    }
    Ok(Some(names))
}

/// Commitments by status and RAG, by key ([`CountRow`]): a row a key, summed ahead for
/// the reader's rank (migrations/0029_rollup_sums.sql).
const COUNTS: &str = json_rows!(
    "key, total, not_started, in_progress, met, partially_met, not_met, withdrawn, red, amber,
     green, unrated",
    "SELECT key, total, not_started, in_progress, met, partially_met, not_met, withdrawn, red,
            amber, green, unrated
       FROM rollup_sums WHERE dimension = ?1 AND clearance = ?2 AND total > 0"
);

/// A row of [`COUNTS`], read from its JSON array in this order.
#[derive(Deserialize)]
struct CountRow {
    key: String,
    total: i64,
    not_started: i64,
    in_progress: i64,
    met: i64,
    partially_met: i64,
    not_met: i64,
    withdrawn: i64,
    red: i64,
    amber: i64,
    green: i64,
    unrated: i64,
}

/// A row of [`MARKINGS`]: the key and a marking.
type MarkingRow = (String, Level, Option<String>, Option<String>);

/// Every marking the counted commitments and their agreements carry, by key.
const MARKINGS: &str = json_rows!(
    "key, classification, caveat, releasability",
    "SELECT DISTINCT key, classification, nullif(caveat, '') AS caveat,
       nullif(releasability, '') AS releasability
  FROM rollup_marking_tally WHERE dimension = ?1 AND rank <= ?2 AND n > 0"
);

/// Fills `rows` with the tallied columns of the roll-up by `dimension` for a reader
/// at `clearance` on `today`, and each row's marking (the route's included).
pub(super) async fn counts(
    pool: &SqlitePool,
    dimension: Dimension,
    clearance: Clearance,
    today: Date,
    rows: &mut Rows,
) -> Result<(), sqlx::Error> {
    let names = names(pool, dimension, clearance).await?;
    let dimension_code = dimension.code();
    let rank = clearance.rank();

    let json: String =
        sqlx::query_scalar(COUNTS).bind(dimension_code).bind(rank).fetch_one(pool).await?;
    for r in decode::<CountRow>("roll-up counts", &json)? {
        let Some((key, label, marking)) = named(&names, &r.key) else { continue };
        let row = rows.row(key, label);
        let c = &mut row.counts;
        c.total += r.total;
        c.not_started += r.not_started;
        c.in_progress += r.in_progress;
        c.met += r.met;
        c.partially_met += r.partially_met;
        c.not_met += r.not_met;
        c.withdrawn += r.withdrawn;
        c.red += r.red;
        c.amber += r.amber;
        c.green += r.green;
        c.unrated += r.unrated;
        if let Some(marking) = marking {
            rows.mark(key, marking.clone());
        }
    }

    let json: String =
        sqlx::query_scalar(MARKINGS).bind(dimension_code).bind(rank).fetch_one(pool).await?;
    for (tkey, level, caveat, releasability) in decode::<MarkingRow>("roll-up markings", &json)? {
        if let Some((key, ..)) = named(&names, &tkey) {
            rows.mark(key, Classification { level, caveat, releasability });
        }
    }

    let columns =
        [(DUE, before(today)), (REVIEWED, before(today)), (REVIEWED, review_window(today))];
    for (tkey, [overdue, review_overdue, review_due]) in
        dated(pool, dimension_code, clearance, &columns).await?
    {
        let Some(row) = named(&names, &tkey).and_then(|(key, ..)| rows.existing(key)) else {
            continue;
        };
        row.counts.overdue += overdue;
        row.counts.review_overdue += review_overdue;
        row.counts.review_due += review_due;
    }
    Ok(())
}

/// The row key, label and marking of the tally key `tkey`, or None when the reader may
/// not see what it names.
fn named<'a>(
    names: &'a Option<HashMap<String, Named>>,
    tkey: &'a str,
) -> Option<(&'a str, &'a str, Option<&'a Classification>)> {
    match names {
        None => Some((tkey, tkey, None)),
        Some(names) => {
            names.get(tkey).map(|n| (n.key.as_str(), n.label.as_str(), n.marking.as_ref()))
        }
    }
}
