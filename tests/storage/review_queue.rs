//! The review queue at a fixed today: groups and their boundaries, what is left out,
//! filters, "mine", the badge, paging, clearance; and the named reviewer's checks.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

mod reviewer;

use accord::review_queue::{Mine, QueueGroupRows};
use accord::storage::review_queue;
use accord::{Clearance, Level, QueueGroup, QueueKind, ReviewQueueQuery};
use sqlx::SqlitePool;
use time::macros::date;
use time::{Date, Duration};

/// A Wednesday: its week ends on Sunday 2026-12-06; +30 days is 2027-01-01.
const TODAY: Date = date!(2026 - 12 - 02);

fn day(offset: i64) -> Date {
    TODAY.saturating_add(Duration::days(offset))
}

fn me() -> Mine {
    Mine { user_id: 1, display_name: "Rita Reviewer".into(), email: "rita@test.example".into() }
}

/// An agreement with the parties given (the UK always one), returning its id.
async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    level: &str,
    status: &str,
    review: Option<Date>,
    partners: &[&str],
) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, classification, next_review_on, owner, lead_department_id)
         VALUES (?1, 'Title ' || ?1, 'treaty', 0, ?2, ?3, ?4, 'Agreement Owner', 1) RETURNING id",
    )
    .bind(reference)
    .bind(status)
    .bind(level)
    .bind(review)
    .fetch_one(pool)
    .await
    .unwrap();
    for partner in ["GB"].iter().chain(partners) {
        sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)")
            .bind(id)
            .bind(partner)
            .execute(pool)
            .await
            .unwrap();
    }
    id
}

/// A commitment under `agreement` with the review date, status, owner and reviewer given.
async fn commitment(
    pool: &SqlitePool,
    agreement: i64,
    text: &str,
    review: Date,
    status: &str,
    owner: &str,
    reviewer: Option<i64>,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, status, next_review_on, owner, reviewer_id)
         VALUES (?1, 'GB', ?2, 'returns', ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(agreement)
    .bind(text)
    .bind(status)
    .bind(review)
    .bind(owner)
    .bind(reviewer)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn sharing(
    pool: &SqlitePool,
    reference: &str,
    level: &str,
    status: &str,
    review: Date,
    partner: &str,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction, status, classification, next_review_on)
         VALUES (?1, 'Sharing ' || ?1, 4, ?2, 'Coastguard', 'two_way', ?3, ?4, ?5) RETURNING id",
    )
    .bind(reference)
    .bind(partner)
    .bind(status)
    .bind(level)
    .bind(review)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn user(
    pool: &SqlitePool,
    email: &str,
    name: &str,
    role: &str,
    clearance: &str,
    active: bool,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, clearance, password_hash, active)
         VALUES (?1, ?2, ?3, ?4, 'x', ?5) RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(role)
    .bind(clearance)
    .bind(active)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn queue(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    clearance: Level,
) -> Vec<QueueGroupRows> {
    let query = ReviewQueueQuery { page: query.page.max(1), ..query.clone() };
    review_queue::queue(pool, &query, &me(), Clearance(clearance), TODAY).await.unwrap()
}

/// Per group: (total, titles shown), in group order.
async fn titles(
    pool: &SqlitePool,
    query: &ReviewQueueQuery,
    clearance: Level,
) -> Vec<(i64, Vec<String>)> {
    queue(pool, query, clearance)
        .await
        .into_iter()
        .map(|g| (g.total, g.rows.into_iter().map(|r| r.title).collect()))
        .collect()
}

fn strings(all: &[&str]) -> Vec<String> {
    all.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn groups_split_at_yesterday_today_sunday_and_thirty_days() {
    let (_dir, pool) = super::fresh().await;
    let a = agreement(&pool, "RQ-1", "official", "in_force", None, &["LY"]).await;
    for (text, offset) in [
        ("yesterday", -1),
        ("today", 0),
        ("sunday", 4),
        ("monday", 5),
        ("plus30", 30),
        ("plus31", 31),
    ] {
        commitment(&pool, a, text, day(offset), "in_progress", "", None).await;
    }
    // Not reviewed any more: never queued, however late.
    commitment(&pool, a, "met", day(-1), "met", "", None).await;
    commitment(&pool, a, "withdrawn", day(-1), "withdrawn", "", None).await;
    sqlx::query("INSERT INTO commitments (agreement_id, committing_party, text, category) VALUES (?1, 'GB', 'undated', 'returns')")
        .bind(a)
        .execute(&pool)
        .await
        .unwrap();

    let groups = titles(&pool, &ReviewQueueQuery::default(), Level::Official).await;
    assert_eq!(
        groups,
        vec![
            (1, strings(&["yesterday"])),
            (2, strings(&["today", "sunday"])),
            (2, strings(&["monday", "plus30"])),
            (1, strings(&["plus31"])),
        ]
    );
    let all = queue(&pool, &ReviewQueueQuery::default(), Level::Official).await;
    assert_eq!(all.iter().map(|g| g.group).collect::<Vec<_>>(), QueueGroup::ALL);
    for g in &all {
        for row in &g.rows {
            assert_eq!(QueueGroup::of(row.next_review_on, TODAY), g.group, "{row:?}");
        }
    }
}

#[tokio::test]
async fn agreements_and_arrangements_are_queued_until_they_end() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "RQ-LIVE", "official", "in_force", Some(day(0)), &["LY"]).await;
    agreement(&pool, "RQ-DONE", "official", "terminated", Some(day(0)), &["LY"]).await;
    agreement(&pool, "RQ-OLD", "official", "superseded", Some(day(-3)), &["LY"]).await;
    sharing(&pool, "SH-LIVE", "official", "active", day(2), "TN").await;
    sharing(&pool, "SH-DONE", "official", "ended", day(2), "TN").await;

    let groups = queue(&pool, &ReviewQueueQuery::default(), Level::Official).await;
    let week = &groups[1];
    let refs: Vec<(QueueKind, &str)> =
        week.rows.iter().map(|r| (r.kind, r.reference.as_str())).collect();
    assert_eq!(refs, vec![(QueueKind::Agreement, "RQ-LIVE"), (QueueKind::Sharing, "SH-LIVE")]);
    assert_eq!(groups.iter().map(|g| g.total).sum::<i64>(), 2);
    assert_eq!(week.rows[0].partners, "Libya");
    assert_eq!(week.rows[1].partners, "Tunisia");
    assert_eq!(week.rows[0].status, "In force");
    assert_eq!(week.rows[0].href(), format!("/agreements/{}", week.rows[0].id));
}

#[tokio::test]
async fn filters_narrow_the_queue_by_partner_kind_strand_lead_owner_and_route() {
    let (_dir, pool) = super::fresh().await;
    let libya = agreement(&pool, "RQ-LY", "official", "in_force", Some(day(1)), &["LY"]).await;
    let tunisia = agreement(&pool, "RQ-TN", "official", "in_force", Some(day(1)), &["TN"]).await;
    let ly = commitment(
        &pool,
        libya,
        "libya commitment",
        day(1),
        "not_started",
        "North Africa Team",
        None,
    )
    .await;
    commitment(&pool, tunisia, "tunisia commitment", day(1), "not_started", "Maghreb Desk", None)
        .await;
    sharing(&pool, "SH-LY", "official", "active", day(1), "LY").await;
    sqlx::query("INSERT INTO commitment_strands (commitment_id, strand) VALUES (?1, 'pursue')")
        .bind(ly)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE agreements SET lead_department_id = 3 WHERE id = ?1")
        .bind(tunisia)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO routes (slug, name) VALUES ('central-med', 'Central Mediterranean')")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO route_legs (route_id, position, partner, role) SELECT id, 1, 'LY', 'departure' FROM routes").execute(&pool).await.unwrap();

    let week = |q: ReviewQueueQuery| {
        let pool = pool.clone();
        async move {
            let mut t = titles(&pool, &q, Level::Official).await.swap_remove(1).1;
            t.sort();
            t
        }
    };
    let q = |f: fn(&mut ReviewQueueQuery)| {
        let mut q = ReviewQueueQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(
        week(q(|q| q.partner = Some("LY".into()))).await,
        strings(&["Sharing SH-LY", "Title RQ-LY", "libya commitment"])
    );
    assert_eq!(
        week(q(|q| q.route = Some("central-med".into()))).await,
        strings(&["Sharing SH-LY", "Title RQ-LY", "libya commitment"])
    );
    assert_eq!(week(q(|q| q.kind = Some(QueueKind::Sharing))).await, strings(&["Sharing SH-LY"]));
    assert_eq!(
        week(q(|q| q.kind = Some(QueueKind::Commitment))).await,
        strings(&["libya commitment", "tunisia commitment"])
    );
    assert_eq!(
        week(q(|q| q.strand = Some(accord::ContestStrand::Pursue))).await,
        strings(&["libya commitment"])
    );
    assert_eq!(
        week(q(|q| q.lead = Some(3))).await,
        strings(&["Title RQ-TN", "tunisia commitment"])
    );
    // The arrangement's UK body (id 4, the National Crime Agency) is its lead department.
    assert_eq!(week(q(|q| q.lead = Some(4))).await, strings(&["Sharing SH-LY"]));
    assert_eq!(
        week(q(|q| q.owner = Some("maghreb".into()))).await,
        strings(&["tunisia commitment"])
    );
    assert_eq!(
        week(q(|q| q.owner = Some("Agreement".into()))).await,
        strings(&["Title RQ-LY", "Title RQ-TN"])
    );
}

#[tokio::test]
async fn mine_is_what_i_own_by_name_or_email_ignoring_case_or_am_named_reviewer_of() {
    let (_dir, pool) = super::fresh().await;
    let rita = user(&pool, "rita@test.example", "Rita Reviewer", "reviewer", "secret", true).await;
    let other = user(&pool, "omar@test.example", "Omar Other", "reviewer", "secret", true).await;
    assert_eq!(rita, me().user_id, "the first user is the one `me` names");
    let a = agreement(&pool, "RQ-MINE", "official", "in_force", Some(day(-2)), &["LY"]).await;
    sqlx::query("UPDATE agreements SET owner = 'RITA@TEST.EXAMPLE' WHERE id = ?1")
        .bind(a)
        .execute(&pool)
        .await
        .unwrap();
    commitment(&pool, a, "owned by name", day(-1), "in_progress", "rita reviewer", None).await;
    commitment(&pool, a, "named reviewer", day(3), "in_progress", "Someone Else", Some(rita)).await;
    commitment(&pool, a, "someone else's", day(3), "in_progress", "Someone Else", Some(other))
        .await;
    commitment(
        &pool,
        a,
        "name inside a longer owner",
        day(3),
        "in_progress",
        "Rita Reviewer's team",
        None,
    )
    .await;
    commitment(&pool, a, "mine but later", day(40), "in_progress", "Rita Reviewer", None).await;
    sharing(&pool, "SH-NOONE", "official", "active", day(1), "LY").await;

    let mine = ReviewQueueQuery { mine: true, ..Default::default() };
    assert_eq!(
        titles(&pool, &mine, Level::Official).await,
        vec![
            (2, strings(&["Title RQ-MINE", "owned by name"])),
            (1, strings(&["named reviewer"])),
            (0, vec![]),
            (1, strings(&["mine but later"])),
        ]
    );
    let week = queue(&pool, &mine, Level::Official).await.swap_remove(1);
    assert_eq!(week.rows[0].reviewer.as_deref(), Some("Rita Reviewer"));
    // The badge: mine, in each group, as the queue with "mine" counts them.
    let pool_ref = &pool;
    let badge = |me: Mine| async move {
        let counts = review_queue::badge_counts(pool_ref, &me, Clearance(Level::Official), TODAY);
        counts.await.unwrap().into_iter().map(|(_, n)| n).collect::<Vec<_>>()
    };
    assert_eq!(badge(me()).await, vec![2, 1, 0, 1]);
    let omar = Mine {
        user_id: other,
        display_name: "Omar Other".into(),
        email: "omar@test.example".into(),
    };
    assert_eq!(badge(omar).await, vec![0, 1, 0, 0]);
}

#[tokio::test]
async fn an_official_reader_sees_no_secret_record_nor_counts_it() {
    let (_dir, pool) = super::fresh().await;
    let open = agreement(&pool, "RQ-OFF", "official", "in_force", Some(day(-1)), &["LY"]).await;
    let secret = agreement(&pool, "RQ-SEC", "secret", "in_force", Some(day(-1)), &["LY"]).await;
    commitment(&pool, open, "official commitment", day(-1), "in_progress", "Rita Reviewer", None)
        .await;
    // OFFICIAL itself, but shown under a SECRET agreement: SECRET in effect.
    commitment(
        &pool,
        secret,
        "under a secret agreement",
        day(-1),
        "in_progress",
        "Rita Reviewer",
        None,
    )
    .await;
    let own =
        commitment(&pool, open, "secret commitment", day(-1), "in_progress", "Rita Reviewer", None)
            .await;
    sqlx::query("UPDATE commitments SET classification = 'secret' WHERE id = ?1")
        .bind(own)
        .execute(&pool)
        .await
        .unwrap();
    sharing(&pool, "SH-SEC", "secret", "active", day(-1), "LY").await;

    let official = titles(&pool, &ReviewQueueQuery::default(), Level::Official).await;
    assert_eq!(official[0], (2, strings(&["Title RQ-OFF", "official commitment"])));
    let secret_view = titles(&pool, &ReviewQueueQuery::default(), Level::Secret).await;
    assert_eq!(secret_view[0].0, 6);
    let rows = queue(&pool, &ReviewQueueQuery::default(), Level::Secret).await.swap_remove(0).rows;
    let under = rows.iter().find(|r| r.title == "under a secret agreement").unwrap();
    assert_eq!(
        under.classification.level,
        Level::Secret,
        "a commitment carries its agreement's marking"
    );

    let me = me();
    let (pool_ref, me) = (&pool, &me);
    let overdue = |level| async move {
        let counts =
            review_queue::badge_counts(pool_ref, me, Clearance(level), TODAY).await.unwrap();
        assert_eq!(counts[0].0, QueueGroup::Overdue);
        counts[0].1
    };
    assert_eq!(overdue(Level::Official).await, 1);
    assert_eq!(overdue(Level::Secret).await, 3);
    let mine = ReviewQueueQuery { mine: true, ..Default::default() };
    assert_eq!(titles(&pool, &mine, Level::Official).await[0].0, 1);
}

#[tokio::test]
async fn the_overview_shows_twenty_of_a_group_and_the_group_pages_through_all() {
    let (_dir, pool) = super::fresh().await;
    let a = agreement(&pool, "RQ-MANY", "official", "in_force", None, &["LY"]).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 55)
         INSERT INTO commitments (agreement_id, committing_party, text, category, status, next_review_on)
         SELECT ?1, 'GB', printf('late %02d', i), 'returns', 'in_progress', date(?2, printf('-%d days', i)) FROM n",
    )
    .bind(a)
    .bind(TODAY)
    .execute(&pool)
    .await
    .unwrap();

    let overview = queue(&pool, &ReviewQueueQuery::default(), Level::Official).await;
    assert_eq!((overview[0].total, overview[0].rows.len()), (55, 20));
    assert_eq!(overview[0].rows[0].title, "late 55", "the longest overdue first");
    let group = ReviewQueueQuery { group: Some(QueueGroup::Overdue), ..Default::default() };
    let first = queue(&pool, &group, Level::Official).await;
    assert_eq!(first.len(), 1, "one group alone");
    assert_eq!((first[0].total, first[0].rows.len()), (55, 50));
    let second = queue(&pool, &group.with_page(2), Level::Official).await.swap_remove(0);
    assert_eq!(
        second.rows.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(),
        ["late 05", "late 04", "late 03", "late 02", "late 01"]
    );
}
