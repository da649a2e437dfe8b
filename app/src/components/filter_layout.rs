//! The one filter layout of every register list (the MOJ filter pattern, built from
//! GOV.UK classes and Accord's CSS): the filter panel beside the results on wide
//! screens; on narrow ones collapsed behind a "Show filters" button, a `<details>`
//! that needs no JavaScript. Above the results, each filter in use is a tag linking to
//! the same list without it, then "Clear filters".

use accord::{query_without, AppliedFilter};
use leptos::prelude::*;

/// A filter in use as the list shows it: what it filters, its value in words, and the
/// address of the list without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterTag {
    pub label: &'static str,
    pub value: String,
    pub remove: String,
}

impl FilterTag {
    /// Tags for `applied` on the list at `path` whose current query is `query`;
    /// `name` turns a code (a route's slug, a department's id) into its name.
    pub fn all(
        path: &str,
        query: &str,
        applied: Vec<AppliedFilter>,
        name: impl Fn(&'static str, String) -> String,
    ) -> Vec<FilterTag> {
        applied
            .into_iter()
            .map(|a| {
                let rest = query_without(query, a.key);
                let remove =
                    if rest.is_empty() { path.to_owned() } else { format!("{path}?{rest}") };
                FilterTag { label: a.label, value: name(a.key, a.value), remove }
            })
            .collect()
    }
}

/// `noun` ("agreements") names the form; `action` is the list's address; `filters` are
/// the form's fields; the children are the results (count, table, pagination).
#[component]
pub fn FilterLayout(
    noun: &'static str,
    action: &'static str,
    tags: Vec<FilterTag>,
    filters: AnyView,
    children: Children,
) -> impl IntoView {
    let applied = !tags.is_empty();
    view! {
        <div class="accord-filter-layout" data-test="filter-layout">
            <details class="accord-filter" data-test="filter-panel">
                <summary class="govuk-button govuk-button--secondary accord-filter__toggle" data-test="show-filters">
                    <span class="accord-filter__show">"Show filters"</span>
                    <span class="accord-filter__hide">"Hide filters"</span>
                </summary>
                <div class="accord-filter__panel">
                    <h2 class="govuk-heading-m accord-filter__heading">"Filter"</h2>
                    <form method="get" action=action aria-label=format!("Filter {noun}") data-test="filter-form">
                        {filters}
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Apply filters"</button>
                    </form>
                </div>
            </details>
            <div class="accord-filter-layout__results">
                {applied.then(|| view! {
                    <div class="accord-applied-filters" data-test="applied-filters">
                        <h2 class="govuk-heading-s accord-applied-filters__heading">"Filters applied"</h2>
                        <ul class="accord-applied-filters__list">
                            {tags.into_iter().map(|tag| view! {
                                <li>
                                    <a class="accord-filter-tag" href=tag.remove data-test="filter-tag">
                                        <span class="govuk-visually-hidden">"Remove this filter: "</span>
                                        {format!("{}: {}", tag.label, tag.value)}
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p class="govuk-body govuk-!-margin-bottom-2">
                            <a class="govuk-link" href=action data-test="clear-filters">"Clear filters"</a>
                        </p>
                    </div>
                })}
                {children()}
            </div>
        </div>
    }
}
