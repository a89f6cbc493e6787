//! Office-holders with dated terms: the same name codes differently on different dates.

use crate::DictError;
use crate::tsv::{col, error, lines, values};
use chrono::NaiveDate;
use dyad_types::ActorCode;
use std::collections::HashMap;

/// Index of a person in [`People`].
pub type PersonId = usize;

/// One term in one office.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// Actor code during the term.
    pub code: ActorCode,
    /// First day.
    pub start: NaiveDate,
    /// Last day; none while in office.
    pub end: Option<NaiveDate>,
    /// The office, as written ("President").
    pub office: String,
    /// `file:line` of the entry.
    pub rule: String,
}

impl Term {
    fn covers(&self, d: NaiveDate) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }
}

/// A person: names and terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// The full name as usually written.
    pub name: String,
    /// Other spellings and forms.
    pub aliases: Vec<String>,
    /// The name used alone once the person has been named ("Lee").
    pub surname: String,
    /// Terms of office, earliest first.
    pub terms: Vec<Term>,
}

impl Person {
    /// The code on `date`, and the term that gives it. On a date outside every term: the country
    /// with `ELI` (a former office-holder) after a term, the bare country before the first. With
    /// no date: the latest term.
    pub fn code_at(&self, date: Option<NaiveDate>) -> (ActorCode, Option<&Term>) {
        let latest = self
            .terms
            .iter()
            .max_by_key(|t| t.start)
            .expect("a person has a term");
        let Some(d) = date else {
            return (latest.code.clone(), Some(latest));
        };
        // The term that covers the date; of several, the one that began last.
        if let Some(t) = self
            .terms
            .iter()
            .filter(|t| t.covers(d))
            .max_by_key(|t| t.start)
        {
            return (t.code.clone(), Some(t));
        }
        let country: ActorCode = latest
            .code
            .country()
            .parse()
            .expect("three upper-case letters");
        if self.terms.iter().any(|t| t.end.is_some_and(|e| e < d)) && country.as_str() != "IGO" {
            (country.with_role("ELI"), None)
        } else {
            (country, None)
        }
    }
}

/// Every office-holder.
#[derive(Debug, Default)]
pub struct People {
    people: Vec<Person>,
    /// The layer each person was last defined in (0: the base dictionaries).
    layers: Vec<usize>,
    by_name: HashMap<String, PersonId>,
}

impl People {
    #[cfg(test)]
    pub(crate) fn parse(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        self.parse_layer(file, text, 0)
    }

    /// Reads a file of a layer. A person an earlier layer knows is redefined by a later one: the
    /// later layer's lines replace every term, alias and surname the earlier layers gave.
    pub(crate) fn parse_layer(
        &mut self,
        file: &str,
        text: &str,
        layer: usize,
    ) -> Result<(), DictError> {
        for (line, cols) in lines(text) {
            let name = col(&cols, 0);
            if name.is_empty() {
                return Err(error(
                    file,
                    line,
                    "a person needs a name in the first column",
                ));
            }
            let code: ActorCode = col(&cols, 3)
                .parse()
                .map_err(|e| error(file, line, format!("{e}")))?;
            let date = |i: usize, what: &str| -> Result<Option<NaiveDate>, DictError> {
                match col(&cols, i) {
                    "" => Ok(None),
                    s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .map(Some)
                        .map_err(|_| {
                            error(file, line, format!("{what} date `{s}` is not YYYY-MM-DD"))
                        }),
                }
            };
            let start =
                date(4, "start")?.ok_or_else(|| error(file, line, "a term needs a start date"))?;
            let end = date(5, "end")?;
            if end.is_some_and(|e| e < start) {
                return Err(error(file, line, "the term ends before it starts"));
            }
            let term = Term {
                code,
                start,
                end,
                office: col(&cols, 6).to_string(),
                rule: format!("{file}:{line}"),
            };
            let key = name.to_lowercase();
            let surname = match col(&cols, 2) {
                "" => name.rsplit(' ').next().unwrap_or(name).to_string(),
                s => s.to_string(),
            };
            let fresh = Person {
                name: name.to_string(),
                aliases: Vec::new(),
                surname,
                terms: Vec::new(),
            };
            let id = match self.by_name.get(&key) {
                Some(&id) if self.layers[id] < layer => {
                    self.people[id] = fresh;
                    self.layers[id] = layer;
                    id
                }
                Some(&id) => id,
                None => {
                    self.people.push(fresh);
                    self.layers.push(layer);
                    self.by_name.insert(key, self.people.len() - 1);
                    self.people.len() - 1
                }
            };
            let p = &mut self.people[id];
            for a in values(col(&cols, 1)) {
                if !p.aliases.iter().any(|x| x == a) && a != p.name {
                    p.aliases.push(a.to_string());
                }
            }
            p.terms.push(term);
            p.terms.sort_by_key(|t| t.start);
        }
        Ok(())
    }

    /// A person by id.
    pub fn get(&self, id: PersonId) -> &Person {
        &self.people[id]
    }

    /// The layer that defined a person (0: the base dictionaries).
    pub fn layer(&self, id: PersonId) -> usize {
        self.layers[id]
    }

    /// Every person.
    pub fn iter(&self) -> impl Iterator<Item = (PersonId, &Person)> {
        self.people.iter().enumerate()
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# name\taliases\tsurname\tcode\tstart\tend\toffice\n\
        Lee Jae Myung\tLee Jae-myung\tLee\tKORGOV\t2025-06-04\t\tPresident\n\
        Vladimir Putin\t\tPutin\tRUSGOV\t2000-05-07\t2008-05-07\tPresident\n\
        Vladimir Putin\t\tPutin\tRUSGOV\t2008-05-08\t2012-05-07\tPrime Minister\n\
        Vladimir Putin\t\tPutin\tRUSGOV\t2012-05-07\t\tPresident\n\
        Ban Ki-moon\t\tBan\tIGOUNO\t2007-01-01\t2016-12-31\tSecretary-General\n";

    fn d(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn the_same_name_codes_by_date() {
        let mut p = People::default();
        p.parse("people/t.tsv", TEXT).unwrap();
        assert_eq!(p.len(), 3);
        let lee = p.get(0);
        assert_eq!(lee.aliases, ["Lee Jae-myung"]);
        assert_eq!(lee.code_at(d("2026-01-05")).0.as_str(), "KORGOV");
        assert_eq!(lee.code_at(d("2024-01-05")).0.as_str(), "KOR");
        assert_eq!(lee.code_at(None).0.as_str(), "KORGOV");
        let (code, term) = lee.code_at(d("2025-06-04"));
        assert_eq!(
            (code.as_str(), term.unwrap().rule.as_str()),
            ("KORGOV", "people/t.tsv:2")
        );
        let putin = p.get(1);
        assert_eq!(putin.terms.len(), 3);
        assert_eq!(
            putin.code_at(d("2010-01-01")).1.unwrap().office,
            "Prime Minister"
        );
        let ban = p.get(2);
        assert_eq!(ban.code_at(d("2020-01-01")).0.as_str(), "IGO");
    }

    #[test]
    fn a_later_layer_redefines_a_person() {
        let mut p = People::default();
        p.parse("people/t.tsv", TEXT).unwrap();
        p.parse_layer(
            "mine/people/t.tsv",
            "vladimir putin\t\tPutin\tRUSELI\t2000-05-07\t\tFormer\nNew Person\t\tPerson\tFRAGOV\t2026-01-01\t\tMinister\n",
            1,
        )
        .unwrap();
        assert_eq!(p.len(), 4);
        let putin = p.get(1);
        assert_eq!(putin.terms.len(), 1, "the base's three terms are replaced");
        assert_eq!(putin.code_at(d("2010-01-01")).0.as_str(), "RUSELI");
        assert_eq!(putin.terms[0].rule, "mine/people/t.tsv:1");
        assert_eq!((p.layer(0), p.layer(1), p.layer(3)), (0, 1, 1));
        // Within one layer, lines for the same person add terms.
        assert_eq!(p.get(3).terms.len(), 1);
    }

    #[test]
    fn bad_dates_name_the_line() {
        let mut p = People::default();
        let e = p
            .parse("people/x.tsv", "A B\t\tB\tUSAGOV\t2020-13-01\t\tX\n")
            .unwrap_err();
        assert_eq!((e.line, e.message.contains("2020-13-01")), (1, true));
        let e = p
            .parse(
                "people/x.tsv",
                "\n\nA B\t\tB\tUSAGOV\t2020-01-01\t2019-01-01\tX\n",
            )
            .unwrap_err();
        assert_eq!(e.line, 3);
    }
}
