//! The month grid: a GOV.UK table of weeks, Monday first, today marked, a day's first
//! few events and "and N more" linking to the day's own page.
//!
//! Hidden from screen readers and out of the tab order: the list below holds every
//! event, and is what assistive technology and narrow screens use.

// The browser never renders these (the server keeps their HTML in the read cache).
#![cfg_attr(not(feature = "ssr"), allow(dead_code, unused_imports))]

use accord::calendar::{
    day_href, CalendarEvent, CalendarTally, GridDay, Month, MonthGrid, WEEKDAYS,
};
use leptos::prelude::*;
use time::Date;

/// The grid as HTML (see `CalendarPage::grid_html`).
#[cfg(feature = "ssr")]
pub fn html(month: Month, today: Date, events: &[CalendarEvent], tally: &CalendarTally) -> String {
    let (events, tally) = (events.to_vec(), tally.clone());
    view! { <Grid month today events tally /> }.to_html()
}

#[component]
pub fn Grid(
    month: Month,
    today: Date,
    events: Vec<CalendarEvent>,
    tally: CalendarTally,
) -> impl IntoView {
    let grid = MonthGrid::new(month, &events, &tally, today);
    view! {
        <div class="accord-calendar-grid" aria-hidden="true" data-test="calendar-grid">
            <table class="govuk-table accord-calendar">
                <caption class="govuk-table__caption govuk-table__caption--m">{month.label()}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        {WEEKDAYS.iter().map(|day| {
                            let name = day.to_string();
                            view! { <th scope="col" class="govuk-table__header">{name[..3].to_owned()}</th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {grid.weeks.into_iter().map(|week| view! {
                        <tr class="govuk-table__row">
                            {week.into_iter().map(|day| view! { <Day day /> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Day(day: GridDay) -> impl IntoView {
    let mut class = "govuk-table__cell accord-calendar__day".to_owned();
    if !day.in_month {
        class.push_str(" accord-calendar__day--other");
    }
    if day.is_today {
        class.push_str(" accord-calendar__day--today");
    }
    let more = day.count - day.events.len() as i64;
    let more_href = day_href(day.date, 1);
    let shown = day.events;
    view! {
        <td class=class data-test=day.in_month.then_some("calendar-day")>
            <span class="accord-calendar__date">{day.date.day()}</span>
            {day.is_today.then(|| view! {
                <strong class="govuk-tag govuk-tag--blue accord-calendar__today" data-test="calendar-today">"Today"</strong>
            })}
            {(!shown.is_empty()).then(|| view! {
                <ul class="accord-calendar__events">
                    {shown.into_iter().map(|event| view! {
                        <li class="accord-calendar__event">
                            <a class="govuk-link" href=event.href() tabindex="-1" data-test="calendar-grid-event">
                                <span class=format!("accord-calendar__kind accord-calendar__kind--{}", event.kind.code())>
                                    {event.kind.short()}
                                </span>
                                " "{event.name()}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(more > 0).then(|| view! {
                <a class="govuk-link accord-calendar__more" href=more_href tabindex="-1" data-test="calendar-more">
                    {format!("and {more} more")}
                </a>
            })}
        </td>
    }
}
