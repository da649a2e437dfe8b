//! The protective-marking strip shown at the top and bottom of every page.

use leptos::prelude::*;

/// Shows the highest marking of what the page displays. `position` is "top" or "bottom".
#[component]
pub fn ClassificationBanner(marking: String, position: &'static str) -> impl IntoView {
    let level_class = match marking.split([' ', '-']).next().unwrap_or_default() {
        "TOP" => "accord-classification--top-secret",
        "SECRET" => "accord-classification--secret",
        _ => "accord-classification--official",
    };
    view! {
        <div
            class=format!("accord-classification {level_class}")
            data-test=format!("classification-{position}")
            role="note"
            aria-label=format!("Protective marking ({position} of page)")
        >
            {marking}
        </div>
    }
}
