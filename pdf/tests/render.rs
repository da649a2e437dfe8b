//! Renders hand-built packs and reads the PDF back with `pdftotext -layout` (Debian's
//! poppler-utils): what an official would see on each page.

mod support;

use std::process::Command;
use std::time::Instant;

/// The text of each page of `pdf`, as laid out.
fn pages_of(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("briefing.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    // Pages end with a form feed; the last one leaves an empty tail.
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn lines(page: &str) -> Vec<&str> {
    page.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

#[test]
fn long_pack_spans_pages_with_marking_top_and_bottom_of_every_page() {
    let pack = support::pack(30, 120);
    let marking = pack.marking.to_string();
    assert!(marking.starts_with("SECRET") && marking.contains("UK EYES ONLY"), "{marking}");
    let started = Instant::now();
    let pdf = accord_pdf::render(&pack).expect("the pack renders");
    println!("rendered 30 agreements, 120 commitments in {:?}", started.elapsed());
    assert!(pdf.starts_with(b"%PDF-"));

    let pages = pages_of(&pdf);
    assert!(pages.len() > 1, "a long pack spans pages, got {}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let lines = lines(page);
        assert_eq!(lines.first(), Some(&marking.as_str()), "top of page {}", i + 1);
        assert_eq!(lines.last(), Some(&marking.as_str()), "bottom of page {}", i + 1);
        let numbering = format!("Page {} of {}", i + 1, pages.len());
        assert!(lines.contains(&numbering.as_str()), "page {} says {numbering:?}", i + 1);
    }
}

#[test]
fn pack_shows_every_section_and_record() {
    let pack = support::pack(30, 120);
    let text = pages_of(&accord_pdf::render(&pack).expect("the pack renders")).concat();
    for expected in [
        "Briefing: Central Test route",
        "1 December 2026",
        "Ada Editor",
        "Route: Central Test route",
        "Objectives",
        "Secure a returns arrangement by spring.",
        "Top lines",
        "We value the partnership.",
        "Lines to take",
        "Summary",
        "Route legs",
        "Turkistan Example",
        "No active sharing arrangement",
        "Agreements",
        "Timeline of agreements",
        "Commitments",
        "Commitment 120:",
        // Cells wrap, so only the start of a long cell is on one line.
        "1 Nov 2026: Progress",
        "Sharing arrangements",
        "SH-TS-03",
        "No onward sharing",
        "Upcoming reviews",
        "OFFICIAL-SENSITIVE",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the PDF");
    }
    for i in 1..=30 {
        let reference = support::reference(i);
        assert!(text.contains(&reference), "agreement {reference} missing");
    }
}

#[test]
fn table_header_repeats_on_pages_the_table_runs_onto() {
    let pack = support::pack(5, 200);
    let pages = pages_of(&accord_pdf::render(&pack).expect("the pack renders"));
    let with_rows: Vec<&String> = pages.iter().filter(|p| p.contains("sightings")).collect();
    assert!(with_rows.len() > 1, "200 commitments run across pages");
    for page in with_rows {
        // Single words: a cell's text may wrap onto several lines.
        for header in ["Agreement", "Commitment", "Owner", "Latest"] {
            assert!(page.contains(header), "the header row repeats ({header}):\n{page}");
        }
    }
}

#[test]
fn markup_characters_in_user_text_come_out_literally() {
    let pack = support::pack(3, 4);
    let text = pages_of(&accord_pdf::render(&pack).expect("the pack renders")).concat();
    // Once in "Lines to take" (full width, so on one line).
    assert!(text.contains(support::SPECIAL), "{:?} not shown literally:\n{text}", support::SPECIAL);
    for fragment in ["#set text(red)", "$x^2$", "*not bold*", "<tag>", "@ref", "] "] {
        assert!(text.contains(fragment), "{fragment:?} missing");
    }
}

#[test]
fn pack_without_route_or_records_still_renders_with_its_marking() {
    let mut pack = support::pack(0, 0);
    pack.legs.clear();
    pack.route_diagram_svg = None;
    pack.timeline.clear();
    pack.texts.clear();
    pack.sharing.clear();
    pack.upcoming_reviews.clear();
    pack.marking = accord::Classification::new(accord::Level::Official);
    let pages = pages_of(&accord_pdf::render(&pack).expect("an empty pack renders"));
    assert_eq!(pages.len(), 1);
    let text = &pages[0];
    assert!(!text.contains("Route legs"));
    assert!(text.contains("No agreements within your clearance."));
    assert_eq!(lines(text).first(), Some(&"OFFICIAL"));
    assert_eq!(lines(text).last(), Some(&"OFFICIAL"));
}

#[test]
fn closed_commitments_start_a_page_after_the_open_ones_and_a_cut_list_says_so() {
    // Commitment i is met when i is a multiple of 5, in progress otherwise.
    let mut pack = support::pack(5, 200);
    pack.summary.commitments_total = 5000;
    let pages = pages_of(&accord_pdf::render(&pack).expect("the pack renders"));
    let text = pages.concat();
    assert!(text.contains("The first 200 of 5000 commitments are listed"), "says it is cut");
    let on = |heading: &str| pages.iter().position(|p| p.contains(heading));
    let open = on("Open: not started or in progress").expect("the open commitments' heading");
    let closed = on("Closed: met, partially met").expect("the closed commitments' heading");
    assert!(closed > open, "open first");
    assert!(lines(&pages[closed])[1].starts_with("Closed:"), "a new page:\n{}", pages[closed]);
    let before: String = pages[..closed].concat();
    let after: String = pages[closed..].concat();
    assert!(before.contains("Commitment 7:") && !after.contains("Commitment 7:"));
    assert!(after.contains("Commitment 10:") && !before.contains("Commitment 10:"));
}

#[test]
fn a_long_table_runs_on_from_a_new_page_in_parts_keeping_every_row_once_in_order() {
    // 480 open commitments (i not a multiple of 5): two parts of 240 (`run-rows`).
    let pack = support::pack(2, 600);
    let pages = pages_of(&accord_pdf::render(&pack).expect("the pack renders"));
    let open: Vec<String> =
        (2..=600).filter(|i| i % 5 != 0).map(|i| format!("Commitment {i}:")).collect();
    let text = pages.concat();
    let mut from = 0;
    for row in &open {
        assert_eq!(text.matches(row.as_str()).count(), 1, "{row} once");
        let at = text.find(row.as_str()).unwrap_or_default();
        assert!(at > from, "{row} in order");
        from = at;
    }
    // The 240th open commitment (the first is "Commitment 1", whose text is special)
    // ends the first part; the next one starts a page of its own.
    let page_of = |row: &str| pages.iter().position(|p| p.contains(row));
    let (last, next) = (&open[238], &open[239]);
    assert!(page_of(next) > page_of(last), "{next} starts a new page");
    assert!(pages.iter().all(|p| !p.contains(last.as_str()) || !p.contains(next.as_str())));
}
