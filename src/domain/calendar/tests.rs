use super::*;
use crate::Level;
use time::macros::date;

fn event(date: Date, marking: Classification) -> CalendarEvent {
    CalendarEvent {
        date,
        kind: EventKind::ReviewDue,
        record: EventRecord::Commitment,
        record_id: 7,
        reference: "HO-LY-1".to_owned(),
        title: "Return flights".to_owned(),
        marking,
    }
}

#[test]
fn months_parse_only_year_dash_month() {
    assert_eq!(Month::parse("2026-12"), Some(Month { year: 2026, month: time::Month::December }));
    for bad in ["2026-13", "2026-00", "2026-1", "26-12", "2026/12", "", "abcd-ef", "0001-01"] {
        assert_eq!(Month::parse(bad), None, "{bad}");
    }
    assert_eq!(Month::of(date!(2026 - 12 - 01)).code(), "2026-12");
    assert_eq!(Month::of(date!(2026 - 03 - 09)).label(), "March 2026");
}

#[test]
fn months_step_across_years() {
    let december = Month::of(date!(2026 - 12 - 15));
    assert_eq!(december.add(1).code(), "2027-01");
    assert_eq!(december.add(-12).code(), "2025-12");
    assert_eq!(Month::of(date!(2027 - 01 - 01)).add(-1).code(), "2026-12");
    assert_eq!(december.add(25).since(december), 25);
    assert_eq!(december.add(-3).since(december), -3);
}

#[test]
fn the_feed_covers_90_days_back_to_18_months_ahead() {
    assert_eq!(feed_range(date!(2026 - 12 - 01)), (date!(2026 - 09 - 02), date!(2028 - 06 - 01)));
    // 31 August plus 18 months is the end of February.
    assert_eq!(feed_range(date!(2026 - 08 - 31)).1, date!(2028 - 02 - 29));
}

#[test]
fn the_grid_is_whole_weeks_monday_first_with_today_and_events_on_their_days() {
    let december = Month::of(date!(2026 - 12 - 01));
    let events = vec![
        event(date!(2026 - 12 - 01), Classification::default()),
        event(date!(2026 - 12 - 31), Classification::default()),
        event(date!(2026 - 12 - 31), Classification::default()),
        // Outside the month: not on the grid even where its day is shown.
        event(date!(2027 - 01 - 01), Classification::default()),
    ];
    // The tally counts more than the events shown: a crowded last day.
    let tally = CalendarTally {
        days: vec![
            DayCount { date: date!(2026 - 12 - 01), events: 1 },
            DayCount { date: date!(2026 - 12 - 31), events: 7 },
        ],
        marking: Classification::default(),
    };
    let grid = MonthGrid::new(december, &events, &tally, date!(2026 - 12 - 24));
    // 1 December 2026 is a Tuesday: the grid starts on Monday 30 November.
    assert_eq!(grid.weeks[0][0].date, date!(2026 - 11 - 30));
    assert!(!grid.weeks[0][0].in_month);
    assert_eq!(grid.weeks.len(), 5);
    assert!(grid.weeks.iter().all(|week| week.len() == 7));
    for week in &grid.weeks {
        assert_eq!(week[0].date.weekday(), time::Weekday::Monday);
    }
    let days: Vec<&GridDay> = grid.weeks.iter().flatten().collect();
    let today: Vec<Date> = days.iter().filter(|d| d.is_today).map(|d| d.date).collect();
    assert_eq!(today, vec![date!(2026 - 12 - 24)]);
    let on = |date: Date| days.iter().find(|d| d.date == date).map_or(0, |d| d.events.len());
    assert_eq!(on(date!(2026 - 12 - 01)), 1);
    assert_eq!(on(date!(2026 - 12 - 31)), 2);
    assert_eq!(on(date!(2027 - 01 - 01)), 0);
    let count = |date: Date| days.iter().find(|d| d.date == date).map_or(-1, |d| d.count);
    assert_eq!(count(date!(2026 - 12 - 31)), 7);
    assert_eq!(count(date!(2026 - 12 - 02)), 0);
    assert_eq!(days.last().map(|d| d.date), Some(date!(2027 - 01 - 03)));
}

#[test]
fn a_tally_counts_each_day_and_all_of_them_and_a_day_has_its_own_address() {
    let tally = CalendarTally {
        days: vec![
            DayCount { date: date!(2026 - 12 - 01), events: 2 },
            DayCount { date: date!(2026 - 12 - 14), events: 240 },
        ],
        marking: Classification::default(),
    };
    assert_eq!(tally.on(date!(2026 - 12 - 14)), 240);
    assert_eq!(tally.on(date!(2026 - 12 - 02)), 0);
    assert_eq!(tally.total(), 242);
    assert_eq!(day_href(date!(2026 - 12 - 14), 1), "/calendar?day=2026-12-14");
    assert_eq!(day_href(date!(2026 - 12 - 14), 3), "/calendar?day=2026-12-14&page=3");
}

#[test]
fn a_month_starting_on_monday_has_no_days_before_it() {
    let june = Month::of(date!(2026 - 06 - 01));
    let grid = MonthGrid::new(june, &[], &CalendarTally::default(), date!(2026 - 01 - 01));
    assert_eq!(grid.weeks[0][0].date, date!(2026 - 06 - 01));
    assert!(grid.weeks[0][0].in_month);
}

#[test]
fn a_feed_carries_a_title_only_when_chosen_and_plain_official() {
    let plain = event(date!(2026 - 12 - 01), Classification::new(Level::Official));
    assert_eq!(plain.feed_title(true), Some("Return flights"));
    assert_eq!(plain.feed_title(false), None);
    let sensitive = Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned()));
    assert_eq!(event(date!(2026 - 12 - 01), sensitive).feed_title(true), None);
    let secret = Classification::new(Level::Secret);
    assert_eq!(event(date!(2026 - 12 - 01), secret).feed_title(true), None);
    let released = Classification {
        level: Level::Official,
        caveat: None,
        releasability: Some("UK EYES ONLY".to_owned()),
    };
    assert_eq!(event(date!(2026 - 12 - 01), released).feed_title(true), None);
}

#[test]
fn events_name_their_record_and_link_to_it() {
    let e = event(date!(2026 - 12 - 01), Classification::default());
    assert_eq!(e.name(), "HO-LY-1 commitment 7");
    assert_eq!(e.href(), "/commitments/7");
    assert_eq!(e.uid(), "review_due-commitment-7@accord");
    let agreement = CalendarEvent { record: EventRecord::Agreement, ..e };
    assert_eq!(agreement.name(), "HO-LY-1");
    assert_eq!(agreement.href(), "/agreements/7");
}

#[test]
fn the_page_takes_the_highest_marking() {
    let secret = Classification::new(Level::Secret);
    let events = vec![
        event(date!(2026 - 12 - 01), Classification::default()),
        event(date!(2026 - 12 - 01), secret.clone()),
        event(date!(2026 - 12 - 03), Classification::default()),
    ];
    assert_eq!(page_marking(&events), secret);
    assert_eq!(page_marking(&[]), Classification::default());
    assert_eq!(day_anchor(date!(2026 - 12 - 03)), "day-2026-12-03");
    let month = Month::of(date!(2026 - 12 - 03));
    assert_eq!(calendar_href(month, CalendarView::List), "/calendar?month=2026-12&view=list");
    assert_eq!(CalendarView::parse(Some("list")), CalendarView::List);
    assert_eq!(CalendarView::parse(Some("grid")), CalendarView::Month);
}
