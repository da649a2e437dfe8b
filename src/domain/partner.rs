//! Partners: ISO 3166-1 countries and territories.

use serde::{Deserialize, Serialize};

/// A country or territory, as loaded from the ISO 3166 crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Partner {
    pub alpha2: String,
    pub alpha3: String,
    pub numeric: i64,
    pub name: String,
    pub region: String,
    pub sub_region: String,
    /// The United Kingdom, the home party.
    pub is_home: bool,
}

/// A partner with the counts of what Accord holds on it (within the reader's clearance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerSummary {
    pub partner: Partner,
    pub agreements: i64,
    pub commitments: i64,
    pub sharing_arrangements: i64,
    pub routes: i64,
}

/// Filters for the partner list, as they arrive from the query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartnerFilter {
    /// Matches anywhere in the name, or the exact alpha-2 / alpha-3 code.
    pub name: Option<String>,
    pub region: Option<String>,
    pub sub_region: Option<String>,
}

/// The partner list's address: the name and region filter, whether to keep only the
/// partners on a route (`on_route=true`) or those with a coverage gap (`gap=…`, which
/// implies on a route, as the dashboard counts them), and the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartnerListQuery {
    pub filter: PartnerFilter,
    pub on_route: bool,
    pub gap: Option<super::coverage::GapKind>,
    /// 1-based.
    pub page: i64,
}

impl PartnerListQuery {
    /// Reads the list's query parameters; unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| super::agreement_filter::query_text(&get, k);
        PartnerListQuery {
            filter: PartnerFilter {
                name: text("name"),
                region: text("region"),
                sub_region: text("sub_region"),
            },
            on_route: matches!(text("on_route").as_deref(), Some("true" | "yes" | "1")),
            gap: text("gap").and_then(|v| v.parse().ok()),
            page: super::agreement_filter::query_page(text("page")),
        }
    }

    /// The query string (stable order, `page` left out when 1) with the name given
    /// (the finder narrows by what is typed, not what was submitted).
    pub fn to_query_named(&self, name: &str, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !name.trim().is_empty() {
            pairs.push(("name", name.trim().to_owned()));
        }
        for (key, value) in
            [("region", &self.filter.region), ("sub_region", &self.filter.sub_region)]
        {
            if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
                pairs.push((key, value.clone()));
            }
        }
        if self.on_route {
            pairs.push(("on_route", "true".to_owned()));
        }
        if let Some(gap) = self.gap {
            pairs.push(("gap", gap.code().to_owned()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        super::query_string(&pairs)
    }

    /// True when the list keeps only partners on a route (with or without a gap).
    pub fn route_partners_only(&self) -> bool {
        self.on_route || self.gap.is_some()
    }
}

impl Partner {
    /// The list filter's name rule, shared by SQL (`LIKE`) and the browser's
    /// as-you-type narrowing: the name contains the text (any case), or the text is
    /// the partner's alpha-2 or alpha-3 code.
    pub fn matches_name(&self, text: &str) -> bool {
        let text = text.trim();
        text.is_empty()
            || self.name.to_lowercase().contains(&text.to_lowercase())
            || self.alpha2.eq_ignore_ascii_case(text)
            || self.alpha3.eq_ignore_ascii_case(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn libya() -> Partner {
        Partner {
            alpha2: "LY".into(),
            alpha3: "LBY".into(),
            numeric: 434,
            name: "Libya".into(),
            region: "Africa".into(),
            sub_region: "Northern Africa".into(),
            is_home: false,
        }
    }

    #[test]
    fn name_filter_matches_part_of_the_name_in_any_case() {
        assert!(libya().matches_name("lib"));
        assert!(libya().matches_name("BYA"));
        assert!(!libya().matches_name("mor"));
    }

    #[test]
    fn name_filter_matches_exact_codes() {
        assert!(libya().matches_name("ly"));
        assert!(libya().matches_name("lby"));
    }

    #[test]
    fn empty_name_filter_matches_everything() {
        assert!(libya().matches_name("  "));
    }
}
