//! Places for the GDELT export: FIPS 10-4 country codes and whether a place is a country or a city.

use dyad_types::ActorRef;
use std::collections::HashMap;
use std::sync::OnceLock;

/// ISO alpha-3 → FIPS 10-4, committed data (GeoNames, CC BY 4.0).
const FIPS_TABLE: &str = include_str!("../data/iso3-fips.tsv");

/// The project's country dictionary, for canonical country names and capitals.
const COUNTRIES: &str = include_str!("../../../dictionaries/countries.tsv");

/// GDELT's geographic resolution of a place (`*Geo_Type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GeoType {
    /// 1: a country.
    Country = 1,
    /// 3: a city in the United States.
    UsCity = 3,
    /// 4: a city elsewhere.
    WorldCity = 4,
}

/// An event's place, as GDELT's `ActionGeo_*` columns describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Geo {
    pub(crate) kind: GeoType,
    pub(crate) full_name: String,
    /// FIPS 10-4 code of the country, empty when it has none.
    pub(crate) fips: &'static str,
}

struct Country {
    name: &'static str,
    /// Seats of government, lower-cased.
    capitals: Vec<String>,
}

fn fips_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(FIPS_TABLE)
            .filter_map(|cols| Some((*cols.first()?, *cols.get(1)?)))
            .collect()
    })
}

fn countries() -> &'static HashMap<&'static str, Country> {
    static TABLE: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(COUNTRIES)
            .filter_map(|cols| {
                let country = Country {
                    name: cols.get(1)?.trim(),
                    capitals: cols
                        .get(4)
                        .map(|c| c.split('|').map(fold).collect())
                        .unwrap_or_default(),
                };
                Some((cols.first()?.trim(), country))
            })
            .collect()
    })
}

/// The TAB-separated columns of each entry of a dictionary-style file (`#` comments, blank lines).
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn fold(s: &str) -> String {
    s.trim().replace('\u{2019}', "'").to_lowercase()
}

/// The FIPS 10-4 code of an ISO alpha-3 country code, if it has one.
pub(crate) fn fips(iso3: &str) -> Option<&'static str> {
    fips_table().get(iso3).copied()
}

/// How GDELT would describe `place` (an event's place: its words and its country's code).
///
/// A place named by `cities.tsv`, or a capital of its country, is a city; any other place is
/// the country itself, named by the dictionary's name for it.
pub(crate) fn geo(place: &ActorRef) -> Geo {
    let iso3 = place.code.country();
    let country = countries().get(iso3);
    let from_cities = place.rule.starts_with("cities.tsv");
    let is_capital = country.is_some_and(|c| c.capitals.contains(&fold(&place.name)));
    let fips = fips(iso3).unwrap_or("");
    if from_cities || is_capital {
        let kind = if iso3 == "USA" {
            GeoType::UsCity
        } else {
            GeoType::WorldCity
        };
        return Geo {
            kind,
            full_name: place.name.clone(),
            fips,
        };
    }
    Geo {
        kind: GeoType::Country,
        full_name: country.map_or_else(|| place.name.clone(), |c| c.name.to_string()),
        fips,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::Span;

    fn place(code: &str, name: &str, rule: &str) -> ActorRef {
        ActorRef::new(code.parse().unwrap(), name, Span::new(0, 1), rule)
    }

    #[test]
    fn fips_codes_differ_from_iso_where_gdelt_needs_them() {
        assert_eq!(fips("DEU"), Some("GM"));
        assert_eq!(fips("GBR"), Some("UK"));
        assert_eq!(fips("KOR"), Some("KS"));
        assert_eq!(fips("CHN"), Some("CH"));
        assert_eq!(fips("USA"), Some("US"));
        assert_eq!(fips("SUN"), None);
        // Every country of the dictionary but the historical ones has a code.
        for code in countries().keys() {
            let historical = ["YUG", "SUN", "CSK", "DDR"].contains(code);
            assert_eq!(fips(code).is_some(), !historical, "{code}");
        }
    }

    #[test]
    fn capitals_and_listed_cities_are_cities_other_places_countries() {
        let beijing = geo(&place("CHN", "Beijing", "countries.tsv:47"));
        assert_eq!(beijing.kind, GeoType::WorldCity);
        assert_eq!(beijing.full_name, "Beijing");
        assert_eq!(beijing.fips, "CH");
        let shanghai = geo(&place("CHN", "Shanghai", "cities.tsv:6"));
        assert_eq!(shanghai.kind, GeoType::WorldCity);
        let china = geo(&place("CHN", "mainland China", "countries.tsv:47"));
        assert_eq!(china.kind, GeoType::Country);
        assert_eq!(china.full_name, "China");
        let washington = geo(&place("USA", "Washington", "countries.tsv:214"));
        assert_eq!(washington.kind, GeoType::UsCity);
        let us = geo(&place("USA", "the U.S.", "countries.tsv:214"));
        assert_eq!(
            (us.kind, us.full_name.as_str()),
            (GeoType::Country, "United States")
        );
    }
}
