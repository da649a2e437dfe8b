//! The one shape of a registry list page (agreements, commitments, sharing
//! arrangements): the filter read from the address by [`ListFilter`] (the very reading
//! the list's CSV and JSON exports use), its data loaded in one blocking resource, and
//! the results offered for download with the same query string.

use crate::components::{ErrorPage, Page};
use crate::error::AppError;
use crate::forms::FormValues;
use accord::{FormData, ListFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// A list page: `fetch` loads the page's data for the filter in the address, `body`
/// draws it. The filter form's fields show the query as typed (`FormValues`).
pub fn list_page<F, P, Fut>(
    title: &'static str,
    fetch: fn(F) -> Fut,
    body: fn(P, F) -> AnyView,
) -> impl IntoView
where
    F: ListFilter,
    P: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<P, AppError>> + Send + 'static,
{
    let query = use_query_map();
    let filter = move || query.with(|q| F::from_query(|k| q.get(k)));
    let raw = move || {
        query.with(|q| FormData(q.clone().into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
    };
    let data = Resource::new_blocking(filter, fetch);
    view! {
        <Suspense fallback=move || view! { <Page title><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                let (filter, values) = (filter(), raw());
                match data.await {
                    Ok(page) => view! { <WithValues values>{body(page, filter)}</WithValues> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A list page's title, its own for each view of the list: how many filters narrow
/// it and which page of how many ("Commitments (2 filters applied, page 3 of 9)").
pub fn list_title(noun: &str, filters: usize, page: i64, total: i64) -> String {
    let mut about = Vec::new();
    match filters {
        0 => {}
        1 => about.push("1 filter applied".to_owned()),
        n => about.push(format!("{n} filters applied")),
    }
    let pages = (total + accord::PAGE_SIZE - 1) / accord::PAGE_SIZE;
    if pages > 1 {
        about.push(format!("page {} of {pages}", page.clamp(1, pages)));
    }
    match about.is_empty() {
        true => noun.to_owned(),
        false => format!("{noun} ({})", about.join(", ")),
    }
}

/// Gives the filter form the query as typed, for the page drawn inside.
#[component]
fn WithValues(values: FormData, children: Children) -> impl IntoView {
    provide_context(FormValues { values, errors: Default::default() });
    children()
}

/// "Download CSV" and "Download JSON": the list's exports for the same filter (all
/// pages, so without the page number).
#[component]
pub fn ExportLinks<F: ListFilter>(filter: F) -> impl IntoView {
    let query = filter.with_page(1).to_query();
    let href = move |ext: &str| {
        let path = F::PATH;
        if query.is_empty() {
            format!("{path}.{ext}")
        } else {
            format!("{path}.{ext}?{query}")
        }
    };
    // Agreements and commitments can be imported too (/import, editors and admins).
    let import = matches!(F::PATH, "/agreements" | "/commitments")
        && crate::access::may(accord::Action::Edit);
    view! {
        <ul class="govuk-list accord-export-links" data-test="export-links">
            <li><a class="govuk-link" href=href("csv") download data-test="download-csv">"Download CSV"</a></li>
            <li><a class="govuk-link" href=href("json") download data-test="download-json">"Download JSON"</a></li>
            {import.then(|| view! { <li><a class="govuk-link" href="/import" data-test="import-link">"Import from a spreadsheet"</a></li> })}
        </ul>
    }
}
