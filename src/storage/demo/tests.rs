use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 03 - 15);

/// A fresh, migrated database on disk with partners loaded, and the demo set in it.
async fn loaded() -> (tempfile::TempDir, SqlitePool, DemoSummary) {
    let dir = tempfile::tempdir().unwrap();
    let pool = crate::storage::open(dir.path()).await.unwrap();
    crate::storage::partners::sync_from_iso(&pool).await.unwrap();
    let summary = load(&pool, TODAY).await.unwrap().expect("first load writes the data set");
    (dir, pool, summary)
}

/// Runs a one-number query; `?1`, where it appears, is today.
async fn count(pool: &SqlitePool, sql: &'static str) -> i64 {
    let query = sqlx::query_scalar(sql);
    let query = if sql.contains("?1") { query.bind(TODAY) } else { query };
    query.fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn demo_load_is_idempotent() {
    let (_dir, pool, _) = loaded().await;
    let counts = || async {
        (
            count(&pool, "SELECT count(*) FROM agreements").await,
            count(&pool, "SELECT count(*) FROM commitments").await,
            count(&pool, "SELECT count(*) FROM routes").await,
        )
    };
    let before = counts().await;
    assert!(is_loaded(&pool).await.unwrap());
    assert_eq!(load(&pool, TODAY).await.unwrap(), None);
    assert_eq!(counts().await, before);
    let audits = count(&pool, "SELECT count(*) FROM audit_log WHERE action = 'demo_load'").await;
    assert_eq!(audits, 1);
}

#[tokio::test]
async fn demo_is_not_loaded_in_a_fresh_database() {
    let dir = tempfile::tempdir().unwrap();
    let pool = crate::storage::open(dir.path()).await.unwrap();
    assert!(!is_loaded(&pool).await.unwrap());
}

#[tokio::test]
async fn demo_covers_every_kind_and_status() {
    let (_dir, pool, summary) = loaded().await;
    assert_eq!(count(&pool, "SELECT count(DISTINCT kind) FROM agreements").await, 8);
    assert_eq!(count(&pool, "SELECT count(DISTINCT status) FROM agreements").await, 8);
    assert!(summary.agreements >= 40, "{summary:?}");
    assert!(summary.routes >= 6, "{summary:?}");
    assert!(summary.commitments >= 120, "{summary:?}");
    assert!(summary.sharing_arrangements >= 20, "{summary:?}");
    assert_eq!(summary.briefing_texts, 18);
    let overdue = count(
        &pool,
        "SELECT count(*) FROM commitments WHERE status IN ('not_started', 'in_progress') AND due_on < ?1",
    )
    .await;
    assert!(overdue >= 15, "only {overdue} overdue");
    for (what, sql) in [
        ("commitment categories", "SELECT count(DISTINCT category) = 10 FROM commitments"),
        ("commitment statuses", "SELECT count(DISTINCT status) = 6 FROM commitments"),
        ("sharing directions", "SELECT count(DISTINCT direction) = 3 FROM sharing_arrangements"),
        ("sharing statuses", "SELECT count(DISTINCT status) = 4 FROM sharing_arrangements"),
        ("OSJA statuses", "SELECT count(DISTINCT osja_status) = 4 FROM sharing_arrangements"),
        ("data categories", "SELECT count(DISTINCT category) = 8 FROM sharing_data_categories"),
        ("expiring within 90 days", "SELECT count(*) >= 3 FROM agreements WHERE status = 'in_force' AND expires_on >= ?1 AND expires_on <= date(?1, '+90 days')"),
        ("reviews due within 30 days", "SELECT count(*) >= 5 FROM agreements WHERE next_review_on >= ?1 AND next_review_on <= date(?1, '+30 days')"),
        ("reviews already past", "SELECT count(*) >= 3 FROM agreements WHERE next_review_on < ?1"),
        ("a supersession", "SELECT count(*) >= 1 FROM agreements a JOIN agreements old ON old.id = a.supersedes_id AND old.status = 'superseded'"),
        ("a successor to every superseded agreement", "SELECT count(*) = 0 FROM agreements old WHERE old.status = 'superseded' AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.supersedes_id = old.id)"),
        ("illustrative references and summaries", "SELECT count(*) = 0 FROM agreements WHERE reference NOT LIKE 'ILLUS-%' OR summary NOT LIKE 'Illustrative record:%' OR title NOT LIKE 'Illustrative%'"),
        ("illustrative sharing references", "SELECT count(*) = 0 FROM sharing_arrangements WHERE reference NOT LIKE 'ILLUS-SH-%'"),
        ("an amendment", "SELECT count(*) >= 1 FROM agreements WHERE amends_id IS NOT NULL"),
        ("a multilateral agreement", "SELECT count(*) >= 1 FROM (SELECT agreement_id FROM agreement_parties GROUP BY agreement_id HAVING count(*) > 2)"),
        ("the UK party to every agreement", "SELECT count(*) = 0 FROM agreements a WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.partner = 'GB')"),
        ("commitments made by parties", "SELECT count(*) = 0 FROM commitments c WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = c.agreement_id AND p.partner = c.committing_party)"),
        ("history ending at the current status", "SELECT count(*) = 0 FROM agreements a WHERE a.status <> (SELECT h.to_status FROM agreement_status_history h WHERE h.agreement_id = a.id ORDER BY h.changed_on DESC, h.id DESC LIMIT 1)"),
        ("history dated no later than today", "SELECT count(*) = 0 FROM agreement_status_history WHERE changed_on > ?1"),
        ("assessments dated in the past", "SELECT count(*) = 0 FROM assessments WHERE assessed_on > ?1"),
        ("expired agreements with a past expiry", "SELECT count(*) = 0 FROM agreements WHERE status = 'expired' AND (expires_on IS NULL OR expires_on >= ?1)"),
        ("unsigned agreements without a signed date", "SELECT count(*) = 0 FROM agreements WHERE status IN ('proposed', 'negotiating') AND signed_on IS NOT NULL"),
    ] {
        assert_eq!(count(&pool, sql).await, 1, "expected {what}");
    }
    for table in [
        "routes",
        "agreements",
        "commitments",
        "assessments",
        "sharing_arrangements",
        "briefing_texts",
    ] {
        let sql = format!("SELECT count(*) FROM {table} WHERE illustrative <> 1");
        let real: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&pool).await.unwrap();
        assert_eq!(real, 0, "{table} has rows not marked illustrative");
    }
}

#[tokio::test]
async fn demo_classifications_span_official_to_top_secret() {
    let (_dir, pool, _) = loaded().await;
    let levels: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT classification FROM agreements ORDER BY classification",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(levels, ["official", "secret", "top_secret"]);
    let sensitive = count(&pool, "SELECT count(*) FROM agreements WHERE classification = 'official' AND caveat = 'SENSITIVE'").await;
    assert!(sensitive >= 3, "only {sensitive} OFFICIAL-SENSITIVE agreements");
    let official =
        count(&pool, "SELECT count(*) FROM agreements WHERE classification = 'official'").await;
    let all = count(&pool, "SELECT count(*) FROM agreements").await;
    assert!(official * 2 > all, "most agreements should be OFFICIAL");
    let sharing =
        count(&pool, "SELECT count(DISTINCT classification) FROM sharing_arrangements").await;
    assert_eq!(sharing, 3);
}
