//! The frame of every page: marking, header, navigation, main, footer, marking.

use super::header::{Footer, Header};
use super::ClassificationBanner;
use crate::error::AppError;
use crate::server_fns::site::SiteInfo;
use accord::Classification;
use leptos::prelude::*;
use leptos_meta::Title;

/// Lays out a page. `marking` is the highest classification of what it displays;
/// it heads and foots the page.
#[component]
pub fn Page(
    #[prop(into)] title: String,
    #[prop(optional)] marking: Classification,
    children: Children,
) -> impl IntoView {
    let marking = marking.to_string();
    // A page answering a refused form says so first (GOV.UK: "Error: " before the title).
    let error = if crate::forms::refused() { "Error: " } else { "" };
    let title = format!("{error}{title} – Accord");
    // leptos_meta writes <title> on the server without escaping it; record titles are
    // user text, so escape them there (the browser sets document.title as plain text).
    #[cfg(feature = "ssr")]
    let title = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    view! {
        <Title text=title />
        <ClassificationBanner marking=marking.clone() position="top" />
        <a href="#main-content" class="govuk-skip-link">
            "Skip to main content"
        </a>
        <Header />
        <div class="govuk-width-container">
            <IllustrativeBanner />
            <main class="govuk-main-wrapper" id="main-content">
                <super::FlashBanner />
                {children()}
            </main>
        </div>
        <Footer />
        <ClassificationBanner marking position="bottom" />
    }
}

/// Shown on every page while the illustrative demo data is loaded.
#[component]
fn IllustrativeBanner() -> impl IntoView {
    let site = use_context::<Resource<Result<SiteInfo, AppError>>>();
    view! {
        <Suspense>
            {move || {
                let illustrative = site
                    .and_then(|s| s.get())
                    .and_then(Result::ok)
                    .is_some_and(|info| info.illustrative);
                illustrative
                    .then(|| {
                        view! {
                            // A slim strip like GOV.UK's phase banner, not a panel that
                            // pushes every page down.
                            <div
                                class="govuk-phase-banner accord-illustrative"
                                role="region"
                                aria-label="Illustrative data"
                                data-test="illustrative-banner"
                            >
                                <p class="govuk-phase-banner__content">
                                    <strong class="govuk-tag govuk-phase-banner__content__tag">"Illustrative data"</strong>
                                    <span class="govuk-phase-banner__text">
                                        "None of these records is a real agreement, commitment or arrangement."
                                    </span>
                                </p>
                            </div>
                        }
                    })
            }}
        </Suspense>
    }
}

/// A whole page that says what went wrong, with the right HTTP status on the server.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::state::set_status(error.status_code());
    let title = match &error {
        AppError::NotFound => "Page not found".to_owned(),
        other => other.to_string(),
    };
    view! {
        <Page title=title.clone()>
            <h1 class="govuk-heading-l">{title}</h1>
            <p class="govuk-body">
                {match error {
                    AppError::NotFound => "If you typed the web address, check it is correct.",
                    _ => "Try again later. If it keeps happening, tell the Accord administrator.",
                }}
            </p>
            <p class="govuk-body">
                <a class="govuk-link" href="/">"Go to the dashboard"</a>
            </p>
        </Page>
    }
}
