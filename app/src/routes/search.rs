//! `/search?q=…`: full-text search over agreements, commitments and sharing arrangements.
//!
//! A plain GET form, so it works with JavaScript off and every search is a link.
//! Matches are highlighted from snippet parts rendered as text and `<mark>` elements:
//! record text never reaches the page as HTML.

use crate::components::{ErrorPage, Page};
use crate::server_fns::search::search_registry;
use accord::search::{SearchGroup, SearchHit, SearchResults, SnippetPart};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Search() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let data = Resource::new_blocking(q, search_registry);
    view! {
        <Suspense fallback=|| view! { <Page title="Search"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                let q = q();
                match data.await {
                    Ok(results) => view! { <SearchView q results /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SearchView(q: String, results: SearchResults) -> impl IntoView {
    let typed = q.trim().to_owned();
    let marking = results.marking();
    // Never the typed text in the title: leptos_meta 0.8 writes <title> unescaped on the
    // server, so `</title><script>` in a query would become markup.
    let title = if typed.is_empty() { "Search" } else { "Search results" };
    let body = if typed.is_empty() {
        view! {
            <p class="govuk-body" data-test="search-hint">
                "Type a word from the title, summary, reference or owner of an agreement, the text of a commitment, or the partner body or legal basis of a sharing arrangement."
            </p>
        }
        .into_any()
    } else if results.total() == 0 {
        view! {
            <p class="govuk-body govuk-!-font-weight-bold" data-test="search-no-results">{format!("No results for “{typed}”")}</p>
            <p class="govuk-body">"Check the spelling, or use fewer or more general words."</p>
        }
        .into_any()
    } else {
        let total = results.total();
        let summary = if total == 1 {
            format!("1 result for “{typed}”")
        } else {
            format!("{total} results for “{typed}”")
        };
        let SearchResults { agreements, commitments, sharing } = results;
        view! {
            <p class="govuk-body" data-test="search-summary">{summary}</p>
            {[agreements, commitments, sharing]
                .into_iter()
                .filter(|group| group.total > 0)
                .map(|group| view! { <ResultGroup group /> })
                .collect_view()}
        }
        .into_any()
    };
    view! {
        <Page title marking>
            <h1 class="govuk-heading-xl">"Search"</h1>
            <SearchForm q=typed />
            {body}
        </Page>
    }
}

#[component]
fn SearchForm(q: String) -> impl IntoView {
    view! {
        <form method="get" action="/search" class="accord-search-form">
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--m" for="search-q">"Search the registry"</label>
                <div class="govuk-hint" id="search-q-hint">
                    "Agreements, commitments and sharing arrangements. The last word may be the start of a word."
                </div>
                <div class="accord-search-form__row">
                    <input
                        class="govuk-input accord-search-form__input"
                        id="search-q"
                        name="q"
                        type="search"
                        value=q
                        aria-describedby="search-q-hint"
                        autocomplete="off"
                        spellcheck="false"
                    />
                    <button type="submit" class="govuk-button accord-search-form__button" data-module="govuk-button">
                        "Search"
                    </button>
                </div>
            </div>
        </form>
    }
}

#[component]
fn ResultGroup(group: SearchGroup) -> impl IntoView {
    let test = group.kind.test_id();
    let heading_id = format!("{test}-heading");
    let labelled_by = heading_id.clone();
    let shown = group.hits.len() as i64;
    view! {
        <section class="accord-search-group" data-test=test aria-labelledby=labelled_by>
            <h2 class="govuk-heading-m" id=heading_id data-test="search-group-heading">
                {format!("{} ({})", group.kind.label(), group.total)}
            </h2>
            {(group.total > shown)
                .then(|| view! { <p class="govuk-body-s">{format!("Showing the {shown} best matches.")}</p> })}
            <ul class="govuk-list accord-search-results">
                {group.hits.into_iter().map(|hit| view! { <ResultItem hit /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ResultItem(hit: SearchHit) -> impl IntoView {
    view! {
        <li class="accord-search-result" data-test="search-result">
            <a class="govuk-link govuk-!-font-weight-bold" href=hit.href>{hit.title}</a>
            <p class="govuk-body-s accord-search-result__snippet" data-test="search-snippet">
                {highlighted(hit.snippet)}
            </p>
            <p class="govuk-body-s accord-search-result__marking" data-test="search-result-marking">
                {hit.classification.to_string()}
            </p>
        </li>
    }
}

/// Snippet parts as text nodes, matches inside `<mark>`: escaped like any text.
fn highlighted(parts: Vec<SnippetPart>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| {
            if part.highlighted {
                Either::Left(view! { <mark class="accord-search-mark">{part.text}</mark> })
            } else {
                Either::Right(part.text)
            }
        })
        .collect_view()
}
