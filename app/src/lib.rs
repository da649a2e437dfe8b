#![recursion_limit = "512"]
//! Accord's user interface: routes, pages, components and thin server functions.
//!
//! Compiled twice: with `ssr` into the server (rendering every page to HTML, running
//! server functions) and with `hydrate` into the browser's WASM (adding convenience
//! on top of pages that already work without JavaScript).
//!
//! Leptos runs in islands mode: a page is HTML from the server, and only components
//! marked `#[island]` (the partner finder) are hydrated in the browser. The rest of the
//! app is never sent as WASM, and pages carry no copy of their data for hydration.

pub mod access;
pub mod components;
mod context_lookup_race;
pub mod csp;
pub mod error;
pub mod forms;
pub mod routes;
pub mod server_fns;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{shell, App};

/// Browser entry point, run before the page's islands are hydrated.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A page without islands is as enhanced as it gets; one with islands is marked by
    // them once hydrated (`mark_hydrated`).
    let has_islands =
        leptos::prelude::document().query_selector("leptos-island").ok().flatten().is_some();
    if !has_islands {
        mark_hydrated();
    }
}

/// Marks `<html data-hydrated="true">` once the WASM has taken over, so tests (and
/// styles) can tell an enhanced page from a plain one.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
