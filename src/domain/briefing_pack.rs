//! A briefing pack: everything a senior official takes into a meeting about one partner
//! or one route, as plain data. Storage assembles it within the reader's clearance; the
//! print view, the DOCX writer and the PDF renderer (`accord-pdf`) only lay it out, so
//! the three cannot disagree about what is in it or how it is marked.
//!
//! Fields are only ever added, never renamed: the PDF crate reads them by name.

use super::coverage::CoverageLevel;
use super::route::RouteRole;
use super::{AgreementStatus, Classification, CommitmentStatus, Rag};
use serde::{Deserialize, Serialize};
use time::Date;

mod timeline;
pub use timeline::timeline_svg;

/// How many commitments a pack lists at most (open ones first, soonest due first); the
/// summary counts all of them. A partner in the large demo has about 500.
pub const PACK_COMMITMENT_LIMIT: i64 = 1000;

/// How many agreements, sharing arrangements or upcoming reviews a pack lists at most.
pub const PACK_RECORD_LIMIT: i64 = 200;

/// Upcoming reviews: those due within this many days of the day the pack is produced
/// (and any already overdue).
pub const REVIEW_HORIZON_DAYS: i64 = 90;

/// A briefing pack for one partner or one route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingPack {
    /// e.g. "Briefing: Libya".
    pub title: String,
    pub subject: PackSubject,
    pub produced_on: Date,
    /// The display name of the user who produced it.
    pub produced_by: String,
    /// What the pack was produced from, as label/value pairs ("Partner", "Libya (LY)").
    pub filters: Vec<PackFilter>,
    /// The aggregate marking of everything included: top and bottom of every page.
    pub marking: Classification,
    /// Objectives, top lines and lines to take, in that order; only those with a body.
    pub texts: Vec<PackText>,
    pub summary: PackSummary,
    /// A route's legs in order; empty for a partner.
    pub legs: Vec<PackLeg>,
    /// A route's diagram (the route page's drawing) as a standalone SVG document.
    pub route_diagram_svg: Option<String>,
    /// Soonest-relevant first: in force, then the rest, by reference.
    pub agreements: Vec<PackAgreement>,
    /// At most [`PACK_COMMITMENT_LIMIT`]; `summary.commitments_total` counts all.
    pub commitments: Vec<PackCommitment>,
    pub sharing: Vec<PackSharing>,
    /// Reviews due by `produced_on` + [`REVIEW_HORIZON_DAYS`], soonest first.
    pub upcoming_reviews: Vec<PackReview>,
    /// One row per agreement that has at least one of the three dates.
    pub timeline: Vec<TimelineEntry>,
}

impl BriefingPack {
    /// "The first N of M commitments are listed; …" when the pack lists fewer
    /// commitments than its summary counts ([`PACK_COMMITMENT_LIMIT`]), for every format.
    pub fn commitments_more(&self) -> Option<String> {
        let listed = self.commitments.len() as i64;
        (self.summary.commitments_total > listed).then(|| {
            format!(
                "The first {listed} of {} commitments are listed; the commitments list has them all.",
                self.summary.commitments_total
            )
        })
    }

    /// The timeline picture of this pack's agreements (see [`timeline_svg`]).
    pub fn timeline_svg(&self) -> String {
        timeline_svg(&self.timeline, self.produced_on)
    }

    /// The file name a download gets, without extension: `briefing-ly-2026-12-01`,
    /// `briefing-agreements-2026-12-01`.
    pub fn file_stem(&self) -> String {
        let key = match &self.subject {
            PackSubject::Partner { alpha2, .. } => alpha2.to_lowercase(),
            PackSubject::Route { slug, .. } => slug.clone(),
            PackSubject::List { name, .. } => name.clone(),
        };
        format!("briefing-{key}-{}", super::dates::iso(self.produced_on))
    }
}

/// What a pack is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PackSubject {
    Partner {
        name: String,
        alpha2: String,
    },
    Route {
        name: String,
        slug: String,
    },
    /// A filtered registry list: `name` is the list's (`agreements`, `commitments`),
    /// `path` its address with the filter's query string (`/agreements?partner=LY`).
    List {
        name: String,
        path: String,
    },
}

impl PackSubject {
    /// The partner's or route's name, or the list's (`agreements`).
    pub fn name(&self) -> &str {
        match self {
            PackSubject::Partner { name, .. }
            | PackSubject::Route { name, .. }
            | PackSubject::List { name, .. } => name,
        }
    }

    /// The address of the partner or route page, or of the filtered list.
    pub fn page_path(&self) -> String {
        match self {
            PackSubject::Partner { alpha2, .. } => format!("/partners/{alpha2}"),
            PackSubject::Route { slug, .. } => format!("/routes/{slug}"),
            PackSubject::List { path, .. } => path.clone(),
        }
    }

    /// The address of this pack's print view (`extension` `None`) or download
    /// (`Some("docx")`): `/partners/LY/briefing.docx`, `/agreements/briefing.pdf?partner=LY`.
    pub fn briefing_path(&self, extension: Option<&str>) -> String {
        let suffix = extension.map(|e| format!(".{e}")).unwrap_or_default();
        match self {
            PackSubject::List { path, .. } => match path.split_once('?') {
                Some((list, query)) => format!("{list}/briefing{suffix}?{query}"),
                None => format!("{path}/briefing{suffix}"),
            },
            _ => format!("{}/briefing{suffix}", self.page_path()),
        }
    }
}

/// One label/value pair saying what the pack was produced from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackFilter {
    pub label: String,
    pub value: String,
}

/// One piece of briefing text (objectives, top lines or lines to take).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackText {
    /// The section code: `objectives`, `top_lines` or `lines_to_take`.
    pub section: String,
    /// The section heading: "Objectives", "Top lines", "Lines to take".
    pub heading: String,
    /// Plain text; paragraphs separated by blank lines.
    pub body: String,
    pub marking: Classification,
}

/// The numbers at the top of a pack.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSummary {
    /// Every status with at least one agreement, in lifecycle order.
    pub agreements_by_status: Vec<StatusCount>,
    /// Red, amber, green, then unrated; withdrawn commitments are not counted.
    pub commitments_by_rag: Vec<RagCount>,
    /// All commitments counted above, listed in the pack or not.
    pub commitments_total: i64,
    /// Commitments past their due date and not met or withdrawn.
    pub overdue: i64,
    /// Reviews due within [`REVIEW_HORIZON_DAYS`] (or overdue), every kind of record.
    pub reviews_due: i64,
}

/// How many agreements have one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: AgreementStatus,
    pub count: i64,
}

/// How many commitments have one RAG rating (`None`: not yet rated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagCount {
    pub rag: Option<Rag>,
    pub count: i64,
}

impl RagCount {
    /// "Red", "Amber", "Green" or "Not rated".
    pub fn label(&self) -> &'static str {
        self.rag.map_or("Not rated", Rag::label)
    }
}

/// One leg of a route, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackLeg {
    /// 1-based position along the route.
    pub position: i64,
    pub partner_name: String,
    pub alpha2: String,
    /// The previous leg's partner (none for the first leg).
    pub from: Option<String>,
    /// The next leg's partner (none for the last leg).
    pub to: Option<String>,
    /// The stage: source, transit, departure or destination.
    pub stage: RouteRole,
    pub coverage: CoverageLevel,
    /// Each gap in words ("No active sharing arrangement", "3 overdue commitments").
    pub gaps: Vec<String>,
}

/// An agreement with its key dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackAgreement {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: AgreementStatus,
    pub signed_on: Option<Date>,
    pub in_force_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub next_review_on: Option<Date>,
    pub marking: Classification,
}

/// A commitment with its latest assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackCommitment {
    pub id: i64,
    pub agreement_reference: String,
    pub text: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: CommitmentStatus,
    pub rag: Option<Rag>,
    /// Past its due date and still open, on `produced_on`.
    pub overdue: bool,
    /// The date of the latest assessment the reader may see.
    pub latest_assessment_on: Option<Date>,
    /// That assessment's progress note.
    pub latest_assessment_note: Option<String>,
    /// Effective marking: the higher of the commitment's and its agreement's (and the
    /// latest assessment's, when one is shown).
    pub marking: Classification,
}

/// A sharing arrangement with its handling caveats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSharing {
    pub id: i64,
    pub reference: String,
    pub title: String,
    /// The partner's name.
    pub partner: String,
    /// Handling caveats as recorded (may be empty).
    pub caveats: String,
    pub next_review_on: Option<Date>,
    pub marking: Classification,
}

/// A review falling due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackReview {
    pub due_on: Date,
    /// "Agreement", "Commitment" or "Sharing arrangement".
    pub kind: String,
    /// The agreement's or arrangement's reference; for a commitment, its agreement's
    /// reference and the commitment number ("UK-LY-2019-01 commitment 12").
    pub reference: String,
}

/// One agreement on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub reference: String,
    pub signed_on: Option<Date>,
    pub in_force_on: Option<Date>,
    pub expires_on: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::PackSubject;

    #[test]
    fn a_list_pack_keeps_its_query_after_briefing() {
        let list =
            PackSubject::List { name: "agreements".into(), path: "/agreements?partner=LY".into() };
        assert_eq!(list.briefing_path(None), "/agreements/briefing?partner=LY");
        assert_eq!(list.briefing_path(Some("pdf")), "/agreements/briefing.pdf?partner=LY");
        let all = PackSubject::List { name: "commitments".into(), path: "/commitments".into() };
        assert_eq!(all.briefing_path(Some("docx")), "/commitments/briefing.docx");
        let partner = PackSubject::Partner { name: "Libya".into(), alpha2: "LY".into() };
        assert_eq!(partner.briefing_path(Some("docx")), "/partners/LY/briefing.docx");
    }
}
