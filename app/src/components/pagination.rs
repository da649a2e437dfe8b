//! GOV.UK pagination: previous / next links that keep the filter in the address.

use leptos::prelude::*;

/// `href(page)` builds the link for a page; pages are 1-based.
#[component]
pub fn Pagination(
    page: i64,
    total: i64,
    page_size: i64,
    href: impl Fn(i64) -> String + 'static,
) -> impl IntoView {
    let pages = ((total + page_size - 1) / page_size).max(1);
    (pages > 1).then(|| {
        view! {
            <nav class="govuk-pagination" aria-label="Pages of results">
                {(page > 1).then(|| view! {
                    <div class="govuk-pagination__prev">
                        <a class="govuk-link govuk-pagination__link" href=href(page - 1) rel="prev">
                            <span class="govuk-pagination__link-title">"Previous"<span class="govuk-visually-hidden">" page"</span></span>
                        </a>
                    </div>
                })}
                <p class="govuk-body govuk-!-margin-bottom-0 accord-page-of">{format!("Page {page} of {pages}")}</p>
                {(page < pages).then(|| view! {
                    <div class="govuk-pagination__next">
                        <a class="govuk-link govuk-pagination__link" href=href(page + 1) rel="next">
                            <span class="govuk-pagination__link-title">"Next"<span class="govuk-visually-hidden">" page"</span></span>
                        </a>
                    </div>
                })}
            </nav>
        }
    })
}
