//! Routes: named irregular-migration routes made of ordered legs, each a partner with
//! the role it plays; and the rule that turns a route form into a [`NewRoute`].

use super::enums::vocabulary;
use super::{dates, Classification, Level};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

vocabulary! {
    /// The part a partner plays on a leg of a route.
    RouteRole, "route role" {
        Source => "source", "Source",
        Transit => "transit", "Transit",
        Departure => "departure", "Departure (embarkation point)",
        Destination => "destination", "Destination",
    }
}

impl RouteRole {
    /// One word, for tight spaces such as a diagram node.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Source => "Source",
            Self::Transit => "Transit",
            Self::Departure => "Departure",
            Self::Destination => "Destination",
        }
    }
}

/// One leg of a route: a partner and its role, at a position counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteLeg {
    pub position: i64,
    pub alpha2: String,
    pub partner_name: String,
    /// The UK, normally the destination.
    pub is_home: bool,
    pub role: RouteRole,
}

/// A route with its legs in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub marking: Classification,
    pub next_review_on: Option<Date>,
    /// Optimistic-concurrency version: an update names the version it read.
    pub version: i64,
    pub legs: Vec<RouteLeg>,
}

/// A row of the route list: the route, its legs and how many gaps lie along it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteSummary {
    pub slug: String,
    pub name: String,
    pub marking: Classification,
    pub legs: Vec<RouteLeg>,
    /// Gaps over all legs, by the coverage rule.
    pub gaps: usize,
}

/// The route list page: every visible route, and the highest marking of the routes
/// and of every record their gap counts were worked out from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteList {
    pub routes: Vec<RouteSummary>,
    pub marking: Classification,
}

/// A route a partner sits on, with the role(s) it plays there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRoute {
    pub slug: String,
    pub name: String,
    pub roles: Vec<RouteRole>,
    pub marking: Classification,
}

/// A route's web-address name: lower-case letters, digits and single hyphens
/// (`central-mediterranean`), as the `routes.slug` CHECK constraint requires.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RouteSlug(String);

impl RouteSlug {
    /// Accepts a slug as typed (trimmed), or None when it is not well formed.
    pub fn parse(text: &str) -> Option<RouteSlug> {
        let text = text.trim();
        let well_formed = !text.is_empty()
            && text.len() <= 80
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        well_formed.then(|| RouteSlug(text.to_owned()))
    }

    /// Derives a slug from a name: "Western Mediterranean & Atlantic" →
    /// "western-mediterranean-atlantic". None when the name has no letters or digits.
    pub fn from_name(name: &str) -> Option<RouteSlug> {
        let mut slug = String::new();
        for c in name.chars().flat_map(fold_accent).flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug: String = slug.trim_end_matches('-').chars().take(80).collect();
        RouteSlug::parse(slug.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Latin letters with diacritics that route and country names use, as plain ones
/// ("Türkiye" → "Turkiye"); anything else passes through unchanged.
fn fold_accent(c: char) -> Option<char> {
    const FOLDS: [(&str, char); 7] = [
        ("àáâãäåā", 'a'),
        ("çč", 'c'),
        ("èéêëēę", 'e'),
        ("ìíîïī", 'i'),
        ("òóôõöøō", 'o'),
        ("ùúûüū", 'u'),
        ("ñ", 'n'),
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(FOLDS.iter().find(|(from, _)| from.contains(lower)).map_or(c, |(_, to)| *to))
}

/// A route as its form sends it: text as typed, legs in the order shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteInput {
    pub name: String,
    /// Blank: derived from the name.
    pub slug: String,
    pub description: String,
    /// A classification code (`official`, `secret`, `top_secret`); blank means OFFICIAL.
    pub classification: String,
    pub caveat: String,
    /// As typed in the date input (or one `YYYY-MM-DD` value); blank when none.
    pub next_review_on: dates::DateInput,
    pub legs: Vec<LegInput>,
}

/// One leg row of the route form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegInput {
    /// ISO alpha-2 code.
    pub partner: String,
    /// A [`RouteRole`] code.
    pub role: String,
}

/// A valid route, ready to store. Leg positions are the order of `legs` (1..n), so
/// they are unique by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRoute {
    pub slug: RouteSlug,
    pub name: String,
    pub description: String,
    pub classification: Level,
    pub caveat: Option<String>,
    pub next_review_on: Option<Date>,
    /// (partner alpha-2, role), in order.
    pub legs: Vec<(String, RouteRole)>,
}

/// Messages keyed by form field name (`name`, `slug`, `legs`, `leg_2_partner` …).
pub type RouteErrors = BTreeMap<String, String>;

impl NewRoute {
    /// Checks a route form. Leg rows left entirely blank are spare rows and skipped;
    /// field names for legs count from 1 in the order the form shows them.
    pub fn parse(input: &RouteInput) -> Result<NewRoute, RouteErrors> {
        let mut errors = RouteErrors::new();
        let mut fail = |field: &str, message: &str| {
            errors.entry(field.to_owned()).or_insert_with(|| message.to_owned());
        };

        let name = input.name.trim().to_owned();
        if name.is_empty() {
            fail("name", "Enter the route's name");
        } else if name.chars().count() > 120 {
            fail("name", "Route name must be 120 characters or fewer");
        }
        let slug = if input.slug.trim().is_empty() {
            let derived = RouteSlug::from_name(&name);
            if derived.is_none() && !name.is_empty() {
                fail("slug", "Enter a web address name using letters, digits and hyphens");
            }
            derived
        } else {
            let parsed = RouteSlug::parse(&input.slug);
            if parsed.is_none() {
                fail(
                    "slug",
                    "Web address name must be lower-case letters, digits and single hyphens, like central-mediterranean",
                );
            }
            parsed
        };
        let classification = match input.classification.trim() {
            "" => Some(Level::Official),
            code => code.parse().ok(),
        };
        if classification.is_none() {
            fail("classification", "Choose a classification");
        }
        let caveat = Some(input.caveat.trim().to_uppercase()).filter(|c| !c.is_empty());
        let next_review_on =
            input.next_review_on.parse("Next review date").unwrap_or_else(|error| {
                fail(&error.field("next_review_on"), &error.message);
                None
            });

        let mut legs = Vec::new();
        let rows = input
            .legs
            .iter()
            .filter(|l| !(l.partner.trim().is_empty() && l.role.trim().is_empty()));
        for (n, leg) in (1..).zip(rows) {
            let partner = leg.partner.trim().to_ascii_uppercase();
            if partner.is_empty() {
                fail(&format!("leg_{n}_partner"), &format!("Choose the partner for leg {n}"));
            } else if partner.len() != 2 || !partner.bytes().all(|b| b.is_ascii_uppercase()) {
                fail(
                    &format!("leg_{n}_partner"),
                    &format!("Leg {n} must name a partner by its 2-letter code"),
                );
            }
            let role = leg.role.trim().parse::<RouteRole>();
            if role.is_err() {
                fail(&format!("leg_{n}_role"), &format!("Choose the role of leg {n}"));
            }
            if let Ok(role) = role {
                legs.push((partner, role));
            }
        }
        if input.legs.iter().all(|l| l.partner.trim().is_empty() && l.role.trim().is_empty()) {
            fail("legs", "Add at least one leg");
        }

        match (slug, classification) {
            (Some(slug), Some(classification)) if errors.is_empty() => Ok(NewRoute {
                slug,
                name,
                description: input.description.trim().to_owned(),
                classification,
                caveat,
                next_review_on,
                legs,
            }),
            _ => Err(errors),
        }
    }

    /// The route's full marking.
    pub fn marking(&self) -> Classification {
        Classification::with_caveat(self.classification, self.caveat.clone())
    }
}

#[cfg(test)]
mod tests;
