//! Roll-up and reciprocity counts made in plain Rust over the seeded rows, by the
//! rules as the issue states them, independently of the SQL under test.

use super::seed::{Assessment, Commitment, Seed};
use accord::rollup::reciprocity::Delivery;
use accord::rollup::{since, Dimension, RollupCounts};
use accord::{Clearance, CommitmentStatus, Level, Rag};
use std::collections::BTreeMap;
use time::{Date, Duration};

/// The commitments a reader at `clearance` may see: it and its agreement within it.
pub fn visible<'a>(seed: &'a Seed, clearance: Clearance) -> impl Iterator<Item = &'a Commitment> {
    seed.commitments.iter().filter(move |c| {
        clearance.permits(c.level) && clearance.permits(seed.agreements[c.agreement].level)
    })
}

/// The rows a commitment counts in.
fn keys(seed: &Seed, c: &Commitment, dimension: Dimension, clearance: Clearance) -> Vec<String> {
    let a = &seed.agreements[c.agreement];
    match dimension {
        Dimension::Partner => a.parties.iter().map(|p| p.to_string()).collect(),
        Dimension::Route => seed
            .routes
            .iter()
            .filter(|r| clearance.permits(r.level))
            .filter(|r| r.legs.iter().any(|leg| *leg != "GB" && a.parties.contains(leg)))
            .map(|r| r.slug.to_owned())
            .collect(),
        Dimension::Owner if c.owner.is_empty() => vec![],
        Dimension::Owner => vec![c.owner.to_owned()],
        Dimension::Department => a.lead.iter().map(|id| id.to_string()).collect(),
        Dimension::Strand => c.strands.iter().map(|s| s.code().to_owned()).collect(),
    }
}

/// The commitment's state `since(today)`: its latest visible assessment on or before
/// that day, the later recorded first on a tie.
fn then<'a>(
    seed: &'a Seed,
    c: &Commitment,
    clearance: Clearance,
    today: Date,
) -> Option<&'a Assessment> {
    let day = since(today);
    seed.assessments
        .iter()
        .enumerate()
        .filter(|(_, h)| h.commitment == c.id && h.on <= day && clearance.permits(h.level))
        .max_by_key(|(i, h)| (h.on, *i))
        .map(|(_, h)| h)
}

fn count(
    counts: &mut RollupCounts,
    seed: &Seed,
    c: &Commitment,
    clearance: Clearance,
    today: Date,
) {
    use CommitmentStatus as S;
    counts.total += 1;
    *match c.status {
        S::NotStarted => &mut counts.not_started,
        S::InProgress => &mut counts.in_progress,
        S::Met => &mut counts.met,
        S::PartiallyMet => &mut counts.partially_met,
        S::NotMet => &mut counts.not_met,
        S::Withdrawn => &mut counts.withdrawn,
    } += 1;
    *match c.rag {
        Some(Rag::Red) => &mut counts.red,
        Some(Rag::Amber) => &mut counts.amber,
        Some(Rag::Green) => &mut counts.green,
        None => &mut counts.unrated,
    } += 1;
    let open = matches!(c.status, S::NotStarted | S::InProgress);
    counts.overdue += i64::from(open && c.due.is_some_and(|due| due < today));
    let reviewed = c.status != S::Withdrawn;
    let horizon = today + Duration::days(30);
    counts.review_due +=
        i64::from(reviewed && c.review.is_some_and(|r| r >= today && r <= horizon));
    counts.review_overdue += i64::from(reviewed && c.review.is_some_and(|r| r < today));
    if let Some(h) = then(seed, c, clearance, today) {
        counts.then_met += i64::from(h.status == S::Met);
        *match h.rag {
            Rag::Red => &mut counts.then_red,
            Rag::Amber => &mut counts.then_amber,
            Rag::Green => &mut counts.then_green,
        } += 1;
    }
}

/// Every row of the roll-up by `dimension` a reader at `clearance` gets, by key.
pub fn rollup(
    seed: &Seed,
    dimension: Dimension,
    clearance: Clearance,
    today: Date,
) -> BTreeMap<String, RollupCounts> {
    let mut rows: BTreeMap<String, RollupCounts> = BTreeMap::new();
    for c in visible(seed, clearance) {
        for key in keys(seed, c, dimension, clearance) {
            count(rows.entry(key).or_default(), seed, c, clearance, today);
        }
    }
    rows
}

/// The level of every row of the roll-up: the highest of what it counts (each
/// commitment, its agreement, its state then) and of the route it names.
pub fn levels(
    seed: &Seed,
    dimension: Dimension,
    clearance: Clearance,
    today: Date,
) -> BTreeMap<String, Level> {
    let mut rows: BTreeMap<String, Level> = BTreeMap::new();
    for c in visible(seed, clearance) {
        let mut level = c.level.max(seed.agreements[c.agreement].level);
        if let Some(h) = then(seed, c, clearance, today) {
            level = level.max(h.level);
        }
        for key in keys(seed, c, dimension, clearance) {
            let route = seed.routes.iter().find(|r| dimension == Dimension::Route && r.slug == key);
            let level = route.map_or(level, |r| level.max(r.level));
            let row = rows.entry(key).or_insert(level);
            *row = (*row).max(level);
        }
    }
    rows
}

/// How many visible commitments `party` made with `delivery`, among those `under`
/// selects (by agreement index).
pub fn delivered(
    seed: &Seed,
    clearance: Clearance,
    under: impl Fn(usize) -> bool,
    party: &str,
    delivery: Delivery,
) -> i64 {
    visible(seed, clearance)
        .filter(|c| under(c.agreement) && c.party == party && Delivery::of(c.status) == delivery)
        .count() as i64
}
