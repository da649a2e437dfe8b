//! Daily e-mail digests (issue 11): each user with digests on and something due gets
//! one e-mail a day listing the records they own or review that are due for review or
//! due within a week, or overdue (`accord::domain::digest` says what it holds).
//!
//! A background task started with the server runs a *round* at start and then every
//! [`EVERY`]: it asks who has had no digest today (one cheap query), sends each of
//! them theirs, and records a delivery only once the mail server accepted the mail.
//! A failed send is logged and simply tried again at the next round; a delivery
//! recorded is never sent again that day, also across restarts. With no SMTP URL the
//! task does not start.

pub mod account;
pub mod cli;
mod mailer;

pub use mailer::{MailArgs, Mailer};

use accord::domain::digest::Digest;
use accord::storage::audit::Actor;
use accord::storage::digests;
use anyhow::Context;
use sqlx::SqlitePool;
use std::time::Duration;
use time::Date;
use tokio::task::JoinHandle;

/// How often the task looks for digests to send: within this long of a new day, or
/// of the mail server coming back, they go.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Digests the mail server accepted (and recorded as delivered).
    pub sent: usize,
    /// Digests not sent (or sent but not recorded): tried again next round.
    pub failed: usize,
    /// Users due a digest with nothing in it: no e-mail.
    pub empty: usize,
}

/// Who deliveries are recorded as made by, in the audit log.
fn actor() -> Actor {
    Actor::system("e-mail digest")
}

/// Sends today's digest to everyone due one on `today`. Errors only when the
/// database cannot say who is due; a failure for one user is logged and counted.
pub async fn send_round(pool: &SqlitePool, mailer: &Mailer, today: Date) -> anyhow::Result<Round> {
    let due = digests::due(pool, today).await.context("finding who is due an e-mail digest")?;
    let mut round = Round::default();
    for who in &due {
        let items = match digests::items(pool, who, today).await {
            Ok(items) => items,
            Err(error) => {
                tracing::warn!(user_id = who.user_id, %today, %error, "could not read a digest; the next round tries again");
                round.failed += 1;
                continue;
            }
        };
        if items.is_empty() {
            round.empty += 1;
            continue;
        }
        let digest = Digest::new(today, items);
        let count = digest.items.len();
        if let Err(error) = mailer.send(who, &digest).await {
            tracing::warn!(
                user_id = who.user_id,
                to = %who.email,
                %today,
                items = count,
                error = %format!("{error:#}"),
                "e-mail digest not sent; the next round tries again"
            );
            round.failed += 1;
            continue;
        }
        match digests::record_delivery(pool, &actor(), who.user_id, today, count).await {
            Ok(_) => {
                tracing::info!(user_id = who.user_id, %today, items = count, "e-mail digest sent");
                round.sent += 1;
            }
            Err(error) => {
                // The mail went; without the record it may go again next round.
                tracing::error!(user_id = who.user_id, %today, %error, "e-mail digest sent but its delivery could not be recorded");
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// Starts the digest task for `accord serve`, or logs once that digests are off
/// when no SMTP URL is set. `default_base_url` links e-mails without `--base-url`.
pub fn start(
    pool: SqlitePool,
    mail: &MailArgs,
    default_base_url: &str,
) -> anyhow::Result<Option<JoinHandle<()>>> {
    let Some(mailer) = Mailer::from_args(mail, default_base_url)? else {
        tracing::info!("e-mail digests are off: no SMTP URL (--smtp-url or ACCORD_SMTP_URL)");
        return Ok(None);
    };
    tracing::info!(
        server = mailer.server(),
        every_minutes = EVERY.as_secs() / 60,
        "e-mail digests are on"
    );
    Ok(Some(tokio::spawn(run(pool, mailer, EVERY))))
}

/// A round now, then one every `every`, until the process ends.
pub async fn run(pool: SqlitePool, mailer: Mailer, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let today = accord::dates::today();
        match send_round(&pool, &mailer, today).await {
            Ok(round) if round.sent + round.failed == 0 => {
                tracing::debug!(?round, "e-mail digest round: nothing to send");
            }
            Ok(round) => tracing::info!(?round, %today, "e-mail digest round"),
            Err(error) => tracing::warn!(
                error = %format!("{error:#}"),
                "e-mail digest round failed; the next round tries again"
            ),
        }
    }
}
