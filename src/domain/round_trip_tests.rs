//! Every vocabulary survives text → enum → text, and rejects what it does not know.

use super::*;
use std::str::FromStr;

fn round_trips<T>(all: &[T])
where
    T: Copy
        + PartialEq
        + std::fmt::Debug
        + FromStr
        + serde::Serialize
        + serde::de::DeserializeOwned,
    T: CodeOf,
{
    for &value in all {
        let code = value.code_of();
        assert_eq!(T::from_str(code).ok(), Some(value), "FromStr for {code}");
        let json = serde_json::to_string(&value).expect("enums serialise");
        assert_eq!(json, format!("\"{code}\""), "serde wire form for {code}");
        let back: T = serde_json::from_str(&json).expect("enums deserialise");
        assert_eq!(back, value, "serde for {code}");
    }
    assert!(T::from_str("no_such_value").is_err());
}

/// Lets the generic test read each enum's code.
trait CodeOf {
    fn code_of(self) -> &'static str;
}

macro_rules! code_of {
    ($($t:ty),+) => { $(impl CodeOf for $t { fn code_of(self) -> &'static str { self.code() } })+ };
}
code_of!(
    AgreementKind,
    AgreementStatus,
    CommitmentStatus,
    CommitmentCategory,
    Rag,
    RouteRole,
    ContestStrand,
    Direction,
    OnwardSharing,
    OsjaStatus,
    SharingStatus,
    DataCategory,
    Level,
    Role
);

#[test]
fn every_vocabulary_round_trips_through_text_and_serde() {
    round_trips(AgreementKind::ALL);
    round_trips(AgreementStatus::ALL);
    round_trips(CommitmentStatus::ALL);
    round_trips(CommitmentCategory::ALL);
    round_trips(Rag::ALL);
    round_trips(RouteRole::ALL);
    round_trips(ContestStrand::ALL);
    round_trips(Direction::ALL);
    round_trips(OnwardSharing::ALL);
    round_trips(OsjaStatus::ALL);
    round_trips(SharingStatus::ALL);
    round_trips(DataCategory::ALL);
    round_trips(Level::ALL);
    round_trips(Role::ALL);
}

#[test]
fn codes_match_the_database_check_constraints() {
    // The migrations spell the same codes; a renamed variant must fail here first.
    let schema = include_str!("../../migrations/0002_registry.sql");
    for code in AgreementKind::ALL
        .iter()
        .map(|k| k.code())
        .chain(AgreementStatus::ALL.iter().map(|s| s.code()))
        .chain(CommitmentStatus::ALL.iter().map(|s| s.code()))
        .chain(CommitmentCategory::ALL.iter().map(|s| s.code()))
        .chain(DataCategory::ALL.iter().map(|s| s.code()))
        .chain(RouteRole::ALL.iter().map(|s| s.code()))
        .chain(Direction::ALL.iter().map(|s| s.code()))
        .chain(OsjaStatus::ALL.iter().map(|s| s.code()))
    {
        assert!(schema.contains(&format!("'{code}'")), "{code} missing from the schema CHECKs");
    }
}

#[test]
fn labels_are_for_people() {
    assert_eq!(AgreementStatus::InForce.to_string(), "In force");
    assert_eq!(Level::TopSecret.to_string(), "TOP SECRET");
    assert_eq!(AgreementKind::MemorandumOfUnderstanding.code(), "memorandum_of_understanding");
}
