//! `/search?q=…`: full-text search over agreements, commitments and sharing arrangements.

use crate::routes::not_built::NotBuilt;
use leptos::prelude::*;

#[component]
pub fn Search() -> impl IntoView {
    view! { <NotBuilt title="Search" /> }
}
