//! ISO 3166-1 countries and territories: the keshvar crate's data, tabled when Accord
//! is built (`build.rs`), so the server and the browser share it without the crate.

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

    #[test]
    fn partner_choices_are_every_country_but_the_uk_by_name() {
        assert_eq!(PARTNER_CHOICES.len(), COUNTRIES.len() - 1);
        assert!(PARTNER_CHOICES.iter().all(|(code, _)| *code != HOME));
        assert!(PARTNER_CHOICES.windows(2).all(|w| w[0].1 <= w[1].1), "sorted by name");
        assert!(PARTNER_CHOICES.contains(&("MA", "Morocco")));
    }
}
