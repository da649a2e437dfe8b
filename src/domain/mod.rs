//! Domain types and rules, shared by the server and the browser.

pub mod agreement;
pub mod agreement_filter;
pub mod agreement_record;
pub mod assessment;
pub mod audit;
pub mod audit_log;
pub mod briefing_pack;
pub mod briefing_text;
pub mod calendar;
pub mod classification;
pub mod commitment;
pub mod commitment_record;
pub mod coverage;
pub mod dashboard;
pub mod dates;
pub mod digest;
pub mod enums;
pub mod export;
pub mod form;
pub mod import;
pub mod iso;
pub mod list_filter;
pub mod partner;
pub mod password;
pub mod review_queue;
pub mod rollup;
pub mod route;
pub mod search;
pub mod sharing;
pub mod strand;
pub mod user;

pub use agreement::{AgreementDraft, AgreementKind, AgreementStatus, StatusChange};
pub use agreement_filter::{
    query_without, AgreementFilter, AgreementSort, AppliedFilter, ReviewState, PAGE_SIZE,
};
pub use agreement_record::{AgreementDetail, AgreementRow};
pub use briefing_text::{BriefingSection, BriefingSubject, BriefingText, BriefingTextDraft};
pub use classification::{Classification, Clearance, Level};
pub use commitment::{CommitmentCategory, CommitmentStatus, Rag};
pub use commitment_record::{
    CommitmentDetail, CommitmentDraft, CommitmentFilter, CommitmentRow, CommitmentSort,
};
pub use enums::UnknownVariant;
pub use form::{FieldErrors, FormData, FormReader};
pub use import::ImportKind;
pub use list_filter::ListFilter;
pub use partner::{Partner, PartnerFilter, PartnerListQuery, PartnerSummary};
pub use review_queue::{QueueGroup, QueueItem, QueueKind, QueueRow, ReviewQueueQuery};
pub use route::RouteRole;
pub use sharing::{
    DataCategory, Direction, OnwardSharing, OsjaStatus, SharingDetail, SharingDraft, SharingFilter,
    SharingRow, SharingSort, SharingStatus,
};
pub use strand::ContestStrand;
pub use user::{permits, Action, Role, User, UserRow};

#[cfg(test)]
mod round_trip_tests;

/// A whole number with thousands separators, as GOV.UK writes numbers: `12000` →
/// "12,000", `-1250000` → "-1,250,000".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a=1&b=two%20words`: a query string from pairs, values percent-encoded.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect::<Vec<_>>().join("&")
}

fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}
