//! Route and coverage storage tests.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

mod partner_changes;

use accord::coverage::{Gap, GapCounts, GapKind, GapSummary, RouteCoverage};
use accord::route::{NewRoute, RouteSlug};
use accord::storage::audit::Actor;
use accord::storage::{begin_write, routes, StorageError};
use accord::{Clearance, Level, RouteRole};
use sqlx::SqlitePool;
use std::collections::BTreeMap;
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 26);

fn new_route(name: &str, level: Level, legs: &[(&str, RouteRole)]) -> NewRoute {
    NewRoute {
        slug: RouteSlug::from_name(name).expect("slug"),
        name: name.to_owned(),
        description: "A test route".to_owned(),
        classification: level,
        caveat: None,
        next_review_on: Some(date!(2027 - 01 - 31)),
        legs: legs.iter().map(|(p, r)| ((*p).to_owned(), *r)).collect(),
    }
}

/// Eritrea (source) → Libya (departure) → United Kingdom (destination).
fn libyan_route() -> NewRoute {
    new_route(
        "Test Libyan route",
        Level::Official,
        &[("ER", RouteRole::Source), ("LY", RouteRole::Departure), ("GB", RouteRole::Destination)],
    )
}

async fn create(pool: &SqlitePool, route: &NewRoute) -> i64 {
    let mut tx = begin_write(pool).await.unwrap();
    let id = routes::create(&mut tx, &Actor::system("test"), Clearance::HIGHEST, route)
        .await
        .expect("create route");
    tx.commit().await.unwrap();
    id
}

/// An agreement with `partner` (and the UK) at `status`, expiring on `expires_on`.
async fn agreement(
    pool: &SqlitePool,
    reference: &str,
    partner: &str,
    status: &str,
    expires_on: Option<Date>,
    level: &str,
) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (reference, title, kind, legally_binding, status, expires_on, classification)
         VALUES (?1, 'Test agreement', 'memorandum_of_understanding', 0, ?2, ?3, ?4) RETURNING id",
    )
    .bind(reference)
    .bind(status)
    .bind(expires_on)
    .bind(level)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2), (?1, 'GB')",
    )
    .bind(id)
    .bind(partner)
    .execute(pool)
    .await
    .unwrap();
    id
}

async fn page(pool: &SqlitePool, slug: &str, clearance: Clearance) -> RouteCoverage {
    routes::page(pool, slug, clearance, TODAY).await.unwrap().expect("route visible")
}

fn gap_kinds(page: &RouteCoverage, alpha2: &str) -> Vec<GapKind> {
    let leg = page.legs.iter().find(|l| l.leg.alpha2 == alpha2).expect("leg");
    leg.gaps.iter().map(Gap::kind).collect()
}

#[tokio::test]
async fn a_created_route_has_its_legs_in_order_with_partner_names_and_is_audited() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &libyan_route()).await;
    let route = routes::get_by_slug(&pool, "test-libyan-route", Clearance::HIGHEST)
        .await
        .unwrap()
        .expect("route");
    assert_eq!(route.id, id);
    assert_eq!(route.version, 1);
    let legs: Vec<(i64, &str, &str, RouteRole)> = route
        .legs
        .iter()
        .map(|l| (l.position, l.alpha2.as_str(), l.partner_name.as_str(), l.role))
        .collect();
    assert_eq!(
        legs,
        vec![
            (1, "ER", "Eritrea", RouteRole::Source),
            (2, "LY", "Libya", RouteRole::Departure),
            (3, "GB", "United Kingdom", RouteRole::Destination),
        ]
    );
    assert!(route.legs[2].is_home);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'route' AND entity_id = ?1 AND action = 'create'
           AND json_extract(after_json, '$.name') = 'Test Libyan route'",
    )
    .bind(id.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_partner_with_no_agreement_shows_no_agreement_in_force_and_the_uk_shows_nothing() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    let page = page(&pool, "test-libyan-route", Clearance::HIGHEST).await;
    assert_eq!(gap_kinds(&page, "LY"), vec![GapKind::NoAgreementInForce, GapKind::NoActiveSharing]);
    assert_eq!(gap_kinds(&page, "GB"), vec![]);
}

#[tokio::test]
async fn an_agreement_in_force_closes_the_gap_and_other_statuses_do_not() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    agreement(&pool, "T-NEG", "LY", "negotiating", None, "official").await;
    assert!(gap_kinds(&page(&pool, "test-libyan-route", Clearance::HIGHEST).await, "LY")
        .contains(&GapKind::NoAgreementInForce));

    let id = agreement(&pool, "T-INF", "LY", "in_force", None, "official").await;
    let page = page(&pool, "test-libyan-route", Clearance::HIGHEST).await;
    assert!(!gap_kinds(&page, "LY").contains(&GapKind::NoAgreementInForce));
    let libya = page.legs.iter().find(|l| l.leg.alpha2 == "LY").unwrap();
    let in_force: Vec<i64> = libya.coverage.agreements_in_force.iter().map(|a| a.id).collect();
    assert_eq!(in_force, vec![id]);
    // Eritrea is untouched by Libya's agreement.
    assert!(gap_kinds(&page, "ER").contains(&GapKind::NoAgreementInForce));
}

#[tokio::test]
async fn an_agreement_expiring_in_30_days_is_flagged_by_name() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    let soon = TODAY.saturating_add(Duration::days(30));
    let id = agreement(&pool, "T-SOON", "LY", "in_force", Some(soon), "official").await;
    agreement(
        &pool,
        "T-LATER",
        "LY",
        "in_force",
        Some(TODAY.saturating_add(Duration::days(400))),
        "official",
    )
    .await;
    let page = page(&pool, "test-libyan-route", Clearance::HIGHEST).await;
    let libya = page.legs.iter().find(|l| l.leg.alpha2 == "LY").unwrap();
    let expiring: Vec<&Gap> =
        libya.gaps.iter().filter(|g| g.kind() == GapKind::AgreementExpiringSoon).collect();
    assert_eq!(
        expiring,
        vec![&Gap::AgreementExpiringSoon {
            agreement_id: id,
            reference: "T-SOON".into(),
            expires_on: soon
        }]
    );
}

#[tokio::test]
async fn active_sharing_and_overdue_commitments_are_counted_for_the_rule() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    let id = agreement(&pool, "T-INF", "LY", "in_force", None, "official").await;
    sqlx::query(
        "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction, status)
         VALUES ('SH-1', 'Active feed', 1, 'LY', 'Coastguard', 'two_way', 'active'),
                ('SH-2', 'Ended feed', 1, 'LY', 'Coastguard', 'two_way', 'ended')",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO commitments (agreement_id, committing_party, text, category, due_on, status, rag) VALUES
         (?1, 'LY', 'Late and open', 'returns', '2026-01-01', 'in_progress', 'red'),
         (?1, 'LY', 'Late but met', 'returns', '2026-01-01', 'met', 'green'),
         (?1, 'GB', 'Not yet due', 'funding', '2027-06-01', 'not_started', NULL),
         (?1, 'GB', 'Withdrawn', 'funding', '2026-01-01', 'withdrawn', 'red')",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    let page = page(&pool, "test-libyan-route", Clearance::HIGHEST).await;
    let libya = page.legs.iter().find(|l| l.leg.alpha2 == "LY").unwrap();
    assert_eq!(libya.coverage.active_sharing.len(), 1);
    let c = libya.coverage.commitments;
    assert_eq!((c.red, c.amber, c.green, c.unrated, c.overdue), (1, 0, 1, 1, 1));
    assert_eq!(libya.gaps, vec![Gap::OverdueCommitments(1)]);

    // The route list and the dashboard read only the overdue commitments, and find the
    // same gaps.
    let on_page: usize = page.legs.iter().map(|l| l.gaps.len()).sum();
    let list = routes::list(&pool, Clearance::HIGHEST, TODAY).await.unwrap();
    assert_eq!(list.routes[0].gaps, on_page);
    let (summary, _) = routes::gap_summary(&pool, Clearance::HIGHEST, TODAY, 5).await.unwrap();
    let overdue = summary.by_kind.iter().find(|(k, _)| *k == GapKind::OverdueCommitments).unwrap();
    assert_eq!(overdue.1, 1);
}

#[tokio::test]
async fn an_update_with_a_stale_version_is_a_conflict_and_changes_nothing() {
    let (_dir, pool) = super::fresh().await;
    let id = create(&pool, &libyan_route()).await;
    let actor = Actor::system("test");
    let mut changed = libyan_route();
    changed.name = "Renamed route".into();
    changed.legs = vec![("SD".into(), RouteRole::Transit), ("GB".into(), RouteRole::Destination)];

    let mut tx = begin_write(&pool).await.unwrap();
    routes::update(&mut tx, &actor, Clearance::HIGHEST, id, 1, &changed)
        .await
        .expect("first update");
    tx.commit().await.unwrap();

    // A second editor still holding version 1.
    let mut stale = libyan_route();
    stale.name = "Stale edit".into();
    let mut tx = begin_write(&pool).await.unwrap();
    let err = routes::update(&mut tx, &actor, Clearance::HIGHEST, id, 1, &stale)
        .await
        .expect_err("stale version");
    assert!(matches!(err, StorageError::Conflict), "{err}");
    tx.rollback().await.unwrap();

    let route =
        routes::get_by_slug(&pool, "test-libyan-route", Clearance::HIGHEST).await.unwrap().unwrap();
    assert_eq!((route.name.as_str(), route.version), ("Renamed route", 2));
    let legs: Vec<(i64, &str)> =
        route.legs.iter().map(|l| (l.position, l.alpha2.as_str())).collect();
    assert_eq!(legs, vec![(1, "SD"), (2, "GB")]);
    let updates: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'route' AND action = 'update'
           AND json_extract(before_json, '$.name') = 'Test Libyan route'
           AND json_extract(after_json, '$.name') = 'Renamed route'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(updates, 1, "only the successful update is audited");

    let mut tx = begin_write(&pool).await.unwrap();
    let missing = routes::update(&mut tx, &actor, Clearance::HIGHEST, id + 100, 1, &stale)
        .await
        .expect_err("no such route");
    assert!(matches!(missing, StorageError::NotFound), "{missing}");
}

#[tokio::test]
async fn a_taken_slug_is_reported_against_the_slug_field() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    let mut twin = libyan_route();
    twin.name = "Another name".into();
    let mut tx = begin_write(&pool).await.unwrap();
    let err = routes::create(&mut tx, &Actor::system("test"), Clearance::HIGHEST, &twin)
        .await
        .expect_err("duplicate slug");
    assert_eq!(routes::unique_field(&err), Some("slug"));
}

#[tokio::test]
async fn a_secret_route_is_invisible_to_official_clearance() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    create(&pool, &new_route("Secret route", Level::Secret, &[("SD", RouteRole::Transit)])).await;
    let official = Clearance(Level::Official);

    let names = |list: accord::route::RouteList| {
        list.routes.into_iter().map(|r| r.name).collect::<Vec<_>>()
    };
    assert_eq!(
        names(routes::list(&pool, official, TODAY).await.unwrap()),
        vec!["Test Libyan route"]
    );
    assert!(routes::get_by_slug(&pool, "secret-route", official).await.unwrap().is_none());
    assert!(routes::page(&pool, "secret-route", official, TODAY).await.unwrap().is_none());

    let secret = routes::list(&pool, Clearance(Level::Secret), TODAY).await.unwrap();
    assert_eq!(secret.marking.level, Level::Secret);
    assert_eq!(names(secret), vec!["Secret route", "Test Libyan route"]);
}

#[tokio::test]
async fn coverage_never_counts_a_record_above_the_readers_clearance() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    agreement(&pool, "T-SECRET", "LY", "in_force", None, "secret").await;

    let official = page(&pool, "test-libyan-route", Clearance(Level::Official)).await;
    assert!(gap_kinds(&official, "LY").contains(&GapKind::NoAgreementInForce));
    assert_eq!(official.marking.to_string(), "OFFICIAL");

    let secret = page(&pool, "test-libyan-route", Clearance(Level::Secret)).await;
    assert!(!gap_kinds(&secret, "LY").contains(&GapKind::NoAgreementInForce));
    assert_eq!(
        secret.marking.to_string(),
        "SECRET",
        "the page is marked by the records it counted"
    );
}

#[tokio::test]
async fn coverage_for_many_partners_comes_back_per_partner() {
    let (_dir, pool) = super::fresh().await;
    agreement(&pool, "T-LY", "LY", "in_force", None, "official").await;
    agreement(&pool, "T-IT", "IT", "in_force", None, "official").await;
    let codes: Vec<String> = ["LY", "IT", "SD", "GB", "ZZ"].iter().map(|c| c.to_string()).collect();
    let coverage =
        routes::coverage_for_partners(&pool, &codes, Clearance::HIGHEST, TODAY).await.unwrap();
    assert_eq!(coverage.len(), 4, "unknown codes are left out");
    assert_eq!(coverage["LY"].agreements_in_force[0].reference, "T-LY");
    assert_eq!(coverage["IT"].agreements_in_force[0].reference, "T-IT");
    assert!(coverage["SD"].agreements_in_force.is_empty());
    assert!(coverage["GB"].is_home);
}

#[tokio::test]
async fn the_route_list_counts_gaps_over_all_legs() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    let list = routes::list(&pool, Clearance::HIGHEST, TODAY).await.unwrap();
    let route = &list.routes[0];
    assert_eq!(route.legs.len(), 3);
    // Eritrea and Libya: no agreement in force, no active sharing each.
    assert_eq!(route.gaps, 4);
}

#[tokio::test]
async fn the_partner_picture_shows_its_records_routes_roles_and_gaps() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    create(
        &pool,
        &new_route(
            "Loop route",
            Level::Official,
            &[("LY", RouteRole::Transit), ("IT", RouteRole::Transit), ("LY", RouteRole::Departure)],
        ),
    )
    .await;
    agreement(&pool, "T-OLD", "LY", "expired", None, "official").await;
    agreement(&pool, "T-TOP", "LY", "in_force", None, "top_secret").await;

    let picture =
        routes::partner_picture(&pool, "ly", Clearance(Level::Secret), TODAY).await.unwrap();
    let references: Vec<&str> = picture.agreements.iter().map(|a| a.reference.as_str()).collect();
    assert_eq!(references, vec!["T-OLD"], "the TOP SECRET agreement is above the reader");
    let roles: Vec<(&str, Vec<RouteRole>)> =
        picture.routes.iter().map(|r| (r.name.as_str(), r.roles.clone())).collect();
    assert_eq!(
        roles,
        vec![
            ("Loop route", vec![RouteRole::Transit, RouteRole::Departure]),
            ("Test Libyan route", vec![RouteRole::Departure])
        ]
    );
    assert!(picture.gaps.contains(&Gap::NoAgreementInForce));
    assert_eq!(picture.marking.to_string(), "OFFICIAL");
}

#[tokio::test]
async fn the_dashboard_gap_summary_leaves_out_the_home_party() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    agreement(&pool, "T-INF", "LY", "in_force", None, "official").await;
    let (summary, _) = routes::gap_summary(&pool, Clearance::HIGHEST, TODAY, 5).await.unwrap();
    assert_eq!(summary.partners, 2, "Eritrea and Libya; not the UK");
    let count = |kind| summary.by_kind.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n).unwrap();
    assert_eq!(count(GapKind::NoAgreementInForce), 1);
    assert_eq!(count(GapKind::NoActiveSharing), 2);
    assert_eq!(summary.worst[0].alpha2, "ER");
}

/// The dashboard counts gaps from index ranges without gathering any partner's
/// records; on the demo registry, at every clearance, it finds exactly what the rule
/// finds in each partner's gathered coverage.
#[tokio::test]
async fn the_dashboard_gap_counts_agree_with_each_partners_coverage_at_every_clearance() {
    let (_dir, pool) = super::fresh().await;
    accord::storage::demo::load(&pool, TODAY).await.unwrap();
    for level in [Level::Official, Level::Secret, Level::TopSecret] {
        let clearance = Clearance(level);
        let list = routes::list(&pool, clearance, TODAY).await.unwrap();
        let names: BTreeMap<String, String> = list
            .routes
            .iter()
            .flat_map(|r| &r.legs)
            .filter(|l| !l.is_home)
            .map(|l| (l.alpha2.clone(), l.partner_name.clone()))
            .collect();
        let codes: Vec<String> = names.keys().cloned().collect();
        let coverage =
            routes::coverage_for_partners(&pool, &codes, clearance, TODAY).await.unwrap();
        let partners: Vec<(String, String, GapCounts)> = names
            .iter()
            .map(|(alpha2, name)| {
                (alpha2.clone(), name.clone(), GapCounts::of(&coverage[alpha2], TODAY))
            })
            .collect();
        let (have, _) = routes::gap_summary(&pool, clearance, TODAY, 100).await.unwrap();
        assert_eq!(have, GapSummary::of(&partners, 100), "at {level:?}");
        assert!(have.partners > 3 && !have.worst.is_empty(), "the demo routes have gaps");
    }
}

#[tokio::test]
async fn nothing_is_counted_for_the_home_party() {
    let (_dir, pool) = super::fresh().await;
    create(&pool, &libyan_route()).await;
    agreement(&pool, "T-TOP", "LY", "in_force", None, "top_secret").await;

    // The UK is a party to the TOP SECRET agreement, but its leg counts nothing …
    let codes = vec!["GB".to_owned()];
    let coverage =
        routes::coverage_for_partners(&pool, &codes, Clearance::HIGHEST, TODAY).await.unwrap();
    assert!(coverage["GB"].agreements_in_force.is_empty());
    assert_eq!(coverage["GB"].marking.to_string(), "OFFICIAL");

    // … and its page lists its routes, not every record in the registry.
    let picture = routes::partner_picture(&pool, "GB", Clearance::HIGHEST, TODAY).await.unwrap();
    assert!(picture.agreements.is_empty() && picture.gaps.is_empty());
    assert_eq!(picture.routes.len(), 1);
}

#[tokio::test]
async fn the_partner_picture_lists_open_commitments_first_up_to_its_limit_and_counts_them_all() {
    let (_dir, pool) = super::fresh().await;
    let id = agreement(&pool, "T-MANY", "LY", "in_force", None, "official").await;
    // 60 met commitments due early, then 5 open ones due later: the open ones lead.
    let add = |label: &'static str, due_on: &'static str, status: &'static str, count: usize| {
        let pool = pool.clone();
        async move {
            for n in 0..count {
                sqlx::query(
                    "INSERT INTO commitments (agreement_id, committing_party, text, category, due_on, status)
                     VALUES (?1, 'LY', ?2, 'returns', ?3, ?4)",
                )
                .bind(id)
                .bind(format!("{label} {n}"))
                .bind(due_on)
                .bind(status)
                .execute(&pool)
                .await
                .unwrap();
            }
        }
    };
    add("Met", "2026-01-01", "met", 60).await;
    add("Open", "2027-03-01", "in_progress", 5).await;
    let picture = routes::partner_picture(&pool, "LY", Clearance::HIGHEST, TODAY).await.unwrap();
    assert_eq!(picture.commitments_total, 65);
    assert_eq!(picture.commitments.len() as i64, accord::coverage::PARTNER_COMMITMENT_LIMIT);
    let first: Vec<&str> = picture.commitments.iter().take(5).map(|c| c.text.as_str()).collect();
    assert!(first.iter().all(|t| t.starts_with("Open")), "open ones first: {first:?}");
}
