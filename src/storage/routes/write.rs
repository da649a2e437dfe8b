//! Creating and updating routes, legs included, each change checked and audited in
//! the caller's write transaction: the writer must see the route, mark it within
//! their clearance and not lower, and name partners Accord knows.

use crate::domain::dates;
use crate::domain::route::NewRoute;
use crate::domain::{Classification, Clearance, FieldErrors, Level, RouteRole};
use crate::storage::audit::{self, Actor};
use crate::storage::choices::check_marking_terms;
use crate::storage::visibility::{check_marking, visible, visible_levels};
use crate::storage::{Result, StorageError};
use serde::Serialize;
use sqlx::{Sqlite, SqliteConnection, Transaction};

/// A route as the audit trail records it, before and after a change.
#[derive(Debug, Serialize)]
struct Snapshot {
    slug: String,
    name: String,
    description: String,
    classification: Level,
    caveat: Option<String>,
    next_review_on: Option<String>,
    version: i64,
    legs: Vec<(String, RouteRole)>,
}

impl Snapshot {
    fn of(route: &NewRoute, version: i64) -> Self {
        Snapshot {
            slug: route.slug.as_str().to_owned(),
            name: route.name.clone(),
            description: route.description.clone(),
            classification: route.classification,
            caveat: route.caveat.clone(),
            next_review_on: route.next_review_on.map(dates::iso),
            version,
            legs: route.legs.clone(),
        }
    }
}

/// Field errors for what only the database knows: every leg's partner exists (keyed
/// `leg_{n}_partner`, `n` counting the legs in order from 1), and the marking is within
/// the writer's clearance and not lower than `before`.
async fn check(
    conn: &mut SqliteConnection,
    route: &NewRoute,
    before: Option<&Classification>,
    clearance: Clearance,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    let codes: Vec<&str> = route.legs.iter().map(|(partner, _)| partner.as_str()).collect();
    let codes = serde_json::to_string(&codes).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let known: Vec<String> = sqlx::query_scalar(
        "SELECT alpha2 FROM partners WHERE alpha2 IN (SELECT value FROM json_each(?1))",
    )
    .bind(codes)
    .fetch_all(&mut *conn)
    .await?;
    for (n, (partner, _)) in (1..).zip(&route.legs) {
        if !known.contains(partner) {
            errors.add(&format!("leg_{n}_partner"), "Select a partner from the list");
        }
    }
    let marking = Classification::with_caveat(route.classification, route.caveat.clone());
    check_marking(&mut errors, &marking, before, clearance);
    check_marking_terms(&mut *conn, &mut errors, &marking, before).await?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StorageError::Invalid(errors))
    }
}

/// The id of the route with `slug` when the writer may see it: `NotFound` otherwise,
/// as for a route that does not exist.
pub async fn id_for_slug(
    tx: &mut Transaction<'_, Sqlite>,
    slug: &str,
    clearance: Clearance,
) -> Result<i64> {
    let id: Option<i64> = sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT id FROM routes WHERE slug = ?1 AND ",
        visible!("classification")
    ))
    .bind(slug)
    .bind(clearance.rank())
    .fetch_optional(&mut **tx)
    .await?;
    id.ok_or(StorageError::NotFound)
}

/// Creates a route with its legs (positions 1..n in order) and audits it. Run inside
/// a write transaction (`storage::begin_write`) and commit it.
///
/// A taken slug or name fails with the database's UNIQUE error: see [`unique_field`].
pub async fn create(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    clearance: Clearance,
    route: &NewRoute,
) -> Result<i64> {
    check(tx, route, None, clearance).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO routes (slug, name, description, classification, caveat, next_review_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(route.slug.as_str())
    .bind(&route.name)
    .bind(&route.description)
    .bind(route.classification)
    .bind(&route.caveat)
    .bind(route.next_review_on)
    .fetch_one(&mut **tx)
    .await?;
    insert_legs(tx, id, &route.legs).await?;
    let after = Snapshot::of(route, 1);
    audit::record(
        &mut **tx,
        actor,
        "create",
        "route",
        Some(&id.to_string()),
        None::<&()>,
        Some(&after),
    )
    .await?;
    Ok(id)
}

/// Replaces a route's fields and legs, if it is still at `version` (the version the
/// editor read). Otherwise changes nothing: `Conflict` when someone else saved first,
/// `NotFound` when there is no such route or the writer cannot see it.
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &Actor,
    clearance: Clearance,
    id: i64,
    version: i64,
    route: &NewRoute,
) -> Result<()> {
    let before = snapshot(tx, id)
        .await?
        .filter(|before| clearance.permits(before.classification))
        .ok_or(StorageError::NotFound)?;
    if before.version != version {
        return Err(StorageError::Conflict);
    }
    let marking = Classification::with_caveat(before.classification, before.caveat.clone());
    check(tx, route, Some(&marking), clearance).await?;
    let done = sqlx::query(
        "UPDATE routes SET slug = ?1, name = ?2, description = ?3, classification = ?4, caveat = ?5,
                next_review_on = ?6, version = version + 1,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?7 AND version = ?8",
    )
    .bind(route.slug.as_str())
    .bind(&route.name)
    .bind(&route.description)
    .bind(route.classification)
    .bind(&route.caveat)
    .bind(route.next_review_on)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict);
    }
    sqlx::query("DELETE FROM route_legs WHERE route_id = ?1").bind(id).execute(&mut **tx).await?;
    insert_legs(tx, id, &route.legs).await?;
    let after = Snapshot::of(route, version + 1);
    audit::record(
        &mut **tx,
        actor,
        "update",
        "route",
        Some(&id.to_string()),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}

async fn insert_legs(
    conn: &mut SqliteConnection,
    route_id: i64,
    legs: &[(String, RouteRole)],
) -> Result<()> {
    for (position, (partner, role)) in (1_i64..).zip(legs) {
        sqlx::query(
            "INSERT INTO route_legs (route_id, position, partner, role) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(route_id)
        .bind(position)
        .bind(partner)
        .bind(*role)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn snapshot(conn: &mut SqliteConnection, id: i64) -> Result<Option<Snapshot>> {
    type Row = (String, String, String, Level, Option<String>, Option<String>, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT slug, name, description, classification, caveat, next_review_on, version
         FROM routes WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((slug, name, description, classification, caveat, next_review_on, version)) = row
    else {
        return Ok(None);
    };
    let legs: Vec<(String, RouteRole)> = sqlx::query_as(
        "SELECT partner, role FROM route_legs WHERE route_id = ?1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(Snapshot {
        slug,
        name,
        description,
        classification,
        caveat,
        next_review_on,
        version,
        legs,
    }))
}

/// The form field a UNIQUE failure from [`create`] or [`update`] belongs to: `slug`
/// or `name` (both must be unique among routes).
pub fn unique_field(error: &StorageError) -> Option<&'static str> {
    let StorageError::Database(sqlx::Error::Database(db)) = error else {
        return None;
    };
    if !db.is_unique_violation() {
        return None;
    }
    let message = db.message();
    if message.contains("routes.slug") {
        Some("slug")
    } else if message.contains("routes.name") {
        Some("name")
    } else {
        None
    }
}
