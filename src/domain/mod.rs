//! Domain types and rules, shared by the server and the browser.

pub mod agreement;
pub mod classification;
pub mod commitment;
pub mod coverage;
pub mod dashboard;
pub mod dates;
pub mod enums;
pub mod partner;
pub mod route;
pub mod search;
pub mod sharing;
pub mod strand;
pub mod user;

pub use agreement::{AgreementKind, AgreementStatus};
pub use classification::{Classification, Clearance, Level};
pub use commitment::{CommitmentCategory, CommitmentStatus, Rag};
pub use enums::UnknownVariant;
pub use partner::{Partner, PartnerFilter, PartnerSummary};
pub use route::RouteRole;
pub use sharing::{DataCategory, Direction, OnwardSharing, OsjaStatus, SharingStatus};
pub use strand::ContestStrand;
pub use user::Role;

#[cfg(test)]
mod round_trip_tests;
