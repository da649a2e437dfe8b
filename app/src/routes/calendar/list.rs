//! The month as a list: one heading per day that has events (today marked), each
//! event with what its date is, a link to its record, the record's title and marking.

use crate::components::MarkingTag;
use accord::calendar::{by_day, day_anchor, CalendarEvent, Month};
use leptos::prelude::*;
use time::Date;

#[component]
pub fn EventList(month: Month, today: Date, events: Vec<CalendarEvent>) -> impl IntoView {
    let label = month.label();
    let count = events.len();
    let summary = match count {
        0 => format!(
            "There are no review dates, due dates or expiry dates in {label} for the records you may see."
        ),
        1 => format!("1 date in {label}."),
        n => format!("{n} dates in {label}."),
    };
    view! {
        <section class="accord-calendar-list" aria-labelledby="calendar-list-heading" data-test="calendar-list">
            <h2 class="govuk-heading-m" id="calendar-list-heading">{format!("Dates in {label}")}</h2>
            <p class="govuk-body" data-test="calendar-count">{summary}</p>
            {by_day(&events).into_iter().map(|(date, events)| view! { <DayEvents date today events /> }).collect_view()}
        </section>
    }
}

#[component]
fn DayEvents(date: Date, today: Date, events: Vec<CalendarEvent>) -> impl IntoView {
    let heading = format!("{} {}", date.weekday(), accord::dates::long(date));
    view! {
        <h3 class="govuk-heading-s accord-calendar-list__day" id=day_anchor(date) data-test="calendar-list-day">
            {heading}
            {(date == today).then(|| view! {
                " "<strong class="govuk-tag govuk-tag--blue" data-test="calendar-list-today">"Today"</strong>
            })}
        </h3>
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
