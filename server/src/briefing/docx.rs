//! A briefing pack as a Word document (docx-rs): the marking in the header and the
//! footer of every page, page numbers in the footer, heading styles Word's navigation
//! pane lists, and each record list as a table whose rows never split across pages.

mod tables;

use accord::briefing_pack::{BriefingPack, PackText};
use accord::dates;
use anyhow::Context;
use docx_rs::{
    AlignmentType, Docx, Footer, Header, NumPages, PageMargin, PageNum, Paragraph, Run, Style,
    StyleType,
};

/// The media type of a `.docx` file.
pub const CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A4 in twentieths of a point, with 2 cm margins.
const A4: (u32, u32) = (11_906, 16_838);
const MARGIN: i32 = 1_134;

/// The pack as the bytes of a `.docx` file.
pub fn render(pack: &BriefingPack) -> anyhow::Result<Vec<u8>> {
    let marking = pack.marking.to_string();
    let mut docx = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .header(Header::new().add_paragraph(marking_line(&marking)))
        .footer(
            Footer::new().add_paragraph(marking_line(&marking)).add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("Page ").size(18))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" of ").size(18))
                    .add_num_pages(NumPages::new()),
            ),
        );
    for paragraph in opening(pack) {
        docx = docx.add_paragraph(paragraph);
    }
    docx = docx.add_table(tables::filters(pack));
    docx = texts(docx, &pack.texts);
    docx = tables::sections(docx, pack);
    let mut out = std::io::Cursor::new(Vec::with_capacity(64 * 1024));
    docx.build().pack(&mut out).context("writing the briefing pack's DOCX")?;
    Ok(out.into_inner())
}

/// Title, Heading 1 and Heading 2 (with outline levels, so Word lists them), in the
/// GOV.UK typeface's stand-in, Arial.
fn styles(docx: Docx) -> Docx {
    docx.default_fonts(docx_rs::RunFonts::new().ascii("Arial").hi_ansi("Arial"))
        .default_size(22)
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(48).bold())
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .next("Normal")
                .size(32)
                .bold()
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .next("Normal")
                .size(26)
                .bold()
                .outline_lvl(1),
        )
}

/// The marking as the header and footer show it: centred, bold.
fn marking_line(marking: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(marking).bold().size(24))
}

/// A heading of the given style that stays with what follows it.
pub(super) fn heading(text: &str, style: &str) -> Paragraph {
    Paragraph::new().style(style).keep_next(true).add_run(Run::new().add_text(text))
}

/// A plain paragraph.
pub(super) fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// Title, who produced it and when, and the aggregate marking in words.
fn opening(pack: &BriefingPack) -> Vec<Paragraph> {
    vec![
        Paragraph::new().style("Title").add_run(Run::new().add_text(&pack.title)),
        para(&format!("Produced on {} by {}.", dates::long(pack.produced_on), pack.produced_by)),
        Paragraph::new()
            .add_run(Run::new().add_text("This pack is marked ").bold())
            .add_run(Run::new().add_text(pack.marking.to_string()).bold())
            .add_run(Run::new().add_text(
                ": the highest marking of everything it includes. Handle it accordingly.",
            )),
    ]
}

/// Objectives, top lines and lines to take: a heading per section, each piece with
/// its own marking before its paragraphs.
fn texts(mut docx: Docx, texts: &[PackText]) -> Docx {
    let mut last_heading: Option<&str> = None;
    for text in texts {
        if last_heading != Some(text.heading.as_str()) {
            docx = docx.add_paragraph(heading(&text.heading, "Heading1"));
            last_heading = Some(&text.heading);
        }
        docx = docx.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(format!("[{}]", text.marking)).bold()),
        );
        for paragraph in accord::briefing_text::paragraphs(&text.body) {
            docx = docx.add_paragraph(para(&paragraph));
        }
    }
    docx
}
