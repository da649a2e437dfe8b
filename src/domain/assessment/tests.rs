use super::*;
use crate::Level;
use time::macros::date;

fn form(pairs: &[(&str, &str)]) -> FormData {
    FormData(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

const TODAY: Date = date!(2026 - 03 - 10);

fn complete() -> Vec<(&'static str, &'static str)> {
    vec![
        ("status", "met"),
        ("rag", "green"),
        ("progress_note", "Delivered"),
        ("evidence", "See https://example.org/report"),
        ("next_review_on-day", "1"),
        ("next_review_on-month", "6"),
        ("next_review_on-year", "2026"),
        ("assessed_on", "2026-03-03"),
        ("classification", "official"),
    ]
}

#[test]
fn a_complete_assessment_parses() {
    let draft = AssessmentDraft::parse(&form(&complete()), TODAY).expect("valid");
    assert_eq!((draft.status, draft.rag), (CommitmentStatus::Met, Rag::Green));
    assert_eq!(draft.next_review_on, Some(date!(2026 - 06 - 01)));
    assert_eq!(draft.assessed_on, date!(2026 - 03 - 03));
    assert_eq!(draft.corrects, None);
}

#[test]
fn a_missing_rag_and_a_future_assessment_date_are_refused() {
    let mut pairs = complete();
    pairs.retain(|(k, _)| *k != "rag" && *k != "assessed_on");
    pairs.push(("assessed_on", "2026-03-11"));
    let errors = AssessmentDraft::parse(&form(&pairs), TODAY).unwrap_err();
    assert_eq!(errors.get("rag"), Some("Select red, amber or green"));
    assert_eq!(
        errors.get("assessed_on"),
        Some("Date of the assessment must be today or in the past")
    );
}

#[test]
fn the_next_review_must_follow_the_assessment() {
    let mut pairs = complete();
    pairs.retain(|(k, _)| !k.starts_with("next_review_on"));
    pairs.push(("next_review_on", "2026-03-03"));
    let errors = AssessmentDraft::parse(&form(&pairs), TODAY).unwrap_err();
    assert!(errors.get("next_review_on").is_some());
}

fn entry(status: CommitmentStatus, rag: Rag, next: Option<Date>) -> AssessmentEntry {
    AssessmentEntry {
        id: 1,
        assessed_on: TODAY,
        assessor: "Reviewer".into(),
        status,
        rag,
        progress_note: String::new(),
        evidence: String::new(),
        next_review_on: next,
        classification: Classification::new(Level::Official),
        corrects: None,
        corrects_on: None,
    }
}

#[test]
fn the_timeline_says_what_changed() {
    let before = entry(CommitmentStatus::InProgress, Rag::Amber, None);
    let after = entry(CommitmentStatus::Met, Rag::Green, None);
    assert_eq!(changes(Some(&before), &after), "Status: In progress → Met; RAG: Amber → Green");
    assert_eq!(changes(None, &after), "First assessment");
    assert_eq!(changes(Some(&after), &after), "No change to status, RAG or next review");
    let later = entry(CommitmentStatus::Met, Rag::Green, Some(date!(2026 - 06 - 01)));
    assert_eq!(changes(Some(&after), &later), "Next review: not set → 1 June 2026");
    assert_eq!(
        correction_label(Some(date!(2026 - 03 - 03))),
        "Corrects the assessment of 3 March 2026"
    );
}

#[test]
fn only_http_links_are_links() {
    let parts =
        evidence_parts("Report https://example.org/a and javascript:alert(1)\nhttp://x.test");
    assert_eq!(
        parts,
        vec![
            EvidencePart::Text("Report ".into()),
            EvidencePart::Link("https://example.org/a".into()),
            EvidencePart::Text(" and javascript:alert(1)\n".into()),
            EvidencePart::Link("http://x.test".into()),
        ]
    );
}

#[test]
fn a_review_needs_a_future_next_review_date() {
    let f = form(&[("reviewed_on", "2026-03-10"), ("classification", "official")]);
    let errors = ReviewDraft::parse(&f, TODAY).unwrap_err();
    assert_eq!(errors.get("next_review_on"), Some("Enter the next review date"));
    let f = form(&[
        ("reviewed_on", "2026-03-10"),
        ("next_review_on", "2026-09-10"),
        ("classification", "secret"),
    ]);
    let draft = ReviewDraft::parse(&f, TODAY).expect("valid");
    assert_eq!(draft.classification.level, Level::Secret);
}
