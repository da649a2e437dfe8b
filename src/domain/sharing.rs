//! Intelligence-sharing arrangements: their closed vocabularies.

use super::enums::vocabulary;
use super::list_filter::{
    partner_name, query_date, query_page, query_text, Applied, AppliedFilter, ListFilter,
    QueryWriter,
};

vocabulary! {
    /// Which way information flows.
    Direction, "direction" {
        UkToPartner => "uk_to_partner", "UK to partner",
        PartnerToUk => "partner_to_uk", "Partner to UK",
        TwoWay => "two_way", "Two-way",
    }
}

vocabulary! {
    /// Whether a recipient may pass the information on.
    OnwardSharing, "onward-sharing rule" {
        Prohibited => "prohibited", "Prohibited",
        WithOriginatorConsent => "with_originator_consent", "Only with the originator's consent",
        Permitted => "permitted", "Permitted",
    }
}

vocabulary! {
    /// Progress of the Overseas Security and Justice Assistance (human-rights) assessment.
    OsjaStatus, "OSJA assessment status" {
        NotStarted => "not_started", "Not started",
        InProgress => "in_progress", "In progress",
        Completed => "completed", "Completed",
        ReviewRequired => "review_required", "Review required",
    }
}

vocabulary! {
    /// Lifecycle of a sharing arrangement.
    SharingStatus, "sharing arrangement status" {
        Proposed => "proposed", "Proposed",
        Active => "active", "Active",
        Suspended => "suspended", "Suspended",
        Ended => "ended", "Ended",
    }
}

vocabulary! {
    /// What sort of information is shared.
    DataCategory, "data category" {
        Biometrics => "biometrics", "Biometrics",
        PassengerData => "passenger_data", "Passenger data",
        SmugglingNetworkIntelligence => "smuggling_network_intelligence", "Smuggling-network intelligence",
        VesselSightings => "vessel_sightings", "Vessel sightings",
        Financial => "financial", "Financial",
        IdentityDocuments => "identity_documents", "Identity documents",
        CriminalRecords => "criminal_records", "Criminal records",
        Other => "other", "Other",
    }
}

impl SharingStatus {
    /// The GOV.UK tag colour class suffix for this status.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Self::Proposed => "grey",
            Self::Active => "green",
            Self::Suspended => "orange",
            Self::Ended => "red",
        }
    }
}

use super::agreement::{check_review_date, parse_reference};
use super::{Classification, FieldErrors, FormData, FormReader};
use serde::{Deserialize, Serialize};
use time::Date;

/// Everything an officer enters for a sharing arrangement (create and edit share it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingDraft {
    pub reference: String,
    pub title: String,
    /// The UK body that shares or receives, from the managed list.
    pub uk_body_id: i64,
    /// The partner country or territory (ISO alpha-2), never the UK.
    pub partner: String,
    /// The partner's agency or body, as it names itself.
    pub partner_body: String,
    pub data_categories: Vec<DataCategory>,
    pub direction: Direction,
    pub legal_basis: String,
    pub handling_caveats: String,
    pub onward_sharing: OnwardSharing,
    pub osja_status: OsjaStatus,
    /// When the OSJA assessment was completed (required once it is).
    pub osja_assessed_on: Option<Date>,
    /// Reference of the governing agreement, if there is one.
    pub agreement: Option<String>,
    pub status: SharingStatus,
    pub classification: Classification,
    pub next_review_on: Option<Date>,
}

impl SharingDraft {
    /// Parses and validates a submitted sharing-arrangement form, reporting every
    /// problem in form order. Existence of the UK body, partner and agreement is the
    /// database's to check.
    pub fn parse(form: &FormData, today: Date) -> Result<SharingDraft, FieldErrors> {
        let mut r = FormReader::new(form);
        let reference = parse_reference(form.text("reference")).unwrap_or_else(|message| {
            r.errors.add("reference", message);
            String::new()
        });
        let title = r.required_max("title", "Enter a title", "Title", 300);
        let uk_body_id = r.id("uk_body_id", "UK body");
        if form.text("uk_body_id").is_empty() {
            r.errors.add("uk_body_id", "Select the UK body");
        }
        let partner = parse_partner(&mut r, form.text("partner"));
        let partner_body =
            r.required_max("partner_body", "Enter the partner body", "Partner body", 200);
        // In vocabulary order, as stored and shown, whatever order they arrived in.
        let mut data_categories = r.choices::<DataCategory>("data_categories", "data category");
        data_categories.sort();
        if data_categories.is_empty() {
            r.errors.add("data_categories", "Select at least one data category");
        }
        let direction = r.choice::<Direction>("direction", "Select the direction of sharing");
        let legal_basis = r.optional("legal_basis", "Legal basis", 1000);
        let handling_caveats = r.optional("handling_caveats", "Handling caveats", 1000);
        let onward_sharing =
            r.choice::<OnwardSharing>("onward_sharing", "Select the onward-sharing rule");
        let osja_status =
            r.choice::<OsjaStatus>("osja_status", "Select the OSJA assessment status");
        let osja_assessed_on = r.date("osja_assessed_on", "Date of the OSJA assessment");
        check_osja_date(
            &mut r.errors,
            osja_status,
            osja_assessed_on,
            super::dates::DateInput::from_form(form, "osja_assessed_on").is_blank(),
            today,
        );
        let agreement = match form.text("agreement") {
            "" => None,
            text => {
                parse_reference(text).map_err(|message| r.errors.add("agreement", message)).ok()
            }
        };
        let status = r.choice::<SharingStatus>("status", "Select the status of the arrangement");
        let classification = Classification::from_form(&mut r);
        let next_review_on = r.date("next_review_on", "Next review date");
        check_review_date(&mut r.errors, "next_review_on", next_review_on, today);
        let draft = SharingDraft {
            reference,
            title,
            uk_body_id: uk_body_id.unwrap_or(0),
            partner,
            partner_body,
            data_categories,
            direction: direction.unwrap_or(Direction::TwoWay),
            legal_basis,
            handling_caveats,
            onward_sharing: onward_sharing.unwrap_or(OnwardSharing::Prohibited),
            osja_status: osja_status.unwrap_or(OsjaStatus::NotStarted),
            osja_assessed_on,
            agreement,
            status: status.unwrap_or(SharingStatus::Proposed),
            classification,
            next_review_on,
        };
        r.finish(draft)
    }

    /// The form values that would parse back into this draft.
    pub fn to_form(&self) -> FormData {
        let mut f = FormData::default();
        let date = |d: Option<Date>| d.map(super::dates::iso).unwrap_or_default();
        f.push("reference", &self.reference);
        f.push("title", &self.title);
        f.push("uk_body_id", self.uk_body_id.to_string());
        f.push("partner", &self.partner);
        f.push("partner_body", &self.partner_body);
        for c in &self.data_categories {
            f.push("data_categories", c.code());
        }
        f.push("direction", self.direction.code());
        f.push("legal_basis", &self.legal_basis);
        f.push("handling_caveats", &self.handling_caveats);
        f.push("onward_sharing", self.onward_sharing.code());
        f.push("osja_status", self.osja_status.code());
        f.push("osja_assessed_on", date(self.osja_assessed_on));
        f.push("agreement", self.agreement.clone().unwrap_or_default());
        f.push("status", self.status.code());
        self.classification.to_form(&mut f);
        f.push("next_review_on", date(self.next_review_on));
        f
    }
}

/// The partner: two letters, and not the UK (it is always the other side).
fn parse_partner(r: &mut FormReader<'_>, text: &str) -> String {
    let code = text.to_uppercase();
    if code.is_empty() {
        r.errors.add("partner", "Select the partner country or territory");
    } else if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        r.errors.add("partner", "Select the partner from the list");
    } else if code == "GB" {
        r.errors.add(
            "partner",
            "The partner cannot be the United Kingdom: select the other country or territory",
        );
    }
    code
}

/// A completed OSJA assessment needs its date; no assessment date may be in the future.
fn check_osja_date(
    errors: &mut FieldErrors,
    status: Option<OsjaStatus>,
    on: Option<Date>,
    blank: bool,
    today: Date,
) {
    if status == Some(OsjaStatus::Completed) && blank {
        errors.add("osja_assessed_on", "Enter the date the OSJA assessment was completed");
    }
    if on.is_some_and(|d| d > today) {
        errors.add("osja_assessed_on", "Date of the OSJA assessment must be today or in the past");
    }
}

/// The governing agreement as linked from an arrangement's page (only when the
/// reader may see it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoverningAgreement {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub classification: Classification,
}

/// Everything the arrangement page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingDetail {
    pub id: i64,
    pub version: i64,
    pub draft: SharingDraft,
    pub uk_body: String,
    pub partner_name: String,
    /// `None` when there is none, or when it is above the reader's clearance.
    pub agreement: Option<GoverningAgreement>,
    pub illustrative: bool,
    pub updated_at: String,
}

impl SharingDetail {
    /// The highest marking of the arrangement and the governing agreement it shows.
    pub fn page_marking(&self) -> Classification {
        let mut marking = self.draft.classification.clone();
        if let Some(agreement) = &self.agreement {
            marking.raise(&agreement.classification);
        }
        marking
    }
}

/// One line of the sharing-arrangement list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingRow {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub partner: String,
    pub partner_name: String,
    pub uk_body: String,
    pub data_categories: Vec<DataCategory>,
    pub direction: Direction,
    pub osja_status: OsjaStatus,
    pub status: SharingStatus,
    pub next_review_on: Option<Date>,
    pub classification: Classification,
}

vocabulary! {
    /// What the sharing list may be sorted by (never reaches SQL as text).
    #[derive(Default)]
    SharingSort, "sort order" {
        #[default]
        Reference => "reference", "Reference",
        Title => "title", "Title",
        Partner => "partner", "Partner",
        Status => "status", "Status",
        NextReview => "next_review", "Next review",
        Updated => "updated", "Last updated",
    }
}

/// The list's filters, as query parameters (`?partner=LY&data_category=biometrics&…`);
/// unknown values are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingFilter {
    pub partner: Option<String>,
    pub data_category: Option<DataCategory>,
    pub direction: Option<Direction>,
    pub status: Option<SharingStatus>,
    pub osja: Option<OsjaStatus>,
    /// Arrangements whose next review falls before this date.
    pub review_due: Option<Date>,
    /// Next review due soon or past (`review=due|overdue`), as the dashboard counts.
    pub review: Option<super::ReviewState>,
    pub sort: SharingSort,
    pub descending: bool,
    /// 1-based.
    pub page: i64,
}

impl ListFilter for SharingFilter {
    const PATH: &'static str = "/sharing";

    fn from_query(get: impl Fn(&str) -> Option<String>) -> SharingFilter {
        let text = |k: &str| query_text(&get, k);
        SharingFilter {
            partner: text("partner").map(|p| p.to_uppercase()),
            data_category: text("data_category").and_then(|v| v.parse().ok()),
            direction: text("direction").and_then(|v| v.parse().ok()),
            status: text("status").and_then(|v| v.parse().ok()),
            osja: text("osja").and_then(|v| v.parse().ok()),
            review_due: query_date(&get, "review_due"),
            review: text("review").and_then(|v| v.parse().ok()),
            sort: text("sort").and_then(|v| v.parse().ok()).unwrap_or_default(),
            descending: text("dir").as_deref() == Some("desc"),
            page: query_page(text("page")),
        }
    }

    fn to_query(&self) -> String {
        let mut q = QueryWriter::default();
        q.put("partner", self.partner.clone());
        q.put("data_category", self.data_category.map(|v| v.code().to_owned()));
        q.put("direction", self.direction.map(|v| v.code().to_owned()));
        q.put("status", self.status.map(|v| v.code().to_owned()));
        q.put("osja", self.osja.map(|v| v.code().to_owned()));
        q.put("review_due", self.review_due.map(super::dates::iso));
        q.put("review", self.review.map(|v| v.code().to_owned()));
        q.finish_with(self.sort, SharingSort::code, self.descending, self.page)
    }

    fn page(&self) -> i64 {
        self.page
    }

    fn with_page(&self, page: i64) -> SharingFilter {
        SharingFilter { page, ..self.clone() }
    }

    fn applied(&self) -> Vec<AppliedFilter> {
        let mut all = Applied::default();
        all.put("partner", "Partner", self.partner.as_deref().map(partner_name));
        let category = self.data_category.map(|v| v.label().to_owned());
        all.put("data_category", "Data category", category);
        all.put("direction", "Direction", self.direction.map(|v| v.label().to_owned()));
        all.put("status", "Status", self.status.map(|v| v.label().to_owned()));
        all.put("osja", "OSJA assessment", self.osja.map(|v| v.label().to_owned()));
        all.put("review_due", "Review due before", self.review_due.map(super::dates::long));
        all.put("review", "Next review", self.review.map(|v| v.label().to_owned()));
        all.finish()
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a test fails by panicking")]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 26);

    fn valid_form() -> FormData {
        let mut f = FormData::default();
        for (k, v) in [
            ("reference", "nca-fr-2026-01"),
            ("title", "Vessel sightings exchange"),
            ("uk_body_id", "4"),
            ("partner", "fr"),
            ("partner_body", "Maritime operations centre"),
            ("data_categories", "vessel_sightings"),
            ("data_categories", "biometrics"),
            ("direction", "two_way"),
            ("legal_basis", "Memorandum of understanding, article 4"),
            ("handling_caveats", "No onward release"),
            ("onward_sharing", "with_originator_consent"),
            ("osja_status", "completed"),
            ("osja_assessed_on", "2026-10-01"),
            ("agreement", "ho-fr-2023-002"),
            ("status", "active"),
            ("classification", "secret"),
            ("caveat", "uk eyes only"),
            ("next_review_on", "2027-05-01"),
        ] {
            f.push(k, v);
        }
        f
    }

    fn without(field: &str) -> FormData {
        let mut f = valid_form();
        f.0.retain(|(k, _)| k != field);
        f
    }

    fn with(field: &str, value: &str) -> FormData {
        let mut f = without(field);
        f.push(field, value);
        f
    }

    fn error(form: &FormData, field: &str) -> Option<String> {
        SharingDraft::parse(form, TODAY).err().and_then(|e| e.get(field).map(str::to_owned))
    }

    #[test]
    fn a_complete_form_parses_and_round_trips() {
        let draft = SharingDraft::parse(&valid_form(), TODAY).expect("valid");
        assert_eq!(draft.reference, "NCA-FR-2026-01");
        assert_eq!(draft.partner, "FR");
        assert_eq!(draft.uk_body_id, 4);
        assert_eq!(
            draft.data_categories,
            vec![DataCategory::Biometrics, DataCategory::VesselSightings]
        );
        assert_eq!(draft.agreement.as_deref(), Some("HO-FR-2023-002"));
        assert_eq!(draft.classification.to_string(), "SECRET UK EYES ONLY");
        assert_eq!(SharingDraft::parse(&draft.to_form(), TODAY), Ok(draft));
    }

    #[test]
    fn required_fields_are_reported_by_field_in_form_order() {
        let errors = SharingDraft::parse(&FormData::default(), TODAY).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "reference",
                "title",
                "uk_body_id",
                "partner",
                "partner_body",
                "data_categories",
                "direction",
                "onward_sharing",
                "osja_status",
                "status",
                "classification"
            ]
        );
    }

    #[test]
    fn reference_follows_the_agreement_reference_rules() {
        assert!(error(&with("reference", "NCA FR 1"), "reference").is_some());
        assert!(error(&with("reference", "AB"), "reference").is_some());
    }

    #[test]
    fn uk_body_must_be_chosen_from_the_list() {
        assert_eq!(
            error(&without("uk_body_id"), "uk_body_id").as_deref(),
            Some("Select the UK body")
        );
        assert!(error(&with("uk_body_id", "home office"), "uk_body_id").is_some());
    }

    #[test]
    fn the_uk_cannot_be_the_partner() {
        let message = error(&with("partner", "gb"), "partner").expect("refused");
        assert!(message.contains("United Kingdom"), "{message}");
        assert!(error(&with("partner", "France"), "partner").is_some());
        assert!(error(&without("partner"), "partner").is_some());
    }

    #[test]
    fn partner_body_is_required() {
        assert!(error(&with("partner_body", "  "), "partner_body").is_some());
    }

    #[test]
    fn at_least_one_data_category_and_only_known_ones() {
        assert_eq!(
            error(&without("data_categories"), "data_categories").as_deref(),
            Some("Select at least one data category")
        );
        let mut f = valid_form();
        f.push("data_categories", "gossip");
        assert!(error(&f, "data_categories").is_some());
    }

    #[test]
    fn completed_osja_needs_its_date() {
        assert!(error(&without("osja_assessed_on"), "osja_assessed_on").is_some());
        let in_progress = {
            let mut f = with("osja_status", "in_progress");
            f.0.retain(|(k, _)| k != "osja_assessed_on");
            f
        };
        assert!(SharingDraft::parse(&in_progress, TODAY).is_ok());
    }

    #[test]
    fn osja_date_cannot_be_in_the_future() {
        assert!(error(&with("osja_assessed_on", "2026-11-27"), "osja_assessed_on").is_some());
        assert!(error(&with("osja_assessed_on", "2026-11-26"), "osja_assessed_on").is_none());
        assert!(error(&with("osja_assessed_on", "2026-02-30"), "osja_assessed_on").is_some());
    }

    #[test]
    fn governing_agreement_is_optional_but_well_formed() {
        let draft = SharingDraft::parse(&without("agreement"), TODAY).expect("valid");
        assert_eq!(draft.agreement, None);
        assert!(error(&with("agreement", "no such ref!"), "agreement").is_some());
    }

    #[test]
    fn review_date_in_the_past_is_refused() {
        assert!(error(&with("next_review_on", "2026-11-25"), "next_review_on").is_some());
        assert!(error(&with("next_review_on", "2026-11-26"), "next_review_on").is_none());
    }

    #[test]
    fn vocabularies_refuse_unknown_values() {
        for field in ["direction", "onward_sharing", "osja_status", "status", "classification"] {
            assert!(error(&with(field, "sideways"), field).is_some(), "{field}");
        }
    }

    #[test]
    fn page_marking_is_the_highest_of_arrangement_and_agreement() {
        let draft = SharingDraft::parse(&valid_form(), TODAY).expect("valid");
        let mut detail = SharingDetail {
            id: 1,
            version: 1,
            draft,
            uk_body: "National Crime Agency".into(),
            partner_name: "France".into(),
            agreement: None,
            illustrative: false,
            updated_at: String::new(),
        };
        assert_eq!(detail.page_marking().to_string(), "SECRET UK EYES ONLY");
        detail.agreement = Some(GoverningAgreement {
            id: 2,
            reference: "HO-FR-2023-002".into(),
            title: "Treaty".into(),
            classification: Classification::new(super::super::Level::TopSecret),
        });
        assert_eq!(detail.page_marking().to_string(), "TOP SECRET UK EYES ONLY");
    }

    #[test]
    fn filter_query_round_trips_and_ignores_unknown_values() {
        let q = [
            ("partner", "ly"),
            ("data_category", "biometrics"),
            ("direction", "north"),
            ("osja", "review_required"),
            ("review_due", "2027-01-01"),
            ("sort", "next_review"),
            ("page", "2"),
        ];
        let get = |k: &str| q.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string());
        let f = SharingFilter::from_query(get);
        assert_eq!(f.partner.as_deref(), Some("LY"));
        assert_eq!(f.data_category, Some(DataCategory::Biometrics));
        assert_eq!(f.direction, None);
        assert_eq!(f.osja, Some(OsjaStatus::ReviewRequired));
        assert_eq!(f.review_due, Some(date!(2027 - 01 - 01)));
        assert_eq!(
            f.to_query(),
            "partner=LY&data_category=biometrics&osja=review_required&review_due=2027-01-01&sort=next_review&page=2"
        );
        assert_eq!(SharingFilter::from_query(|_| None).to_query(), "");
    }
}
