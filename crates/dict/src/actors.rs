//! Every name an actor can go by, in one leftmost-longest automaton.

use crate::DictError;
use crate::people::{People, PersonId};
use crate::tsv::{col, error, lines, values};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_types::{ActorCode, Span};
use std::collections::HashMap;

/// How the case of the text must agree with the entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CasePolicy {
    /// Written in capitals only ("US", "UN"): must appear so.
    Exact,
    /// Written with a capital first letter ("China"): must start with one.
    Capitalized,
    /// Written in lower case ("president"): any case.
    Any,
}

impl CasePolicy {
    fn of(pattern: &str) -> CasePolicy {
        let has_upper = pattern.chars().any(char::is_uppercase);
        let has_lower = pattern.chars().any(char::is_lowercase);
        if has_upper && !has_lower && pattern.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            CasePolicy::Exact
        } else if pattern.chars().next().is_some_and(char::is_uppercase) {
            CasePolicy::Capitalized
        } else {
            CasePolicy::Any
        }
    }

    fn accepts(self, pattern: &str, text: &str) -> bool {
        match self {
            CasePolicy::Exact => pattern == text,
            CasePolicy::Capitalized => text.chars().next().is_some_and(|c| !c.is_lowercase()),
            CasePolicy::Any => true,
        }
    }
}

/// What a dictionary entry names.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryKind {
    /// A state by its name ("South Korea").
    Country(ActorCode),
    /// A state's adjective or demonym ("South Korean").
    Adjective(ActorCode),
    /// A capital: the government as metonym when it acts, a place otherwise.
    Capital(ActorCode),
    /// A city: a place in a country.
    City(ActorCode),
    /// An international or non-governmental organisation, or a named armed group.
    Organization(ActorCode),
    /// A generic agent with a role ("president" → GOV).
    Agent(String),
    /// An office-holder by full name.
    Person(PersonId),
    /// An office-holder's surname alone: an actor when the document named them before, or when
    /// the surname belongs to one person only and may stand alone (`alone`: not listed in
    /// `surnames-not-alone.tsv`) or has a title beside it.
    Surname {
        /// Everyone with this surname.
        people: Vec<PersonId>,
        /// Whether it may name its one person with no title and no prior full name.
        alone: bool,
    },
}

/// One entry: what it names and where it is written.
#[derive(Clone, Debug)]
pub struct ActorEntry {
    /// What the entry names.
    pub kind: EntryKind,
    /// The words as written in the dictionary.
    pub pattern: String,
    /// How case must agree.
    pub case: CasePolicy,
    /// `file:line`.
    pub rule: String,
}

/// A match in a text: its span and the entries that may apply.
#[derive(Clone, Debug)]
pub struct ActorMatch<'d> {
    /// Where in the text.
    pub span: Span,
    /// Candidate entries whose case policy accepts the text.
    pub entries: Vec<&'d ActorEntry>,
}

/// The compiled actor dictionary.
#[derive(Debug)]
pub struct ActorDictionary {
    automaton: AhoCorasick,
    /// For each automaton pattern, the entries that share its text.
    by_pattern: Vec<Vec<usize>>,
    entries: Vec<ActorEntry>,
}

/// One file of actor entries: its name in evidence (`file` of `file:line`), its text, and the
/// layer it belongs to (0: the base dictionaries; a later layer overrides an earlier one).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub layer: usize,
}

/// The actor files, each kind in layer order.
#[derive(Debug, Default)]
pub(crate) struct ActorSources<'a> {
    pub countries: Vec<Source<'a>>,
    pub cities: Vec<Source<'a>>,
    pub organizations: Vec<Source<'a>>,
    pub agents: Vec<Source<'a>>,
    pub surnames_not_alone: Vec<Source<'a>>,
}

struct Builder {
    entries: Vec<ActorEntry>,
    /// The layer of each entry.
    layers: Vec<usize>,
    by_key: HashMap<String, usize>,
    keys: Vec<String>,
    by_pattern: Vec<Vec<usize>>,
}

impl Builder {
    /// Adds an entry. A name a later layer repeats replaces what earlier layers said it is; within
    /// one layer, entries with the same name stand side by side ("Georgia" the state, "Georgia"
    /// the US state would both be candidates).
    fn add(&mut self, pattern: &str, kind: EntryKind, rule: String, layer: usize) {
        let pattern = pattern.trim();
        if pattern.is_empty() {
            return;
        }
        let id = self.entries.len();
        self.entries.push(ActorEntry {
            kind,
            pattern: pattern.to_string(),
            case: CasePolicy::of(pattern),
            rule,
        });
        self.layers.push(layer);
        // Straight and curly apostrophes are interchangeable.
        let mut variants = vec![pattern.to_string()];
        if pattern.contains('\'') {
            variants.push(pattern.replace('\'', "\u{2019}"));
        }
        for v in variants {
            let key = v.to_ascii_lowercase();
            let k = *self.by_key.entry(key.clone()).or_insert_with(|| {
                self.keys.push(key);
                self.by_pattern.push(Vec::new());
                self.by_pattern.len() - 1
            });
            let layers = &self.layers;
            self.by_pattern[k].retain(|&i| layers[i] >= layer);
            if !self.by_pattern[k].contains(&id) {
                self.by_pattern[k].push(id);
            }
        }
    }
}

fn code(file: &str, line: usize, s: &str) -> Result<ActorCode, DictError> {
    s.parse().map_err(|e| error(file, line, format!("{e}")))
}

impl ActorDictionary {
    /// Build from the actor files (`countries.tsv`, `cities.tsv`, `organizations.tsv`,
    /// `agents.tsv`, `surnames-not-alone.tsv`, each possibly in several layers) and the
    /// office-holders.
    pub(crate) fn build(files: &ActorSources<'_>, people: &People) -> Result<Self, DictError> {
        let not_alone: std::collections::HashSet<String> = files
            .surnames_not_alone
            .iter()
            .flat_map(|s| lines(s.text))
            .map(|(_, cols)| col(&cols, 0).to_lowercase())
            .collect();
        let mut b = Builder {
            entries: Vec::new(),
            layers: Vec::new(),
            by_key: HashMap::new(),
            keys: Vec::new(),
            by_pattern: Vec::new(),
        };
        for &Source {
            name: f,
            text,
            layer,
        } in &files.countries
        {
            for (line, cols) in lines(text) {
                let c = code(f, line, col(&cols, 0))?;
                if c.as_str().len() != 3 {
                    return Err(error(
                        f,
                        line,
                        "a country code is three letters (ISO 3166 alpha-3)",
                    ));
                }
                let rule = format!("{f}:{line}");
                for name in std::iter::once(col(&cols, 1)).chain(values(col(&cols, 2))) {
                    b.add(name, EntryKind::Country(c.clone()), rule.clone(), layer);
                }
                for adj in values(col(&cols, 3)) {
                    b.add(adj, EntryKind::Adjective(c.clone()), rule.clone(), layer);
                }
                for cap in values(col(&cols, 4)) {
                    b.add(cap, EntryKind::Capital(c.clone()), rule.clone(), layer);
                }
            }
        }
        for &Source {
            name: f,
            text,
            layer,
        } in &files.cities
        {
            for (line, cols) in lines(text) {
                let c = code(f, line, col(&cols, 1))?;
                let rule = format!("{f}:{line}");
                for name in std::iter::once(col(&cols, 0)).chain(values(col(&cols, 2))) {
                    b.add(name, EntryKind::City(c.clone()), rule.clone(), layer);
                }
            }
        }
        for &Source {
            name: f,
            text,
            layer,
        } in &files.organizations
        {
            for (line, cols) in lines(text) {
                let c = code(f, line, col(&cols, 0))?;
                let rule = format!("{f}:{line}");
                for name in values(col(&cols, 1)) {
                    b.add(
                        name,
                        EntryKind::Organization(c.clone()),
                        rule.clone(),
                        layer,
                    );
                }
            }
        }
        for &Source {
            name: f,
            text,
            layer,
        } in &files.agents
        {
            for (line, cols) in lines(text) {
                let role = col(&cols, 0);
                if role.len() != 3 || !role.bytes().all(|c| c.is_ascii_uppercase()) {
                    return Err(error(
                        f,
                        line,
                        format!("`{role}` is not a CAMEO role code (three capitals)"),
                    ));
                }
                let rule = format!("{f}:{line}");
                for p in values(col(&cols, 1)) {
                    b.add(p, EntryKind::Agent(role.to_string()), rule.clone(), layer);
                }
            }
        }
        let mut surnames: HashMap<String, Vec<PersonId>> = HashMap::new();
        for (id, p) in people.iter() {
            let rule = p.terms.first().map(|t| t.rule.clone()).unwrap_or_default();
            let layer = people.layer(id);
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                b.add(name, EntryKind::Person(id), rule.clone(), layer);
            }
            if !p.surname.is_empty() {
                surnames.entry(p.surname.clone()).or_default().push(id);
            }
        }
        let mut surnames: Vec<_> = surnames.into_iter().collect();
        surnames.sort();
        for (s, ids) in surnames {
            let rule = people
                .get(ids[0])
                .terms
                .first()
                .map(|t| t.rule.clone())
                .unwrap_or_default();
            let alone = !not_alone.contains(&s.to_lowercase());
            let layer = ids.iter().map(|&i| people.layer(i)).max().unwrap_or(0);
            b.add(&s, EntryKind::Surname { people: ids, alone }, rule, layer);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&b.keys)
            .map_err(|e| {
                error(
                    "actors",
                    0,
                    format!("cannot compile the actor automaton: {e}"),
                )
            })?;
        Ok(ActorDictionary {
            automaton,
            by_pattern: b.by_pattern,
            entries: b.entries,
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every match in `text` that stands on word boundaries and whose case agrees, in order.
    pub fn find<'d>(&'d self, text: &str) -> Vec<ActorMatch<'d>> {
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !before_ok || !after_ok {
                continue;
            }
            let found = &text[s..e];
            let entries: Vec<&ActorEntry> = self.by_pattern[m.pattern().as_usize()]
                .iter()
                .map(|&i| &self.entries[i])
                .filter(|en| {
                    en.case
                        .accepts(&en.pattern, &found.replace('\u{2019}', "'"))
                })
                .collect();
            if !entries.is_empty() {
                out.push(ActorMatch {
                    span: Span::new(s, e),
                    entries,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict() -> ActorDictionary {
        let mut people = People::default();
        people
            .parse(
                "people/t.tsv",
                "Xi Jinping\t\tXi\tCHNGOV\t2013-03-14\t\tPresident\n",
            )
            .unwrap();
        let src = |name, text| {
            vec![Source {
                name,
                text,
                layer: 0,
            }]
        };
        let files = ActorSources {
            countries: src(
                "countries.tsv",
                "CHN\tChina\tPRC\tChinese\tBeijing\nUSA\tUnited States\tUS|U.S.\tAmerican\tWashington\nCIV\tIvory Coast\tCôte d'Ivoire\tIvorian\t\n",
            ),
            cities: src("cities.tsv", "Shanghai\tCHN\t\n"),
            organizations: src("organizations.tsv", "IGOUNO\tUnited Nations|UN\tIGO\n"),
            agents: src("agents.tsv", "GOV\tpresident|foreign minister\n"),
            surnames_not_alone: src("surnames-not-alone.tsv", "Lee\n"),
        };
        ActorDictionary::build(&files, &people).unwrap()
    }

    fn found(d: &ActorDictionary, text: &str) -> Vec<String> {
        d.find(text)
            .iter()
            .map(|m| m.span.of(text).to_string())
            .collect()
    }

    #[test]
    fn longest_names_on_word_boundaries() {
        let d = dict();
        assert_eq!(
            found(
                &d,
                "Chinese President Xi Jinping met the U.S. foreign minister in Shanghai."
            ),
            [
                "Chinese",
                "President",
                "Xi Jinping",
                "U.S.",
                "foreign minister",
                "Shanghai"
            ]
        );
        assert_eq!(found(&d, "Chinatown and Xiamen"), Vec::<String>::new());
    }

    #[test]
    fn case_policies_keep_pronouns_out() {
        let d = dict();
        assert_eq!(
            found(&d, "Let us go to the US and the UN, un-"),
            ["US", "UN"]
        );
        assert_eq!(found(&d, "china plates"), Vec::<String>::new());
        assert_eq!(found(&d, "CHINA SAYS"), ["CHINA"]);
    }

    #[test]
    fn apostrophes_are_interchangeable() {
        let d = dict();
        assert_eq!(
            found(&d, "Côte d’Ivoire and Côte d'Ivoire"),
            ["Côte d’Ivoire", "Côte d'Ivoire"]
        );
        let m = &d.find("Xi said")[0];
        assert!(matches!(
            m.entries[0].kind,
            EntryKind::Surname { alone: true, .. }
        ));
        assert_eq!(m.entries[0].rule, "people/t.tsv:1");
    }
}
