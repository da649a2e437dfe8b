//! UK Government Security Classifications: the marking on every record, the
//! clearance of every reader, and the highest marking of what a page shows.

use super::enums::vocabulary;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;

vocabulary! {
    /// A classification level, ordered lowest to highest.
    Level, "classification" {
        Official => "official", "OFFICIAL",
        Secret => "secret", "SECRET",
        TopSecret => "top_secret", "TOP SECRET",
    }
}

impl Level {
    /// The rank stored in `classification_levels.rank` (1 = OFFICIAL).
    pub const fn rank(self) -> i64 {
        match self {
            Level::Official => 1,
            Level::Secret => 2,
            Level::TopSecret => 3,
        }
    }
}

/// The highest level a reader may see. Every storage read takes one, so no query
/// can forget to filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clearance(pub Level);

impl Clearance {
    /// Until accounts exist the server reads with the highest clearance.
    pub const HIGHEST: Clearance = Clearance(Level::TopSecret);

    pub fn permits(self, level: Level) -> bool {
        level <= self.0
    }

    /// The rank to bind in SQL: `rank <= ?`.
    pub const fn rank(self) -> i64 {
        self.0.rank()
    }
}

/// A record's full marking: level plus optional handling caveat and releasability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub level: Level,
    /// e.g. `SENSITIVE`, shown as "OFFICIAL-SENSITIVE".
    // Left out when absent: most records have neither, so serialised records (server
    // function answers, island props) are smaller without the nulls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// e.g. `UK EYES ONLY` or `REL GBR, FRA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub releasability: Option<String>,
}

impl Classification {
    pub fn new(level: Level) -> Self {
        Self { level, caveat: None, releasability: None }
    }

    pub fn with_caveat(level: Level, caveat: Option<String>) -> Self {
        Self { level, caveat: caveat.filter(|c| !c.trim().is_empty()), releasability: None }
    }

    /// The aggregate marking of several items: what a page, an export or a record
    /// shown under another carries (DESIGN.md, "Markings and clearance"). `OFFICIAL`
    /// when there are none.
    ///
    /// - Level: the highest.
    /// - Caveats: every handling caveat any item carries, each once (the standard
    ///   [`CAVEATS`] in their order, then any others alphabetically), space-separated;
    ///   a caveat another one extends (`SENSITIVE` beside `SENSITIVE PERSONAL`) once.
    ///   A SENSITIVE item under a SECRET one keeps the page SENSITIVE too: the caveat
    ///   restricts handling, and the level does not lift that restriction.
    /// - Releasability: the most restrictive. An item without one restricts nothing.
    ///   UK EYES ONLY outranks any `REL …` list; several different `REL` lists give
    ///   their intersection (the countries every item may go to), or UK EYES ONLY when
    ///   no country but the UK is left. A releasability that is neither, beside a
    ///   different one, cannot be reasoned about and gives UK EYES ONLY (the safe side).
    ///   A UK EYES ONLY caveat makes any `REL` list moot, so none is kept beside it.
    pub fn highest<'a>(markings: impl IntoIterator<Item = &'a Classification>) -> Classification {
        let mut level = Level::Official;
        let mut caveats: Vec<String> = Vec::new();
        let mut releases: Vec<String> = Vec::new();
        for marking in markings {
            level = level.max(marking.level);
            for caveat in marking.caveat.as_deref().map(caveat_parts).unwrap_or_default() {
                if !caveats.contains(&caveat) {
                    caveats.push(caveat);
                }
            }
            if let Some(release) = marking.releasability.as_deref().and_then(normalise) {
                if !releases.contains(&release) {
                    releases.push(release);
                }
            }
        }
        // "SENSITIVE" says nothing "SENSITIVE PERSONAL" does not.
        let all = caveats.clone();
        let extends =
            |other: &str, c: &str| other.strip_prefix(c).is_some_and(|r| r.starts_with(' '));
        caveats.retain(|c| !all.iter().any(|other| extends(other, c)));
        caveats.sort_by_key(|c| {
            (CAVEATS.iter().position(|known| known == c).unwrap_or(CAVEATS.len()), c.clone())
        });
        let eyes_only_caveat = caveats.iter().any(|c| c == UK_EYES_ONLY);
        let releasability = most_restrictive(&releases)
            .filter(|r| !(eyes_only_caveat && (r.starts_with("REL ") || r == UK_EYES_ONLY)));
        Classification {
            level,
            caveat: Some(caveats.join(" ")).filter(|c| !c.is_empty()),
            releasability,
        }
    }

    /// Aggregates `other` into `self` (see [`Classification::highest`]): after it,
    /// `self` is the marking of both together.
    pub fn raise(&mut self, other: &Classification) {
        // Most markings are a bare level, and two of them aggregate to the higher level
        // with nothing to merge: what `highest` gives, without reading any text.
        let bare = |m: &Classification| m.caveat.is_none() && m.releasability.is_none();
        if bare(self) && bare(other) {
            self.level = self.level.max(other.level);
            return;
        }
        *self = Classification::highest([&*self, other]);
    }

    /// True when `self`, replacing `before` on the same record, would lower it: a lower
    /// level, a caveat dropped, or a looser releasability. Markings are only ever
    /// raised; a lowered one is refused.
    pub fn lowers(&self, before: &Classification) -> bool {
        Classification::highest([self, before]) != Classification::highest([self])
    }
}

const UK_EYES_ONLY: &str = "UK EYES ONLY";

/// The caveats one caveat text holds: an aggregate marking joins several into one
/// text ("SENSITIVE UK EYES ONLY"), and aggregating it again must find them again, so
/// that raising a marking item by item gives what [`Classification::highest`] gives
/// over them all. Known caveats are found longest first; the words between them stay
/// together as one caveat.
fn caveat_parts(text: &str) -> Vec<String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_uppercase).collect();
    // The known caveats as words, longest first: made once, read for every marking.
    static KNOWN: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut known: Vec<Vec<&str>> =
            CAVEATS.iter().chain([&UK_EYES_ONLY]).map(|c| c.split(' ').collect()).collect();
        known.sort_by_key(|k| std::cmp::Reverse(k.len()));
        known
    });
    let known = &*KNOWN;
    let mut parts = Vec::new();
    let mut other: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let found = known.iter().find(|k| {
            words.len() - at >= k.len() && k.iter().zip(&words[at..]).all(|(k, w)| k == w)
        });
        match found {
            Some(k) => {
                if !other.is_empty() {
                    parts.push(other.join(" "));
                    other.clear();
                }
                parts.push(k.join(" "));
                at += k.len();
            }
            None => {
                other.push(&words[at]);
                at += 1;
            }
        }
    }
    if !other.is_empty() {
        parts.push(other.join(" "));
    }
    parts
}

/// Upper case, single spaces, trimmed; `None` when blank.
fn normalise(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    Some(words.join(" ").to_uppercase()).filter(|t| !t.is_empty())
}

/// The countries of a `REL …` releasability (`REL GBR, FRA`, `REL TO GBR/FRA`), or
/// `None` when the text is not one.
fn rel_countries(text: &str) -> Option<Vec<&str>> {
    let rest = text.strip_prefix("REL ")?;
    let rest = rest.strip_prefix("TO ").unwrap_or(rest);
    let mut countries: Vec<&str> = Vec::new();
    for country in rest.split([',', '/', ' ']).filter(|c| !c.is_empty()) {
        if !countries.contains(&country) {
            countries.push(country);
        }
    }
    Some(countries).filter(|c| !c.is_empty())
}

/// The most restrictive of several distinct (normalised) releasabilities.
fn most_restrictive(releases: &[String]) -> Option<String> {
    match releases {
        [] => return None,
        [only] => return Some(only.clone()),
        _ => {}
    }
    let eyes_only = Some(UK_EYES_ONLY.to_owned());
    let mut lists = Vec::new();
    for release in releases {
        match rel_countries(release) {
            Some(countries) => lists.push(countries),
            // UK EYES ONLY, or text we cannot intersect: the safe answer either way.
            None => return eyes_only,
        }
    }
    let (first, others) = lists.split_first()?;
    let common: Vec<&str> =
        first.iter().copied().filter(|c| others.iter().all(|list| list.contains(c))).collect();
    if common.iter().all(|c| matches!(*c, "GBR" | "GB" | "UK")) {
        eyes_only
    } else {
        Some(format!("REL {}", common.join(", ")))
    }
}

impl Default for Classification {
    fn default() -> Self {
        Classification::new(Level::Official)
    }
}

impl fmt::Display for Classification {
    /// The banner text: "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET UK EYES ONLY" …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.level.label())?;
        if let Some(caveat) = &self.caveat {
            let caveat = caveat.trim().to_uppercase();
            // GOV.UK convention writes the OFFICIAL caveat joined by a hyphen.
            let sep = if self.level == Level::Official { "-" } else { " " };
            write!(f, "{sep}{caveat}")?;
        }
        if let Some(rel) = &self.releasability {
            write!(f, " {}", rel.trim().to_uppercase())?;
        }
        Ok(())
    }
}

/// The standard handling caveats, in the order an aggregate marking lists them. The
/// managed list forms offer (table `marking_terms`, migration 0008) starts with
/// these; an administrator may add others, which aggregate after them.
pub const CAVEATS: &[&str] =
    &["SENSITIVE", "SENSITIVE COMMERCIAL", "SENSITIVE LOCSEN", "SENSITIVE PERSONAL"];

/// The standard releasabilities the managed list starts with.
pub const RELEASABILITIES: &[&str] = &[
    UK_EYES_ONLY,
    "REL GBR, USA",
    "REL GBR, AUS, CAN, NZL, USA",
    "REL GBR, FRA",
    "REL GBR, FRA, BEL, NLD",
];

/// An optional caveat or releasability field, upper case with single spaces; a field
/// error unless it is made of marking words.
fn marking_term(
    reader: &mut super::FormReader<'_>,
    name: &str,
    what: &str,
    example: &str,
) -> Option<String> {
    let text = normalise(&reader.optional(name, what, 80))?;
    if !is_marking_words(&text) {
        reader.errors.add(
            name,
            format!(
                "{what} can only contain marking words, like {example}: select one from the list"
            ),
        );
    }
    Some(text)
}

/// True when `text` is made of marking words only: capital letters, single spaces,
/// and the separators of a `REL` list (`,` `/` `-`), starting with a letter. A
/// protective marking never holds a digit or other punctuation, so "2026-02-30" typed
/// into the wrong box is refused rather than printed on every banner.
pub fn is_marking_words(text: &str) -> bool {
    let starts_with_letter = text.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    starts_with_letter
        && !text.contains("  ")
        && text.chars().all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | ',' | '/' | '-'))
}

impl Classification {
    /// Reads the `classification`, `caveat` and `releasability` fields of a form.
    /// Caveat and releasability must be marking words here; that they are on the
    /// managed lists is checked by storage, which reads the lists (and lets a record
    /// keep a term withdrawn from them).
    pub fn from_form(reader: &mut super::FormReader<'_>) -> Classification {
        let level = reader.choice::<Level>("classification", "Select a classification");
        let caveat = marking_term(reader, "caveat", "Handling caveat", "SENSITIVE");
        let releasability = marking_term(reader, "releasability", "Releasability", "UK EYES ONLY");
        Classification { level: level.unwrap_or(Level::Official), caveat, releasability }
    }

    /// Writes this marking into form fields (the inverse of [`Classification::from_form`]).
    pub fn to_form(&self, form: &mut super::FormData) {
        form.push("classification", self.level.code());
        form.push("caveat", self.caveat.clone().unwrap_or_default());
        form.push("releasability", self.releasability.clone().unwrap_or_default());
    }
}

#[cfg(test)]
mod tests;
