//! The month as a list: one heading per day that has events (today marked), each
//! day's first few events with what the date is, a link to the record, its title and
//! marking, and a link to the day's own page when it holds more.

// The browser never renders these (the server keeps their HTML in the read cache).
#![cfg_attr(not(feature = "ssr"), allow(dead_code, unused_imports))]

use crate::components::MarkingTag;
use accord::calendar::{day_anchor, day_href, CalendarEvent, CalendarTally, Month};
use leptos::prelude::*;
use time::Date;

/// The list as HTML (see `CalendarPage::list_html`).
#[cfg(feature = "ssr")]
pub fn html(month: Month, today: Date, events: &[CalendarEvent], tally: &CalendarTally) -> String {
    let (events, tally) = (events.to_vec(), tally.clone());
    view! { <EventList month today events tally /> }.to_html()
}

#[component]
pub fn EventList(
    month: Month,
    today: Date,
    events: Vec<CalendarEvent>,
    tally: CalendarTally,
) -> impl IntoView {
    let label = month.label();
    let summary = match tally.total() {
        0 => format!(
            "There are no review dates, due dates or expiry dates in {label} for the records you may see."
        ),
        1 => format!("1 date in {label}."),
        n => format!("{n} dates in {label}."),
    };
    let days = tally.days.into_iter().map(move |day| {
        let shown: Vec<CalendarEvent> =
            events.iter().filter(|e| e.date == day.date).cloned().collect();
        view! { <DayEvents date=day.date today events=shown count=day.events /> }
    });
    view! {
        <section class="accord-calendar-list" aria-labelledby="calendar-list-heading" data-test="calendar-list">
            <h2 class="govuk-heading-m" id="calendar-list-heading">{format!("Dates in {label}")}</h2>
            <p class="govuk-body" data-test="calendar-count">{summary}</p>
            {days.collect_view()}
        </section>
    }
}

/// "Tuesday 1 December 2026", for a day's heading.
pub fn day_heading(date: Date) -> String {
    format!("{} {}", date.weekday(), accord::dates::long(date))
}

#[component]
fn DayEvents(date: Date, today: Date, events: Vec<CalendarEvent>, count: i64) -> impl IntoView {
    let heading = day_heading(date);
    let rest = count - events.len() as i64;
    let all = format!("See all {count} dates on {heading}");
    view! {
        <h3 class="govuk-heading-s accord-calendar-list__day" id=day_anchor(date) data-test="calendar-list-day">
            {heading.clone()}
            {(date == today).then(|| view! {
                " "<strong class="govuk-tag govuk-tag--blue" data-test="calendar-list-today">"Today"</strong>
            })}
        </h3>
        <EventItems events />
        {(rest > 0).then(|| view! {
            <p class="govuk-body accord-calendar-list__all">
                <a class="govuk-link" href=day_href(date, 1) data-test="calendar-day-all">{all}</a>
            </p>
        })}
    }
}

/// Events as a list: what each date is, the record's link, title and marking.
#[component]
pub fn EventItems(events: Vec<CalendarEvent>) -> impl IntoView {
    view! {
        <ul class="govuk-list accord-calendar-list__events">
            {events.into_iter().map(|event| view! {
                <li class="accord-calendar-list__event" data-test="calendar-event">
                    <strong class=format!("govuk-tag govuk-tag--{} accord-calendar-list__kind", event.kind.tag_colour())>
                        {event.kind.label()}
                    </strong>
                    " "
                    <a class="govuk-link" href=event.href() data-test="calendar-event-link">{event.name()}</a>
                    <span class="govuk-body-s accord-calendar-list__title">{event.title.clone()}</span>
                    " "<MarkingTag marking=event.marking.clone() />
                </li>
            }).collect_view()}
        </ul>
    }
}
