//! The HTML document and the route table.

use crate::routes::{
    account::{password::ChangePassword, profile::Account, sign_in::SignIn},
    admin::{audit::AuditLog, user::UserPage, users::UserList},
    agreements::{
        detail::AgreementPage,
        edit::{AgreementEdit, AgreementNew},
        list::AgreementList,
    },
    commitments::{
        detail::CommitmentPage,
        edit::{CommitmentEdit, CommitmentNew},
        list::CommitmentList,
    },
    dashboard::Dashboard,
    migration_routes::{
        detail::RouteDetail,
        edit::{RouteEdit, RouteNew},
        list::RouteList,
    },
    not_found::NotFound,
    partners::{detail::PartnerDetail, list::PartnerList},
    search::Search,
    sharing::{
        detail::SharingPage,
        edit::{SharingEdit, SharingNew},
        list::SharingList,
    },
};
use crate::server_fns::site::fetch_site_info;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around every page (rendered on the server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en" class="govuk-template govuk-template--rebranded">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="theme-color" content="#1d70b8" />
                <link rel="stylesheet" href="/govuk/govuk-frontend.min.css" />
                <link rel="stylesheet" href="/main.css" />
                // Our own icon, so browsers do not ask for /favicon.ico (a 404).
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                {content_security_policy()}
                <MetaTags />
            </head>
            <body class="govuk-template__body">
                <GovukFrontendSupported />
                <IdleBackstop />
                <App />
                <GovukFrontendInit />
            </body>
        </html>
    }
}

/// This response's CSP nonce (the server's; the browser build never renders the shell).
pub(crate) fn script_nonce() -> Option<String> {
    #[cfg(feature = "ssr")]
    return leptos::nonce::use_nonce().map(|nonce| nonce.to_string());
    #[cfg(not(feature = "ssr"))]
    None
}

/// GOV.UK's template line, first in `<body>` so no component's styles flash: marks a
/// browser that runs scripts (`js-enabled`) and one that runs modules, which GOV.UK
/// Frontend needs (`govuk-frontend-supported`; its components do nothing without it).
#[component]
fn GovukFrontendSupported() -> impl IntoView {
    const MARK: &str = "document.body.className += ' js-enabled' + \
        ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";
    view! { <script nonce=script_nonce() inner_html=MARK></script> }
}

/// Gives every idle callback without a deadline one of 1.5 s. Leptos's islands loader
/// waits for `requestIdleCallback` with no timeout before it even fetches the WASM, and
/// a busy browser may not go idle for many seconds: pages then stayed unhydrated (seen
/// in CI as `data-hydrated` never set within 10 s). Its whole-app loader already has
/// such a backstop. Runs before the loader, which is a module and so deferred.
#[component]
fn IdleBackstop() -> impl IntoView {
    const BACKSTOP: &str = "(function () { var idle = window.requestIdleCallback; \
        if (idle) { window.requestIdleCallback = function (callback, options) { \
        return idle.call(window, callback, options || { timeout: 1500 }); }; } })();";
    view! { <script nonce=script_nonce() inner_html=BACKSTOP></script> }
}

/// Starts GOV.UK Frontend's own JavaScript (served from /govuk/ like its CSS) on every
/// component marked `data-module`: the service navigation's Menu button, the error
/// summary's focus, buttons' double-click guard. A module, so older browsers skip it.
#[component]
fn GovukFrontendInit() -> impl IntoView {
    const INIT: &str = "import { initAll } from '/govuk/govuk-frontend.min.js'; initAll();";
    view! { <script type="module" nonce=script_nonce() inner_html=INIT></script> }
}

/// The error a request was refused with, rendered by the server at `/_/error`.
#[component]
fn RequestError() -> impl IntoView {
    let error = use_context::<crate::error::AppError>().unwrap_or(crate::error::AppError::NotFound);
    view! { <crate::components::ErrorPage error /> }
}

/// Sets this page's Content-Security-Policy with the nonce Leptos gave its inline
/// islands loader, so no other inline script can run (no 'unsafe-inline').
fn content_security_policy() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(options)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    {
        if let Ok(value) = axum::http::HeaderValue::from_str(&crate::csp::policy(Some(&nonce))) {
            options.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The application: routes to pages. Every route renders its data on the server
/// before the first byte (`SsrMode::Async`), so pages work with JavaScript off.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Whole-site facts (e.g. the illustrative-data banner), loaded before the first byte.
    provide_context(Resource::new_blocking(|| (), |_| fetch_site_info()));
    // The header's Reviews badge: the signed-in user's own reviews in each group of the queue (cached per user).
    provide_context(crate::server_fns::review_queue::ReviewBadge(Resource::new_blocking(
        || (),
        |_| crate::server_fns::review_queue::fetch_review_badge(),
    )));
    crate::forms::provide_submission();
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Dashboard ssr=SsrMode::Async />
                <Route path=path!("/partners") view=PartnerList ssr=SsrMode::Async />
                <Route path=path!("/partners/:alpha2") view=PartnerDetail ssr=SsrMode::Async />
                <Route path=path!("/routes") view=RouteList ssr=SsrMode::Async />
                <Route path=path!("/routes/new") view=RouteNew ssr=SsrMode::Async />
                <Route path=path!("/routes/:slug") view=RouteDetail ssr=SsrMode::Async />
                <Route path=path!("/routes/:slug/edit") view=RouteEdit ssr=SsrMode::Async />
                <Route path=path!("/agreements") view=AgreementList ssr=SsrMode::Async />
                <Route path=path!("/agreements/new") view=AgreementNew ssr=SsrMode::Async />
                // A filtered list's briefing pack (static, so never read as an agreement id).
                <Route path=path!("/agreements/briefing") view=crate::routes::briefing_pack::AgreementsBriefing ssr=SsrMode::Async />
                <Route path=path!("/agreements/:id") view=AgreementPage ssr=SsrMode::Async />
                // Where the status form posts: a refused change renders the agreement page again here.
                <Route path=path!("/agreements/:id/status") view=AgreementPage ssr=SsrMode::Async />
                <Route path=path!("/agreements/:id/edit") view=AgreementEdit ssr=SsrMode::Async />
                <Route path=path!("/agreements/:id/commitments/new") view=CommitmentNew ssr=SsrMode::Async />
                <Route path=path!("/commitments") view=CommitmentList ssr=SsrMode::Async />
                <Route path=path!("/commitments/briefing") view=crate::routes::briefing_pack::CommitmentsBriefing ssr=SsrMode::Async />
                <Route path=path!("/commitments/:id") view=CommitmentPage ssr=SsrMode::Async />
                <Route path=path!("/commitments/:id/edit") view=CommitmentEdit ssr=SsrMode::Async />
                <Route path=path!("/commitments/:id/assessments/new") view=crate::routes::commitments::assessment_new::AssessmentNew ssr=SsrMode::Async />
                <Route path=path!("/agreements/:id/reviews/new") view=crate::routes::review_forms::AgreementReviewNew ssr=SsrMode::Async />
                <Route path=path!("/sharing/:id/reviews/new") view=crate::routes::review_forms::SharingReviewNew ssr=SsrMode::Async />
                <Route path=path!("/import") view=crate::routes::import::ImportPage ssr=SsrMode::Async />
                <Route path=path!("/sharing") view=SharingList ssr=SsrMode::Async />
                <Route path=path!("/sharing/new") view=SharingNew ssr=SsrMode::Async />
                <Route path=path!("/sharing/:id") view=SharingPage ssr=SsrMode::Async />
                <Route path=path!("/sharing/:id/edit") view=SharingEdit ssr=SsrMode::Async />
                <Route path=path!("/reviews") view=crate::routes::reviews::queue::ReviewQueue ssr=SsrMode::Async />
                <Route path=path!("/reviews/rollups") view=crate::routes::reviews::rollups::RollupIndex ssr=SsrMode::Async />
                <Route path=path!("/reviews/rollups/:dimension") view=crate::routes::reviews::rollups::RollupDetail ssr=SsrMode::Async />
                <Route path=path!("/agreements/:id/reciprocity") view=crate::routes::reciprocity::AgreementReciprocity ssr=SsrMode::Async />
                <Route path=path!("/partners/:alpha2/reciprocity") view=crate::routes::reciprocity::PartnerReciprocity ssr=SsrMode::Async />
                <Route path=path!("/partners/:alpha2/briefing") view=crate::routes::briefing_pack::PartnerBriefing ssr=SsrMode::Async />
                <Route path=path!("/routes/:slug/briefing") view=crate::routes::briefing_pack::RouteBriefing ssr=SsrMode::Async />
                <Route path=path!("/partners/:alpha2/briefing/:section/edit") view=crate::routes::briefing_text_edit::PartnerBriefingEdit ssr=SsrMode::Async />
                <Route path=path!("/routes/:slug/briefing/:section/edit") view=crate::routes::briefing_text_edit::RouteBriefingEdit ssr=SsrMode::Async />
                <Route path=path!("/calendar") view=crate::routes::calendar::Calendar ssr=SsrMode::Async />
                <Route path=path!("/search") view=Search ssr=SsrMode::Async />
                <Route path=path!("/sign-in") view=SignIn ssr=SsrMode::Async />
                <Route path=path!("/account") view=Account ssr=SsrMode::Async />
                <Route path=path!("/account/password") view=ChangePassword ssr=SsrMode::Async />
                <Route path=path!("/admin/users") view=UserList ssr=SsrMode::Async />
                <Route path=path!("/admin/audit") view=AuditLog ssr=SsrMode::Async />
                <Route path=path!("/admin/users/:id") view=UserPage ssr=SsrMode::Async />
                // Rendered by the server for a refused request (403) or an error page
                // outside any route; never linked.
                <Route path=path!("/_/error") view=RequestError ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
