//! Handing freed memory back to the system after a large one-off piece of work.

// Links mimalloc's library into every binary of this crate (tests included), which
// the declaration below needs.
use mimalloc as _;

extern "C" {
    // mimalloc's own `mi_collect`, from the library the `mimalloc` crate links in
    // (declared here because `libmimalloc-sys` only declares it behind a feature).
    fn mi_collect(force: bool);
}

/// Returns the calling thread's freed pages to the system now. mimalloc (the server's
/// allocator, `main.rs`) keeps a thread's freed pages for reuse and returns them only
/// as that thread allocates again, so a blocking thread that has just rendered a large
/// PDF would idle holding hundreds of MiB it no longer uses (`bench/briefing`). Costs
/// a few milliseconds; call it after such work, not on every request.
pub fn release_freed() {
    // SAFETY: `mi_collect` takes a plain flag and only frees mimalloc's own free lists;
    // when mimalloc is not the global allocator (unit tests) it has nothing to collect.
    unsafe { mi_collect(true) }
}
