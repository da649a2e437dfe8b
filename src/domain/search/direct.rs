//! Direct matches: the partner or route someone named ("Libya", "LY", "Lib",
//! "Central Mediterranean"), shown before the records that mention it.
//!
//! One naming rule for both: the typed text, in any case and with or without accents,
//! is the name, the start of the name, or the start of a word in it ("Med" finds
//! "Central Mediterranean", "ly" does not find "Italy"); a partner's ISO alpha-2 or
//! alpha-3 code matches exactly, ahead of any name.

use super::results::PartnerName;
use crate::domain::enums::vocabulary;
use crate::domain::iso::{Country, COUNTRIES};
use crate::domain::Classification;
use serde::{Deserialize, Serialize};

/// Typed text with fewer letters or digits than this names nothing: one letter would
/// list every partner with a word starting with it.
pub const MIN_NAME_CHARS: usize = 2;

/// Longer text cannot be a partner's or route's name; cutting it bounds the work.
const MAX_NAME_CHARS: usize = 100;

vocabulary! {
    /// What a direct match names.
    DirectKind, "direct match kind" {
        Partner => "partner", "Partner",
        Route => "route", "Route",
    }
}

/// A partner or route whose name or code is what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectMatch {
    pub kind: DirectKind,
    pub name: String,
    /// `/partners/LY` or `/routes/central-mediterranean`.
    pub href: String,
    /// A partner's ISO alpha-2 code.
    pub code: Option<String>,
    /// A partner's UN sub-region (or region); a route's number of legs.
    pub detail: String,
    /// The partners along a route, in order (the UK left out); none for a partner.
    pub partners: Vec<PartnerName>,
    /// A route's own marking; OFFICIAL for a partner (reference data).
    pub classification: Classification,
}

/// The direct matches shown, best first, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectMatches {
    pub total: i64,
    pub matches: Vec<DirectMatch>,
}

impl DirectMatches {
    /// The best `limit` of `ranked` (lower rank first, then partners before routes,
    /// then by name), counting them all.
    pub fn best(mut ranked: Vec<(u8, DirectMatch)>, limit: usize) -> Self {
        ranked.sort_by(|(a_rank, a), (b_rank, b)| {
            (a_rank, a.kind, fold(&a.name)).cmp(&(b_rank, b.kind, fold(&b.name)))
        });
        let total = ranked.len() as i64;
        let matches = ranked.into_iter().take(limit).map(|(_, m)| m).collect();
        Self { total, matches }
    }
}

/// Lower case without accents, for comparing names as people type them:
/// "Côte d’Ivoire" and "cote d'ivoire" fold alike.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '’' | '‘' | '`' => '\'',
            c => c,
        })
        .collect()
}

/// Typed text as a name to look for: words separated by single spaces (control
/// characters, a NUL byte among them, separate words like spaces), folded, at most
/// [`MAX_NAME_CHARS`]. `None` with fewer than [`MIN_NAME_CHARS`] letters or digits.
pub fn typed_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect();
    let name: String = fold(&words.join(" ")).chars().take(MAX_NAME_CHARS).collect();
    (name.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_NAME_CHARS).then_some(name)
}

/// How well `name` matches the typed (already [`typed_name`]d) text: 1 the whole
/// name, 2 its start, 3 the start of a later word; `None` otherwise.
pub fn name_rank(name: &str, typed: &str) -> Option<u8> {
    let name = fold(name);
    if name == typed {
        return Some(1);
    }
    if name.starts_with(typed) {
        return Some(2);
    }
    name.match_indices(typed)
        .any(|(at, _)| name[..at].chars().next_back().is_some_and(|c| !c.is_alphanumeric()))
        .then_some(3)
}

/// The partners the typed (already [`typed_name`]d) text names, ranked: 0 for an
/// exact ISO code, else by [`name_rank`]. From the ISO table the partners table is
/// loaded from at each start, like the partner list's filter: partners carry no
/// marking, so there is nothing to hide.
pub fn partner_matches(typed: &str) -> Vec<(u8, DirectMatch)> {
    COUNTRIES
        .iter()
        .filter_map(|country| {
            let code = typed.eq_ignore_ascii_case(country.alpha2)
                || typed.eq_ignore_ascii_case(country.alpha3);
            let rank = if code { Some(0) } else { name_rank(country.name, typed) };
            rank.map(|rank| (rank, partner_match(country)))
        })
        .collect()
}

fn partner_match(country: &Country) -> DirectMatch {
    let detail = if country.sub_region.is_empty() { country.region } else { country.sub_region };
    DirectMatch {
        kind: DirectKind::Partner,
        name: country.name.to_owned(),
        href: format!("/partners/{}", country.alpha2),
        code: Some(country.alpha2.to_owned()),
        detail: detail.to_owned(),
        partners: Vec::new(),
        classification: Classification::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        let typed = typed_name(text).unwrap_or_default();
        DirectMatches::best(partner_matches(&typed), 50)
            .matches
            .into_iter()
            .filter_map(|m| m.code)
            .collect()
    }

    #[test]
    fn a_partner_is_found_by_name_or_code_in_any_case() {
        for text in ["Libya", "libya", "LIBYA", "LY", "ly", "LBY", " libya\t"] {
            assert_eq!(codes(text).first().map(String::as_str), Some("LY"), "{text}");
        }
        assert_eq!(codes("Libya"), ["LY"]);
    }

    #[test]
    fn the_start_of_a_name_or_of_a_word_in_it_finds_partners() {
        let lib = codes("Lib");
        assert!(lib.contains(&"LY".into()) && lib.contains(&"LR".into()), "{lib:?}");
        assert_eq!(codes("kingdom"), ["GB"]);
        assert!(codes("republic of").contains(&"KR".into()));
    }

    #[test]
    fn the_middle_of_a_word_finds_nothing() {
        // "ly" is Libya's code, not the end of "Italy".
        assert_eq!(codes("ly"), ["LY"]);
        assert!(codes("bya").is_empty());
    }

    #[test]
    fn accents_and_apostrophes_need_not_be_typed() {
        assert_eq!(codes("cote d'ivoire"), ["CI"]);
        assert_eq!(codes("turkiye"), ["TR"]);
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn an_exact_code_ranks_before_names_then_whole_names_before_starts() {
        assert_eq!(name_rank("Niger", "niger"), Some(1));
        assert_eq!(name_rank("Nigeria", "niger"), Some(2));
        assert_eq!(name_rank("Central Mediterranean", "med"), Some(3));
        assert_eq!(name_rank("Central Mediterranean", "central med"), Some(2));
        assert_eq!(name_rank("Korea (Republic of)", "republic"), Some(3));
        assert_eq!(name_rank("Italy", "ly"), None);
        let niger = codes("niger");
        assert_eq!(&niger[..2], ["NE", "NG"], "{niger:?}");
        assert_eq!(codes("IT").first().map(String::as_str), Some("IT"));
    }

    #[test]
    fn typed_text_is_tidied_and_too_little_names_nothing() {
        assert_eq!(typed_name("  Central \0 Mediterranean "), Some("central mediterranean".into()));
        assert_eq!(typed_name("L"), None);
        assert_eq!(typed_name("% _"), None);
        assert_eq!(typed_name(&"x".repeat(500)).map(|n| n.len()), Some(MAX_NAME_CHARS));
    }

    #[test]
    fn best_keeps_the_limit_and_counts_all() {
        let all = partner_matches("sa");
        let best = DirectMatches::best(all.clone(), 3);
        assert_eq!(best.total, all.len() as i64);
        assert_eq!(best.matches.len(), 3.min(all.len()));
    }
}
