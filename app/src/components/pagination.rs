//! GOV.UK pagination with page numbers: previous and next links, the first and last
//! pages, the pages either side of the current one, and ellipses between; every link
//! keeps the filter in the address.

use leptos::prelude::*;

/// The page numbers to show, `None` for an ellipsis: 1 … 4 5 6 … 20.
pub fn page_items(page: i64, pages: i64) -> Vec<Option<i64>> {
    let mut items = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || (n - page).abs() <= 1 {
            if n > last_shown + 1 {
                items.push(None);
            }
            items.push(Some(n));
            last_shown = n;
        }
    }
    items
}

/// `href(page)` builds the link for a page; pages are 1-based. Nothing when the
/// results fit on one page.
#[component]
pub fn Pagination(
    page: i64,
    total: i64,
    page_size: i64,
    href: impl Fn(i64) -> String + 'static,
) -> impl IntoView {
    let pages = ((total + page_size - 1) / page_size).max(1);
    let page = page.clamp(1, pages);
    (pages > 1).then(|| {
        let items = page_items(page, pages)
            .into_iter()
            .map(|item| match item {
                None => view! { <li class="govuk-pagination__item govuk-pagination__item--ellipses">"⋯"</li> }.into_any(),
                Some(n) if n == page => view! {
                    <li class="govuk-pagination__item govuk-pagination__item--current">
                        <a class="govuk-link govuk-pagination__link" href=href(n) aria-label=format!("Page {n}") aria-current="page">{n}</a>
                    </li>
                }
                .into_any(),
                Some(n) => view! {
                    <li class="govuk-pagination__item">
                        <a class="govuk-link govuk-pagination__link" href=href(n) aria-label=format!("Page {n}")>{n}</a>
                    </li>
                }
                .into_any(),
            })
            .collect_view();
        view! {
            <nav class="govuk-pagination" aria-label="Pages of results" data-test="pagination">
                {(page > 1).then(|| view! {
                    <div class="govuk-pagination__prev">
                        <a class="govuk-link govuk-pagination__link" href=href(page - 1) rel="prev">
                            <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                                <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
                            </svg>
                            <span class="govuk-pagination__link-title">"Previous"<span class="govuk-visually-hidden">" page"</span></span>
                        </a>
                    </div>
                })}
                <ul class="govuk-pagination__list">{items}</ul>
                {(page < pages).then(|| view! {
                    <div class="govuk-pagination__next">
                        <a class="govuk-link govuk-pagination__link" href=href(page + 1) rel="next">
                            <span class="govuk-pagination__link-title">"Next"<span class="govuk-visually-hidden">" page"</span></span>
                            <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                                <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
                            </svg>
                        </a>
                    </div>
                })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::page_items;

    #[test]
    fn shows_the_ends_the_neighbours_and_ellipses_between() {
        assert_eq!(page_items(1, 1), vec![Some(1)]);
        assert_eq!(page_items(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_items(5, 20),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(20)]
        );
        assert_eq!(page_items(2, 5), vec![Some(1), Some(2), Some(3), None, Some(5)]);
    }
}
