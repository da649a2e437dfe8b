//! How long one partner's PDF takes, at the size of a large-demo partner (about 50
//! agreements and 500 commitments); the target is 500 ms.
//!
//!     cargo run --release -p accord-pdf --example render_time [-- out.pdf]
//!
//! `AGREEMENTS` and `COMMITMENTS` set the size (the large demo's heaviest partner, IL,
//! has 113 and 1,130), `OPEN_PERCENT` the share still open (IL's: 42).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

fn main() -> Result<(), accord_pdf::PdfError> {
    let size = |name: &str, default: usize| {
        std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    };
    let mut pack = support::pack(size("AGREEMENTS", 50), size("COMMITMENTS", 500));
    // Open and closed commitments are laid out as separate runs of pages, so the mix
    // matters as much as the size.
    let open_percent = size("OPEN_PERCENT", 42);
    for (i, commitment) in pack.commitments.iter_mut().enumerate() {
        commitment.status = if i % 100 < open_percent {
            accord::CommitmentStatus::InProgress
        } else {
            accord::CommitmentStatus::Met
        };
    }
    let started = Instant::now();
    let pdf = accord_pdf::render(&pack)?;
    println!("first render (fonts loaded once): {:?}, {} bytes", started.elapsed(), pdf.len());
    if let Some(path) = std::env::args().nth(1) {
        std::fs::write(&path, &pdf)
            .map_err(|e| accord_pdf::PdfError::Export(format!("{path}: {e}")))?;
    }
    let runs = 5;
    let mut total = std::time::Duration::ZERO;
    for _ in 0..runs {
        // Nothing memoised from the last render: each one as cold as a new pack's.
        comemo::evict(0);
        let started = Instant::now();
        accord_pdf::render(&pack)?;
        total += started.elapsed();
    }
    println!("then each render, typst's cache emptied first: {:?} (mean of {runs})", total / runs);
    Ok(())
}
