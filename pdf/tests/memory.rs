//! A long-running server renders pack after pack: its memory must not grow with each
//! one (typst memoises; `render` evicts). Alone in its own test binary so that no other
//! render runs beside it and moves the numbers.

mod support;

use std::time::Instant;

/// VmRSS from /proc/self/status, in kB.
fn rss_kb() -> u64 {
    support::status_kb("VmRSS").expect("a VmRSS line in /proc/self/status")
}

// Two hundred renders take minutes without optimisation; the release test command
// (`cargo test --release`) runs it.
#[test]
#[cfg_attr(debug_assertions, ignore = "measures a release build: cargo test --release")]
fn rss_after_200_renders_is_within_20_mb_of_after_the_first() {
    let started = Instant::now();
    let mut pack = support::pack(10, 40);
    accord_pdf::render(&pack).expect("the first render");
    let after_first = rss_kb();
    for i in 1..200 {
        // A different pack each time, as a server sees: nothing is a cache hit for free.
        pack.produced_by = format!("Reader {i}");
        pack.commitments[1].text = format!("Commitment changed on render {i}");
        accord_pdf::render(&pack).expect("a render");
    }
    let after_200 = rss_kb();
    println!(
        "VmRSS after 1 render: {after_first} kB, after 200: {after_200} kB ({:?} for 200)",
        started.elapsed()
    );
    assert!(
        after_200 <= after_first + 20 * 1024,
        "RSS grew from {after_first} kB to {after_200} kB over 200 renders"
    );
}
