//! Assessments of commitments and "marked reviewed" for agreements and sharing
//! arrangements: what a reviewer enters, its validation, and the wording of the
//! assessment timeline ("what changed since the previous one").

use super::agreement::check_review_date;
use super::commitment_record::AssessmentEntry;
use super::{Classification, CommitmentStatus, FieldErrors, FormData, FormReader, Rag};
use serde::{Deserialize, Serialize};
use time::Date;

/// The longest progress note, evidence or review note accepted.
const NOTE_MAX: usize = 4000;

/// Everything a reviewer enters for one assessment of a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentDraft {
    pub status: CommitmentStatus,
    pub rag: Rag,
    pub progress_note: String,
    /// Text and links (only http(s) links are shown as links).
    pub evidence: String,
    pub next_review_on: Option<Date>,
    pub assessed_on: Date,
    pub classification: Classification,
    /// The earlier assessment of the same commitment this one corrects.
    pub corrects: Option<i64>,
}

/// Refuses an assessment or review dated after `today`.
fn check_not_future(errors: &mut FieldErrors, field: &str, what: &str, on: Date, today: Date) {
    if on > today {
        errors.add(field, format!("{what} must be today or in the past"));
    }
}

/// Refuses a next review date that is not after the date of the judgement itself.
fn check_after(errors: &mut FieldErrors, next: Option<Date>, on: Option<Date>, what: &str) {
    if let (Some(next), Some(on)) = (next, on) {
        if next <= on {
            errors.add("next_review_on", format!("Next review date must be after {what}"));
        }
    }
}

impl AssessmentDraft {
    /// Parses the assessment form. That `corrects` names an assessment of the same
    /// commitment, and the marking's bounds (the commitment's marking, the writer's
    /// clearance), are checked by storage, which knows them.
    pub fn parse(form: &FormData, today: Date) -> Result<AssessmentDraft, FieldErrors> {
        let mut r = FormReader::new(form);
        let status = r.choice::<CommitmentStatus>("status", "Select a status");
        let rag = r.choice::<Rag>("rag", "Select red, amber or green");
        let progress_note =
            r.required_max("progress_note", "Enter a progress note", "Progress note", NOTE_MAX);
        let evidence = r.optional("evidence", "Evidence", NOTE_MAX);
        let assessed_on = r.required_date(
            "assessed_on",
            "Date of the assessment",
            "Enter the date of the assessment",
        );
        if let Some(on) = assessed_on {
            check_not_future(&mut r.errors, "assessed_on", "Date of the assessment", on, today);
        }
        let next_review_on = r.date("next_review_on", "Next review date");
        check_after(&mut r.errors, next_review_on, assessed_on, "the date of the assessment");
        let classification = Classification::from_form(&mut r);
        let corrects = r.id("corrects", "assessment to correct");
        let draft = AssessmentDraft {
            status: status.unwrap_or(CommitmentStatus::NotStarted),
            rag: rag.unwrap_or(Rag::Amber),
            progress_note,
            evidence,
            next_review_on,
            assessed_on: assessed_on.unwrap_or(today),
            classification,
            corrects,
        };
        r.finish(draft)
    }

    /// The values a new assessment form starts with: today, the commitment's current
    /// status and RAG, and its marking (an assessment is never marked below it).
    pub fn blank_form(
        status: CommitmentStatus,
        rag: Option<Rag>,
        marking: &Classification,
        today: Date,
    ) -> FormData {
        let mut f = FormData::default();
        f.push("status", status.code());
        f.push("rag", rag.map(|r| r.code()).unwrap_or_default());
        f.push("assessed_on", super::dates::iso(today));
        marking.to_form(&mut f);
        f
    }
}

/// What the assessment timeline says changed from `previous` (the next older
/// assessment the reader may see) to `current`: "Status: In progress → Met; RAG:
/// Amber → Green". The first assessment says so; an unchanged one says that.
pub fn changes(previous: Option<&AssessmentEntry>, current: &AssessmentEntry) -> String {
    let Some(previous) = previous else {
        return "First assessment".to_owned();
    };
    let date = |d: Option<Date>| d.map(super::dates::long).unwrap_or_else(|| "not set".into());
    let mut parts = Vec::new();
    if previous.status != current.status {
        parts.push(format!("Status: {} → {}", previous.status.label(), current.status.label()));
    }
    if previous.rag != current.rag {
        parts.push(format!("RAG: {} → {}", previous.rag.label(), current.rag.label()));
    }
    if previous.next_review_on != current.next_review_on {
        parts.push(format!(
            "Next review: {} → {}",
            date(previous.next_review_on),
            date(current.next_review_on)
        ));
    }
    if parts.is_empty() {
        "No change to status, RAG or next review".to_owned()
    } else {
        parts.join("; ")
    }
}

/// How a correction is labelled: "Corrects the assessment of 3 March 2026", or
/// without the date when the corrected one is not shown to the reader.
pub fn correction_label(corrected_on: Option<Date>) -> String {
    match corrected_on {
        Some(on) => format!("Corrects the assessment of {}", super::dates::long(on)),
        None => "Corrects an earlier assessment".to_owned(),
    }
}

/// A piece of evidence text: plain text, or a link (http or https only, so a
/// `javascript:` or `file:` address is never made clickable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidencePart {
    Text(String),
    Link(String),
}

/// Splits evidence into text and links, keeping the text's spacing.
pub fn evidence_parts(evidence: &str) -> Vec<EvidencePart> {
    let mut parts: Vec<EvidencePart> = Vec::new();
    let push_text = |parts: &mut Vec<EvidencePart>, text: &str| match parts.last_mut() {
        Some(EvidencePart::Text(t)) => t.push_str(text),
        _ => parts.push(EvidencePart::Text(text.to_owned())),
    };
    for piece in evidence.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let lower = word.to_ascii_lowercase();
        let is_link = (lower.starts_with("https://") || lower.starts_with("http://"))
            && word.len() > "https://".len();
        if is_link {
            parts.push(EvidencePart::Link(word.to_owned()));
            push_text(&mut parts, &piece[word.len()..]);
        } else {
            push_text(&mut parts, piece);
        }
    }
    parts.retain(|p| !matches!(p, EvidencePart::Text(t) if t.is_empty()));
    parts
}

/// Everything a reviewer enters to mark an agreement or sharing arrangement reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub reviewed_on: Date,
    pub note: String,
    pub next_review_on: Date,
    pub classification: Classification,
}

impl ReviewDraft {
    /// Parses the "mark as reviewed" form; storage checks the marking's bounds.
    pub fn parse(form: &FormData, today: Date) -> Result<ReviewDraft, FieldErrors> {
        let mut r = FormReader::new(form);
        let reviewed_on =
            r.required_date("reviewed_on", "Date of the review", "Enter the date of the review");
        if let Some(on) = reviewed_on {
            check_not_future(&mut r.errors, "reviewed_on", "Date of the review", on, today);
        }
        let note = r.optional("note", "Note", NOTE_MAX);
        let next_review_on =
            r.required_date("next_review_on", "Next review date", "Enter the next review date");
        check_review_date(&mut r.errors, "next_review_on", next_review_on, today);
        check_after(&mut r.errors, next_review_on, reviewed_on, "the date of the review");
        let classification = Classification::from_form(&mut r);
        let draft = ReviewDraft {
            reviewed_on: reviewed_on.unwrap_or(today),
            note,
            next_review_on: next_review_on.unwrap_or(today),
            classification,
        };
        r.finish(draft)
    }

    /// The values the form starts with: reviewed today, marked as the record is.
    pub fn blank_form(marking: &Classification, today: Date) -> FormData {
        let mut f = FormData::default();
        f.push("reviewed_on", super::dates::iso(today));
        marking.to_form(&mut f);
        f
    }
}

/// Which record a review is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewSubject {
    Agreement(i64),
    Sharing(i64),
}

impl ReviewSubject {
    /// The record's page.
    pub fn path(self) -> String {
        match self {
            ReviewSubject::Agreement(id) => format!("/agreements/{id}"),
            ReviewSubject::Sharing(id) => format!("/sharing/{id}"),
        }
    }

    /// "Agreement" or "Sharing arrangement", as banners and titles name it.
    pub fn noun(self) -> &'static str {
        match self {
            ReviewSubject::Agreement(_) => "Agreement",
            ReviewSubject::Sharing(_) => "Sharing arrangement",
        }
    }
}

/// One "marked reviewed" entry in a record's review history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub id: i64,
    pub reviewed_on: Date,
    pub reviewer: String,
    pub note: String,
    pub next_review_on: Option<Date>,
    pub classification: Classification,
}

#[cfg(test)]
mod tests;
