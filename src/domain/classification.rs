//! UK Government Security Classifications: the marking on every record, the
//! clearance of every reader, and the highest marking of what a page shows.

use super::enums::vocabulary;
use serde::{Deserialize, Serialize};
use std::fmt;

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

    /// Ordering key: a caveat outranks no caveat at the same level.
    fn weight(&self) -> (Level, bool) {
        (self.level, self.caveat.is_some())
    }

    /// The highest of several markings; `OFFICIAL` when there are none.
    pub fn highest<'a>(markings: impl IntoIterator<Item = &'a Classification>) -> Classification {
        markings
            .into_iter()
            .max_by_key(|c| c.weight())
            .cloned()
            .unwrap_or_else(|| Classification::new(Level::Official))
    }

    /// Raise `self` to `other` when `other` is higher.
    pub fn raise(&mut self, other: &Classification) {
        if other.weight() > self.weight() {
            *self = other.clone();
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn absent_caveat_and_releasability_are_left_out_and_read_back_as_none() {
        let plain = Classification::new(Level::Secret);
        let json = serde_json::to_string(&plain).unwrap();
        assert_eq!(json, r#"{"level":"secret"}"#);
        assert_eq!(serde_json::from_str::<Classification>(&json).unwrap(), plain);
        let full = Classification {
            level: Level::Official,
            caveat: Some("SENSITIVE".into()),
            releasability: Some("UK EYES ONLY".into()),
        };
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(serde_json::from_str::<Classification>(&json).unwrap(), full);
    }

    #[test]
    fn official_sensitive_is_written_with_a_hyphen() {
        let c = Classification::with_caveat(Level::Official, Some("sensitive".into()));
        assert_eq!(c.to_string(), "OFFICIAL-SENSITIVE");
    }

    #[test]
    fn highest_marking_picks_the_top_level() {
        let all = [
            Classification::new(Level::Official),
            Classification::new(Level::TopSecret),
            Classification::with_caveat(Level::Secret, Some("SENSITIVE".into())),
        ];
        assert_eq!(Classification::highest(&all).to_string(), "TOP SECRET");
    }

    #[test]
    fn a_caveat_outranks_none_at_the_same_level() {
        let all = [
            Classification::new(Level::Official),
            Classification::with_caveat(Level::Official, Some("SENSITIVE".into())),
        ];
        assert_eq!(Classification::highest(&all).to_string(), "OFFICIAL-SENSITIVE");
    }

    #[test]
    fn nothing_displayed_is_official() {
        assert_eq!(Classification::highest([]).to_string(), "OFFICIAL");
    }

    #[test]
    fn clearance_permits_only_at_or_below() {
        let secret = Clearance(Level::Secret);
        assert!(secret.permits(Level::Official));
        assert!(secret.permits(Level::Secret));
        assert!(!secret.permits(Level::TopSecret));
    }
}

/// Caveats a record may carry, as offered by forms (free text is refused so that
/// markings stay consistent across the registry).
pub const CAVEATS: &[&str] = &["SENSITIVE", "UK EYES ONLY"];

impl Classification {
    /// Reads the `classification`, `caveat` and `releasability` fields of a form.
    pub fn from_form(reader: &mut super::FormReader<'_>) -> Classification {
        let level = reader.choice::<Level>("classification", "Select a classification");
        let caveat = reader.optional("caveat", "Handling caveat", 40).to_uppercase();
        if !caveat.is_empty() && !CAVEATS.contains(&caveat.as_str()) {
            reader.errors.add("caveat", "Select a handling caveat from the list");
        }
        let releasability = reader.optional("releasability", "Releasability", 80).to_uppercase();
        Classification {
            level: level.unwrap_or(Level::Official),
            caveat: Some(caveat).filter(|c| !c.is_empty()),
            releasability: Some(releasability).filter(|r| !r.is_empty()),
        }
    }

    /// Writes this marking into form fields (the inverse of [`Classification::from_form`]).
    pub fn to_form(&self, form: &mut super::FormData) {
        form.push("classification", self.level.code());
        form.push("caveat", self.caveat.clone().unwrap_or_default());
        form.push("releasability", self.releasability.clone().unwrap_or_default());
    }
}
