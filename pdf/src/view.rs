//! The pack as the template reads it (`/pack.json`): every value already a display
//! string (labels, dates, markings), so the template only lays things out and never
//! formats, and every user-written value stays a JSON string that typst shows literally.

use accord::briefing_pack::{BriefingPack, PackCommitment, PackSummary};
use accord::dates;
use accord::AgreementStatus;
use serde::Serialize;
use time::{format_description::BorrowedFormatItem, macros::format_description, Date};

/// Dates in tables: "1 Mar 2026" (GOV.UK's short form, to keep columns narrow).
const SHORT: &[BorrowedFormatItem<'static>] =
    format_description!("[day padding:none] [month repr:short] [year]");

/// The whole document's data.
#[derive(Debug, Serialize)]
pub struct PackView {
    pub title: String,
    pub marking: String,
    pub date: String,
    pub produced_by: String,
    pub filters: String,
    pub briefing: Vec<SectionView>,
    pub summary: Vec<SummaryGroup>,
    pub legs: Vec<LegView>,
    pub route_diagram: bool,
    pub route_diagram_alt: String,
    pub agreements: Vec<AgreementView>,
    /// Every agreement status's label, to size the status column.
    pub statuses: Vec<&'static str>,
    pub timeline: bool,
    pub timeline_alt: String,
    /// Open commitments (not started, in progress), then the rest: the pack's own
    /// order, split so that each part starts a page.
    pub open_commitments: Vec<CommitmentView>,
    pub closed_commitments: Vec<CommitmentView>,
    /// "The first N of M commitments are listed; …" when the pack holds fewer than
    /// the summary counts (as the DOCX and the print view say).
    pub commitments_more: Option<String>,
    pub sharing: Vec<SharingView>,
    pub reviews: Vec<ReviewView>,
}

/// Objectives, top lines or lines to take: one heading, its pieces.
#[derive(Debug, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub items: Vec<TextView>,
}

#[derive(Debug, Serialize)]
pub struct TextView {
    pub marking: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SummaryGroup {
    pub title: &'static str,
    pub rows: Vec<SummaryRow>,
}

#[derive(Debug, Serialize)]
pub struct SummaryRow {
    pub label: String,
    pub count: String,
}

#[derive(Debug, Serialize)]
pub struct LegView {
    pub position: String,
    pub partner: String,
    pub role: &'static str,
    pub coverage: &'static str,
    pub gaps: String,
}

#[derive(Debug, Serialize)]
pub struct AgreementView {
    pub reference: String,
    pub title: String,
    pub status: &'static str,
    pub signed: String,
    pub in_force: String,
    pub expires: String,
    pub next_review: String,
    pub marking: String,
}

#[derive(Debug, Serialize)]
pub struct CommitmentView {
    pub agreement: String,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub status: String,
    pub rag: &'static str,
    pub latest: String,
    pub marking: String,
}

#[derive(Debug, Serialize)]
pub struct SharingView {
    pub reference: String,
    pub title: String,
    pub partner: String,
    pub caveats: String,
    pub next_review: String,
    pub marking: String,
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub date: String,
    pub record: String,
    pub reference: String,
}

fn short(date: Option<Date>) -> String {
    date.and_then(|d| d.format(SHORT).ok()).unwrap_or_else(|| "—".to_owned())
}

/// Paragraphs are separated by blank lines; single line breaks stay inside a paragraph.
fn paragraphs(body: &str) -> Vec<String> {
    body.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

impl PackView {
    /// The template's view of `pack`. `has_diagram` / `has_timeline`: whether the
    /// pictures are supplied as files.
    pub fn new(pack: &BriefingPack, has_diagram: bool, has_timeline: bool) -> Self {
        let filters = if pack.filters.is_empty() {
            "None".to_owned()
        } else {
            pack.filters
                .iter()
                .map(|f| format!("{}: {}", f.label, f.value))
                .collect::<Vec<_>>()
                .join("; ")
        };
        Self {
            title: pack.title.clone(),
            marking: pack.marking.to_string(),
            date: dates::long(pack.produced_on),
            produced_by: pack.produced_by.clone(),
            filters,
            briefing: sections(pack),
            summary: summary(&pack.summary),
            legs: pack
                .legs
                .iter()
                .map(|l| LegView {
                    position: l.position.to_string(),
                    partner: l.partner_name.clone(),
                    role: l.stage.short_label(),
                    coverage: l.coverage.label(),
                    gaps: if l.gaps.is_empty() { "None".to_owned() } else { l.gaps.join("; ") },
                })
                .collect(),
            route_diagram: has_diagram,
            route_diagram_alt: pack
                .legs
                .iter()
                .map(|l| format!("{}. {} ({})", l.position, l.partner_name, l.coverage.label()))
                .collect::<Vec<_>>()
                .join(", "),
            statuses: AgreementStatus::ALL.iter().map(|s| s.label()).collect(),
            agreements: pack
                .agreements
                .iter()
                .map(|a| AgreementView {
                    reference: a.reference.clone(),
                    title: a.title.clone(),
                    status: a.status.label(),
                    signed: short(a.signed_on),
                    in_force: short(a.in_force_on),
                    expires: short(a.expires_on),
                    next_review: short(a.next_review_on),
                    marking: a.marking.to_string(),
                })
                .collect(),
            timeline: has_timeline,
            timeline_alt: "Timeline of agreements: signed, in force and expiry dates (the same \
                           dates are in the agreements table)"
                .to_owned(),
            open_commitments: pack
                .commitments
                .iter()
                .filter(|c| c.status.is_open())
                .map(commitment)
                .collect(),
            closed_commitments: pack
                .commitments
                .iter()
                .filter(|c| !c.status.is_open())
                .map(commitment)
                .collect(),
            commitments_more: pack.commitments_more(),
            sharing: pack
                .sharing
                .iter()
                .map(|s| SharingView {
                    reference: s.reference.clone(),
                    title: s.title.clone(),
                    partner: s.partner.clone(),
                    caveats: if s.caveats.trim().is_empty() {
                        "—".into()
                    } else {
                        s.caveats.clone()
                    },
                    next_review: short(s.next_review_on),
                    marking: s.marking.to_string(),
                })
                .collect(),
            reviews: pack
                .upcoming_reviews
                .iter()
                .map(|r| ReviewView {
                    date: short(Some(r.due_on)),
                    record: r.kind.clone(),
                    reference: r.reference.clone(),
                })
                .collect(),
        }
    }
}

/// The three sections in the pack's order, each heading once with its pieces.
fn sections(pack: &BriefingPack) -> Vec<SectionView> {
    let mut out: Vec<SectionView> = Vec::new();
    for text in &pack.texts {
        let item =
            TextView { marking: text.marking.to_string(), paragraphs: paragraphs(&text.body) };
        match out.last_mut() {
            Some(section) if section.heading == text.heading => section.items.push(item),
            _ => out.push(SectionView { heading: text.heading.clone(), items: vec![item] }),
        }
    }
    out
}

fn summary(summary: &PackSummary) -> Vec<SummaryGroup> {
    let row =
        |label: &str, count: i64| SummaryRow { label: label.to_owned(), count: count.to_string() };
    vec![
        SummaryGroup {
            title: "Agreements by status",
            rows: summary
                .agreements_by_status
                .iter()
                .map(|s| row(s.status.label(), s.count))
                .collect(),
        },
        SummaryGroup {
            title: "Commitments by RAG rating",
            rows: summary.commitments_by_rag.iter().map(|r| row(r.label(), r.count)).collect(),
        },
        SummaryGroup {
            title: "Commitments",
            rows: vec![
                row("All commitments", summary.commitments_total),
                row("Overdue", summary.overdue),
                row("Reviews due", summary.reviews_due),
            ],
        },
    ]
}

fn commitment(c: &PackCommitment) -> CommitmentView {
    let latest = match (c.latest_assessment_on, &c.latest_assessment_note) {
        (Some(on), Some(note)) if !note.trim().is_empty() => {
            format!("{}: {}", short(Some(on)), note)
        }
        (Some(on), _) => short(Some(on)),
        (None, _) => "Not yet assessed".to_owned(),
    };
    CommitmentView {
        agreement: c.agreement_reference.clone(),
        text: c.text.clone(),
        owner: c.owner.clone(),
        due: short(c.due_on),
        status: if c.overdue {
            format!("{} (overdue)", c.status.label())
        } else {
            c.status.label().to_owned()
        },
        rag: c.rag.map_or("Not rated", |r| r.label()),
        latest,
        marking: c.marking.to_string(),
    }
}
