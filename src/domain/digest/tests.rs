use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 12 - 01);

fn item(record: DigestRecord, id: i64, on: Date, marking: Classification) -> DigestItem {
    DigestItem {
        record,
        id,
        reference: format!("REF-{id}"),
        title: Some(format!("Title of record {id}")),
        date: DigestDate::Review,
        on,
        marking,
        owner: true,
        reviewer: false,
    }
}

#[test]
fn the_window_ends_seven_days_after_today() {
    assert_eq!(window_end(TODAY), date!(2026 - 12 - 08));
}

#[test]
fn only_plain_official_titles_may_leave() {
    assert!(title_may_leave(&Classification::new(Level::Official)));
    let sensitive = Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned()));
    assert!(!title_may_leave(&sensitive));
    let eyes_only = Classification {
        releasability: Some("UK EYES ONLY".to_owned()),
        ..Classification::new(Level::Official)
    };
    assert!(!title_may_leave(&eyes_only));
    assert!(!title_may_leave(&Classification::new(Level::Secret)));
    assert!(!title_may_leave(&Classification::new(Level::TopSecret)));
}

#[test]
fn a_title_handed_in_for_a_secret_record_is_not_printed() {
    let secret = item(DigestRecord::Agreement, 1, TODAY, Classification::new(Level::Secret));
    let official = item(DigestRecord::Agreement, 2, TODAY, Classification::new(Level::Official));
    let digest = Digest::new(TODAY, vec![secret, official]);
    let text = digest.text("Ann Officer", "https://accord.example/");
    assert!(!text.contains("Title of record 1"), "{text}");
    assert!(text.contains("- REF-1\n"), "{text}");
    assert!(text.contains("- REF-2: Title of record 2"), "{text}");
    assert!(text.contains("https://accord.example/agreements/1\n"), "{text}");
    assert!(text.starts_with("OFFICIAL\n") && text.ends_with("OFFICIAL\n"), "{text}");
}

#[test]
fn overdue_items_come_first_under_their_own_heading() {
    let official = Classification::new(Level::Official);
    let mut due = item(DigestRecord::Commitment, 7, date!(2026 - 12 - 03), official.clone());
    due.date = DigestDate::Due;
    due.reviewer = true;
    due.owner = false;
    let late = item(DigestRecord::Agreement, 3, date!(2026 - 11 - 20), official);
    let digest = Digest::new(TODAY, vec![due, late]);
    assert_eq!(digest.overdue(), 1);
    assert_eq!(digest.subject(), "Accord reminders: 1 overdue, 1 due in the next 7 days");
    let text = digest.text("Ann", "http://localhost:3000");
    let overdue = text.find("Overdue (1)").expect("overdue heading");
    let coming = text.find("Due in the next 7 days (1)").expect("coming heading");
    assert!(overdue < coming, "{text}");
    assert!(text.contains("Review was due on 20 November 2026. You own this record."), "{text}");
    assert!(text.contains("- Commitment 7 (REF-7): Title of record 7"), "{text}");
    assert!(text.contains("Due on 3 December 2026. You are its named reviewer."), "{text}");
    assert!(text.contains("http://localhost:3000/commitments/7"), "{text}");
}

#[test]
fn a_long_commitment_text_is_cut_to_its_first_words() {
    let mut long = item(DigestRecord::Commitment, 9, TODAY, Classification::new(Level::Official));
    long.title = Some("one two three four five six seven eight nine ten".to_owned());
    assert_eq!(long.shown_title().as_deref(), Some("one two three four five six seven eight..."));
}
