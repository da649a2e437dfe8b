//! The tallies the writes keep (migrations/0015_tallies.sql, 0019_rollup_tallies.sql,
//! 0020_calendar_tallies.sql, 0021_agreement_tallies.sql, 0028_record_date_tally.sql,
//! 0029_rollup_sums.sql) stay equal to counting the records afresh, and each
//! commitment's effective rank (0016) to its markings, through every kind of write that
//! can move them: new and changed commitments, an agreement's marking or lead
//! department changed, its parties changed, strands and route legs added and removed,
//! deletes that cascade, and sharing arrangements re-marked. The roll-ups, the
//! calendar's months and the partners' commitments of route and partner pages read
//! from the tallies equal the same figures counted from the commitments, for every
//! clearance and dimension, on days either side of a month's end.

use crate::fresh;
use sqlx::{AssertSqlSafe, SqlitePool};

/// Rows where the partner tally and a fresh count disagree (either way).
const PARTNER_DIFF: &str = "
WITH want AS (
  SELECT ap.partner, max(lc.rank, la.rank) AS rank, c.status, coalesce(c.rag, '') AS rag, count(*) AS n
    FROM commitments c JOIN agreements a ON a.id = c.agreement_id
    JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
    JOIN classification_levels lc ON lc.level = c.classification
    JOIN classification_levels la ON la.level = a.classification
   GROUP BY 1, 2, 3, 4),
have AS (SELECT partner, rank, status, rag, n FROM commitment_partner_tally WHERE n <> 0)
SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have
                      UNION ALL SELECT * FROM have EXCEPT SELECT * FROM want)";

/// Rows where the roll-up sums per clearance (0029) and the roll-up tally they sum
/// disagree (either way): for each clearance rank, each dimension and key, the tally's
/// rows at or below it, by status and RAG, and by RAG those not withdrawn.
const ROLLUP_SUMS_DIFF: &str = "
WITH want AS (
  SELECT t.dimension, l.rank AS clearance, t.key, sum(t.n) AS total,
         sum(iif(t.status = 'not_started', t.n, 0)) AS not_started,
         sum(iif(t.status = 'in_progress', t.n, 0)) AS in_progress,
         sum(iif(t.status = 'met', t.n, 0)) AS met,
         sum(iif(t.status = 'partially_met', t.n, 0)) AS partially_met,
         sum(iif(t.status = 'not_met', t.n, 0)) AS not_met,
         sum(iif(t.status = 'withdrawn', t.n, 0)) AS withdrawn,
         sum(iif(t.rag = 'red', t.n, 0)) AS red, sum(iif(t.rag = 'amber', t.n, 0)) AS amber,
         sum(iif(t.rag = 'green', t.n, 0)) AS green, sum(iif(t.rag = '', t.n, 0)) AS unrated,
         sum(iif(t.rag = 'red' AND t.status <> 'withdrawn', t.n, 0)) AS live_red,
         sum(iif(t.rag = 'amber' AND t.status <> 'withdrawn', t.n, 0)) AS live_amber,
         sum(iif(t.rag = 'green' AND t.status <> 'withdrawn', t.n, 0)) AS live_green,
         sum(iif(t.rag = '' AND t.status <> 'withdrawn', t.n, 0)) AS live_unrated
    FROM rollup_tally t JOIN classification_levels l ON l.rank >= t.rank
   GROUP BY 1, 2, 3),
have AS (SELECT dimension, clearance, key, total, not_started, in_progress, met, partially_met,
                not_met, withdrawn, red, amber, green, unrated, live_red, live_amber,
                live_green, live_unrated
           FROM rollup_sums),
-- A row of zeros counts nothing on either side (a deleted route's rows, for one).
counting AS (SELECT * FROM want EXCEPT SELECT * FROM have
             UNION ALL SELECT * FROM have EXCEPT SELECT * FROM want)
SELECT count(*) FROM counting
 WHERE max(abs(total), abs(not_started), abs(in_progress), abs(met), abs(partially_met),
           abs(not_met), abs(withdrawn), abs(red), abs(amber), abs(green), abs(unrated),
           abs(live_red), abs(live_amber), abs(live_green), abs(live_unrated)) > 0";

/// Rows where the marking tally and a fresh count disagree (either way).
const MARKING_DIFF: &str = "
WITH want AS (
  SELECT 'agreement' AS kind, l.rank, a.classification, coalesce(a.caveat, '') AS caveat,
         coalesce(a.releasability, '') AS releasability, count(*) AS n
    FROM agreements a JOIN classification_levels l ON l.level = a.classification GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'commitment', max(lc.rank, la.rank), c.classification, coalesce(c.caveat, ''),
         coalesce(c.releasability, ''), count(*)
    FROM commitments c JOIN agreements a ON a.id = c.agreement_id
    JOIN classification_levels lc ON lc.level = c.classification
    JOIN classification_levels la ON la.level = a.classification GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'sharing', l.rank, s.classification, coalesce(s.caveat, ''), coalesce(s.releasability, ''), count(*)
    FROM sharing_arrangements s JOIN classification_levels l ON l.level = s.classification
   GROUP BY 2, 3, 4, 5),
have AS (SELECT kind, rank, classification, caveat, releasability, n FROM marking_tally WHERE n <> 0)
SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have
                      UNION ALL SELECT * FROM have EXCEPT SELECT * FROM want)";

/// Rows where the agreement tallies (in force per partner and rank; by status and
/// rank) and a fresh count disagree (either way).
const AGREEMENTS_DIFF: &str = "
WITH want AS (
  SELECT 'in_force' AS what, ap.partner AS key, l.rank, count(*) AS n
    FROM agreements a JOIN agreement_parties ap ON ap.agreement_id = a.id
    JOIN classification_levels l ON l.level = a.classification
   WHERE a.status = 'in_force' GROUP BY 2, 3
  UNION ALL
  SELECT 'status', a.status, l.rank, count(*)
    FROM agreements a JOIN classification_levels l ON l.level = a.classification GROUP BY 2, 3),
have AS (SELECT 'in_force', partner, rank, n FROM in_force_tally WHERE n <> 0
         UNION ALL SELECT 'status', status, rank, n FROM agreement_status_tally WHERE n <> 0)
SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have
                      UNION ALL SELECT * FROM have EXCEPT SELECT * FROM want)";

/// Rows where the agreements' and arrangements' date tally (0028) and a fresh count
/// disagree (either way), days and months: reviews of agreements and arrangements not
/// ended, expiry of agreements not ended, by rank and marking.
const RECORD_DATES_DIFF: &str = "
WITH days AS (
  SELECT 'agreement' AS kind, 'review' AS what, a.next_review_on AS period, l.rank,
         a.classification, coalesce(a.caveat, '') AS caveat,
         coalesce(a.releasability, '') AS releasability, count(*) AS n
    FROM agreements a JOIN classification_levels l ON l.level = a.classification
   WHERE a.status NOT IN ('expired', 'terminated', 'superseded') AND a.next_review_on IS NOT NULL
   GROUP BY 3, 4, 5, 6, 7
  UNION ALL
  SELECT 'agreement', 'expiry', a.expires_on, l.rank, a.classification, coalesce(a.caveat, ''),
         coalesce(a.releasability, ''), count(*)
    FROM agreements a JOIN classification_levels l ON l.level = a.classification
   WHERE a.status NOT IN ('expired', 'terminated', 'superseded') AND a.expires_on IS NOT NULL
   GROUP BY 3, 4, 5, 6, 7
  UNION ALL
  SELECT 'sharing', 'review', s.next_review_on, l.rank, s.classification, coalesce(s.caveat, ''),
         coalesce(s.releasability, ''), count(*)
    FROM sharing_arrangements s JOIN classification_levels l ON l.level = s.classification
   WHERE s.status <> 'ended' AND s.next_review_on IS NOT NULL
   GROUP BY 3, 4, 5, 6, 7),
want AS (
  SELECT 'day' AS grain, * FROM days
  UNION ALL
  SELECT 'month', kind, what, substr(period, 1, 7), rank, classification, caveat, releasability,
         sum(n)
    FROM days GROUP BY 2, 3, 4, 5, 6, 7, 8),
have AS (SELECT grain, kind, what, period, rank, classification, caveat, releasability, n
           FROM record_date_tally WHERE n <> 0)
SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have
                      UNION ALL SELECT * FROM have EXCEPT SELECT * FROM want)";

/// Commitments whose stored agreement reference (migration 0023, the calendar's day
/// order) is not their agreement's.
const REFERENCE_DIFF: &str = "
SELECT count(*) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
 WHERE c.agreement_reference IS NOT a.reference";

/// Commitments whose stored effective rank (migration 0016) is not the higher of
/// their own level and their agreement's.
const RANK_DIFF: &str = "
SELECT count(*) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification
 WHERE c.effective_rank <> max(lc.rank, la.rank)";

async fn assert_exact(pool: &SqlitePool, after: &str) {
    let partner: i64 = sqlx::query_scalar(PARTNER_DIFF).fetch_one(pool).await.unwrap();
    let marking: i64 = sqlx::query_scalar(MARKING_DIFF).fetch_one(pool).await.unwrap();
    let agreements: i64 = sqlx::query_scalar(AGREEMENTS_DIFF).fetch_one(pool).await.unwrap();
    let dates: i64 = sqlx::query_scalar(RECORD_DATES_DIFF).fetch_one(pool).await.unwrap();
    let sums: i64 = sqlx::query_scalar(ROLLUP_SUMS_DIFF).fetch_one(pool).await.unwrap();
    assert_eq!(
        (partner, marking, agreements, dates, sums),
        (0, 0, 0, 0, 0),
        "tallies (partner, marking, agreements, record dates, roll-up sums) differ from a fresh count after {after}"
    );
    let ranks: i64 = sqlx::query_scalar(RANK_DIFF).fetch_one(pool).await.unwrap();
    assert_eq!(ranks, 0, "effective ranks differ from the markings after {after}");
    let references: i64 = sqlx::query_scalar(REFERENCE_DIFF).fetch_one(pool).await.unwrap();
    assert_eq!(references, 0, "commitments' agreement references are stale after {after}");
}

/// Days the roll-ups are compared on: the last of a month, the first of the next, and
/// one mid-month, so overdue and reviews due cross the date tally's month boundary.
const ROLLUP_DAYS: &[&str] = &["2026-11-30", "2026-12-01", "2027-01-15"];

/// Every roll-up read from the tallies equals the one counted from the commitments.
async fn assert_rollups(pool: &SqlitePool, after: &str) {
    use accord::rollup::Dimension;
    use accord::storage::rollups;
    for day in ROLLUP_DAYS {
        let today = accord::dates::parse_iso(day).unwrap();
        for level in [accord::Level::Official, accord::Level::Secret, accord::Level::TopSecret] {
            let clearance = accord::Clearance(level);
            for dimension in Dimension::ALL {
                let read = rollups::load(pool, *dimension, clearance, today).await.unwrap();
                let counted =
                    rollups::load_counted(pool, *dimension, clearance, today).await.unwrap();
                assert!(
                    read == counted,
                    "roll-up by {dimension:?} at {level:?} on {day} after {after}:\n\
                     tallied {:#?}\ncounted {:#?}",
                    read.rows,
                    counted.rows
                );
            }
        }
    }
}

/// Commitments a reader at rank `?1` may see (their effective marking), counted afresh:
/// open and due before `?2`; not withdrawn, next reviewed from `?2` to `?3`; not
/// withdrawn, next reviewed before `?2`.
const DATED_AFRESH: &str = "
SELECT count(*) FILTER (WHERE c.status IN ('not_started', 'in_progress') AND c.due_on < ?2),
       count(*) FILTER (WHERE c.status <> 'withdrawn' AND c.next_review_on BETWEEN ?2 AND ?3),
       count(*) FILTER (WHERE c.status <> 'withdrawn' AND c.next_review_on < ?2)
  FROM commitments c JOIN agreements a ON a.id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification
 WHERE max(lc.rank, la.rank) <= ?1";

/// Commitments in the review queue (neither met nor withdrawn) a reader at rank `?1`
/// may see, next reviewed from `?2` to `?3` (either unbounded when NULL), afresh.
const QUEUED_AFRESH: &str = "
SELECT count(*) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification
 WHERE max(lc.rank, la.rank) <= ?1 AND c.status NOT IN ('met', 'withdrawn')
   AND c.next_review_on >= coalesce(?2, '0000') AND c.next_review_on <= coalesce(?3, '9999')";

/// Agreements and arrangements not ended that a reader at rank `?1` may see, counted
/// afresh: next reviewed from today `?2` to the horizon `?3`, and before today; each
/// for agreements, then arrangements.
const RECORDS_DATED_AFRESH: &str = "
SELECT (SELECT count(*) FILTER (WHERE a.next_review_on BETWEEN ?2 AND ?3)
          FROM agreements a JOIN classification_levels l ON l.level = a.classification
         WHERE l.rank <= ?1 AND a.status NOT IN ('expired', 'terminated', 'superseded')),
       (SELECT count(*) FILTER (WHERE a.next_review_on < ?2)
          FROM agreements a JOIN classification_levels l ON l.level = a.classification
         WHERE l.rank <= ?1 AND a.status NOT IN ('expired', 'terminated', 'superseded')),
       (SELECT count(*) FILTER (WHERE s.next_review_on BETWEEN ?2 AND ?3)
          FROM sharing_arrangements s JOIN classification_levels l ON l.level = s.classification
         WHERE l.rank <= ?1 AND s.status <> 'ended'),
       (SELECT count(*) FILTER (WHERE s.next_review_on < ?2)
          FROM sharing_arrangements s JOIN classification_levels l ON l.level = s.classification
         WHERE l.rank <= ?1 AND s.status <> 'ended')";

/// Agreements (`?4` = 'agreement') or arrangements ('sharing') in the review queue
/// (not ended) a reader at rank `?1` may see, next reviewed from `?2` to `?3` (either
/// unbounded when NULL), afresh.
const RECORDS_QUEUED_AFRESH: &str = "
SELECT count(*) FROM (
  SELECT 'agreement' AS kind, a.next_review_on AS d FROM agreements a
    JOIN classification_levels l ON l.level = a.classification
   WHERE l.rank <= ?1 AND a.status NOT IN ('expired', 'terminated', 'superseded')
  UNION ALL
  SELECT 'sharing', s.next_review_on FROM sharing_arrangements s
    JOIN classification_levels l ON l.level = s.classification
   WHERE l.rank <= ?1 AND s.status <> 'ended')
 WHERE kind = ?4 AND d >= coalesce(?2, '0000') AND d <= coalesce(?3, '9999')";

/// The dashboard's review and overdue figures and the review queue's counts (of each
/// kind, and of all together), read from the date tallies, equal counts made afresh,
/// for every clearance on each day.
async fn assert_dated_figures(pool: &SqlitePool, after: &str) {
    use accord::review_queue::{Mine, QueueKind, ReviewQueueQuery};
    let me = Mine { user_id: 0, display_name: String::new(), email: String::new() };
    for day in ROLLUP_DAYS {
        let today = accord::dates::parse_iso(day).unwrap();
        let horizon = today + time::Duration::days(accord::agreement_filter::REVIEW_DUE_DAYS);
        for level in [accord::Level::Official, accord::Level::Secret, accord::Level::TopSecret] {
            let clearance = accord::Clearance(level);
            let d = accord::storage::dashboard::load(pool, clearance, today).await.unwrap();
            let read =
                (d.overdue_commitments, d.reviews_due.commitments, d.reviews_overdue.commitments);
            let afresh: (i64, i64, i64) = sqlx::query_as(DATED_AFRESH)
                .bind(clearance.rank())
                .bind(today)
                .bind(horizon)
                .fetch_one(pool)
                .await
                .unwrap();
            assert_eq!(read, afresh, "dashboard at {level:?} on {day} after {after}");
            let read = (
                d.reviews_due.agreements,
                d.reviews_overdue.agreements,
                d.reviews_due.sharing,
                d.reviews_overdue.sharing,
            );
            let afresh: (i64, i64, i64, i64) = sqlx::query_as(RECORDS_DATED_AFRESH)
                .bind(clearance.rank())
                .bind(today)
                .bind(horizon)
                .fetch_one(pool)
                .await
                .unwrap();
            assert_eq!(read, afresh, "dashboard's records at {level:?} on {day} after {after}");

            for kind in [
                None,
                Some(QueueKind::Commitment),
                Some(QueueKind::Agreement),
                Some(QueueKind::Sharing),
            ] {
                let query = ReviewQueueQuery { kind, ..Default::default() };
                let counts =
                    accord::storage::review_queue::counts(pool, &query, &me, clearance, today)
                        .await
                        .unwrap();
                for (group, n) in counts {
                    let (from, to) = group.range(today);
                    let mut afresh = 0;
                    if kind.is_none_or(|k| k == QueueKind::Commitment) {
                        afresh += sqlx::query_scalar::<_, i64>(QUEUED_AFRESH)
                            .bind(clearance.rank())
                            .bind(from)
                            .bind(to)
                            .fetch_one(pool)
                            .await
                            .unwrap();
                    }
                    for record in [QueueKind::Agreement, QueueKind::Sharing] {
                        if kind.is_none_or(|k| k == record) {
                            afresh += sqlx::query_scalar::<_, i64>(RECORDS_QUEUED_AFRESH)
                                .bind(clearance.rank())
                                .bind(from)
                                .bind(to)
                                .bind(record.code())
                                .fetch_one(pool)
                                .await
                                .unwrap();
                        }
                    }
                    assert_eq!(
                        n, afresh,
                        "queue group {group:?} of {kind:?} at {level:?} on {day} after {after}"
                    );
                }
            }
        }
    }
}

/// Commitments not withdrawn that a reader at rank `?1` may see (their effective
/// marking), counted afresh once for each partner party to their agreement, never the
/// UK: `c`, `a`, `ap` and `p`.
macro_rules! partner_commitments_afresh {
    () => {
        "
  FROM commitments c JOIN agreements a ON a.id = c.agreement_id
  JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
  JOIN partners p ON p.alpha2 = ap.partner AND p.is_home = 0
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification
 WHERE max(lc.rank, la.rank) <= ?1 AND c.status <> 'withdrawn'"
    };
}

/// Every partner's commitments not withdrawn that a reader at rank `?1` may see, counted
/// afresh by RAG and marking (the commitment's and its agreement's), with how many are
/// open and due before `?2`.
const PARTNER_COMMITMENTS_AFRESH: &str = concat!(
    "SELECT ap.partner, c.classification, c.caveat, c.releasability,
       a.classification, a.caveat, a.releasability,
       count(*) FILTER (WHERE c.rag = 'red'), count(*) FILTER (WHERE c.rag = 'amber'),
       count(*) FILTER (WHERE c.rag = 'green'), count(*) FILTER (WHERE c.rag IS NULL),
       count(*) FILTER (WHERE c.status IN ('not_started', 'in_progress') AND c.due_on < ?2)",
    partner_commitments_afresh!(),
    " GROUP BY 1, 2, 3, 4, 5, 6, 7"
);

type MarkingColumns = (accord::Level, Option<String>, Option<String>);

/// The partners' commitments read from the tallies (what a route and a partner page
/// count) equal those counted afresh, markings included, for every clearance on each day.
async fn assert_partner_commitments(pool: &SqlitePool, after: &str) {
    use accord::coverage::CommitmentCounts;
    use accord::storage::routes::{partner_commitments, PartnerCommitments};
    use std::collections::HashMap;
    let codes: Vec<String> = sqlx::query_scalar("SELECT alpha2 FROM partners ORDER BY alpha2")
        .fetch_all(pool)
        .await
        .unwrap();
    let codes = serde_json::to_string(&codes).unwrap();
    let key = |m: &accord::Classification| format!("{m:?}");
    let mut counted_any = false;
    for day in ROLLUP_DAYS {
        let today = accord::dates::parse_iso(day).unwrap();
        for level in [accord::Level::Official, accord::Level::Secret, accord::Level::TopSecret] {
            let clearance = accord::Clearance(level);
            let mut read = partner_commitments(pool, &codes, clearance, today).await.unwrap();
            let rows: Vec<(String, MarkingColumns, MarkingColumns, [i64; 5])> =
                sqlx::query_as::<
                    _,
                    (
                        String,
                        accord::Level,
                        Option<String>,
                        Option<String>,
                        accord::Level,
                        Option<String>,
                        Option<String>,
                        i64,
                        i64,
                        i64,
                        i64,
                        i64,
                    ),
                >(PARTNER_COMMITMENTS_AFRESH)
                .bind(clearance.rank())
                .bind(today)
                .fetch_all(pool)
                .await
                .unwrap()
                .into_iter()
                .map(|r| (r.0, (r.1, r.2, r.3), (r.4, r.5, r.6), [r.7, r.8, r.9, r.10, r.11]))
                .collect();
            let mut afresh: HashMap<String, PartnerCommitments> = HashMap::new();
            for (partner, own, agreement, [red, amber, green, unrated, overdue]) in rows {
                let p = afresh.entry(partner).or_default();
                let c = &mut p.counts;
                *c = CommitmentCounts {
                    red: c.red + red,
                    amber: c.amber + amber,
                    green: c.green + green,
                    unrated: c.unrated + unrated,
                    overdue: c.overdue + overdue,
                };
                for (level, caveat, releasability) in [own, agreement] {
                    let m = accord::Classification {
                        level,
                        caveat: caveat.filter(|c| !c.trim().is_empty()),
                        releasability: releasability.filter(|r| !r.trim().is_empty()),
                    };
                    if !p.markings.iter().any(|have| *have == m) {
                        p.markings.push(m);
                    }
                }
            }
            for p in read.values_mut().chain(afresh.values_mut()) {
                p.markings.sort_by_key(key);
            }
            counted_any |= !afresh.is_empty();
            assert_eq!(read, afresh, "partners' commitments at {level:?} on {day} after {after}");
        }
    }
    assert!(counted_any, "some partner has commitments after {after}");
}

/// Months the calendar is compared on: those the generated dates fall in, and either side.
const CALENDAR_MONTHS: &[&str] = &["2026-10", "2026-11", "2026-12", "2027-01", "2027-02"];

/// Each clearance's calendar month read from the tallies equals the month counted
/// event by event, and its first few events of each day are those of the day's whole
/// list in the day's order (kind, reference, id).
async fn assert_calendar(pool: &SqlitePool, after: &str) {
    use accord::calendar::Month;
    use accord::storage::calendar;
    let mut events = 0;
    for code in CALENDAR_MONTHS {
        let month = Month::parse(code).unwrap();
        let (from, to) = (month.first_day(), month.last_day());
        for level in [accord::Level::Official, accord::Level::Secret, accord::Level::TopSecret] {
            let clearance = accord::Clearance(level);
            let read = calendar::month_tally(pool, month, clearance).await.unwrap();
            let counted = calendar::tally(pool, from, to, clearance).await.unwrap();
            assert_eq!(read, counted, "calendar {code} at {level:?} after {after}");
            events += counted.total();

            let mut all = calendar::events(pool, from, to, clearance).await.unwrap();
            all.sort_by(|a, b| {
                (a.date, a.kind.code(), &a.reference, a.record_id).cmp(&(
                    b.date,
                    b.kind.code(),
                    &b.reference,
                    b.record_id,
                ))
            });
            let mut expected = Vec::new();
            for (n, event) in all.iter().enumerate() {
                let place = all[..n].iter().rev().take_while(|e| e.date == event.date).count();
                if (1..=2).contains(&place) {
                    expected.push(event.clone());
                }
            }
            let shown = calendar::shown(pool, from, to, clearance, 1, 2).await.unwrap();
            assert_eq!(
                shown, expected,
                "second and third of each day, {code} at {level:?} after {after}"
            );
        }
    }
    assert!(events > 0, "the calendar months hold events after {after}");
}

/// Each partner's page summary (counts and marking) read from the tallies equals the
/// one counted from the records, for every clearance; the home party's is counted.
async fn assert_partner_summaries(pool: &SqlitePool, after: &str) {
    use accord::storage::partners::{summary, summary_counted};
    for code in PARTNERS.iter().chain(&["GB"]) {
        for level in [accord::Level::Official, accord::Level::Secret, accord::Level::TopSecret] {
            let clearance = accord::Clearance(level);
            let read = summary(pool, code, clearance).await.unwrap().unwrap();
            let counted = summary_counted(pool, code, clearance).await.unwrap().unwrap();
            assert_eq!(
                format!("{read:?}"),
                format!("{counted:?}"),
                "partner {code}'s summary at {level:?} after {after}"
            );
        }
    }
}

/// Every roll-up tally row that counts something, in a stable order.
async fn rollup_tallies(pool: &SqlitePool) -> Vec<(String, String, i64, String, String, i64)> {
    sqlx::query_as(
        "SELECT dimension, key, rank, status, rag, n FROM rollup_tally WHERE n <> 0
         UNION ALL
         SELECT dimension, key, rank, classification || '/' || caveat, releasability, n
           FROM rollup_marking_tally WHERE n <> 0
         UNION ALL
         SELECT dimension, key, rank, grain || '/' || what, period, n
           FROM rollup_date_tally WHERE n <> 0
         UNION ALL
         SELECT 'calendar', month, rank, classification || '/' || caveat, releasability, n
           FROM calendar_marking_tally WHERE n <> 0
         ORDER BY 1, 2, 3, 4, 5",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn run(pool: &SqlitePool, sql: &'static str) -> u64 {
    sqlx::query(sql).execute(pool).await.unwrap().rows_affected()
}

#[tokio::test]
async fn tallies_equal_a_fresh_count_after_every_kind_of_write() {
    let (_dir, pool) = fresh().await;
    let today = accord::dates::parse_iso("2026-11-30").unwrap();
    accord::storage::demo::load(&pool, today).await.unwrap();
    let tallied: i64 = sqlx::query_scalar("SELECT coalesce(sum(n), 0) FROM marking_tally")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(tallied > 0, "the demo load is tallied");
    assert_exact(&pool, "the demo load").await;

    let steps = [
        ("status and RAG changes", "UPDATE commitments SET status = 'met', rag = 'green' WHERE id % 3 = 0"),
        ("unrating", "UPDATE commitments SET rag = NULL WHERE id % 5 = 1"),
        ("commitments raised", "UPDATE commitments SET classification = 'top_secret', caveat = 'UK EYES ONLY' WHERE id % 4 = 0"),
        ("agreements raised", "UPDATE agreements SET classification = 'secret' WHERE id % 2 = 0 AND classification = 'official'"),
        ("agreement references changed", "UPDATE agreements SET reference = 'Z-' || reference WHERE id % 4 = 3"),
        ("a commitment's reference overwritten", "UPDATE commitments SET agreement_reference = 'WRONG' WHERE id % 9 = 4"),
        ("agreement caveats", "UPDATE agreements SET releasability = 'REL USA' WHERE id % 3 = 1"),
        ("agreements out of force", "UPDATE agreements SET status = 'suspended' WHERE id % 3 = 1 AND status = 'in_force'"),
        ("agreements into force", "UPDATE agreements SET status = 'in_force' WHERE id % 3 = 2 AND status <> 'in_force'"),
        ("agreement reviews and expiry moved", "UPDATE agreements
             SET next_review_on = date('2026-11-30', '+' || (id % 9 - 4) || ' days'),
                 expires_on = iif(id % 2 = 0, NULL, max(coalesce(in_force_on, '2026-12-01'),
                                                        date('2026-12-01', '+' || (id % 40) || ' days')))
           WHERE id % 4 <> 1"),
        ("agreement expiry moved alone", "UPDATE agreements
             SET expires_on = max(coalesce(in_force_on, '2027-01-31'), '2027-01-31')
           WHERE expires_on IS NOT NULL AND id % 3 = 0"),
        ("agreements ended", "UPDATE agreements SET status = 'expired' WHERE id % 5 = 2"),
        ("sharing reviews moved", "UPDATE sharing_arrangements
             SET next_review_on = iif(id % 3 = 0, NULL, date('2026-12-01', '-' || (id % 20) || ' days'))"),
        ("sharing ended", "UPDATE sharing_arrangements SET status = 'ended' WHERE id % 3 = 1"),
        ("a commitment moved", "UPDATE commitments SET agreement_id = (SELECT max(id) FROM agreements) WHERE id = (SELECT min(id) FROM commitments)"),
        ("parties removed", "DELETE FROM agreement_parties WHERE agreement_id % 2 = 1 AND partner <> 'GB'"),
        ("parties added", "INSERT INTO agreement_parties (agreement_id, partner)
             SELECT id, 'FR' FROM agreements a WHERE NOT EXISTS
               (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.partner = 'FR')"),
        ("owners changed", "UPDATE commitments SET owner = iif(id % 2 = 0, '', 'Team ' || (id % 3)) WHERE id % 7 = 2"),
        ("dates moved", "UPDATE commitments SET due_on = date('2026-11-30', '+' || (id % 9 - 4) || ' days'),
             next_review_on = date('2026-12-01', '+' || (id % 40 - 3) || ' days') WHERE id % 2 = 0"),
        ("dates cleared", "UPDATE commitments SET due_on = NULL, next_review_on = NULL WHERE id % 11 = 3"),
        ("strands added", "INSERT OR IGNORE INTO commitment_strands (commitment_id, strand)
             SELECT id, 'prepare' FROM commitments WHERE id % 3 = 2"),
        ("strands removed", "DELETE FROM commitment_strands WHERE commitment_id % 4 = 1"),
        ("lead departments changed", "UPDATE agreements SET lead_department_id = (SELECT max(id) FROM uk_bodies) WHERE id % 3 = 0"),
        ("route legs added", "INSERT INTO route_legs (route_id, position, partner, role)
             SELECT r.id, (SELECT max(position) + 1 FROM route_legs WHERE route_id = r.id), 'FR', 'transit'
               FROM routes r"),
        ("route legs removed", "DELETE FROM route_legs WHERE id % 3 = 0"),
        ("a route deleted with its legs", "DELETE FROM routes WHERE id = (SELECT min(id) FROM routes)"),
        ("sharing re-marked", "UPDATE sharing_arrangements SET classification = 'top_secret', caveat = 'UK EYES ONLY'"),
        ("commitments deleted", "DELETE FROM commitments WHERE NOT EXISTS
             (SELECT 1 FROM assessments s WHERE s.commitment_id = commitments.id) AND id % 2 = 0"),
        ("an agreement added", "INSERT INTO agreements
             (reference, title, kind, legally_binding, status, lead_department_id, classification)
             SELECT 'TALLY-1', title, kind, legally_binding, 'in_force', lead_department_id, 'secret'
               FROM agreements ORDER BY id LIMIT 1"),
        ("its parties", "INSERT INTO agreement_parties (agreement_id, partner)
             SELECT id, p.alpha2 FROM agreements, (SELECT 'GB' AS alpha2 UNION ALL SELECT 'LY') p
              WHERE reference = 'TALLY-1'"),
        ("its commitments", "INSERT INTO commitments
             (agreement_id, committing_party, text, category, status, rag, classification)
             SELECT a.id, 'LY', c.text, c.category, c.status, c.rag, c.classification
               FROM agreements a, commitments c WHERE a.reference = 'TALLY-1'"),
        ("an agreement deleted with its commitments and parties",
         "DELETE FROM agreements WHERE reference = 'TALLY-1'"),
        ("sharing deleted", "DELETE FROM sharing_arrangements WHERE id % 2 = 0 AND NOT EXISTS
             (SELECT 1 FROM record_reviews r WHERE r.arrangement_id = sharing_arrangements.id)"),
    ];
    assert_rollups(&pool, "the demo load").await;
    assert_dated_figures(&pool, "the demo load").await;
    assert_calendar(&pool, "the demo load").await;
    assert_partner_commitments(&pool, "the demo load").await;
    for (after, sql) in steps {
        assert!(run(&pool, sql).await > 0, "{after}: the step changed nothing");
        assert_exact(&pool, after).await;
        assert_rollups(&pool, after).await;
        assert_dated_figures(&pool, after).await;
        assert_calendar(&pool, after).await;
        assert_partner_commitments(&pool, after).await;
        assert_partner_summaries(&pool, after).await;
    }

    // A party is replaced, never updated: the update is refused and changes nothing.
    let refused = sqlx::query("UPDATE agreement_parties SET partner = 'FR' WHERE partner = 'LY'")
        .execute(&pool)
        .await;
    assert!(refused.is_err(), "an update of a party is refused: {refused:?}");
    assert_exact(&pool, "a refused update of a party").await;

    // Inserts the schema ignores (a party the agreement has, a leg at a position the
    // route has) change no tally: the BEFORE triggers must not fire for them (0022).
    let ignored = [
        "INSERT OR IGNORE INTO agreement_parties (agreement_id, partner)
           SELECT agreement_id, partner FROM agreement_parties",
        "INSERT OR IGNORE INTO route_legs (route_id, position, partner, role)
           SELECT route_id, position, 'FR', 'transit' FROM route_legs",
    ];
    for sql in ignored {
        assert_eq!(run(&pool, sql).await, 0, "an ignored insert wrote: {sql}");
        assert_exact(&pool, sql).await;
        assert_rollups(&pool, sql).await;
        assert_partner_commitments(&pool, sql).await;
    }

    // A bulk load's way (storage::rollups::bulk): the triggers set aside, the tallies
    // counted afresh and the triggers put back give the tallies the writes kept.
    let kept = rollup_tallies(&pool).await;
    let mut tx = pool.begin().await.unwrap();
    let aside = accord::storage::rollups::bulk::set_aside(&mut tx).await.unwrap();
    let triggers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%rollup%'",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(triggers, 0, "the roll-up triggers are set aside");
    aside.restore(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(rollup_tallies(&pool).await, kept, "counted afresh, the tallies are the same");
    // The sums per clearance follow the tally through its refill (their triggers stay).
    assert_exact(&pool, "a bulk load's refill").await;
    assert!(run(&pool, "UPDATE commitments SET status = 'not_met' WHERE id % 5 = 0").await > 0);
    assert_rollups(&pool, "a write after the triggers came back").await;
}

/// A small deterministic generator (xorshift64): a failing sequence replays from its seed.
pub(crate) struct Steps(pub(crate) u64);

impl Steps {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }

    /// The id of one row of `table` (one of this file's table names), chosen by the
    /// generator.
    pub(crate) async fn id(&mut self, pool: &SqlitePool, table: &str) -> Option<i64> {
        let rows: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(pool)
            .await
            .unwrap();
        let offset = self.below(usize::try_from(rows).unwrap().max(1));
        sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT id FROM {table} ORDER BY id LIMIT 1 OFFSET ?1"
        )))
        .bind(i64::try_from(offset).unwrap())
        .fetch_optional(pool)
        .await
        .unwrap()
    }
}

impl Steps {
    /// Gives one row of `table` (one of this file's table names) a generated marking.
    pub(crate) async fn remark(
        &mut self,
        pool: &SqlitePool,
        table: &str,
    ) -> Result<(), sqlx::Error> {
        let Some(id) = self.id(pool, table).await else { return Ok(()) };
        let sql = format!(
            "UPDATE {table} SET classification = ?2, caveat = nullif(?3, '') WHERE id = ?1"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .bind(self.pick(LEVELS))
            .bind(self.pick(CAVEATS))
            .execute(pool)
            .await
            .map(|_| ())
    }
}

pub(crate) const STATUSES: &[&str] =
    &["not_started", "in_progress", "met", "partially_met", "not_met", "withdrawn"];
pub(crate) const RAGS: &[&str] = &["red", "amber", "green", ""];
pub(crate) const LEVELS: &[&str] = &["official", "secret", "top_secret"];
pub(crate) const CAVEATS: &[&str] = &["", "", "SENSITIVE", "UK EYES ONLY"];
pub(crate) const PARTNERS: &[&str] = &["FR", "LY", "TN", "MA", "NE", "AL"];

/// The dashboard's RAG by partner for a reader at `rank`, counted afresh from the records.
const RAG_AFRESH: &str = concat!(
    "SELECT p.alpha2, p.name,
       count(*) FILTER (WHERE c.rag = 'red'), count(*) FILTER (WHERE c.rag = 'amber'),
       count(*) FILTER (WHERE c.rag = 'green'), count(*) FILTER (WHERE coalesce(c.rag, '') = ''),
       count(*) AS total",
    partner_commitments_afresh!(),
    " GROUP BY p.alpha2 ORDER BY total DESC, p.name LIMIT 10"
);

/// What each clearance's dashboard reads from the tallies equals a fresh count.
async fn assert_dashboards(pool: &SqlitePool, after: &str) {
    let today = accord::dates::parse_iso("2026-11-30").unwrap();
    for level in [accord::Level::Official, accord::Level::Secret, accord::Level::TopSecret] {
        let clearance = accord::Clearance(level);
        let dashboard = accord::storage::dashboard::load(pool, clearance, today).await.unwrap();
        let read: Vec<_> = dashboard
            .rag_by_partner
            .iter()
            .map(|r| {
                (r.alpha2.clone(), r.name.clone(), r.red, r.amber, r.green, r.unrated, r.total)
            })
            .collect();
        let afresh: Vec<(String, String, i64, i64, i64, i64, i64)> =
            sqlx::query_as(RAG_AFRESH).bind(clearance.rank()).fetch_all(pool).await.unwrap();
        assert_eq!(read, afresh, "RAG by partner at {level:?} after {after}");
    }
}

#[tokio::test]
async fn tallies_equal_a_fresh_count_for_every_clearance_through_a_random_sequence_of_writes() {
    let (_dir, pool) = fresh().await;
    let today = accord::dates::parse_iso("2026-11-30").unwrap();
    accord::storage::demo::load(&pool, today).await.unwrap();
    let reviewer =
        super::assessments::reviewer(&pool, "tally@test.gov.uk", accord::Level::TopSecret).await;
    let mut steps = Steps(0x5eed_7a11_1e55_0001);
    let mut done = [0usize; crate::random_writes::KINDS];
    for step in 0..480 {
        let Some(made) =
            crate::random_writes::step(&pool, &mut steps, &reviewer, today, step).await
        else {
            continue;
        };
        // A write the schema refuses (a CHECK, a trigger) changes nothing: still checked.
        done[made.kind] += usize::from(made.written);
        let after = made.after;
        assert_exact(&pool, &after).await;
        if step % 20 == 0 {
            assert_dashboards(&pool, &after).await;
            assert_rollups(&pool, &after).await;
            assert_dated_figures(&pool, &after).await;
            assert_calendar(&pool, &after).await;
            assert_partner_commitments(&pool, &after).await;
            assert_partner_summaries(&pool, &after).await;
        }
    }
    assert_dashboards(&pool, "the whole sequence").await;
    assert_rollups(&pool, "the whole sequence").await;
    assert_dated_figures(&pool, "the whole sequence").await;
    assert_calendar(&pool, "the whole sequence").await;
    assert_partner_commitments(&pool, "the whole sequence").await;
    assert_partner_summaries(&pool, "the whole sequence").await;
    assert!(done.iter().all(|n| *n >= 10), "every kind of write ran often enough: {done:?}");
}
