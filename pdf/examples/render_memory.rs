//! Where a long run of renders keeps its memory: live heap bytes (counted by a wrapping
//! allocator) beside RssAnon, after the first render and every 20th of 200 renders of
//! packs of 20 sizes (as `bench/briefing` cycles through the 20 heaviest partners).
//!
//!     cargo run --release -p accord-pdf --example render_memory
//!
//! Live bytes that grow are something kept (a cache, a leak); RssAnon that grows over
//! flat live bytes is the allocator holding freed memory.

#[path = "../tests/support/mod.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged, only counting bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() -> Result<(), accord_pdf::PdfError> {
    let packs: Vec<_> = (0..20)
        .map(|i| {
            let mut pack = support::pack(113 - i * 3, 1130 - i * 30);
            pack.produced_by = format!("Reader {i}");
            pack
        })
        .collect();
    let report = |label: &str| {
        println!(
            "{label:>14}: live {:>7.1} MiB, RssAnon {:>7.1} MiB",
            LIVE.load(Ordering::Relaxed) as f64 / 1048576.0,
            support::status_kb("RssAnon").unwrap_or(0) as f64 / 1024.0
        );
    };
    report("before");
    accord_pdf::render(&packs[0])?;
    report("after 1");
    for i in 1..=200 {
        accord_pdf::render(&packs[i % packs.len()])?;
        if i % 20 == 0 {
            report(&format!("after {}", i + 1));
        }
    }
    Ok(())
}
