//! Briefing packs as PDF, typeset in-process with typst: no browser and no external
//! program at run time, fonts compiled in (`typst-assets`).
//!
//! The pack reaches the template only as data (`/pack.json`, read with `json(...)`),
//! never spliced into markup, so text such as `#`, `$`, `*`, `]` or `<` comes out as
//! written. typst is heavy to build, so it lives in this crate alone; only the server
//! depends on it, never the WASM bundle.

mod view;
mod world;

use accord::briefing_pack::BriefingPack;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

pub use view::PackView;
use world::BriefingWorld;

/// After each render, typst's memoised results are all dropped, so a long-running
/// server does not grow with every pack it renders. Measured with `bench/briefing` on
/// the large set: keeping the last two renders' results (`evict(2)`) held about 340 MiB
/// more heap after 200 renders cycling through 20 partners than after the first (each
/// large pack's layout is memoised whole), though repeats of one pack stayed flat; a
/// pack is rarely rendered twice before something in it changes, so little is lost.
const CACHE_MAX_AGE: usize = 0;

/// Why a pack could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The pack could not be written as the template's JSON.
    #[error("briefing pack as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// typst refused the document; the text is its diagnostics, one per line.
    #[error("typesetting the briefing pack failed:\n{0}")]
    Typeset(String),
    /// The typeset document could not be written as PDF.
    #[error("writing the briefing pack as PDF failed:\n{0}")]
    Export(String),
}

/// The briefing pack `pack` as a PDF document (A4, its marking at the top and bottom of
/// every page, "Page N of M").
pub fn render(pack: &BriefingPack) -> Result<Vec<u8>, PdfError> {
    let (result, cleanup) = render_then_clean_up(pack);
    drop(cleanup);
    result
}

/// As [`render`], but the clean-up (dropping the typeset document and every result
/// typst memoised, 50–80 ms after a 99-page pack) happens when the returned
/// [`Cleanup`] is dropped, so a server can send the file first.
pub fn render_then_clean_up(pack: &BriefingPack) -> (Result<Vec<u8>, PdfError>, Cleanup) {
    let mut cleanup = Cleanup { document: None };
    let result = render_into(pack, &mut cleanup);
    (result, cleanup)
}

/// What a render leaves behind, released on drop: the typeset document and typst's
/// memoised results (also after a failure: the cache holds whatever the attempt
/// memoised).
#[must_use = "dropping it at once is `render`; hold it until the file is sent"]
pub struct Cleanup {
    document: Option<PagedDocument>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.document.take();
        comemo::evict(CACHE_MAX_AGE);
    }
}

fn render_into(pack: &BriefingPack, cleanup: &mut Cleanup) -> Result<Vec<u8>, PdfError> {
    let diagram = pack.route_diagram_svg.clone().filter(|svg| !svg.trim().is_empty());
    let timeline = (!pack.timeline.is_empty()).then(|| pack.timeline_svg());
    let view = PackView::new(pack, diagram.is_some(), timeline.is_some());
    let mut files = vec![(world::PACK_JSON, Bytes::new(serde_json::to_vec(&view)?))];
    if let Some(svg) = diagram {
        files.push((world::ROUTE_SVG, Bytes::from_string(svg)));
    }
    if let Some(svg) = timeline {
        files.push((world::TIMELINE_SVG, Bytes::from_string(svg)));
    }
    let date = pack.produced_on;
    let today = Datetime::from_ymd(date.year(), u8::from(date.month()), date.day())
        .ok_or_else(|| PdfError::Typeset(format!("no typst date for {date}")))?;
    let world = BriefingWorld::new(files, today);

    let document: &PagedDocument = cleanup.document.insert(
        typst::compile(&world)
            .output
            .map_err(|errors| PdfError::Typeset(diagnostics(&world, &errors)))?,
    );
    typst_pdf::pdf(document, &PdfOptions::default())
        .map_err(|errors| PdfError::Export(diagnostics(&world, &errors)))
}

/// typst's diagnostics as text: "error: message (at byte range) hint: …", one per line.
fn diagnostics(world: &BriefingWorld, diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let at = world.place(d.span).map(|place| format!(" ({place})")).unwrap_or_default();
            let hints: String = d.hints.iter().map(|h| format!("; hint: {}", h.v)).collect();
            format!("{severity}: {}{at}{hints}", d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
