//! `/agreements/briefing?…` and `/commitments/briefing?…`: the briefing pack of a
//! filtered list as a print-ready page, with the list page's query string read by the
//! same filter (`ListFilter`, page ignored), and the links the list pages offer to it.

use super::PackView;
use crate::components::{ErrorPage, Page};
use crate::error::AppError;
use accord::briefing_pack::BriefingPack;
use accord::{AgreementFilter, CommitmentFilter, ListFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::future::Future;

/// The pack of the agreements list for a filter.
#[server]
pub async fn fetch_agreements_pack(filter: AgreementFilter) -> Result<BriefingPack, AppError> {
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let pool = crate::state::pool()?;
    let today = accord::dates::today();
    let pack = accord::storage::briefing_pack::for_agreements(&pool, &filter, &user, today).await?;
    accord::storage::briefing_pack::audit_export(&pool, &user, &pack, "print").await?;
    Ok(pack)
}

/// The pack of the commitments list for a filter.
#[server]
pub async fn fetch_commitments_pack(filter: CommitmentFilter) -> Result<BriefingPack, AppError> {
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let pool = crate::state::pool()?;
    let today = accord::dates::today();
    let pack =
        accord::storage::briefing_pack::for_commitments(&pool, &filter, &user, today).await?;
    accord::storage::briefing_pack::audit_export(&pool, &user, &pack, "print").await?;
    Ok(pack)
}

/// The print view of the agreements list's pack.
#[component]
pub fn AgreementsBriefing() -> impl IntoView {
    list_briefing(fetch_agreements_pack)
}

/// The print view of the commitments list's pack.
#[component]
pub fn CommitmentsBriefing() -> impl IntoView {
    list_briefing(fetch_commitments_pack)
}

/// A list's pack for the filter in the address, loaded in one blocking resource.
fn list_briefing<F, Fut>(fetch: fn(F) -> Fut) -> impl IntoView
where
    F: ListFilter,
    Fut: Future<Output = Result<BriefingPack, AppError>> + Send + 'static,
{
    let query = use_query_map();
    let filter = move || query.with(|q| F::from_query(|k| q.get(k)).with_page(1));
    let data = Resource::new_blocking(filter, fetch);
    view! {
        <Suspense fallback=|| view! { <Page title="Briefing pack"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(pack) => view! { <PackView pack /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The address of a list's pack for `filter` (`extension` `None`: the print view).
pub fn list_briefing_href<F: ListFilter>(filter: &F, extension: Option<&str>) -> String {
    let query = filter.with_page(1).to_query();
    let suffix = extension.map(|e| format!(".{e}")).unwrap_or_default();
    let path = format!("{}/briefing{suffix}", F::PATH);
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// "Download briefing" under a list: the print view and the DOCX and PDF of the pack
/// of everything the filter selects (all pages), as plain links.
#[component]
pub fn ListBriefingLinks<F: ListFilter>(filter: F) -> impl IntoView {
    view! {
        <section class="accord-briefing-download" aria-labelledby="list-briefing-heading" data-test="list-briefing">
            <h2 class="govuk-heading-s" id="list-briefing-heading">"Download briefing"</h2>
            <ul class="govuk-list accord-briefing-links" data-test="briefing-links">
                <li><a class="govuk-link" href=list_briefing_href(&filter, None) data-test="briefing-print">"Print view"</a></li>
                <li><a class="govuk-link" href=list_briefing_href(&filter, Some("docx")) download data-test="briefing-docx">"Download briefing as Word document (DOCX)"</a></li>
                <li><a class="govuk-link" href=list_briefing_href(&filter, Some("pdf")) download data-test="briefing-pdf">"Download briefing as PDF"</a></li>
            </ul>
        </section>
    }
}
