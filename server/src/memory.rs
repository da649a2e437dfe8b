//! Handing freed memory back to the system after a large one-off piece of work.

// Links mimalloc's library into every binary of this crate (tests included), which
// the declaration below needs.
use mimalloc as _;

extern "C" {
    // mimalloc's own `mi_collect`, from the library the `mimalloc` crate links in
    // (declared here because `libmimalloc-sys` only declares it behind a feature).
    fn mi_collect(force: bool);
}

/// Keeps the process's memory in ordinary 4 KiB pages: no transparent huge pages.
/// mimalloc asks for huge pages on its large regions (`MADV_HUGEPAGE`); once a large
/// PDF render's memory is freed, a 2 MiB page that still holds one live block stays
/// resident whole, and mimalloc's purges of the free parts cannot hand them back. On the
/// large set (`bench/briefing`, 200 PDFs over the 20 heaviest partners) the heap grew
/// by 43 MiB with huge pages and by 3–17 MiB without (four runs), and the heap after
/// the first PDFs was about 100–116 MiB instead of 140; cached pages cost the same CPU either way (0.75–0.94 ms with,
/// 0.80–0.92 without, /agreements, /reviews and /partners/IL at 32 connections).
/// Call it once at start-up; the flag covers every mapping, also those made before.
pub fn use_small_pages() -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let (on, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
        // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets this process's
        // flag; no memory is passed to the kernel.
        let answer = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, on, unused, unused, unused) };
        if answer != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Lets SQLite's allocations be reused rather than handed back and asked for again.
/// SQLite allocates through the C library's malloc (Rust code uses mimalloc), from the
/// thread of each pooled connection, so each has an arena of its own; glibc shrinks an
/// arena (`madvise`) whenever 128 KiB lie free at its top, which a query's sorts and
/// temporary tables do on every request, and the next request faults the pages back
/// in. `perf` on the uncached review queue showed `madvise`, page faults and the TLB
/// flushes they cause among the top costs. Keeping up to 4 MiB free per arena (at most
/// 4 MiB × connections more RSS) took server CPU a request, cache off, from 6.3 to
/// 5.0–5.1 ms on the queue and 6.1–6.2 to 5.6–5.7 on the dashboard (large set, 32
/// connections; 16 and 128 MiB gained no more). Call it once at start-up.
pub fn keep_sqlite_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // Freed memory kept at the top of each arena before it is handed back.
        const TRIM_THRESHOLD: libc::c_int = 4 << 20;
        // SAFETY: mallopt takes plain integers and only sets allocator parameters.
        let answer = unsafe { libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD) };
        if answer != 1 {
            tracing::warn!(
                "the C allocator refused its trim threshold; SQLite's memory is trimmed eagerly"
            );
        }
    }
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
