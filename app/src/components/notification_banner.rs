//! The GOV.UK success notification banner: confirms what the user's last save did.

use leptos::prelude::*;

/// A success banner saying `message` ("Agreement HO-LY-2024-003 added"). Its role
/// is `alert`, so screen readers announce it and GOV.UK Frontend focuses it.
#[component]
pub fn SuccessBanner(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div
            class="govuk-notification-banner govuk-notification-banner--success"
            role="alert"
            aria-labelledby="success-banner-title"
            data-module="govuk-notification-banner"
            data-test="success-banner"
        >
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="success-banner-title">
                    "Success"
                </h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading" data-test="success-message">
                    {message}
                </p>
            </div>
        </div>
    }
}

/// The banner for the one-shot message the last post left in the session (see
/// [`crate::access::flash`]), or nothing. The page frame renders it at the top of
/// the main content, so every page that a save lands on confirms it.
#[component]
pub fn FlashBanner() -> impl IntoView {
    crate::access::flash().map(|message| view! { <SuccessBanner message /> })
}
