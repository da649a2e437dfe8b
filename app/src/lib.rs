#![recursion_limit = "512"]
//! Accord's user interface: routes, pages, components and thin server functions.
//!
//! Compiled twice: with `ssr` into the server (rendering every page to HTML, running
//! server functions) and with `hydrate` into the browser's WASM (adding convenience
//! on top of pages that already work without JavaScript).

pub mod components;
pub mod error;
pub mod forms;
pub mod routes;
pub mod server_fns;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{shell, App};

/// Browser entry point: hydrate the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
