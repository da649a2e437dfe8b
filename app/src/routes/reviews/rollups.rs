//! `/reviews/rollups`: the five roll-ups; `/reviews/rollups/{dimension}`: one of them,
//! a row per partner, route, owner, lead department or CONTEST strand, every figure a
//! link to the commitments it counts.

mod table;

use crate::components::{ErrorPage, Page, Pagination};
use crate::server_fns::rollups::{fetch_rollup, RollupPage};
use accord::rollup::{since, Dimension, CHANGE_DAYS};
use accord::{dates, PAGE_SIZE};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The table of `rows` as HTML (see `RollupPage::table_html`).
#[cfg(feature = "ssr")]
pub fn table_html(dimension: Dimension, rows: Vec<accord::rollup::RollupRow>) -> String {
    use table::RollupTable;
    let caption = title(dimension);
    view! { <RollupTable dimension rows caption /> }.to_html()
}

/// "Commitments by partner".
fn title(dimension: Dimension) -> String {
    format!("Commitments by {}", dimension.noun())
}

/// The breadcrumbs above every roll-up page.
#[component]
fn Crumbs(#[prop(optional)] index: bool) -> impl IntoView {
    view! {
        <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
            <ol class="govuk-breadcrumbs__list">
                <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/reviews">"Reviews"</a></li>
                {(!index).then(|| view! {
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/reviews/rollups">"Roll-ups"</a></li>
                })}
            </ol>
        </nav>
    }
}

/// `/reviews/rollups`: what each roll-up counts, and a link to it.
#[component]
pub fn RollupIndex() -> impl IntoView {
    view! {
        <Page title="Roll-ups">
            <Crumbs index=true />
            <h1 class="govuk-heading-xl">"Roll-ups"</h1>
            <p class="govuk-body-l">
                "Commitments counted by status, RAG rating, overdue and reviews due, with the change over the last "
                {CHANGE_DAYS}" days. Every figure links to the commitments it counts."
            </p>
            <ul class="govuk-list" data-test="rollup-dimensions">
                {Dimension::ALL.iter().map(|d| view! {
                    <li>
                        <h2 class="govuk-heading-m govuk-!-margin-bottom-1">
                            <a class="govuk-link" href=format!("/reviews/rollups/{}", d.code())>{format!("By {}", d.noun())}</a>
                        </h2>
                        <p class="govuk-body">{d.description()}</p>
                    </li>
                }).collect_view()}
            </ul>
        </Page>
    }
}

/// `/reviews/rollups/{dimension}?page=n`.
#[component]
pub fn RollupDetail() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let dimension = move || params.with(|p| p.get("dimension").unwrap_or_default());
    let page =
        move || query.with(|q| q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1));
    let data = Resource::new_blocking(move || (dimension(), page()), |(d, p)| fetch_rollup(d, p));
    view! {
        <Suspense fallback=|| view! { <Page title="Roll-up"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <RollupView page /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RollupView(page: RollupPage) -> impl IntoView {
    let RollupPage { dimension, rows, total, page, today, marking, table_html } = page;
    let title = title(dimension);
    let others = Dimension::ALL.iter().filter(move |d| **d != dimension).map(|d| {
        view! { <li><a class="govuk-link" href=format!("/reviews/rollups/{}", d.code())>{format!("By {}", d.noun())}</a></li> }
    });
    let code = dimension.code();
    view! {
        <Page title=title.clone() marking>
            <Crumbs />
            <span class="govuk-caption-xl">"Roll-up"</span>
            <h1 class="govuk-heading-xl">{title.clone()}</h1>
            <p class="govuk-body">{dimension.description()}</p>
            <p class="govuk-body" data-test="rollup-dates">
                {format!(
                    "Counted on {}. The change is since {} ({CHANGE_DAYS} days before), as each commitment's latest assessment on or before that day recorded it.",
                    dates::long(today),
                    dates::long(since(today)),
                )}
            </p>
            <nav aria-label="Other roll-ups">
                <ul class="govuk-list">{others.collect_view()}</ul>
            </nav>
            {if rows.is_empty() {
                view! { <p class="govuk-body" data-test="rollup-empty">"There are no commitments to count."</p> }.into_any()
            } else {
                view! { <div inner_html=table_html></div> }.into_any()
            }}
            <Pagination page total page_size=PAGE_SIZE href=move |p| format!("/reviews/rollups/{code}?page={p}") />
        </Page>
    }
}
