//! Commitments: what an officer enters, how they are read back, and the register's filter.

use super::agreement::check_review_date;
use super::agreement_filter::ReviewState;
use super::enums::vocabulary;
use super::list_filter::{
    partner_name, query_date, query_flag, query_page, query_text, Applied, AppliedFilter,
    ListFilter, QueryWriter,
};
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
    pub sort: CommitmentSort,
    pub descending: bool,
    pub page: i64,
}

vocabulary! {
    /// What the register may be sorted by (never reaches SQL as text).
    #[derive(Default)]
    CommitmentSort, "sort order" {
        #[default]
        Due => "due", "Due date",
        Status => "status", "Status",
        Rag => "rag", "RAG",
        Updated => "updated", "Last updated",
    }
}

impl ListFilter for CommitmentFilter {
    const PATH: &'static str = "/commitments";

    fn from_query(get: impl Fn(&str) -> Option<String>) -> CommitmentFilter {
        let text = |k: &str| query_text(&get, k);
        CommitmentFilter {
            partner: text("partner").map(|p| p.to_uppercase()),
            route: text("route"),
            agreement: text("agreement").and_then(|v| v.parse().ok()),
            strand: text("strand").and_then(|v| v.parse().ok()),
            owner: text("owner"),
            status: text("status").and_then(|v| v.parse().ok()),
            rag: text("rag").and_then(|v| v.parse().ok()),
            unrated: text("rag").as_deref() == Some(NOT_RATED),
            overdue: query_flag(text("overdue")),
            due_before: query_date(&get, "due_before"),
            review: text("review").and_then(|v| v.parse().ok()),
            exclude_withdrawn: text("withdrawn").as_deref() == Some("exclude"),
            open: text("status").as_deref() == Some(OPEN),
            party: text("party").map(|p| p.to_uppercase()),
            lead: text("lead").and_then(|v| v.parse().ok()),
            owner_exact: text("owner_match").as_deref() == Some("exact"),
            sort: text("sort").and_then(|v| v.parse().ok()).unwrap_or_default(),
            descending: text("dir").as_deref() == Some("desc"),
            page: query_page(text("page")),
        }
    }

    fn to_query(&self) -> String {
        let mut q = QueryWriter::default();
        q.put("partner", self.partner.clone());
        q.put("route", self.route.clone());
        q.put("agreement", self.agreement.map(|v| v.to_string()));
        q.put("strand", self.strand.map(|v| v.code().to_owned()));
        q.put("owner", self.owner.clone());
        q.put("status", self.status.map(|v| v.code().to_owned()));
        q.put("status", (self.status.is_none() && self.open).then(|| OPEN.to_owned()));
        q.put("rag", self.rag.map(|v| v.code().to_owned()));
        q.put("rag", (self.rag.is_none() && self.unrated).then(|| NOT_RATED.to_owned()));
        q.put("overdue", self.overdue.then(|| "true".to_owned()));
        q.put("due_before", self.due_before.map(super::dates::iso));
        q.put("review", self.review.map(|v| v.code().to_owned()));
        q.put("withdrawn", self.exclude_withdrawn.then(|| "exclude".to_owned()));
        q.put("party", self.party.clone());
        q.put("lead", self.lead.map(|v| v.to_string()));
        q.put("owner_match", self.owner_exact.then(|| "exact".to_owned()));
        q.finish_with(self.sort, CommitmentSort::code, self.descending, self.page)
    }

    fn page(&self) -> i64 {
        self.page
    }

    fn with_page(&self, page: i64) -> CommitmentFilter {
        CommitmentFilter { page, ..self.clone() }
    }

    /// The route is given as its slug, the agreement as its id.
    fn applied(&self) -> Vec<AppliedFilter> {
        let mut all = Applied::default();
        all.put("partner", "Partner", self.partner.as_deref().map(partner_name));
        all.put("route", "Route", self.route.clone());
        all.put("agreement", "Agreement", self.agreement.map(|v| v.to_string()));
        let open = (self.status.is_none() && self.open).then(|| OPEN_LABEL.to_owned());
        all.put("status", "Status", self.status.map(|v| v.label().to_owned()).or(open));
        let rag = self.rag.map(|v| v.label().to_owned());
        all.put("rag", "RAG", rag.or_else(|| self.unrated.then(|| "Not rated".to_owned())));
        all.put("strand", "CONTEST strand", self.strand.map(|v| v.label().to_owned()));
        all.put("owner", "Owner", self.owner.clone());
        all.put("due_before", "Due before", self.due_before.map(super::dates::long));
        all.put("overdue", "Overdue", self.overdue.then(|| "Overdue only".to_owned()));
        all.put("review", "Next review", self.review.map(|v| v.label().to_owned()));
        let withdrawn = self.exclude_withdrawn.then(|| "Left out".to_owned());
        all.put("withdrawn", "Withdrawn", withdrawn);
        all.put("party", "Committing party", self.party.as_deref().map(partner_name));
        all.put("lead", "Lead department", self.lead.map(|v| v.to_string()));
        let exact = self.owner_exact.then(|| "Whole name".to_owned());
        all.put("owner_match", "Owner match", exact);
        all.finish()
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
