//! `/routes/{slug}`: one route, its legs in order, and the coverage gaps along it.

use crate::routes::not_built::NotBuilt;
use leptos::prelude::*;

#[component]
pub fn RouteDetail() -> impl IntoView {
    view! { <NotBuilt title="Routes" /> }
}
