//! The tallies the writes keep (migrations/0015_tallies.sql) stay equal to counting
//! the records afresh, and each commitment's effective rank (0016) to its markings,
//! through every kind of write that can move them: new and changed commitments, an
//! agreement's marking raised, its parties changed, deletes that cascade, and sharing
//! arrangements re-marked.

use crate::fresh;
use sqlx::SqlitePool;

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
    assert_eq!((partner, marking), (0, 0), "tallies differ from a fresh count after {after}");
    let ranks: i64 = sqlx::query_scalar(RANK_DIFF).fetch_one(pool).await.unwrap();
    assert_eq!(ranks, 0, "effective ranks differ from the markings after {after}");
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
        ("agreement caveats", "UPDATE agreements SET releasability = 'REL USA' WHERE id % 3 = 1"),
        ("a commitment moved", "UPDATE commitments SET agreement_id = (SELECT max(id) FROM agreements) WHERE id = (SELECT min(id) FROM commitments)"),
        ("parties removed", "DELETE FROM agreement_parties WHERE agreement_id % 2 = 1 AND partner <> 'GB'"),
        ("parties added", "INSERT INTO agreement_parties (agreement_id, partner)
             SELECT id, 'FR' FROM agreements a WHERE NOT EXISTS
               (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.partner = 'FR')"),
        ("sharing re-marked", "UPDATE sharing_arrangements SET classification = 'top_secret', caveat = 'UK EYES ONLY'"),
        ("commitments deleted", "DELETE FROM commitments WHERE NOT EXISTS
             (SELECT 1 FROM assessments s WHERE s.commitment_id = commitments.id) AND id % 2 = 0"),
        ("an agreement added", "INSERT INTO agreements
             (reference, title, kind, legally_binding, status, lead_department_id, classification)
             SELECT 'TALLY-1', title, kind, legally_binding, status, lead_department_id, 'secret'
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
    for (after, sql) in steps {
        assert!(run(&pool, sql).await > 0, "{after}: the step changed nothing");
        assert_exact(&pool, after).await;
    }
}
