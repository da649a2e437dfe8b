//! Failed sign-ins per client address, in memory: after [`LIMIT`] failures within
//! [`WINDOW`], that address is refused until the window has passed. (Per account, the
//! `users.failed_sign_ins` / `locked_until` columns do the same, and survive restarts.)

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const LIMIT: u32 = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Option<IpAddr>, (u32, Instant)>>,
}

impl Throttle {
    /// How long `addr` must still wait, if it is refused now.
    pub fn wait(&self, addr: Option<IpAddr>) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (count, since) = failures.get(&addr)?;
        let elapsed = since.elapsed();
        (*count >= LIMIT && elapsed < WINDOW).then(|| WINDOW - elapsed)
    }

    /// Counts a failure from `addr` (a new window starts when the last one ended).
    pub fn fail(&self, addr: Option<IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Forget windows that ended, so the map cannot grow without bound.
        failures.retain(|_, (_, since)| since.elapsed() < WINDOW);
        let entry = failures.entry(addr).or_insert((0, Instant::now()));
        entry.0 += 1;
    }

    /// A successful sign-in from `addr` clears its failures.
    pub fn succeed(&self, addr: Option<IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.remove(&addr);
    }
}

/// "15 minutes", "1 minute": a wait, rounded up to whole minutes.
pub fn minutes(wait: Duration) -> String {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    if minutes == 1 {
        "1 minute".to_owned()
    } else {
        format!("{minutes} minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_limit_and_only_that_address() {
        let throttle = Throttle::default();
        let here = Some(IpAddr::from([10, 0, 0, 1]));
        let there = Some(IpAddr::from([10, 0, 0, 2]));
        for _ in 0..LIMIT - 1 {
            throttle.fail(here);
        }
        assert_eq!(throttle.wait(here), None);
        throttle.fail(here);
        assert!(throttle.wait(here).is_some_and(|w| w <= WINDOW));
        assert_eq!(throttle.wait(there), None);
        throttle.succeed(here);
        assert_eq!(throttle.wait(here), None);
    }

    #[test]
    fn waits_read_in_whole_minutes() {
        assert_eq!(minutes(Duration::from_secs(1)), "1 minute");
        assert_eq!(minutes(Duration::from_secs(61)), "2 minutes");
        assert_eq!(minutes(Duration::from_secs(900)), "15 minutes");
    }
}
