//! The figures a reader sees (the dashboard's and the lists' totals) against counts in
//! SQL over the records within the reader's clearance, at OFFICIAL and at SECRET.

use super::probe::{search_path, signed_in};
use super::seed::{seed, WORD};
use crate::{data_test, Session, TestApp};
use accord::{AgreementStatus, Level, Role};

/// The figures a reader sees: the dashboard's and the lists' totals.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    by_status: Vec<i64>,
    agreements: i64,
    overdue: i64,
    reviews_due: i64,
    reviews_overdue: i64,
    expiring: i64,
    agreement_list: i64,
    commitment_list: i64,
    sharing_list: i64,
    routes: i64,
}

/// The leading number of an element's text ("12 agreements" → 12).
fn number(html: &str, test: &str) -> i64 {
    let text = data_test(html, test).unwrap_or_else(|| panic!("no {test}"));
    text.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{test}: {text}"))
}

async fn seen_by(app: &TestApp, session: &Session) -> Figures {
    let (_, dashboard) = app.get_as(session, "/").await;
    let by_status = dashboard
        .match_indices("data-test=\"status-count\"")
        .map(|(at, _)| number(&dashboard[at..], "status-count"))
        .collect();
    let list = |path: &'static str, test: &'static str| async move {
        number(&app.get_as(session, path).await.1, test)
    };
    Figures {
        by_status,
        agreements: number(&dashboard, "agreements-total"),
        overdue: number(&dashboard, "overdue-commitments-count"),
        reviews_due: number(&dashboard, "reviews-due-count"),
        reviews_overdue: number(&dashboard, "reviews-overdue-count"),
        expiring: number(&dashboard, "expiring-count"),
        agreement_list: list("/agreements", "result-count").await,
        commitment_list: list("/commitments", "result-count").await,
        sharing_list: list("/sharing", "result-count").await,
        routes: list("/routes", "route-count").await,
    }
}

/// The same figures counted in SQL over the records whose effective marking is within
/// the clearance of rank `?1` (a commitment counts only with its agreement); `?2` today.
const EXPECTED: &str = "
    WITH visible AS (SELECT level FROM classification_levels WHERE rank <= ?1),
    a AS (SELECT * FROM agreements WHERE classification IN visible),
    c AS (SELECT c.* FROM commitments c JOIN a ON a.id = c.agreement_id WHERE c.classification IN visible),
    s AS (SELECT * FROM sharing_arrangements WHERE classification IN visible),
    reviews AS (
        SELECT next_review_on AS on_ FROM a WHERE status NOT IN ('expired', 'terminated', 'superseded')
        UNION ALL SELECT next_review_on FROM c WHERE status <> 'withdrawn'
        UNION ALL SELECT next_review_on FROM s WHERE status <> 'ended')
    SELECT (SELECT count(*) FROM a),
           (SELECT count(*) FROM c WHERE status IN ('not_started', 'in_progress') AND due_on < ?2),
           (SELECT count(*) FROM reviews WHERE on_ >= ?2 AND on_ <= date(?2, '+30 days')),
           (SELECT count(*) FROM reviews WHERE on_ < ?2),
           (SELECT count(*) FROM a WHERE status = 'in_force' AND expires_on >= ?2 AND expires_on <= date(?2, '+90 days')),
           (SELECT count(*) FROM c),
           (SELECT count(*) FROM s),
           (SELECT count(*) FROM routes WHERE classification IN visible)";

async fn expected(app: &TestApp, level: Level) -> Figures {
    let rank = accord::Clearance(level).rank();
    let today = accord::dates::iso(accord::dates::today());
    let (agreements, overdue, reviews_due, reviews_overdue, expiring, commitments, sharing, routes): (i64, i64, i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(EXPECTED).bind(rank).bind(&today).fetch_one(&app.pool).await.expect("expected");
    let mut by_status = Vec::new();
    for status in AgreementStatus::ALL {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM agreements JOIN classification_levels l ON l.level = classification
              WHERE l.rank <= ?1 AND status = ?2",
        )
        .bind(rank)
        .bind(status.code())
        .fetch_one(&app.pool)
        .await
        .expect("by status");
        by_status.push(n);
    }
    Figures {
        by_status,
        agreements,
        overdue,
        reviews_due,
        reviews_overdue,
        expiring,
        agreement_list: agreements,
        commitment_list: commitments,
        sharing_list: sharing,
        routes,
    }
}

#[tokio::test]
async fn an_official_reader_counts_official_records_only() {
    let app = TestApp::spawn(true).await;
    seed(&app).await;
    let official = signed_in(&app, "viewer@test.example", Role::Viewer, Level::Official).await;
    let secret = signed_in(&app, "secret@test.example", Role::Viewer, Level::Secret).await;
    let (at_official, at_secret) =
        (expected(&app, Level::Official).await, expected(&app, Level::Secret).await);
    assert_eq!(seen_by(&app, &official).await, at_official, "what an OFFICIAL reader sees");
    assert_eq!(seen_by(&app, &secret).await, at_secret, "what a SECRET reader sees");
    // Every figure moves with the seeded hidden records, so none can pass by chance.
    let pairs = [
        ("agreements", at_official.agreements, at_secret.agreements),
        ("overdue", at_official.overdue, at_secret.overdue),
        ("reviews due", at_official.reviews_due, at_secret.reviews_due),
        ("reviews overdue", at_official.reviews_overdue, at_secret.reviews_overdue),
        ("expiring", at_official.expiring, at_secret.expiring),
        ("commitments", at_official.commitment_list, at_secret.commitment_list),
        ("sharing", at_official.sharing_list, at_secret.sharing_list),
        ("routes", at_official.routes, at_secret.routes),
    ];
    for (what, official, secret) in pairs {
        assert!(official < secret, "{what}: {official} at OFFICIAL, {secret} at SECRET");
    }
    for (session, hits) in [(&official, 5), (&secret, 8)] {
        let (_, html) = app.get_as(session, &search_path(WORD)).await;
        assert_eq!(html.matches("data-test=\"search-result\"").count(), hits, "{WORD}");
    }
}
