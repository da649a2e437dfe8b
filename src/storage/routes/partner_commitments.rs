//! A few partners' commitments as coverage counts them (not withdrawn, by RAG, and how
//! many are overdue) and the markings those counts disclose, read from the roll-up
//! tallies the writes keep (migrations/0019_rollup_tallies.sql, and their sums for
//! each clearance, 0029_rollup_sums.sql) instead of from every
//! commitment: the route page's partners hold thousands of commitments on a large
//! registry, and counting them one by one was most of the page's time.

use super::marking;
use crate::domain::coverage::CommitmentCounts;
use crate::domain::{Classification, Clearance, Level};
use crate::storage::date_tally::{before, dated_for, DUE};
use crate::storage::visibility::{commitment_visible, visible_levels};
use sqlx::SqlitePool;
use std::collections::HashMap;
use time::Date;

/// One partner's commitments within a reader's clearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerCommitments {
    pub counts: CommitmentCounts,
    /// Each marking, of a commitment counted or of its agreement, once; in no order.
    pub markings: Vec<Classification>,
}

/// Counts by RAG of the commitments not withdrawn, per partner: a row a partner, summed
/// ahead for the reader's rank (migrations/0029_rollup_sums.sql).
const RAG_COUNTS: &str = "
SELECT key, live_red, live_amber, live_green, live_unrated
  FROM rollup_sums
 WHERE dimension = 'partner' AND clearance = ?2 AND key IN (SELECT value FROM json_each(?1))";

/// The markings of the commitments not withdrawn and of their agreements, per partner.
/// The marking tally counts every commitment, withdrawn or not; the withdrawn ones
/// (about one in ten, read from `commitments_withdrawn_marking`, migration 0030) are
/// taken away again, so a marking only they carry drops out and the page is marked by
/// what it counts. CROSS JOIN keeps SQLite's order: each party's withdrawn commitments
/// from the index, then the agreement of those it finds, not of every party row.
const MARKINGS: &str = concat!(
    "WITH ",
    visible_levels!("?2"),
    ",
withdrawn AS MATERIALIZED (
    SELECT ap.partner, c.classification AS c_classification, coalesce(c.caveat, '') AS c_caveat,
           coalesce(c.releasability, '') AS c_releasability, a.classification AS a_classification,
           coalesce(a.caveat, '') AS a_caveat, coalesce(a.releasability, '') AS a_releasability
      FROM agreement_parties ap
      CROSS JOIN commitments c ON c.agreement_id = ap.agreement_id AND c.status = 'withdrawn'
      CROSS JOIN agreements a ON a.id = ap.agreement_id
     WHERE ap.partner IN (SELECT value FROM json_each(?1)) AND ",
    commitment_visible!("c"),
    ")
SELECT key, classification, nullif(caveat, '') AS caveat,
       nullif(releasability, '') AS releasability
  FROM (SELECT key, classification, caveat, releasability, n FROM rollup_marking_tally
         WHERE dimension = 'partner' AND key IN (SELECT value FROM json_each(?1)) AND rank <= ?2
        UNION ALL
        SELECT partner, c_classification, c_caveat, c_releasability, -1 FROM withdrawn
        UNION ALL
        SELECT partner, a_classification, a_caveat, a_releasability, -1 FROM withdrawn)
 GROUP BY 1, 2, 3, 4
HAVING sum(n) > 0"
);

/// What coverage counts of the commitments of each of `partners` (a JSON array of
/// alpha-2 codes; the home party has no tally rows) within `clearance` on `today`.
/// A partner with no commitment not withdrawn is absent. Three queries of the tallies
/// and the withdrawn commitments, however many partners.
pub async fn partner_commitments(
    pool: &SqlitePool,
    partners: &str,
    clearance: Clearance,
    today: Date,
) -> Result<HashMap<String, PartnerCommitments>, sqlx::Error> {
    let rank = clearance.rank();
    let mut out: HashMap<String, PartnerCommitments> = HashMap::new();
    let counts: Vec<(String, i64, i64, i64, i64)> =
        sqlx::query_as(RAG_COUNTS).bind(partners).bind(rank).fetch_all(pool).await?;
    for (partner, red, amber, green, unrated) in counts {
        if red + amber + green + unrated > 0 {
            out.entry(partner).or_default().counts =
                CommitmentCounts { red, amber, green, unrated, overdue: 0 };
        }
    }
    let overdue = dated_for(pool, "partner", partners, clearance, &[(DUE, before(today))]).await?;
    for (partner, [n]) in overdue {
        // An overdue commitment is open, so its partner has a count above already.
        if let Some(p) = out.get_mut(&partner) {
            p.counts.overdue = n;
        }
    }
    let markings: Vec<(String, Level, Option<String>, Option<String>)> =
        sqlx::query_as(MARKINGS).bind(partners).bind(rank).fetch_all(pool).await?;
    for (partner, level, caveat, releasability) in markings {
        if let Some(p) = out.get_mut(&partner) {
            p.markings.push(marking(level, caveat, releasability));
        }
    }
    Ok(out)
}
