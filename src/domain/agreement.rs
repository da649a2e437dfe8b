//! Agreements: their kinds and lifecycle statuses.

use super::enums::vocabulary;

vocabulary! {
    /// What sort of instrument an agreement is.
    AgreementKind, "agreement kind" {
        Treaty => "treaty", "Treaty",
        MemorandumOfUnderstanding => "memorandum_of_understanding", "Memorandum of understanding",
        ReturnsArrangement => "returns_arrangement", "Returns or readmission arrangement",
        JointActionPlan => "joint_action_plan", "Joint action plan",
        StatementOfIntent => "statement_of_intent", "Statement of intent",
        LawEnforcementCooperation => "law_enforcement_cooperation", "Law-enforcement cooperation arrangement",
        CapacityBuildingProgramme => "capacity_building_programme", "Capacity-building programme",
        Other => "other", "Other",
    }
}

vocabulary! {
    /// Where an agreement is in its life:
    /// proposed → negotiating → signed → in force → suspended → expired | terminated | superseded.
    AgreementStatus, "agreement status" {
        Proposed => "proposed", "Proposed",
        Negotiating => "negotiating", "Negotiating",
        Signed => "signed", "Signed",
        InForce => "in_force", "In force",
        Suspended => "suspended", "Suspended",
        Expired => "expired", "Expired",
        Terminated => "terminated", "Terminated",
        Superseded => "superseded", "Superseded",
    }
}

impl AgreementStatus {
    /// True once nothing more can happen to the agreement.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Expired | Self::Terminated | Self::Superseded)
    }

    /// The GOV.UK tag colour class suffix for this status.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Self::Proposed => "grey",
            Self::Negotiating => "blue",
            Self::Signed => "turquoise",
            Self::InForce => "green",
            Self::Suspended => "orange",
            Self::Expired | Self::Terminated | Self::Superseded => "red",
        }
    }
}

use super::{Classification, ContestStrand, FieldErrors, FormData, FormReader};
use serde::{Deserialize, Serialize};
use time::Date;

impl AgreementStatus {
    /// The statuses an agreement may move to from this one. The one table of
    /// allowed transitions: forms offer these, storage refuses anything else.
    pub fn allowed_next(self) -> &'static [AgreementStatus] {
        use AgreementStatus::*;
        match self {
            Proposed => &[Negotiating, Terminated],
            Negotiating => &[Signed, Proposed, Terminated],
            Signed => &[InForce, Terminated],
            InForce => &[Suspended, Expired, Terminated, Superseded],
            Suspended => &[InForce, Expired, Terminated, Superseded],
            Expired | Terminated | Superseded => &[],
        }
    }

    /// Checks a move, saying which moves are allowed when it is refused.
    pub fn check_transition(self, to: AgreementStatus) -> Result<(), String> {
        if self.allowed_next().contains(&to) {
            return Ok(());
        }
        let allowed: Vec<&str> = self.allowed_next().iter().map(|s| s.label()).collect();
        Err(if allowed.is_empty() {
            format!("An agreement that is {} cannot change status", self.label().to_lowercase())
        } else {
            format!(
                "An agreement that is {} can only become: {}",
                self.label().to_lowercase(),
                allowed.join(", ").to_lowercase()
            )
        })
    }
}

/// References (of agreements and arrangements): 3 to 40 letters, digits and the
/// separators `-` `/` `.`, starting with a letter and ending with a letter or digit,
/// no two separators together; upper-cased (e.g. `HO-LY-2024-003`).
pub fn parse_reference(text: &str) -> Result<String, &'static str> {
    let reference = text.trim().to_uppercase();
    let separator = |c: char| matches!(c, '-' | '/' | '.');
    if reference.is_empty() {
        Err("Enter a reference")
    } else if !reference.chars().all(|c| c.is_ascii_alphanumeric() || separator(c)) {
        Err("Reference must only include letters a to z, numbers, hyphens, slashes and full stops, like HO-LY-2024-003")
    } else if !reference.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Err("Reference must start with a letter, like HO-LY-2024-003")
    } else if !(3..=40).contains(&reference.len()) {
        Err("Reference must be between 3 and 40 characters")
    } else if reference.ends_with(separator)
        || reference
            .as_bytes()
            .windows(2)
            .any(|w| separator(w[0] as char) && separator(w[1] as char))
    {
        Err("Reference must have a letter or number on each side of a hyphen, slash or full stop")
    } else {
        Ok(reference)
    }
}

/// Everything an officer enters for an agreement (create and edit share it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDraft {
    pub reference: String,
    pub title: String,
    pub kind: AgreementKind,
    pub legally_binding: bool,
    /// Partner parties (ISO alpha-2), the UK excluded: it is always a party.
    pub partners: Vec<String>,
    pub signed_on: Option<Date>,
    pub in_force_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub lead_department_id: Option<i64>,
    pub owner: String,
    pub summary: String,
    pub funding_gbp: Option<i64>,
    pub funding_note: String,
    pub scope_tags: Vec<String>,
    pub strands: Vec<ContestStrand>,
    pub classification: Classification,
    pub next_review_on: Option<Date>,
    /// Reference of the agreement this one supersedes.
    pub supersedes: Option<String>,
    /// Reference of the agreement this one amends.
    pub amends: Option<String>,
}

/// Dates must run signed ≤ in force ≤ expires.
pub fn check_date_order(
    errors: &mut FieldErrors,
    signed_on: Option<Date>,
    in_force_on: Option<Date>,
    expires_on: Option<Date>,
) {
    if let (Some(signed), Some(in_force)) = (signed_on, in_force_on) {
        if in_force < signed {
            errors.add("in_force_on", "Date in force must be the same as or after the date signed");
        }
    }
    let start = in_force_on.or(signed_on);
    if let (Some(start), Some(expires)) = (start, expires_on) {
        if expires < start {
            errors.add(
                "expires_on",
                "Expiry date must be after the date it came into force (or was signed)",
            );
        }
    }
}

/// A review date, when set, must not already have passed.
pub fn check_review_date(errors: &mut FieldErrors, field: &str, review: Option<Date>, today: Date) {
    if review.is_some_and(|r| r < today) {
        errors.add(field, "Next review date must be today or in the future");
    }
}

impl AgreementDraft {
    /// Parses and validates a submitted agreement form. The UK (GB) is refused as a
    /// partner because it is always a party.
    pub fn parse(form: &FormData, today: Date) -> Result<AgreementDraft, FieldErrors> {
        let mut r = FormReader::new(form);
        let reference = match parse_reference(form.text("reference")) {
            Ok(reference) => reference,
            Err(message) => {
                r.errors.add("reference", message);
                String::new()
            }
        };
        let title = r.required_max("title", "Enter a title", "Title", 300);
        let kind = r.choice::<AgreementKind>("kind", "Select the kind of agreement");
        let legally_binding =
            r.yes_no("legally_binding", "Select yes if the agreement is legally binding");
        let mut partners: Vec<String> = Vec::new();
        for code in form.all("partners") {
            let code = code.to_uppercase();
            if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                r.errors.add("partners", "Select partners from the list");
            } else if code == "GB" {
                r.errors.add(
                    "partners",
                    "The United Kingdom is always a party: select the other parties",
                );
            } else if !partners.contains(&code) {
                partners.push(code);
            }
        }
        if partners.is_empty() && r.errors.get("partners").is_none() {
            r.errors.add("partners", "Select at least one partner country or territory");
        }
        let signed_on = r.date("signed_on", "Date signed");
        let in_force_on = r.date("in_force_on", "Date in force");
        let expires_on = r.date("expires_on", "Expiry date");
        check_date_order(&mut r.errors, signed_on, in_force_on, expires_on);
        let lead_department_id = r.id("lead_department_id", "lead department");
        let owner = r.optional("owner", "Owner", 120);
        let summary = r.optional("summary", "Summary", 5000);
        let funding_gbp = r.whole_number("funding_gbp", "Funding");
        let funding_note = r.optional("funding_note", "Funding note", 500);
        let scope_tags = parse_tags(&r.optional("scope_tags", "Scope tags", 300));
        let strands = r.choices::<ContestStrand>("strands", "CONTEST strand");
        let classification = Classification::from_form(&mut r);
        let next_review_on = r.date("next_review_on", "Next review date");
        check_review_date(&mut r.errors, "next_review_on", next_review_on, today);
        let supersedes = optional_reference(&mut r, form, "supersedes");
        let amends = optional_reference(&mut r, form, "amends");
        if supersedes.is_some() && supersedes == Some(reference.clone()) {
            r.errors.add("supersedes", "An agreement cannot supersede itself");
        }
        if amends.is_some() && amends == Some(reference.clone()) {
            r.errors.add("amends", "An agreement cannot amend itself");
        }
        let draft = AgreementDraft {
            reference,
            title,
            kind: kind.unwrap_or(AgreementKind::Other),
            legally_binding: legally_binding.unwrap_or(false),
            partners,
            signed_on,
            in_force_on,
            expires_on,
            lead_department_id,
            owner,
            summary,
            funding_gbp,
            funding_note,
            scope_tags,
            strands,
            classification,
            next_review_on,
            supersedes,
            amends,
        };
        r.finish(draft)
    }

    /// The form values that would parse back into this draft.
    pub fn to_form(&self) -> FormData {
        let mut f = FormData::default();
        let date = |d: Option<Date>| d.map(super::dates::iso).unwrap_or_default();
        f.push("reference", &self.reference);
        f.push("title", &self.title);
        f.push("kind", self.kind.code());
        f.push("legally_binding", if self.legally_binding { "yes" } else { "no" });
        for p in &self.partners {
            f.push("partners", p);
        }
        f.push("signed_on", date(self.signed_on));
        f.push("in_force_on", date(self.in_force_on));
        f.push("expires_on", date(self.expires_on));
        f.push(
            "lead_department_id",
            self.lead_department_id.map(|i| i.to_string()).unwrap_or_default(),
        );
        f.push("owner", &self.owner);
        f.push("summary", &self.summary);
        f.push("funding_gbp", self.funding_gbp.map(|n| n.to_string()).unwrap_or_default());
        f.push("funding_note", &self.funding_note);
        f.push("scope_tags", self.scope_tags.join(", "));
        for s in &self.strands {
            f.push("strands", s.code());
        }
        self.classification.to_form(&mut f);
        f.push("next_review_on", date(self.next_review_on));
        f.push("supersedes", self.supersedes.clone().unwrap_or_default());
        f.push("amends", self.amends.clone().unwrap_or_default());
        f
    }
}

/// An optional reference to another agreement, checked for form (existence is the
/// database's to check).
fn optional_reference(r: &mut FormReader<'_>, form: &FormData, field: &str) -> Option<String> {
    let text = form.text(field);
    if text.is_empty() {
        return None;
    }
    match parse_reference(text) {
        Ok(reference) => Some(reference),
        Err(message) => {
            r.errors.add(field, message);
            None
        }
    }
}

/// "maritime, Returns,  maritime" → ["maritime", "returns"].
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// A requested status change: to what, when, why, and (for superseding) by what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub to: AgreementStatus,
    pub changed_on: Date,
    pub note: String,
    /// Reference of the newer agreement, when `to` is superseded.
    pub superseded_by: Option<String>,
}

impl StatusChange {
    /// Parses the status-change form for an agreement currently `from`.
    pub fn parse(
        form: &FormData,
        from: AgreementStatus,
        today: Date,
    ) -> Result<StatusChange, FieldErrors> {
        let mut r = FormReader::new(form);
        let to = r.choice::<AgreementStatus>("to", "Select the new status");
        if let Some(to) = to {
            if let Err(message) = from.check_transition(to) {
                r.errors.add("to", message);
            }
        }
        let changed_on =
            r.required_date("changed_on", "Date of the change", "Enter the date of the change");
        if changed_on.is_some_and(|d| d > today) {
            r.errors.add("changed_on", "Date of the change must be today or in the past");
        }
        let note =
            r.required_max("note", "Enter a note saying why the status changed", "Note", 2000);
        let superseded_by = optional_reference(&mut r, form, "superseded_by");
        if to == Some(AgreementStatus::Superseded)
            && superseded_by.is_none()
            && r.errors.get("superseded_by").is_none()
        {
            r.errors.add("superseded_by", "Select the agreement that supersedes this one");
        }
        let change = StatusChange {
            to: to.unwrap_or(from),
            changed_on: changed_on.unwrap_or(today),
            note,
            superseded_by: superseded_by.filter(|_| to == Some(AgreementStatus::Superseded)),
        };
        r.finish(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 26);

    fn valid_form() -> FormData {
        let mut f = FormData::default();
        for (k, v) in [
            ("reference", "ho-ly-2026-001"),
            ("title", "Joint action plan on returns"),
            ("kind", "joint_action_plan"),
            ("legally_binding", "no"),
            ("partners", "LY"),
            ("signed_on", "2026-01-10"),
            ("in_force_on", "2026-02-01"),
            ("expires_on", "2028-02-01"),
            ("strands", "pursue"),
            ("classification", "official"),
            ("caveat", "sensitive"),
            ("next_review_on", "2027-01-01"),
        ] {
            f.push(k, v);
        }
        f
    }

    #[test]
    fn a_complete_form_parses_and_round_trips() {
        let draft = AgreementDraft::parse(&valid_form(), TODAY).expect("valid");
        assert_eq!(draft.reference, "HO-LY-2026-001");
        assert_eq!(draft.classification.to_string(), "OFFICIAL-SENSITIVE");
        assert_eq!(AgreementDraft::parse(&draft.to_form(), TODAY), Ok(draft));
    }

    #[test]
    fn required_fields_are_reported_by_field() {
        let errors = AgreementDraft::parse(&FormData::default(), TODAY).unwrap_err();
        for field in ["reference", "title", "kind", "legally_binding", "partners", "classification"]
        {
            assert!(errors.get(field).is_some(), "{field} should be reported");
        }
    }

    #[test]
    fn reference_must_be_well_formed() {
        assert!(parse_reference("HO LY 1").is_err());
        assert!(parse_reference("-ABC").is_err());
        assert!(parse_reference("AB").is_err());
        assert_eq!(parse_reference(" fcdo/ma/2025.2 "), Ok("FCDO/MA/2025.2".into()));
        assert_eq!(
            parse_reference("2026-02-30"),
            Err("Reference must start with a letter, like HO-LY-2024-003")
        );
        for bad in ["HO--LY", "HO-LY-", "HO_LY", "HÖ-LY", &"A".repeat(41)] {
            assert!(parse_reference(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_must_run_signed_then_in_force_then_expiry() {
        let mut f = valid_form();
        f.0.retain(|(k, _)| k != "in_force_on" && k != "expires_on");
        f.push("in_force_on", "2025-12-01");
        f.push("expires_on", "2025-11-01");
        let errors = AgreementDraft::parse(&f, TODAY).unwrap_err();
        assert!(errors.get("in_force_on").is_some());
        assert!(errors.get("expires_on").is_some());
    }

    #[test]
    fn review_date_in_the_past_is_refused() {
        let mut f = valid_form();
        f.0.retain(|(k, _)| k != "next_review_on");
        f.push("next_review_on", "2026-11-25");
        assert!(AgreementDraft::parse(&f, TODAY).unwrap_err().get("next_review_on").is_some());
    }

    #[test]
    fn the_uk_cannot_be_chosen_as_a_partner() {
        let mut f = valid_form();
        f.push("partners", "GB");
        assert!(AgreementDraft::parse(&f, TODAY).unwrap_err().get("partners").is_some());
    }

    #[test]
    fn lifecycle_runs_forward_and_suspension_can_be_lifted() {
        use AgreementStatus::*;
        for (from, to) in [
            (Proposed, Negotiating),
            (Negotiating, Signed),
            (Signed, InForce),
            (InForce, Suspended),
            (Suspended, InForce),
            (InForce, Expired),
            (InForce, Superseded),
            (InForce, Terminated),
        ] {
            assert!(from.check_transition(to).is_ok(), "{from} → {to}");
        }
    }

    #[test]
    fn refused_transition_names_the_allowed_ones() {
        let message =
            AgreementStatus::Proposed.check_transition(AgreementStatus::InForce).unwrap_err();
        assert!(message.contains("negotiating") && message.contains("terminated"), "{message}");
        assert!(AgreementStatus::Expired.check_transition(AgreementStatus::InForce).is_err());
    }

    #[test]
    fn superseding_requires_the_newer_agreement() {
        let mut f = FormData::default();
        f.push("to", "superseded");
        f.push("changed_on", "2026-11-01");
        f.push("note", "Replaced by the 2026 plan");
        let errors = StatusChange::parse(&f, AgreementStatus::InForce, TODAY).unwrap_err();
        assert!(errors.get("superseded_by").is_some());
        f.push("superseded_by", "ho-ly-2026-002");
        let change = StatusChange::parse(&f, AgreementStatus::InForce, TODAY).unwrap();
        assert_eq!(change.superseded_by.as_deref(), Some("HO-LY-2026-002"));
    }

    #[test]
    fn a_status_change_cannot_be_dated_in_the_future() {
        let mut f = FormData::default();
        f.push("to", "negotiating");
        f.push("changed_on", "2026-12-01");
        f.push("note", "Talks open");
        let errors = StatusChange::parse(&f, AgreementStatus::Proposed, TODAY).unwrap_err();
        assert!(errors.get("changed_on").is_some());
    }

    #[test]
    fn tags_are_lower_case_and_unique() {
        assert_eq!(parse_tags("Maritime, returns ,maritime,,"), vec!["maritime", "returns"]);
    }
}
