//! The page for an address that matches no route.

use crate::components::ErrorPage;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound /> }
}
