//! E-mail digests: what a user's daily reminder holds and how it reads.
//!
//! A digest lists the records a user owns or is named reviewer of whose next review
//! date or due date falls within the next [`WINDOW_DAYS`] days or has passed. An
//! e-mail leaves Accord, so it carries references, dates and links only; a title
//! appears only for a record whose effective marking is plain OFFICIAL (no caveat, no
//! releasability), and [`Digest::text`] checks that again whatever it is handed.

use super::dates;
use super::{Classification, Level};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// How many days ahead a digest looks (today + 7 is in, today + 8 is not).
pub const WINDOW_DAYS: i64 = 7;

/// How many words of a commitment's text name it (commitments have no reference).
const TITLE_WORDS: usize = 8;

/// The last day a digest made on `today` covers.
pub fn window_end(today: Date) -> Date {
    today.saturating_add(Duration::days(WINDOW_DAYS))
}

/// True when a title may leave Accord in a digest or feed: the record's effective
/// marking is OFFICIAL with no handling caveat and no releasability restriction.
pub fn title_may_leave(marking: &Classification) -> bool {
    let blank = |text: &Option<String>| text.as_deref().is_none_or(|t| t.trim().is_empty());
    marking.level == Level::Official && blank(&marking.caveat) && blank(&marking.releasability)
}

/// Which kind of record an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DigestRecord {
    Agreement,
    Commitment,
}

/// Which of the record's dates the item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DigestDate {
    /// The next review date.
    Review,
    /// A commitment's due date (only while the commitment is open).
    Due,
}

/// One line of a digest: a record, one of its dates, and why it is the user's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestItem {
    pub record: DigestRecord,
    pub id: i64,
    /// The agreement's reference; for a commitment, its agreement's.
    pub reference: String,
    /// The agreement's title or the commitment's text, only when the storage layer
    /// found the effective marking plain OFFICIAL (see [`title_may_leave`]).
    pub title: Option<String>,
    pub date: DigestDate,
    pub on: Date,
    /// The record's effective marking (its own and, for a commitment, its agreement's).
    pub marking: Classification,
    /// The user owns the record (owner is their name or e-mail address).
    pub owner: bool,
    /// The user is the commitment's named reviewer.
    pub reviewer: bool,
}

impl DigestItem {
    /// The record's address in Accord, e.g. `/commitments/42`.
    pub fn path(&self) -> String {
        match self.record {
            DigestRecord::Agreement => format!("/agreements/{}", self.id),
            DigestRecord::Commitment => format!("/commitments/{}", self.id),
        }
    }

    /// How the record is named: "HO-LY-2024-003" or "Commitment 42 (HO-LY-2024-003)".
    pub fn name(&self) -> String {
        match self.record {
            DigestRecord::Agreement => self.reference.clone(),
            DigestRecord::Commitment => format!("Commitment {} ({})", self.id, self.reference),
        }
    }

    /// The title to print, if this item may carry one at all.
    pub fn shown_title(&self) -> Option<String> {
        let title = self.title.as_deref().filter(|_| title_may_leave(&self.marking))?;
        let words: Vec<&str> = title.split_whitespace().collect();
        if words.is_empty() {
            return None;
        }
        Some(match self.record {
            DigestRecord::Agreement => words.join(" "),
            DigestRecord::Commitment if words.len() > TITLE_WORDS => {
                format!("{}...", words[..TITLE_WORDS].join(" "))
            }
            DigestRecord::Commitment => words.join(" "),
        })
    }

    /// True when the date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.on < today
    }

    /// "review due on 3 December 2026" / "was due on 20 November 2026".
    fn what(&self, today: Date) -> String {
        let on = dates::long(self.on);
        match (self.date, self.is_overdue(today)) {
            (DigestDate::Review, true) => format!("review was due on {on}"),
            (DigestDate::Review, false) => format!("review due on {on}"),
            (DigestDate::Due, true) => format!("was due on {on}"),
            (DigestDate::Due, false) => format!("due on {on}"),
        }
    }

    fn why(&self) -> &'static str {
        match (self.owner, self.reviewer) {
            (true, true) => "You own and review this record.",
            (false, true) => "You are its named reviewer.",
            _ => "You own this record.",
        }
    }
}

/// Whether a user receives digests, and when the last one went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestSettings {
    pub enabled: bool,
    pub last_sent_on: Option<Date>,
}

/// A user's digest for one day: its items, overdue first, then by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub today: Date,
    pub items: Vec<DigestItem>,
}

impl Digest {
    /// Orders the items by date (so overdue ones come first), then by name.
    pub fn new(today: Date, mut items: Vec<DigestItem>) -> Digest {
        items.sort_by_key(|item| (item.on, item.record, item.id, item.date));
        Digest { today, items }
    }

    pub fn overdue(&self) -> usize {
        self.items.iter().filter(|item| item.is_overdue(self.today)).count()
    }

    /// The subject line: counts only, nothing about any record.
    pub fn subject(&self) -> String {
        let overdue = self.overdue();
        let coming = self.items.len() - overdue;
        match (overdue, coming) {
            (0, n) => format!("Accord reminders: {n} due in the next {WINDOW_DAYS} days"),
            (n, 0) => format!("Accord reminders: {n} overdue"),
            (o, n) => {
                format!("Accord reminders: {o} overdue, {n} due in the next {WINDOW_DAYS} days")
            }
        }
    }

    /// The plain-text body. `base_url` is Accord's public address (no trailing slash
    /// needed). The body is marked OFFICIAL: it holds nothing marked higher.
    pub fn text(&self, name: &str, base_url: &str) -> String {
        let base = base_url.trim_end_matches('/');
        let mut out = String::from("OFFICIAL\n\n");
        out.push_str(&format!("Hello {},\n\n", name.trim()));
        out.push_str(&format!(
            "These are your Accord records with a review or due date in the next {WINDOW_DAYS} \
             days, or past, as of {}.\n",
            dates::long(self.today)
        ));
        let (overdue, coming): (Vec<&DigestItem>, Vec<&DigestItem>) =
            self.items.iter().partition(|item| item.is_overdue(self.today));
        let coming_heading = format!("Due in the next {WINDOW_DAYS} days");
        for (heading, items) in [("Overdue", overdue), (coming_heading.as_str(), coming)] {
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{heading} ({})\n\n", items.len()));
            for item in items {
                out.push_str(&format!("- {}", item.name()));
                if let Some(title) = item.shown_title() {
                    out.push_str(&format!(": {title}"));
                }
                out.push_str(&format!(
                    "\n  {}. {}\n",
                    capitalise(&item.what(self.today)),
                    item.why()
                ));
                out.push_str(&format!("  {base}{}\n", item.path()));
            }
        }
        out.push_str(&format!(
            "\nRecords marked above OFFICIAL are named by reference only: open the link to read \
             them in Accord.\n\nTo stop these e-mails, switch off e-mail reminders on your account \
             page: {base}/account\n\nOFFICIAL\n"
        ));
        out
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
