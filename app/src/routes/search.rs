//! `/search?q=…`: the partners and routes a query names ("direct matches") first, then
//! full-text search over agreements, commitments and sharing arrangements.
//!
//! A plain GET form, so it works with JavaScript off and every search is a link.
//! Matches are highlighted from snippet parts rendered as text and `<mark>` elements:
//! record text never reaches the page as HTML.

use crate::components::{ErrorPage, Page};
use crate::server_fns::search::search_registry;
use accord::search::{
    last_word, DirectMatch, DirectMatches, HitStatus, PartnerName, SearchGroup, SearchHit,
    SearchResults, SnippetPart,
};
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
                "Type a partner’s name or country code, a route’s name, or a word from the title, summary, reference, owner or partners of an agreement, the text of a commitment, or the partner, partner body or legal basis of a sharing arrangement."
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
        let summary = format!("{} for “{typed}”", results.summary());
        let SearchResults { direct, agreements, commitments, sharing, shortened_to } = results;
        // The last word was typed past its stem and matched no record as it stood.
        let shortened = shortened_to.map(|word| {
            let last = last_word(&typed).unwrap_or_default().to_owned();
            view! {
                <p class="govuk-body" data-test="search-shortened">
                    {format!("No records matched “{last}”: the records below are for words beginning “{word}”.")}
                </p>
            }
        });
        view! {
            {shortened}
            <p class="govuk-body" data-test="search-summary">{summary}</p>
            {(direct.total > 0).then(|| view! { <DirectGroup direct /> })}
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
                    "Partners and routes by name (or a partner’s code), then agreements, commitments and sharing arrangements. The last word may be the start of a word."
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
                {format!("{} ({})", group.kind.label(), group.count_text())}
            </h2>
            {more_text(&group, shown).map(|text| view! { <p class="govuk-body-s" data-test="search-more">{text}</p> })}
            <ul class="govuk-list accord-search-results">
                {group.hits.into_iter().map(|hit| view! { <ResultItem hit /> }).collect_view()}
            </ul>
        </section>
    }
}

/// Why a group shows fewer hits than its count, when it does.
fn more_text(group: &SearchGroup, shown: i64) -> Option<String> {
    if group.more {
        Some(format!(
            "Showing the {shown} best matches among the {} most recently added. Add a word to narrow the search.",
            accord::thousands(group.total),
        ))
    } else {
        (group.total > shown).then(|| format!("Showing the {shown} best matches."))
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
            <p class="govuk-body-s govuk-!-margin-bottom-1">
                <Status status=hit.status />
                <Partners partners=hit.partners />
            </p>
            <p class="govuk-body-s accord-search-result__marking" data-test="search-result-marking">
                {hit.classification.to_string()}
            </p>
        </li>
    }
}

/// The partners and routes the query names, before the records that mention them.
#[component]
fn DirectGroup(direct: DirectMatches) -> impl IntoView {
    let shown = direct.matches.len() as i64;
    view! {
        <section class="accord-search-group" data-test="search-group-direct" aria-labelledby="search-group-direct-heading">
            <h2 class="govuk-heading-m" id="search-group-direct-heading" data-test="search-group-heading">
                {format!("Direct matches ({})", direct.total)}
            </h2>
            {(direct.total > shown)
                .then(|| view! { <p class="govuk-body-s">{format!("Showing the {shown} closest names.")}</p> })}
            <ul class="govuk-list accord-search-results">
                {direct.matches.into_iter().map(|m| view! { <DirectItem m /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn DirectItem(m: DirectMatch) -> impl IntoView {
    let what = match &m.code {
        Some(code) if m.detail.is_empty() => format!("{} {code}", m.kind.label()),
        Some(code) => format!("{} {code} · {}", m.kind.label(), m.detail),
        None => format!("{} · {}", m.kind.label(), m.detail),
    };
    view! {
        <li class="accord-search-result" data-test="search-result" data-kind=m.kind.code()>
            <a class="govuk-link govuk-!-font-weight-bold" href=m.href>{m.name}</a>
            <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-1" data-test="search-direct-kind">
                {what}
            </p>
            {(!m.partners.is_empty()).then(|| view! {
                <p class="govuk-body-s govuk-!-margin-bottom-1"><Partners partners=m.partners /></p>
            })}
            <p class="govuk-body-s accord-search-result__marking" data-test="search-result-marking">
                {m.classification.to_string()}
            </p>
        </li>
    }
}

/// A result's status as a GOV.UK tag.
#[component]
fn Status(status: HitStatus) -> impl IntoView {
    view! {
        <strong class=format!("govuk-tag govuk-tag--{} govuk-!-margin-right-2", status.tag_colour()) data-test="search-result-status">
            {status.label()}
        </strong>
    }
}

/// "Partners: Italy, Libya"; nothing when there are none.
#[component]
fn Partners(partners: Vec<PartnerName>) -> impl IntoView {
    (!partners.is_empty()).then(|| {
        let label = if partners.len() == 1 { "Partner: " } else { "Partners: " };
        let names: Vec<String> = partners.into_iter().map(|p| p.name).collect();
        view! { <span data-test="search-result-partners">{label}{names.join(", ")}</span> }
    })
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
