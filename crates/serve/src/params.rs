//! Query parameters, checked one by one so that a bad value is a 400 that names its parameter.
//!
//! A parameter given empty (`from=`) counts as not given, as an HTML form sends it; a parameter
//! the endpoint does not know, or one given twice, is refused rather than ignored, so a typo
//! (`form=2024-01-01`) is an error and not a silently wider answer.

use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use dyad_store::ActorFilter;
use dyad_types::Modality;

/// The first and last years a date parameter may name.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// The parameters of one request.
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Check the names: each known to the endpoint (`known`), none twice.
    pub(crate) fn new(pairs: Vec<(String, String)>, known: &[&str]) -> Result<Self, ApiError> {
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad(
                    name,
                    format!(
                        "unknown parameter; this endpoint takes {}",
                        known.join(", ")
                    ),
                ));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad(
                    name,
                    "given twice; give lists as one comma-separated value",
                ));
            }
        }
        Ok(Params(pairs))
    }

    /// The value of `name`, if given and not empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A date, `YYYY-MM-DD` or `YYYYMMDD`, between 1800 and 2200.
    pub(crate) fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let d = dyad_input::parse_date(v).map_err(|e| ApiError::bad(name, e))?;
        if !YEARS.contains(&d.year()) {
            return Err(ApiError::bad(
                name,
                format!(
                    "`{v}`: a year from {} to {} is expected",
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        Ok(Some(d))
    }

    /// A required actor code (`CHN`, `CHNGOV`).
    pub(crate) fn actor(&self, name: &str) -> Result<ActorFilter, ApiError> {
        let v = self
            .get(name)
            .ok_or_else(|| ApiError::bad(name, "required: an actor code such as CHN or KORGOV"))?;
        ActorFilter::parse(v).map_err(|e| ApiError::bad(name, e))
    }

    /// An optional actor code.
    pub(crate) fn optional_actor(&self, name: &str) -> Result<Option<ActorFilter>, ApiError> {
        self.get(name).map(|_| self.actor(name)).transpose()
    }

    /// `true`, `false`, `1` or `0`; `default` when not given.
    pub(crate) fn flag(&self, name: &str, default: bool) -> Result<bool, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some("true" | "1") => Ok(true),
            Some("false" | "0") => Ok(false),
            Some(v) => Err(ApiError::bad(
                name,
                format!("`{v}`: expected true or false"),
            )),
        }
    }

    /// A whole number; `default` when not given. `clamp_to` bounds it from above (a larger value
    /// is lowered, not refused: the answer says what was used).
    pub(crate) fn count(
        &self,
        name: &str,
        default: usize,
        clamp_to: usize,
    ) -> Result<usize, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<u64>()
                .map(|n| n.min(clamp_to as u64) as usize)
                .map_err(|_| ApiError::bad(name, format!("`{v}`: expected a whole number ≥ 0"))),
        }
    }

    /// A comma-separated list, each item parsed by `parse`.
    pub(crate) fn list<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Vec<T>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(Vec::new());
        };
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| parse(s).map_err(|e| ApiError::bad(name, e)))
            .collect()
    }

    /// Modalities (`asserted,future`).
    pub(crate) fn modalities(&self, name: &str) -> Result<Vec<Modality>, ApiError> {
        self.list(name, str::parse)
    }
}

/// A CAMEO root: two digits, 01 to 20.
pub(crate) fn root(s: &str) -> Result<String, String> {
    match s.parse::<u8>() {
        Ok(1..=20) if s.len() == 2 => Ok(s.to_string()),
        _ => Err(format!("`{s}`: a CAMEO root is two digits, 01 to 20")),
    }
}

/// A QuadClass: 1 to 4.
pub(crate) fn quad_class(s: &str) -> Result<u8, String> {
    match s.parse::<u8>() {
        Ok(q @ 1..=4) => Ok(q),
        _ => Err(format!(
            "`{s}`: a QuadClass is 1 (verbal cooperation) to 4 (material conflict)"
        )),
    }
}

/// A dyad, `A-B`.
pub(crate) fn dyad(s: &str) -> Result<(ActorFilter, ActorFilter), String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| format!("`{s}`: expected two actor codes joined by `-`, like CHN-KOR"))?;
    Ok((ActorFilter::parse(a)?, ActorFilter::parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &[(&str, &str)], known: &[&str]) -> Result<Params, ApiError> {
        Params::new(
            q.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            known,
        )
    }

    fn named(e: ApiError) -> String {
        match e {
            ApiError::BadParam(name, _) => name,
            other => panic!("not a bad parameter: {other:?}"),
        }
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused_by_name() {
        let e = params(&[("form", "2024-01-01")], &["from", "to"])
            .err()
            .unwrap();
        assert_eq!(named(e), "form");
        let e = params(&[("to", "1"), ("to", "2")], &["from", "to"])
            .err()
            .unwrap();
        assert_eq!(named(e), "to");
    }

    #[test]
    fn values_are_checked_and_empty_means_absent() {
        let p = params(
            &[
                ("from", ""),
                ("to", "20260105"),
                ("limit", "99999"),
                ("x", "1700-01-01"),
            ],
            &["from", "to", "limit", "x"],
        )
        .unwrap();
        assert_eq!(p.date("from").unwrap(), None);
        assert_eq!(p.date("to").unwrap().unwrap().to_string(), "2026-01-05");
        assert_eq!(p.count("limit", 50, 500).unwrap(), 500);
        assert_eq!(named(p.date("x").unwrap_err()), "x");
        assert_eq!(root("19").unwrap(), "19");
        assert!(root("9").is_err() && root("21").is_err());
        assert!(quad_class("5").is_err());
        assert_eq!(dyad("chn-kor").unwrap().1.0, "KOR");
        assert!(dyad("CHN").is_err());
    }
}
