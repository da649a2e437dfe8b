//! `/calendar?month=2026-12`: the review calendar, a month of review dates, commitment
//! due dates and agreement expiry dates of the records the reader may see.
//!
//! Rendered on the server. The month grid is for sighted mouse users on wide screens:
//! it is hidden from screen readers (`aria-hidden`, its links out of the tab order)
//! and under 641 px, where the list below it, which holds every event, is what
//! everyone reads. `&view=list` shows the list alone. Both show a day's first few
//! events; a crowded day's "and N more" links to `/calendar?day=2026-12-14`, every
//! event of the day a page at a time (a month of the whole register holds thousands).

mod data;
mod grid;
mod list;

pub use data::{fetch_calendar, CalendarData, CalendarDay, CalendarPage};

use crate::components::{ErrorPage, Page, Pagination};
use accord::calendar::{calendar_href, day_anchor, day_href, CalendarView, Month, DAY_PAGE_SIZE};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Calendar() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            let page = q.get("page").and_then(|p| p.parse::<i64>().ok());
            (q.get("month"), q.get("day"), page)
        })
    };
    let view_kind = move || CalendarView::parse(query.with(|q| q.get("view")).as_deref());
    let data = Resource::new_blocking(asked, |(month, day, page)| fetch_calendar(month, day, page));
    view! {
        <Suspense fallback=|| view! { <Page title="Calendar"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(CalendarData::Month(page)) => view! { <MonthPage page view=view_kind() /> }.into_any(),
                    Ok(CalendarData::Day(day)) => view! { <DayPage day /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MonthPage(page: CalendarPage, view: CalendarView) -> impl IntoView {
    let CalendarPage { month, today, marking, grid_html, list_html } = page;
    let label = month.label();
    let title = match view {
        CalendarView::Month => format!("Calendar: {label}"),
        CalendarView::List => format!("Calendar: {label}, list"),
    };
    view! {
        <Page title marking>
            <leptos_meta::Stylesheet href="/calendar.css" />
            <span class="govuk-caption-l">"Review calendar"</span>
            <h1 class="govuk-heading-l" data-test="calendar-month">{label.clone()}</h1>
            <p class="govuk-body">
                "Review dates, commitment due dates and agreement expiry dates of the records you may see."
            </p>
            <MonthLinks month today view />
            <ViewSwitch month view />
            {(view == CalendarView::Month).then(|| view! { <div inner_html=grid_html></div> })}
            <div inner_html=list_html></div>
        </Page>
    }
}

/// `/calendar?day=2026-12-14`: every event of one day, a page at a time.
#[component]
fn DayPage(day: CalendarDay) -> impl IntoView {
    let CalendarDay { date, today, events, total, page, marking } = day;
    let heading = list::day_heading(date);
    let month = Month::of(date);
    let back = format!("{}#{}", calendar_href(month, CalendarView::List), day_anchor(date));
    let summary = match total {
        0 => "There are no review dates, due dates or expiry dates on this day for the records you may see.".to_owned(),
        1 => "1 date.".to_owned(),
        n => format!("{n} dates."),
    };
    view! {
        <Page title=format!("Calendar: {heading}") marking>
            <leptos_meta::Stylesheet href="/calendar.css" />
            <a class="govuk-back-link" href=back data-test="calendar-day-back">{format!("Back to {}", month.label())}</a>
            <span class="govuk-caption-l">"Review calendar"</span>
            <h1 class="govuk-heading-l" data-test="calendar-day">
                {heading}
                {(date == today).then(|| view! {
                    " "<strong class="govuk-tag govuk-tag--blue" data-test="calendar-list-today">"Today"</strong>
                })}
            </h1>
            <p class="govuk-body" data-test="calendar-count">{summary}</p>
            <section class="accord-calendar-list" data-test="calendar-list">
                <list::EventItems events />
            </section>
            <Pagination page total page_size=DAY_PAGE_SIZE href=move |p| day_href(date, p) />
        </Page>
    }
}

/// Links between the grid and the list of the same month (the current one marked).
#[component]
fn ViewSwitch(month: Month, view: CalendarView) -> impl IntoView {
    let item = move |this: CalendarView, text: &'static str, test: &'static str| {
        let current = view == this;
        view! {
            <li>
                <a class="govuk-link" href=calendar_href(month, this) aria-current=current.then_some("page") data-test=test>
                    {text}
                </a>
            </li>
        }
    };
    view! {
        <nav aria-label="Calendar views" class="accord-calendar-views">
            <ul class="govuk-list accord-calendar-views__list">
                {item(CalendarView::Month, "Month grid and list", "calendar-view-month")}
                {item(CalendarView::List, "List only", "calendar-view-list")}
            </ul>
        </nav>
    }
}

/// GOV.UK's block pagination to the months either side, within
/// [`accord::calendar::NAV_MONTHS_BACK`] and `NAV_MONTHS_AHEAD` of this month, and
/// back to this month from anywhere else.
#[component]
fn MonthLinks(month: Month, today: time::Date, view: CalendarView) -> impl IntoView {
    use accord::calendar::{NAV_MONTHS_AHEAD, NAV_MONTHS_BACK};
    let current = Month::of(today);
    let offset = month.since(current);
    let (prev, next) = (month.add(-1), month.add(1));
    view! {
        <nav class="govuk-pagination govuk-pagination--block" aria-label="Months" data-test="calendar-months">
            {(offset > -NAV_MONTHS_BACK).then(|| view! {
                <div class="govuk-pagination__prev">
                    <a class="govuk-link govuk-pagination__link" href=calendar_href(prev, view) rel="prev" data-test="calendar-prev">
                        <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                            <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
                        </svg>
                        <span class="govuk-pagination__link-title">"Previous"<span class="govuk-visually-hidden">" month"</span></span>
                        <span class="govuk-visually-hidden">":"</span>
                        <span class="govuk-pagination__link-label">{prev.label()}</span>
                    </a>
                </div>
            })}
            {(offset < NAV_MONTHS_AHEAD).then(|| view! {
                <div class="govuk-pagination__next">
                    <a class="govuk-link govuk-pagination__link" href=calendar_href(next, view) rel="next" data-test="calendar-next">
                        <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                            <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
                        </svg>
                        <span class="govuk-pagination__link-title">"Next"<span class="govuk-visually-hidden">" month"</span></span>
                        <span class="govuk-visually-hidden">":"</span>
                        <span class="govuk-pagination__link-label">{next.label()}</span>
                    </a>
                </div>
            })}
        </nav>
        {(month != current).then(|| view! {
            <p class="govuk-body">
                <a class="govuk-link" href=calendar_href(current, view) data-test="calendar-this-month">
                    "Go to this month, "{current.label()}
                </a>
            </p>
        })}
    }
}
