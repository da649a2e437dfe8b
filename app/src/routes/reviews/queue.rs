//! `/reviews`: the review queue. Every record with a next review date that is still
//! reviewed, within the reader's clearance, in four groups by date; each group shows
//! its first rows and links to itself as a filter (`?group=overdue`) with pages.

// The browser never renders the groups (the server keeps their HTML in the read cache).
#![cfg_attr(not(feature = "ssr"), allow(dead_code, unused_imports))]

use crate::components::{ErrorPage, FilterLayout, FilterTag, MarkingTag, Page, Pagination, RagTag};
use crate::forms::choices::Choices;
use crate::forms::fields::{SelectField, TextField};
use crate::forms::FormValues;
use crate::server_fns::review_queue::{fetch_review_queue, ReviewQueuePage};
use accord::review_queue::{coming_sunday, QueueGroupRows, NEXT_DAYS};
use accord::{
    dates, ContestStrand, FormData, QueueGroup, QueueItem, QueueKind, ReviewQueueQuery, PAGE_SIZE,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use time::Duration;

#[component]
pub fn ReviewQueue() -> impl IntoView {
    let query = use_query_map();
    let filter = move || query.with(|q| ReviewQueueQuery::from_query(|k| q.get(k)));
    let raw = move || {
        query.with(|q| FormData(q.clone().into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
    };
    let data = Resource::new_blocking(filter, fetch_review_queue);
    view! {
        <Suspense fallback=|| view! { <Page title="Review queue"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                let (filter, raw) = (filter(), raw());
                match data.await {
                    Ok(page) => view! { <QueueView page filter raw /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(page: ReviewQueuePage, filter: ReviewQueueQuery, raw: FormData) -> impl IntoView {
    provide_context(FormValues { values: raw, errors: Default::default() });
    let (routes, bodies) = (page.routes.clone(), page.uk_bodies.clone());
    let tags = FilterTag::all("/reviews", &filter.to_query(), filter.applied(), |key, value| {
        let named = |list: &[(String, String)]| {
            list.iter().find(|(code, _)| *code == value).map(|(_, name)| name.clone())
        };
        match key {
            "route" => named(&routes),
            "lead" => named(&bodies),
            _ => None,
        }
        .unwrap_or(value)
    });
    let title = match filter.group {
        Some(group) => format!("Review queue: {}", group.label().to_lowercase()),
        None => "Review queue".to_owned(),
    };
    let filters = view! {
        <SelectField name="mine" label="Whose" options=[("true", "Owned or reviewed by me")] blank="Everyone's" />
        <SelectField name="kind" label="Kind of record" options=Choices::of(QueueKind::ALL, QueueKind::code, QueueKind::label) blank="Any kind" />
        <SelectField name="group" label="Review date" options=Choices::of(QueueGroup::ALL, QueueGroup::code, QueueGroup::label) blank="Any date" />
        <SelectField name="partner" label="Partner" options=Choices::partners() blank="Any partner" />
        <SelectField name="route" label="Route" options=page.routes.clone() blank="Any route" />
        <SelectField name="lead" label="Lead department" options=page.uk_bodies.clone() blank="Any department" />
        <SelectField name="strand" label="CONTEST strand" options=Choices::of(ContestStrand::ALL, ContestStrand::code, ContestStrand::label) blank="Any strand" />
        <TextField name="owner" label="Owner" />
    }
    .into_any();
    let today = page.today;
    view! {
        <Page title=title.clone() marking=page.marking>
            {filter.group.is_some().then(|| view! { <a class="govuk-back-link" href=all_groups_href(&filter)>"All review dates"</a> })}
            <h1 class="govuk-heading-xl">{title}</h1>
            // The reviewer's other views of the same dates and records.
            <ul class="govuk-list" data-test="review-views">
                <li><a class="govuk-link" href="/reviews/rollups">"Roll-ups by partner, route, owner, department and strand"</a></li>
                <li><a class="govuk-link" href="/calendar">"Review calendar"</a></li>
            </ul>
            <GroupsExplained today />
            <FilterLayout noun="reviews" action="/reviews" tags filters>
                <div inner_html=page.groups_html></div>
                // The queue's exports: every row of the groups shown, same filter.
                <ul class="govuk-list accord-export-links" data-test="export-links">
                    <li><a class="govuk-link" href=export_href(&filter, "csv") download data-test="download-csv">"Download CSV"</a></li>
                    <li><a class="govuk-link" href=export_href(&filter, "json") download data-test="download-json">"Download JSON"</a></li>
                </ul>
            </FilterLayout>
        </Page>
    }
}

/// The count and the groups' sections as HTML (see `ReviewQueuePage::groups_html`).
#[cfg(feature = "ssr")]
pub fn groups_html(
    groups: Vec<QueueGroupRows>,
    filter: ReviewQueueQuery,
    may_assess: bool,
) -> String {
    let total: i64 = groups.iter().map(|g| g.total).sum();
    let count = format!("{total} {} to review", if total == 1 { "record" } else { "records" });
    view! {
        <p class="govuk-body govuk-!-font-weight-bold" data-test="result-count">{count}</p>
        {groups.into_iter().map(|group| view! { <GroupSection group filter=filter.clone() may_assess /> }).collect_view()}
    }
    .to_html()
}

/// `/reviews.csv?…`: the queue's export with its filters (every page).
fn export_href(filter: &ReviewQueueQuery, extension: &str) -> String {
    let query = filter.with_page(1).to_query();
    if query.is_empty() {
        format!("/reviews.{extension}")
    } else {
        format!("/reviews.{extension}?{query}")
    }
}

/// The group filter taken off, other filters kept.
fn all_groups_href(filter: &ReviewQueueQuery) -> String {
    let rest = ReviewQueueQuery { group: None, page: 1, ..filter.clone() }.to_query();
    if rest.is_empty() {
        "/reviews".to_owned()
    } else {
        format!("/reviews?{rest}")
    }
}

/// What the queue holds and where each group starts and ends, for today.
#[component]
fn GroupsExplained(today: time::Date) -> impl IntoView {
    let sunday = coming_sunday(today);
    let last = today.saturating_add(Duration::days(NEXT_DAYS));
    view! {
        <details class="govuk-details" data-test="groups-explained">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">"What the queue shows"</span>
            </summary>
            <div class="govuk-details__text">
                <p class="govuk-body">"Commitments, agreements and sharing arrangements with a next review date, that you may see. Met and withdrawn commitments, expired, terminated and superseded agreements, and ended arrangements are not reviewed, so they are left out."</p>
                <ul class="govuk-list govuk-list--bullet">
                    <li>{format!("Overdue: review date before today, {}", dates::long(today))}</li>
                    <li>{format!("Due this week: from today to Sunday {}", dates::long(sunday))}</li>
                    <li>{format!("Due in the next {NEXT_DAYS} days: after that Sunday, up to {}", dates::long(last))}</li>
                    <li>{format!("Later: after {}", dates::long(last))}</li>
                </ul>
                <p class="govuk-body">"Sharing arrangements have no owner, named reviewer or CONTEST strand: filtering by those leaves them out. An arrangement's lead department is its UK body."</p>
            </div>
        </details>
    }
}

#[component]
fn GroupSection(
    group: QueueGroupRows,
    filter: ReviewQueueQuery,
    may_assess: bool,
) -> impl IntoView {
    let QueueGroupRows { group: which, total, rows } = group;
    let heading = format!("{} ({total})", which.label());
    let shown = rows.len() as i64;
    let all_href = format!("/reviews?{}", filter.with_group(which).to_query());
    let paged = filter.group.is_some();
    let page_filter = filter.clone();
    view! {
        <section class="govuk-!-margin-bottom-8" data-test=format!("group-{}", which.code()) aria-labelledby=format!("group-{}-heading", which.code())>
            <h2 class="govuk-heading-m" id=format!("group-{}-heading", which.code()) data-test="group-heading">{heading}</h2>
            {if rows.is_empty() {
                view! { <p class="govuk-body" data-test="group-empty">"Nothing to review."</p> }.into_any()
            } else {
                view! { <QueueTable caption=which.label() rows may_assess /> }.into_any()
            }}
            {(!paged && total > shown).then(|| view! {
                <p class="govuk-body">
                    <a class="govuk-link" href=all_href data-test="view-all">{format!("View all {total}")}<span class="govuk-visually-hidden">{format!(" {}", which.label().to_lowercase())}</span></a>
                </p>
            })}
            {paged.then(|| view! {
                <Pagination page=filter.page total page_size=PAGE_SIZE href=move |p| format!("/reviews?{}", page_filter.with_page(p).to_query()) />
            })}
        </section>
    }
}

#[component]
fn QueueTable(caption: &'static str, rows: Vec<QueueItem>, may_assess: bool) -> impl IntoView {
    view! {
        <table class="govuk-table" data-test="queue-table">
            <caption class="govuk-visually-hidden">{caption}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Record"</th>
                <th scope="col" class="govuk-table__header">"Kind"</th>
                <th scope="col" class="govuk-table__header">"Partners"</th>
                <th scope="col" class="govuk-table__header">"Owner"</th>
                <th scope="col" class="govuk-table__header">"Reviewer"</th>
                <th scope="col" class="govuk-table__header">"Review date"</th>
                <th scope="col" class="govuk-table__header">"Status"</th>
                <th scope="col" class="govuk-table__header">"Marking"</th>
                {may_assess.then(|| view! { <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Action"</span></th> })}
            </tr></thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().map(|item| view! { <QueueRow item may_assess /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn QueueRow(item: QueueItem, may_assess: bool) -> impl IntoView {
    let href = item.href();
    let is_commitment = item.kind == QueueKind::Commitment;
    let record = if is_commitment {
        item.title.clone()
    } else {
        format!("{}: {}", item.reference, item.title)
    };
    let unset = |s: &str| if s.is_empty() { "—".to_owned() } else { s.to_owned() };
    let assess = (may_assess && is_commitment).then(|| {
        let href = format!("/commitments/{}/assessments/new", item.id);
        view! {
            <a class="govuk-link" href=href data-test="record-assessment">
                "Record an assessment"<span class="govuk-visually-hidden">{format!(" of commitment {}", item.id)}</span>
            </a>
        }
    });
    view! {
        <tr class="govuk-table__row" data-test="queue-row" data-kind=item.kind.code()>
            <td class="govuk-table__cell">
                <a class="govuk-link" href=href data-test="queue-record">{record}</a>
                {is_commitment.then(|| view! { <br /><span class="govuk-body-s">{item.reference.clone()}</span> })}
            </td>
            <td class="govuk-table__cell">{item.kind.label()}</td>
            <td class="govuk-table__cell">{unset(&item.partners)}</td>
            <td class="govuk-table__cell" data-test="queue-owner">{unset(&item.owner)}</td>
            <td class="govuk-table__cell" data-test="queue-reviewer">{unset(item.reviewer.as_deref().unwrap_or_default())}</td>
            <td class="govuk-table__cell" data-test="queue-date">{dates::long(item.next_review_on)}</td>
            <td class="govuk-table__cell">{item.status.clone()}{is_commitment.then(|| view! { " " <RagTag rag=item.rag /> })}</td>
            <td class="govuk-table__cell"><MarkingTag marking=item.classification.clone() /></td>
            {may_assess.then(|| view! { <td class="govuk-table__cell">{assess}</td> })}
        </tr>
    }
}
