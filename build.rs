//! Watches `migrations/`, and writes the ISO 3166-1 tables (`$OUT_DIR/countries.rs`) from the keshvar crate.
//!
//! keshvar stays the one source of country data, but is read when Accord is built
//! rather than when it runs: the server seeds its `partners` table from the table,
//! and the browser bundle gets the partner choices without keshvar (which is large)
//! and without every page carrying 248 partners in its hydration data.

use std::fmt::Write as _;

/// The home party's ISO code: the United Kingdom.
const HOME: &str = "GB";

struct Row {
    alpha2: String,
    alpha3: String,
    numeric: u16,
    name: String,
    region: String,
    sub_region: String,
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    // `sqlx::migrate!` embeds the folder at compile time: rebuild when a migration is added.
    println!("cargo::rerun-if-changed=migrations");
    let mut rows: Vec<Row> = keshvar::CountryIterator::new()
        .map(|country| {
            let alpha2 = country.alpha2().to_string();
            Row {
                name: display_name(&alpha2, country.iso_short_name()),
                alpha3: country.alpha3().to_string(),
                numeric: country.number().parse().unwrap_or_default(),
                region: country
                    .maybe_region()
                    .map(|r| humanise(&r.to_string()))
                    .unwrap_or_default(),
                sub_region: country
                    .maybe_subregion()
                    .map(|r| humanise(&r.to_string()))
                    .unwrap_or_default(),
                alpha2,
            }
        })
        .collect();
    // By name, in byte order: the order SQLite's `ORDER BY name` gives the same rows.
    rows.sort_by(|a, b| a.name.cmp(&b.name));

    let mut out = String::new();
    out.push_str("/// Every ISO 3166-1 country and territory, by name.\n");
    out.push_str("pub static COUNTRIES: &[Country] = &[\n");
    for r in &rows {
        let _ = writeln!(
            out,
            "    Country {{ alpha2: {:?}, alpha3: {:?}, numeric: {}, name: {:?}, region: {:?}, sub_region: {:?} }},",
            r.alpha2, r.alpha3, r.numeric, r.name, r.region, r.sub_region
        );
    }
    out.push_str("];\n\n");
    out.push_str(
        "/// The partners offered by selects, (alpha-2, name) by name: every country but the UK.\n",
    );
    out.push_str("pub static PARTNER_CHOICES: &[(&str, &str)] = &[\n");
    for r in rows.iter().filter(|r| r.alpha2 != HOME) {
        let _ = writeln!(out, "    ({:?}, {:?}),", r.alpha2, r.name);
    }
    out.push_str("];\n");

    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = std::path::Path::new(&dir).join("countries.rs");
    std::fs::write(&path, out).expect("write the generated country table");
}

/// The crate's ISO short names are formal for a few countries people name daily.
fn display_name(alpha2: &str, iso_short_name: &str) -> String {
    match alpha2 {
        HOME => "United Kingdom".to_owned(),
        _ => iso_short_name.to_owned(),
    }
}

/// "northern-africa" → "Northern Africa"; "australia-and-new-zealand" → "Australia and New Zealand".
fn humanise(slug: &str) -> String {
    slug.split('-')
        .map(|word| match word {
            "and" | "the" | "of" => word.to_owned(),
            _ => {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
