//! ISO 3166-1 countries and territories: the keshvar crate's data, tabled when Accord
//! is built (`build.rs`), so the server and the browser share it without the crate.

use super::partner::{Partner, PartnerFilter};

/// One country or territory: codes, the name Accord shows, and its UN region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub numeric: u16,
    pub name: &'static str,
    /// UN region ("Africa"), empty for a few territories.
    pub region: &'static str,
    /// UN sub-region ("Northern Africa"), empty for a few territories.
    pub sub_region: &'static str,
}

/// The home party's ISO code: the United Kingdom, party to every agreement.
pub const HOME: &str = "GB";

include!(concat!(env!("OUT_DIR"), "/countries.rs"));

impl Country {
    /// The country as a partner record (the shape the partners table stores).
    pub fn partner(&self) -> Partner {
        Partner {
            alpha2: self.alpha2.to_owned(),
            alpha3: self.alpha3.to_owned(),
            numeric: i64::from(self.numeric),
            name: self.name.to_owned(),
            region: self.region.to_owned(),
            sub_region: self.sub_region.to_owned(),
            is_home: self.alpha2 == HOME,
        }
    }
}

/// The partners a list filter keeps, by name: the same rows the partners table
/// holds, without asking it (it is loaded from this very table at each start).
pub fn partners_matching(filter: &PartnerFilter) -> Vec<Partner> {
    let wanted = |want: &Option<String>, have: &str| {
        want.as_deref().filter(|w| !w.is_empty()).is_none_or(|w| w == have)
    };
    let name = filter.name.as_deref().unwrap_or_default();
    COUNTRIES
        .iter()
        .filter(|c| wanted(&filter.region, c.region) && wanted(&filter.sub_region, c.sub_region))
        .map(Country::partner)
        .filter(|p| p.matches_name(name))
        .collect()
}

/// Each UN region with its sub-regions, both in alphabetical order, for the filters.
pub fn regions() -> Vec<(String, Vec<String>)> {
    let mut pairs: Vec<(&str, &str)> = COUNTRIES
        .iter()
        .filter(|c| !c.region.is_empty())
        .map(|c| (c.region, c.sub_region))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (region, sub) in pairs {
        if out.last().is_none_or(|(r, _)| r != region) {
            out.push((region.to_owned(), Vec::new()));
        }
        if let (Some((_, subs)), false) = (out.last_mut(), sub.is_empty()) {
            subs.push(sub.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_country_once_with_the_home_party_named_plainly() {
        assert_eq!(COUNTRIES.len(), 249);
        let mut codes: Vec<_> = COUNTRIES.iter().map(|c| c.alpha2).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 249, "alpha-2 codes are unique");
        let uk = COUNTRIES.iter().find(|c| c.alpha2 == HOME).expect("the UK");
        assert_eq!((uk.name, uk.alpha3, uk.numeric), ("United Kingdom", "GBR", 826));
    }

    #[test]
    fn regions_read_as_names() {
        let ly = COUNTRIES.iter().find(|c| c.alpha2 == "LY").expect("Libya");
        assert_eq!((ly.region, ly.sub_region), ("Africa", "Northern Africa"));
        let nz = COUNTRIES.iter().find(|c| c.alpha2 == "NZ").expect("New Zealand");
        assert_eq!(nz.sub_region, "Australia and New Zealand");
    }

    fn filter(name: &str, region: &str, sub_region: &str) -> PartnerFilter {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        PartnerFilter { name: some(name), region: some(region), sub_region: some(sub_region) }
    }

    #[test]
    fn the_partner_filter_matches_names_codes_and_regions() {
        let all = partners_matching(&PartnerFilter::default());
        assert_eq!(all.len(), 249);
        assert!(all.iter().filter(|p| p.is_home).map(|p| p.alpha2.as_str()).eq(["GB"]));
        let mor = partners_matching(&filter("mor", "", ""));
        assert!(mor.iter().any(|p| p.alpha2 == "MA"));
        assert!(mor.iter().all(|p| p.name.to_lowercase().contains("mor")));
        assert!(partners_matching(&filter("fra", "", "")).iter().any(|p| p.alpha2 == "FR"));
        let africa = partners_matching(&filter("", "Africa", ""));
        assert!(africa.len() > 50 && africa.iter().all(|p| p.region == "Africa"));
        let north = partners_matching(&filter("", "", "Northern Africa"));
        assert!(north.iter().any(|p| p.alpha2 == "LY"));
        assert!(north.iter().all(|p| p.sub_region == "Northern Africa"));
        assert!(
            partners_matching(&filter("lib", "Europe", "")).is_empty(),
            "Libya is not in Europe"
        );
    }

    #[test]
    fn regions_list_their_sub_regions_once_each() {
        let regions = regions();
        let africa = regions.iter().find(|(r, _)| r == "Africa").expect("Africa");
        assert!(africa.1.contains(&"Northern Africa".to_owned()));
        assert!(regions.windows(2).all(|w| w[0].0 < w[1].0), "regions sorted and distinct");
        assert!(regions.iter().all(|(_, subs)| subs.windows(2).all(|w| w[0] < w[1])));
        assert!(regions.iter().all(|(_, subs)| subs.iter().all(|s| !s.is_empty())));
    }

    #[test]
    fn partner_choices_are_every_country_but_the_uk_by_name() {
        assert_eq!(PARTNER_CHOICES.len(), COUNTRIES.len() - 1);
        assert!(PARTNER_CHOICES.iter().all(|(code, _)| *code != HOME));
        assert!(PARTNER_CHOICES.windows(2).all(|w| w[0].1 <= w[1].1), "sorted by name");
        assert!(PARTNER_CHOICES.contains(&("MA", "Morocco")));
    }
}
