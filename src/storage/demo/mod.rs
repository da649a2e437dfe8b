//! The illustrative data set: routes, agreements, commitments, assessments, sharing
//! arrangements and briefing text that let people try Accord without real records.
//!
//! Every row is marked `illustrative = 1`, every reference starts `ILLUS-` and every
//! summary or text says it is illustrative, so none can pass for a real agreement.
//! Dates are offsets from the day of loading, so "overdue", "review due in the next
//! 30 days" and "expiring within 90 days" stay true whenever the set is loaded.

mod agreements;
mod briefing;
mod commitments;
pub mod large;
mod routes;
mod sharing;
#[cfg(test)]
mod tests;

use super::audit::{self, Actor};
use crate::domain::Level;
use sqlx::{SqliteConnection, SqliteExecutor, SqlitePool};
use std::collections::HashMap;
use time::{Date, Duration};

/// The `app_meta` key recording that (and when) the data set was loaded.
const LOADED_KEY: &str = "demo_loaded";

/// What a demo load did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub routes: usize,
    pub agreements: usize,
    pub commitments: usize,
    pub assessments: usize,
    pub sharing_arrangements: usize,
    pub briefing_texts: usize,
}

/// Loads the illustrative data set once; returns None when it was already loaded
/// (app_meta key 'demo_loaded'), so loading twice never duplicates. All in one
/// write transaction, audited.
///
/// Expects the partners table to be filled (`partners::sync_from_iso`) first.
pub async fn load(pool: &SqlitePool, today: Date) -> Result<Option<DemoSummary>, sqlx::Error> {
    // BEGIN IMMEDIATE takes the write lock before the check, so two concurrent
    // loads cannot both see "not loaded".
    let mut tx = super::begin_write(pool).await?;
    if is_loaded(&mut **tx).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let ctx = Ctx { today, bodies: uk_bodies(&mut tx).await? };

    let route_ids = routes::insert(&mut tx, &ctx).await?;
    let placed = agreements::insert(&mut tx, &ctx).await?;
    let (commitments, assessments) = commitments::insert(&mut tx, &ctx, &placed).await?;
    let agreement_ids = placed.iter().map(|a| (a.seed.key, (a.id, a.reference.as_str()))).collect();
    let sharing_arrangements = sharing::insert(&mut tx, &ctx, &agreement_ids).await?;
    let briefing_texts = briefing::insert(&mut tx, &route_ids).await?;

    let summary = DemoSummary {
        routes: route_ids.len(),
        agreements: placed.len(),
        commitments,
        assessments,
        sharing_arrangements,
        briefing_texts,
    };
    sqlx::query("INSERT INTO app_meta (key, value) VALUES (?1, ?2)")
        .bind(LOADED_KEY)
        .bind(today)
        .execute(&mut **tx)
        .await?;
    audit::record(
        &mut **tx,
        &Actor::system("demo"),
        "demo_load",
        "demo",
        None,
        None::<&()>,
        Some(&summary),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(summary))
}

/// True when the illustrative data set is in this database (drives the
/// "Illustrative data" banner).
pub async fn is_loaded(db: impl SqliteExecutor<'_>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = ?1)")
        .bind(LOADED_KEY)
        .fetch_one(db)
        .await
}

/// Whether either illustrative set is loaded, this one or the large one: every page's
/// banner asks, so one statement answers for both.
pub async fn illustrative(db: impl SqliteExecutor<'_>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key IN (?1, ?2))")
        .bind(LOADED_KEY)
        .bind(large::LOADED_KEY)
        .fetch_one(db)
        .await
}

/// What every part of the load needs: the day it counts from and the UK bodies.
struct Ctx {
    today: Date,
    /// uk_bodies id by short name (HO, NCA, …).
    bodies: HashMap<String, i64>,
}

impl Ctx {
    /// The date `offset` days from today (negative: in the past).
    fn day(&self, offset: i64) -> Date {
        self.today.saturating_add(Duration::days(offset))
    }

    fn day_opt(&self, offset: Option<i64>) -> Option<Date> {
        offset.map(|o| self.day(o))
    }

    /// The UK body with this short name, if an administrator has not renamed it.
    fn body(&self, short_name: &str) -> Option<i64> {
        self.bodies.get(short_name).copied()
    }
}

async fn uk_bodies(conn: &mut SqliteConnection) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT short_name, id FROM uk_bodies").fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().collect())
}

/// A record's marking: level, optional handling caveat, optional releasability.
#[derive(Debug, Clone, Copy)]
struct Mark {
    level: Level,
    caveat: Option<&'static str>,
    releasability: Option<&'static str>,
}

const OFFICIAL: Mark = Mark { level: Level::Official, caveat: None, releasability: None };
const OFFICIAL_SENSITIVE: Mark =
    Mark { level: Level::Official, caveat: Some("SENSITIVE"), releasability: None };
const SECRET: Mark = Mark { level: Level::Secret, caveat: None, releasability: None };
const SECRET_UKEO: Mark =
    Mark { level: Level::Secret, caveat: None, releasability: Some("UK EYES ONLY") };
const TOP_SECRET: Mark =
    Mark { level: Level::TopSecret, caveat: None, releasability: Some("UK EYES ONLY") };
