//! Writing a feed as iCalendar with the `icalendar` crate's builder: one all-day
//! event per date, named by what the date is and the record's reference.

use accord::calendar::CalendarEvent;
use icalendar::{Calendar, Component, Event, EventLike};

/// The calendar of `events`, each linking to its record under `base` (an absolute
/// `scheme://host` address); titles only as [`CalendarEvent::feed_title`] allows.
pub fn calendar(events: &[CalendarEvent], include_titles: bool, base: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Accord review calendar");
    for event in events {
        let link = format!("{base}{}", event.href());
        let summary = match event.feed_title(include_titles) {
            Some(title) => format!("{}: {} – {}", event.kind.label(), event.name(), title),
            None => format!("{}: {}", event.kind.label(), event.name()),
        };
        calendar.push(
            Event::new()
                .uid(&event.uid())
                .summary(&summary)
                .description(&format!("{} in Accord: {link}", event.record.label()))
                .url(&link)
                .starts(event.date)
                .ends(event.date.next_day().unwrap_or(event.date))
                .done(),
        );
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord::calendar::{EventKind, EventRecord};
    use accord::{Classification, Level};
    use time::macros::date;

    #[test]
    fn the_builder_writes_all_day_events_the_parser_reads_back() {
        let event = CalendarEvent {
            date: date!(2026 - 12 - 24),
            kind: EventKind::CommitmentDue,
            record: EventRecord::Commitment,
            record_id: 5,
            reference: "HO-LY-1".to_owned(),
            title: "Fund, two; courses".to_owned(),
            marking: Classification::new(Level::Official),
        };
        let text = calendar(&[event], true, "https://accord.example");
        assert!(text.contains("DTSTART;VALUE=DATE:20261224"), "{text}");
        let parsed: Calendar = text.parse().expect("parses");
        let events: Vec<&Event> = parsed.events().collect();
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].get_summary(),
            Some("Commitment due: HO-LY-1 commitment 5 – Fund, two; courses")
        );
        assert_eq!(events[0].get_url(), Some("https://accord.example/commitments/5"));
    }
}
