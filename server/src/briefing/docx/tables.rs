//! The pack's record sections as Word tables: a shaded header row, rows that never
//! split across pages, a section's heading kept with its table.

use super::{heading, para};
use accord::briefing_pack::BriefingPack;
use accord::dates;
use docx_rs::{Docx, Paragraph, Run, Shading, Table, TableCell, TableRow, WidthType};
use time::Date;

/// Full text width, in fiftieths of a percent.
const FULL_WIDTH: usize = 5_000;

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).size(18)))
}

fn header_cell(text: &str) -> TableCell {
    TableCell::new()
        .shading(Shading::new().fill("F3F2F1"))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).bold().size(18)))
}

/// A table with a header row and one row per item, as wide as the text.
fn table(headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Table {
    let mut all =
        vec![TableRow::new(headers.iter().map(|h| header_cell(h)).collect()).cant_split()];
    all.extend(rows.map(|row| TableRow::new(row.iter().map(|c| cell(c)).collect()).cant_split()));
    Table::new(all).width(FULL_WIDTH, WidthType::Pct)
}

fn date(on: Option<Date>) -> String {
    on.map_or_else(|| "—".to_owned(), dates::long)
}

/// What the pack was produced from, as label/value rows.
pub(super) fn filters(pack: &BriefingPack) -> Table {
    table(
        &["Produced for", "Value"],
        pack.filters.iter().map(|f| vec![f.label.clone(), f.value.clone()]),
    )
}

/// A section's heading (on a new page) and its content, or a line saying it is empty.
fn section(
    docx: Docx,
    title: &str,
    empty: bool,
    none: &str,
    content: impl FnOnce() -> Table,
) -> Docx {
    let docx = docx.add_paragraph(heading(title, "Heading1").page_break_before(true));
    if empty {
        docx.add_paragraph(para(none))
    } else {
        docx.add_table(content())
    }
}

/// Summary, route legs, agreements with their timeline, commitments, sharing
/// arrangements and upcoming reviews, in that order.
pub(super) fn sections(docx: Docx, pack: &BriefingPack) -> Docx {
    let s = &pack.summary;
    let mut counts: Vec<Vec<String>> = s
        .agreements_by_status
        .iter()
        .map(|c| {
            vec![format!("Agreements: {}", c.status.label().to_lowercase()), c.count.to_string()]
        })
        .collect();
    counts.extend(s.commitments_by_rag.iter().map(|c| {
        vec![format!("Commitments rated {}", c.label().to_lowercase()), c.count.to_string()]
    }));
    counts.push(vec!["Commitments in all (not withdrawn)".into(), s.commitments_total.to_string()]);
    counts.push(vec!["Overdue commitments".into(), s.overdue.to_string()]);
    counts.push(vec!["Reviews due within 90 days or overdue".into(), s.reviews_due.to_string()]);
    let mut docx =
        section(docx, "Summary", false, "", || table(&["Measure", "Count"], counts.into_iter()));

    if !pack.legs.is_empty() {
        docx = section(docx, "Route legs", false, "", || {
            table(
                &["Leg", "Partner", "Stage", "From", "To", "Coverage", "Gaps"],
                pack.legs.iter().map(|l| {
                    vec![
                        l.position.to_string(),
                        format!("{} ({})", l.partner_name, l.alpha2),
                        l.stage.label().to_owned(),
                        l.from.clone().unwrap_or_else(|| "—".into()),
                        l.to.clone().unwrap_or_else(|| "—".into()),
                        l.coverage.label().to_owned(),
                        if l.gaps.is_empty() { "None".into() } else { l.gaps.join("; ") },
                    ]
                }),
            )
        });
    }

    docx = section(docx, "Agreements", pack.agreements.is_empty(), "No agreements.", || {
        table(
            &[
                "Reference",
                "Title",
                "Status",
                "Signed",
                "In force",
                "Expires",
                "Next review",
                "Marking",
            ],
            pack.agreements.iter().map(|a| {
                vec![
                    a.reference.clone(),
                    a.title.clone(),
                    a.status.label().to_owned(),
                    date(a.signed_on),
                    date(a.in_force_on),
                    date(a.expires_on),
                    date(a.next_review_on),
                    a.marking.to_string(),
                ]
            }),
        )
    });
    if !pack.timeline.is_empty() {
        // Word cannot show the SVG picture without image support: the same dates as a
        // table (the print view and the PDF draw the picture).
        docx = docx.add_paragraph(heading("Timeline of agreements", "Heading2")).add_table(table(
            &["Reference", "Signed", "In force", "Expires"],
            pack.timeline.iter().map(|t| {
                vec![
                    t.reference.clone(),
                    date(t.signed_on),
                    date(t.in_force_on),
                    date(t.expires_on),
                ]
            }),
        ));
    }

    docx = section(docx, "Commitments", pack.commitments.is_empty(), "No commitments.", || {
        table(
            &[
                "Agreement",
                "Commitment",
                "Owner",
                "Due",
                "Status",
                "RAG",
                "Latest assessment",
                "Marking",
            ],
            pack.commitments.iter().map(|c| {
                let due = if c.overdue {
                    format!("{} (overdue)", date(c.due_on))
                } else {
                    date(c.due_on)
                };
                let assessment = match (c.latest_assessment_on, &c.latest_assessment_note) {
                    (Some(on), Some(note)) => format!("{}: {note}", dates::long(on)),
                    (Some(on), None) => dates::long(on),
                    _ => "None".to_owned(),
                };
                vec![
                    c.agreement_reference.clone(),
                    c.text.clone(),
                    c.owner.clone(),
                    due,
                    c.status.label().to_owned(),
                    c.rag.map_or("Not rated", |r| r.label()).to_owned(),
                    assessment,
                    c.marking.to_string(),
                ]
            }),
        )
    });
    if let Some(more) = pack.commitments_more() {
        docx = docx.add_paragraph(para(&more));
    }

    docx = section(
        docx,
        "Sharing arrangements",
        pack.sharing.is_empty(),
        "No sharing arrangements.",
        || {
            table(
                &["Reference", "Title", "Partner", "Handling caveats", "Next review", "Marking"],
                pack.sharing.iter().map(|s| {
                    vec![
                        s.reference.clone(),
                        s.title.clone(),
                        s.partner.clone(),
                        if s.caveats.trim().is_empty() { "None".into() } else { s.caveats.clone() },
                        date(s.next_review_on),
                        s.marking.to_string(),
                    ]
                }),
            )
        },
    );

    section(docx, "Upcoming reviews", pack.upcoming_reviews.is_empty(), "No reviews due.", || {
        table(
            &["Due", "Record", "Reference"],
            pack.upcoming_reviews
                .iter()
                .map(|r| vec![dates::long(r.due_on), r.kind.clone(), r.reference.clone()]),
        )
    })
}
