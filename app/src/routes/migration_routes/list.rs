//! `/routes`: every migration route.

use crate::routes::not_built::NotBuilt;
use leptos::prelude::*;

#[component]
pub fn RouteList() -> impl IntoView {
    view! { <NotBuilt title="Routes" /> }
}
