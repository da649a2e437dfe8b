//! Commitments: what an officer enters, how they are read back, and the register's filter.

use super::agreement::check_review_date;
use super::agreement_filter::{partner_name, AppliedFilter, ReviewState};
use super::{
    Classification, CommitmentCategory, CommitmentStatus, ContestStrand, FieldErrors, FormData,
    FormReader, Rag,
};
use serde::{Deserialize, Serialize};
use time::Date;

/// Everything entered for a commitment (add and edit share it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDraft {
    /// ISO alpha-2 of the party that made it: the UK or one of the agreement's partners.
    pub committing_party: String,
    pub text: String,
    pub category: CommitmentCategory,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: CommitmentStatus,
    pub rag: Option<Rag>,
    pub next_review_on: Option<Date>,
    pub strands: Vec<ContestStrand>,
    pub classification: Classification,
    /// The named reviewer (a user id): storage checks it is an active reviewer or admin.
    #[serde(default)]
    pub reviewer_id: Option<i64>,
}

impl CommitmentDraft {
    /// Parses the commitment form; `parties` are the agreement's parties (alpha-2),
    /// the only ones that can have made the commitment.
    pub fn parse(
        form: &FormData,
        parties: &[String],
        today: Date,
    ) -> Result<CommitmentDraft, FieldErrors> {
        let mut r = FormReader::new(form);
        let committing_party = form.text("committing_party").to_uppercase();
        if committing_party.is_empty() {
            r.errors.add("committing_party", "Select the party that made the commitment");
        } else if !parties.contains(&committing_party) {
            r.errors
                .add("committing_party", "The committing party must be a party to the agreement");
        }
        let text = r.required_max("text", "Enter what was committed to", "Commitment", 2000);
        let category = r.choice::<CommitmentCategory>("category", "Select a category");
        let owner = r.optional("owner", "Owner", 120);
        let due_on = r.date("due_on", "Due date");
        let status = r.choice::<CommitmentStatus>("status", "Select a status");
        let rag = match form.text("rag") {
            "" => None,
            _ => r.choice::<Rag>("rag", "Select red, amber, green or not rated"),
        };
        let next_review_on = r.date("next_review_on", "Next review date");
        check_review_date(&mut r.errors, "next_review_on", next_review_on, today);
        let strands = r.choices::<ContestStrand>("strands", "CONTEST strand");
        let classification = Classification::from_form(&mut r);
        let reviewer_id = match form.text("reviewer_id") {
            "" => None,
            id => id.parse().ok().or_else(|| {
                r.errors.add("reviewer_id", REVIEWER_ERROR);
                None
            }),
        };
        let draft = CommitmentDraft {
            committing_party,
            text,
            category: category.unwrap_or(CommitmentCategory::Other),
            owner,
            due_on,
            status: status.unwrap_or(CommitmentStatus::NotStarted),
            rag,
            next_review_on,
            strands,
            classification,
            reviewer_id,
        };
        r.finish(draft)
    }

    /// The form values that parse back into this draft.
    pub fn to_form(&self) -> FormData {
        let mut f = FormData::default();
        let date = |d: Option<Date>| d.map(super::dates::iso).unwrap_or_default();
        f.push("committing_party", &self.committing_party);
        f.push("text", &self.text);
        f.push("category", self.category.code());
        f.push("owner", &self.owner);
        f.push("due_on", date(self.due_on));
        f.push("status", self.status.code());
        f.push("rag", self.rag.map(|r| r.code()).unwrap_or_default());
        f.push("next_review_on", date(self.next_review_on));
        for s in &self.strands {
            f.push("strands", s.code());
        }
        self.classification.to_form(&mut f);
        f.push("reviewer_id", self.reviewer_id.map(|id| id.to_string()).unwrap_or_default());
        f
    }
}

/// The message for a named reviewer who is not an active reviewer or administrator.
pub const REVIEWER_ERROR: &str = "Select a reviewer from the list";

/// A reviewer's dated judgement, as shown in a commitment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentEntry {
    pub id: i64,
    pub assessed_on: Date,
    pub assessor: String,
    pub status: CommitmentStatus,
    pub rag: Rag,
    pub progress_note: String,
    pub evidence: String,
    pub next_review_on: Option<Date>,
    pub classification: Classification,
    /// The earlier assessment this one corrects, and its date when the reader may see it.
    pub corrects: Option<i64>,
    pub corrects_on: Option<Date>,
}

/// Everything the commitment page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDetail {
    pub id: i64,
    pub version: i64,
    pub agreement_id: i64,
    pub agreement_reference: String,
    pub agreement_title: String,
    pub agreement_classification: Classification,
    /// The agreement's parties: (alpha-2, name), for the committing-party select.
    pub parties: Vec<(String, String)>,
    pub committing_party_name: String,
    /// The named reviewer's display name (the draft holds their id).
    #[serde(default)]
    pub reviewer_name: Option<String>,
    pub draft: CommitmentDraft,
    pub overdue: bool,
    pub assessments: Vec<AssessmentEntry>,
}

impl CommitmentDetail {
    /// Highest marking among the commitment, its agreement's title and its assessments.
    pub fn page_marking(&self) -> Classification {
        let mut marking = self.draft.classification.clone();
        marking.raise(&self.agreement_classification);
        for a in &self.assessments {
            marking.raise(&a.classification);
        }
        marking
    }
}

/// One line of the commitments register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRow {
    pub id: i64,
    pub text: String,
    pub agreement_id: i64,
    pub agreement_reference: String,
    pub committing_party: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: CommitmentStatus,
    pub rag: Option<Rag>,
    pub overdue: bool,
    pub classification: Classification,
}

/// The register's filters, as query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentFilter {
    pub partner: Option<String>,
    pub route: Option<String>,
    pub agreement: Option<i64>,
    pub strand: Option<ContestStrand>,
    pub owner: Option<String>,
    pub status: Option<CommitmentStatus>,
    pub rag: Option<Rag>,
    /// Not rated (`rag=not_rated`); `rag` is then `None`.
    pub unrated: bool,
    pub overdue: bool,
    pub due_before: Option<Date>,
    /// Next review due soon or past (`review=due|overdue`), as the dashboard counts.
    pub review: Option<ReviewState>,
    /// Withdrawn commitments left out (`withdrawn=exclude`), as RAG counts leave them.
    pub exclude_withdrawn: bool,
    /// Still open: not started or in progress (`status=open`); `status` is then `None`.
    pub open: bool,
    /// Made by this party (`party=GB`): one side of a reciprocity table.
    pub party: Option<String>,
    /// Under agreements led by this UK body (`lead=3`, its id, as the agreement list).
    pub lead: Option<i64>,
    /// `owner` is the whole owner, not a part of it (`owner_match=exact`): a roll-up row.
    pub owner_exact: bool,
    /// `due` (default), `status`, `rag`, `updated`.
    pub sort: String,
    pub descending: bool,
    pub page: i64,
}

impl CommitmentFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> CommitmentFilter {
        let text = |k: &str| super::agreement_filter::query_text(&get, k);
        CommitmentFilter {
            partner: text("partner").map(|p| p.to_uppercase()),
            route: text("route"),
            agreement: text("agreement").and_then(|v| v.parse().ok()),
            strand: text("strand").and_then(|v| v.parse().ok()),
            owner: text("owner"),
            status: text("status").and_then(|v| v.parse().ok()),
            rag: text("rag").and_then(|v| v.parse().ok()),
            unrated: text("rag").as_deref() == Some(NOT_RATED),
            overdue: matches!(text("overdue").as_deref(), Some("true" | "yes" | "1")),
            due_before: text("due_before").and_then(|v| super::dates::parse_iso(&v)),
            review: text("review").and_then(|v| v.parse().ok()),
            exclude_withdrawn: text("withdrawn").as_deref() == Some("exclude"),
            open: text("status").as_deref() == Some(OPEN),
            party: text("party").map(|p| p.to_uppercase()),
            lead: text("lead").and_then(|v| v.parse().ok()),
            owner_exact: text("owner_match").as_deref() == Some("exact"),
            sort: text("sort")
                .filter(|s| ["due", "status", "rag", "updated"].contains(&s.as_str()))
                .unwrap_or_else(|| "due".into()),
            descending: text("dir").as_deref() == Some("desc"),
            page: super::agreement_filter::query_page(text("page")),
        }
    }

    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                pairs.push((k, v));
            }
        };
        put("partner", self.partner.clone());
        put("route", self.route.clone());
        put("agreement", self.agreement.map(|v| v.to_string()));
        put("strand", self.strand.map(|v| v.code().to_owned()));
        put("owner", self.owner.clone());
        put("status", self.status.map(|v| v.code().to_owned()));
        put("status", (self.status.is_none() && self.open).then(|| OPEN.to_owned()));
        put("rag", self.rag.map(|v| v.code().to_owned()));
        put("rag", (self.rag.is_none() && self.unrated).then(|| NOT_RATED.to_owned()));
        put("overdue", self.overdue.then(|| "true".to_owned()));
        put("due_before", self.due_before.map(super::dates::iso));
        put("review", self.review.map(|v| v.code().to_owned()));
        put("withdrawn", self.exclude_withdrawn.then(|| "exclude".to_owned()));
        put("party", self.party.clone());
        put("lead", self.lead.map(|v| v.to_string()));
        put("owner_match", self.owner_exact.then(|| "exact".to_owned()));
        put("sort", (self.sort != "due").then(|| self.sort.clone()));
        put("dir", self.descending.then(|| "desc".to_owned()));
        put("page", (self.page > 1).then(|| self.page.to_string()));
        super::query_string(&pairs)
    }

    pub fn with_page(&self, page: i64) -> CommitmentFilter {
        CommitmentFilter { page, ..self.clone() }
    }

    /// The filters in use (not the sort order), in the order of the filter panel.
    /// The route is given as its slug, the agreement as its id.
    pub fn applied(&self) -> Vec<AppliedFilter> {
        let mut all = Vec::new();
        let mut put = |key, label, value: Option<String>| {
            if let Some(value) = value {
                all.push(AppliedFilter::new(key, label, value));
            }
        };
        put("partner", "Partner", self.partner.as_deref().map(partner_name));
        put("route", "Route", self.route.clone());
        put("agreement", "Agreement", self.agreement.map(|v| v.to_string()));
        let open = (self.status.is_none() && self.open).then(|| OPEN_LABEL.to_owned());
        put("status", "Status", self.status.map(|v| v.label().to_owned()).or(open));
        let rag = self.rag.map(|v| v.label().to_owned());
        put("rag", "RAG", rag.or_else(|| self.unrated.then(|| "Not rated".to_owned())));
        put("strand", "CONTEST strand", self.strand.map(|v| v.label().to_owned()));
        put("owner", "Owner", self.owner.clone());
        put("due_before", "Due before", self.due_before.map(super::dates::long));
        put("overdue", "Overdue", self.overdue.then(|| "Overdue only".to_owned()));
        put("review", "Next review", self.review.map(|v| v.label().to_owned()));
        put("withdrawn", "Withdrawn", self.exclude_withdrawn.then(|| "Left out".to_owned()));
        put("party", "Committing party", self.party.as_deref().map(partner_name));
        put("lead", "Lead department", self.lead.map(|v| v.to_string()));
        put("owner_match", "Owner match", self.owner_exact.then(|| "Whole name".to_owned()));
        all
    }
}

/// The `rag` filter's value for commitments with no rating.
pub const NOT_RATED: &str = "not_rated";

/// The `status` filter's value for open commitments (not started or in progress).
pub const OPEN: &str = "open";

/// How the filter panel names [`OPEN`].
pub const OPEN_LABEL: &str = "Open (not started or in progress)";

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn committing_party_must_be_a_party_to_the_agreement() {
        let parties = vec!["GB".to_owned(), "LY".to_owned()];
        let f = form(&[
            ("committing_party", "FR"),
            ("text", "Share data"),
            ("category", "information_sharing"),
            ("status", "in_progress"),
            ("classification", "official"),
        ]);
        let errors = CommitmentDraft::parse(&f, &parties, date!(2026 - 11 - 26)).unwrap_err();
        assert!(errors.get("committing_party").is_some());
    }

    #[test]
    fn a_complete_commitment_round_trips() {
        let parties = vec!["GB".to_owned(), "LY".to_owned()];
        let f = form(&[
            ("committing_party", "ly"),
            ("text", "Share data"),
            ("category", "information_sharing"),
            ("status", "in_progress"),
            ("rag", "amber"),
            ("due_on", "2026-01-01"),
            ("strands", "pursue"),
            ("classification", "official"),
        ]);
        let draft = CommitmentDraft::parse(&f, &parties, date!(2026 - 11 - 26)).expect("valid");
        assert_eq!(draft.committing_party, "LY");
        assert_eq!(draft.rag, Some(Rag::Amber));
        assert_eq!(
            CommitmentDraft::parse(&draft.to_form(), &parties, date!(2026 - 11 - 26)),
            Ok(draft)
        );
    }

    #[test]
    fn register_filter_reads_overdue_from_the_query() {
        let f = CommitmentFilter::from_query(|k| (k == "overdue").then(|| "true".to_owned()));
        assert!(f.overdue);
        assert_eq!(f.to_query(), "overdue=true");
    }

    #[test]
    fn register_filter_reads_not_rated_review_and_withdrawn() {
        let q = [("rag", "not_rated"), ("review", "due"), ("withdrawn", "exclude")];
        let f = CommitmentFilter::from_query(|k| {
            q.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        });
        assert!(f.unrated && f.exclude_withdrawn);
        assert_eq!((f.rag, f.review), (None, Some(ReviewState::Due)));
        assert_eq!(f.to_query(), "rag=not_rated&review=due&withdrawn=exclude");
        assert_eq!(f.applied().len(), 3);
    }
}
