//! The records the clearance tests read and write, inserted directly in SQLite so
//! the seed does not depend on the write checks under test.

use sqlx::SqlitePool;
use time::macros::date;
use time::Date;

pub const TODAY: Date = date!(2026 - 11 - 26);

/// Marker words: each appears in exactly one record, so a search for it, or a look
/// for it in what a reader got, shows whether that record reached them.
pub const SECRET_AGREEMENT: &str = "quokkaparent";
pub const CHILD_OF_SECRET: &str = "quokkachild";
pub const CHILD_OF_TOP_SECRET: &str = "numbatchild";
pub const VISIBLE_CHILD: &str = "wombatvisible";

/// What the seed made, by id.
pub struct Seeded {
    /// SECRET, Libya a party, in force.
    pub secret: i64,
    /// OFFICIAL, under `secret`: overdue, red, review overdue.
    pub child_of_secret: i64,
    /// TOP SECRET, Libya a party.
    pub top_secret: i64,
    /// SECRET, under `top_secret`.
    pub child_of_top_secret: i64,
    /// OFFICIAL, Libya a party; supersedes and amends `secret`.
    pub official: i64,
    /// OFFICIAL, under `official`: overdue, red.
    pub visible_child: i64,
    /// OFFICIAL arrangement with Libya governed by `secret`.
    pub governed: i64,
    /// SECRET UK EYES ONLY arrangement with Libya.
    pub eyes_only: i64,
    /// OFFICIAL route through Libya.
    pub route: &'static str,
    /// SECRET route.
    pub secret_route: &'static str,
}

async fn agreement(pool: &SqlitePool, reference: &str, title: &str, level: &str) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, classification, next_review_on)
         VALUES (?1, ?2, 'treaty', 1, 'in_force', ?3, '2026-01-01') RETURNING id",
    )
    .bind(reference)
    .bind(title)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("agreement");
    sqlx::query(
        "INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, 'GB'), (?1, 'LY')",
    )
    .bind(id)
    .execute(pool)
    .await
    .expect("parties");
    id
}

/// An overdue, red commitment by Libya whose review is overdue.
async fn commitment(pool: &SqlitePool, agreement_id: i64, text: &str, level: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, due_on, status, rag,
             next_review_on, classification)
         VALUES (?1, 'LY', ?2, 'returns', '2026-01-01', 'not_started', 'red', '2026-01-01', ?3)
         RETURNING id",
    )
    .bind(agreement_id)
    .bind(text)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("commitment")
}

async fn arrangement(
    pool: &SqlitePool,
    reference: &str,
    agreement_id: Option<i64>,
    level: &str,
    releasability: Option<&str>,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction,
             agreement_id, status, classification, releasability)
         VALUES (?1, 'Vessel sightings', (SELECT min(id) FROM uk_bodies), 'LY', 'Coastguard', 'two_way',
                 ?2, 'active', ?3, ?4)
         RETURNING id",
    )
    .bind(reference)
    .bind(agreement_id)
    .bind(level)
    .bind(releasability)
    .fetch_one(pool)
    .await
    .expect("arrangement")
}

async fn route(pool: &SqlitePool, slug: &'static str, level: &str) -> &'static str {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO routes (slug, name, classification) VALUES (?1, ?1, ?2) RETURNING id",
    )
    .bind(slug)
    .bind(level)
    .fetch_one(pool)
    .await
    .expect("route");
    sqlx::query(
        "INSERT INTO route_legs (route_id, position, partner, role)
         VALUES (?1, 1, 'LY', 'departure'), (?1, 2, 'GB', 'destination')",
    )
    .bind(id)
    .execute(pool)
    .await
    .expect("legs");
    slug
}

pub async fn seed(pool: &SqlitePool) -> Seeded {
    let secret =
        agreement(pool, "CLR-SECRET-1", &format!("Treaty {SECRET_AGREEMENT}"), "secret").await;
    let top_secret = agreement(pool, "CLR-TS-1", "Top secret treaty", "top_secret").await;
    let official = agreement(pool, "CLR-OFFICIAL-1", "Official treaty", "official").await;
    sqlx::query("UPDATE agreements SET supersedes_id = ?1, amends_id = ?1 WHERE id = ?2")
        .bind(secret)
        .bind(official)
        .execute(pool)
        .await
        .expect("links");
    Seeded {
        secret,
        child_of_secret: commitment(pool, secret, &format!("Return {CHILD_OF_SECRET}"), "official")
            .await,
        top_secret,
        child_of_top_secret: commitment(
            pool,
            top_secret,
            &format!("Return {CHILD_OF_TOP_SECRET}"),
            "secret",
        )
        .await,
        official,
        visible_child: commitment(pool, official, &format!("Return {VISIBLE_CHILD}"), "official")
            .await,
        governed: arrangement(pool, "CLR-SH-GOVERNED", Some(secret), "official", None).await,
        eyes_only: arrangement(pool, "CLR-SH-EYES", None, "secret", Some("UK EYES ONLY")).await,
        route: route(pool, "clearance-route", "official").await,
        secret_route: route(pool, "secret-route", "secret").await,
    }
}

/// How many rows each registry table holds, with the audit log and the sum of every
/// version: a refused write changes none of them.
pub async fn footprint(pool: &SqlitePool) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT count(*) FROM agreements",
        "SELECT count(*) FROM agreement_parties",
        "SELECT count(*) FROM agreement_status_history",
        "SELECT count(*) FROM commitments",
        "SELECT count(*) FROM sharing_arrangements",
        "SELECT count(*) FROM routes",
        "SELECT count(*) FROM route_legs",
        "SELECT count(*) FROM audit_log",
        "SELECT (SELECT sum(version) FROM agreements) + (SELECT sum(version) FROM commitments)
              + (SELECT sum(version) FROM sharing_arrangements) + (SELECT sum(version) FROM routes)",
        "SELECT coalesce(sum(supersedes_id), 0) + coalesce(sum(amends_id), 0) FROM agreements",
    ] {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql);
        out.push(n);
    }
    out
}
