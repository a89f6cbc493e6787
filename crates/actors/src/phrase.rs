//! Composing dictionary matches into actor mentions.

use crate::memory::Memory;
use crate::{Actor, Mention, MentionKind};
use chrono::NaiveDate;
use dyad_dict::{ActorEntry, ActorMatch, Dictionaries, EntryKind, PersonId};
use dyad_text::{Token, TokenKind};
use dyad_types::{ActorCode, Span};

/// Prepositions after which a capital, a city or a country is a place rather than an actor.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "within",
    "across",
    "throughout",
    "around",
];
/// Further prepositions after which a capital or city is a place ("flew to Beijing").
const DIRECTIONAL: &[&str] = &["to", "from", "into", "toward", "towards", "via"];

/// Words that refer to the two parties a document is about: "the two sides", "both countries".
const PAIR_NOUNS: &[(&str, Option<&str>)] = &[
    ("sides", None),
    ("countries", None),
    ("nations", None),
    ("neighbors", None),
    ("neighbours", None),
    ("allies", None),
    ("states", None),
    ("parties", None),
    ("governments", Some("GOV")),
    ("leaders", Some("GOV")),
    ("presidents", Some("GOV")),
    ("heads of state", Some("GOV")),
    ("heads of government", Some("GOV")),
    ("ministers", Some("GOV")),
    ("foreign ministers", Some("GOV")),
    ("militaries", Some("MIL")),
    ("armies", Some("MIL")),
];

/// Capitalised words that may follow a surname without being more of a name.
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One dictionary match with the entry chosen for it.
#[derive(Clone)]
struct Part<'d> {
    span: Span,
    entry: &'d ActorEntry,
}

fn rank(kind: &EntryKind) -> u8 {
    match kind {
        EntryKind::Person(_) => 0,
        EntryKind::Organization(_) => 1,
        EntryKind::Country(_) => 2,
        EntryKind::Capital(_) => 3,
        EntryKind::Adjective(_) => 4,
        EntryKind::City(_) => 5,
        EntryKind::Agent(_) => 6,
        EntryKind::Surname { .. } => 7,
    }
}

fn is_countryish(k: &EntryKind) -> bool {
    matches!(
        k,
        EntryKind::Country(_) | EntryKind::Adjective(_) | EntryKind::Capital(_)
    )
}

/// Find the mentions of actors (and places) in one sentence.
///
/// `tokens` are the sentence's tokens; `matches` are the actor dictionary's matches over the whole
/// document (those outside the sentence are ignored). `memory` is read to resolve references and
/// updated with what this sentence names.
pub fn recognize(
    dict: &Dictionaries,
    text: &str,
    tokens: &[Token],
    matches: &[ActorMatch<'_>],
    date: Option<NaiveDate>,
    memory: &mut Memory,
) -> Vec<Mention> {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let sentence = Span::new(first.span.start, last.span.end);
    let parts: Vec<Part> = matches
        .iter()
        .filter(|m| sentence.contains(m.span))
        .filter_map(|m| {
            let entry = m.entries.iter().min_by_key(|e| rank(&e.kind))?;
            Some(Part {
                span: m.span,
                entry,
            })
        })
        .collect();
    let cx = Context {
        dict,
        text,
        tokens,
        date,
    };
    // References ("He", "the two sides") resolve against what earlier sentences named.
    let references = cx.references(memory);
    let mut mentions = Vec::new();
    for chunk in chunks(text, &parts) {
        if let Some(m) = cx.compose(&chunk, memory) {
            mentions.push(m);
        }
    }
    let mut mentions = coordinate(text, mentions, memory);
    for r in references {
        // "the two heads of state" beats the agent "heads of state" inside it.
        mentions.retain(|m| !r.span.contains(m.span));
        if !mentions
            .iter()
            .any(|m| m.span.start < r.span.end && r.span.start < m.span.end)
        {
            mentions.push(r);
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    mentions
}

/// Split matches into runs that name one actor.
fn chunks<'d>(text: &str, parts: &[Part<'d>]) -> Vec<Vec<Part<'d>>> {
    let mut out: Vec<Vec<Part>> = Vec::new();
    for p in parts {
        let joined = out
            .last()
            .and_then(|c| c.last())
            .is_some_and(|prev| joins(text, prev, p));
        if joined {
            out.last_mut().expect("checked").push(p.clone());
        } else {
            out.push(vec![p.clone()]);
        }
    }
    out
}

/// Do two neighbouring matches belong to one noun phrase?
fn joins(text: &str, left: &Part, right: &Part) -> bool {
    let between = text[left.span.end..right.span.start].trim();
    let (l, r) = (&left.entry.kind, &right.entry.kind);
    let right_is_head = matches!(
        r,
        EntryKind::Agent(_) | EntryKind::Person(_) | EntryKind::Surname { .. }
    );
    match between.to_ascii_lowercase().as_str() {
        // "Chinese President Xi Jinping", but not "China Japan" nor a name followed by another.
        "" => {
            let two_countries = is_countryish(l) && is_countryish(r);
            let after_person = matches!(l, EntryKind::Person(_));
            !two_countries && !after_person
        }
        "'s" | "\u{2019}s" => right_is_head && !matches!(l, EntryKind::Agent(_)),
        "of" | "of the" => {
            matches!(l, EntryKind::Agent(_))
                && (is_countryish(r) || matches!(r, EntryKind::Organization(_)))
        }
        // "opposition groups in Zimbabwe", "officials from Kabul": an agent takes a place's country.
        "in" | "from" => {
            matches!(l, EntryKind::Agent(_))
                && (is_countryish(r) || matches!(r, EntryKind::City(_)))
        }
        gap => {
            // "South Korean business figures" with modifiers between: "leading", "senior".
            let words: Vec<&str> = gap.split_whitespace().collect();
            matches!(l, EntryKind::Adjective(_))
                && matches!(r, EntryKind::Agent(_))
                && words.len() <= 2
                && words.iter().all(|w| {
                    w.chars().all(|c| c.is_alphabetic() || c == '-')
                        && !matches!(*w, "and" | "or" | "but" | "to" | "with")
                })
        }
    }
}

struct Context<'a, 'd> {
    dict: &'d Dictionaries,
    text: &'a str,
    tokens: &'a [Token],
    date: Option<NaiveDate>,
}

impl Context<'_, '_> {
    /// The folded word before byte `at`, if any.
    fn word_before(&self, at: usize) -> Option<String> {
        let i = self.tokens.partition_point(|t| t.span.start < at);
        let t = self.tokens.get(i.checked_sub(1)?)?;
        t.is_word()
            .then(|| t.span.of(self.text).to_ascii_lowercase())
    }

    /// Is a surname at `span` part of someone else's name: joined by a hyphen ("Zia-ul-Haq" is
    /// not a "Haq"), or followed by a further capitalised name ("General Michel Aoun" is not
    /// "Michel")? A weekday or month after it ("Putin Monday") is no name.
    fn inside_other_name(&self, span: Span) -> bool {
        let before = self.text[..span.start].chars().next_back();
        let rest = &self.text[span.end..];
        if before == Some('-') || rest.starts_with('-') {
            return true;
        }
        let Some(next) = rest.strip_prefix(' ') else {
            return false;
        };
        let word: &str = next
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        word.len() > 1
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase)
            && !NOT_NAMES.contains(&word)
    }

    /// Of several office-holders with one surname and a title beside it ("President Bush"), the
    /// one in office on the document's date; else, if they all served one country, the latest
    /// of them (the country is right whichever is meant, and the date gives the role).
    fn bearer_by_date(&self, ids: &[PersonId]) -> Option<PersonId> {
        let people = || ids.iter().map(|&id| (id, self.dict.people.get(id)));
        if self.date.is_some() {
            let mut serving = people().filter(|(_, p)| p.code_at(self.date).1.is_some());
            if let (Some((id, _)), None) = (serving.next(), serving.next()) {
                return Some(id);
            }
        }
        let country = |p: &dyad_dict::Person| p.code_at(None).0.country().to_string();
        let (_, first) = people().next()?;
        let c = country(first);
        if !people().all(|(_, p)| country(p) == c) {
            return None;
        }
        people()
            .max_by_key(|(_, p)| p.code_at(None).1.map(|t| t.start))
            .map(|(id, _)| id)
    }

    fn person(&self, id: PersonId, memory: &mut Memory) -> Actor {
        let p = self.dict.people.get(id);
        let (code, term) = p.code_at(self.date);
        let actor = Actor {
            code,
            name: p.name.clone(),
            rule: term
                .map(|t| t.rule.clone())
                .unwrap_or_else(|| p.terms[0].rule.clone()),
        };
        memory.note(&actor, Some((id, &p.surname)));
        actor
    }

    /// The mention a run of matches makes, if it names an actor or a place.
    fn compose(&self, chunk: &[Part], memory: &mut Memory) -> Option<Mention> {
        let span = chunk[0].span.cover(chunk[chunk.len() - 1].span);
        let words = span.of(self.text).to_string();
        let possessive = self.text[span.end..].starts_with("'s")
            || self.text[span.end..].starts_with("\u{2019}s");
        let mention = |actor: Actor, kind| Mention {
            span,
            actors: vec![actor],
            kind,
            possessive,
        };
        // A named office-holder decides the code.
        for p in chunk {
            match &p.entry.kind {
                EntryKind::Person(id) => {
                    return Some(mention(self.person(*id, memory), MentionKind::Named));
                }
                EntryKind::Surname { people: ids, alone } => {
                    let surname = p.span.of(self.text);
                    if self.inside_other_name(p.span) {
                        continue;
                    }
                    if let Some((_, a)) = memory.person_by_surname(surname) {
                        let a = Actor {
                            rule: format!("memory:surname {}", a.rule),
                            ..a.clone()
                        };
                        memory.note(&a, None);
                        return Some(mention(a, MentionKind::Resolved));
                    }
                    // A surname seen first names its one bearer if it may stand alone ("Putin")
                    // or has a title beside it ("President Moon"); "May" or "Mohammed" alone do not.
                    let titled = chunk
                        .iter()
                        .any(|q| matches!(q.entry.kind, EntryKind::Agent(_)));
                    let bearer = match ids.as_slice() {
                        [id] => Some(*id),
                        _ if titled => self.bearer_by_date(ids),
                        _ => None,
                    };
                    if let (Some(id), true) = (bearer, *alone || titled) {
                        return Some(mention(self.person(id, memory), MentionKind::Named));
                    }
                }
                _ => {}
            }
        }
        let role = chunk.iter().rev().find_map(|p| match &p.entry.kind {
            EntryKind::Agent(r) => Some((r.as_str(), p.entry.rule.as_str())),
            _ => None,
        });
        if let Some(p) = chunk
            .iter()
            .find(|p| matches!(p.entry.kind, EntryKind::Organization(_)))
        {
            let EntryKind::Organization(code) = &p.entry.kind else {
                unreachable!()
            };
            let a = Actor {
                code: code.clone(),
                name: words,
                rule: p.entry.rule.clone(),
            };
            memory.note(&a, None);
            return Some(mention(a, MentionKind::Named));
        }
        let before = self.word_before(span.start);
        let before = before.as_deref().unwrap_or("");
        let locative = LOCATIVE.contains(&before);
        let directional = DIRECTIONAL.contains(&before);
        let country = chunk
            .iter()
            .find(|p| is_countryish(&p.entry.kind) || matches!(p.entry.kind, EntryKind::City(_)));
        if let Some(c) = country {
            let (code, place, kind) = match &c.entry.kind {
                EntryKind::Country(code) => (code, locative && role.is_none(), MentionKind::Named),
                EntryKind::Capital(code) => (
                    code,
                    (locative || directional) && role.is_none(),
                    MentionKind::Named,
                ),
                EntryKind::City(code) => (code, role.is_none(), MentionKind::Named),
                EntryKind::Adjective(code) => {
                    let kind = if role.is_some() {
                        MentionKind::Named
                    } else {
                        MentionKind::Adjective
                    };
                    (code, false, kind)
                }
                _ => unreachable!("countryish"),
            };
            if place {
                return Some(Mention {
                    span,
                    actors: vec![Actor {
                        code: code.clone(),
                        name: words,
                        rule: c.entry.rule.clone(),
                    }],
                    kind: MentionKind::Place,
                    possessive,
                });
            }
            let code = match (role, &c.entry.kind) {
                (Some((r, _)), _) => code.with_role(r),
                (None, EntryKind::Capital(_)) => code.with_role("GOV"),
                _ => code.clone(),
            };
            let rule = match role {
                Some((_, agent_rule)) => format!("{} + {}", c.entry.rule, agent_rule),
                None => c.entry.rule.clone(),
            };
            let a = Actor {
                code,
                name: words,
                rule,
            };
            memory.note(&a, None);
            return Some(mention(a, kind));
        }
        // An agent alone, definite ("the foreign minister"), is the last actor in that role, if any.
        let (role, agent_rule) = role?;
        if before != "the" {
            return None;
        }
        let prior = memory.last_with_role(role)?.clone();
        let a = Actor {
            rule: format!("memory:role {agent_rule} -> {}", prior.rule),
            ..prior
        };
        Some(mention(a, MentionKind::Resolved))
    }

    /// Add mentions that only the document can resolve: "the two sides", "both heads of state",
    /// "their" before a noun, and a pronoun that opens the sentence.
    fn references(&self, memory: &Memory) -> Vec<Mention> {
        let mut out = Vec::new();
        // Only short words refer ("the two", "both", "their", "he"): compare in place, fold none.
        let words: Vec<(usize, &str)> = self
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
            .map(|(i, t)| (i, t.span.of(self.text)))
            .collect();
        let mut buf = [0u8; 5];
        for (k, (i, word)) in words.iter().enumerate() {
            if word.len() > buf.len() || !word.is_ascii() {
                continue;
            }
            for (b, c) in buf.iter_mut().zip(word.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let w = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
            let start = self.tokens[*i].span.start;
            let found: Option<(Span, Vec<Actor>)> = match w {
                "two" | "both" => {
                    let the = w == "two" && k > 0 && words[k - 1].1.eq_ignore_ascii_case("the");
                    if w == "two" && !the {
                        continue;
                    }
                    let begin = if the {
                        self.tokens[words[k - 1].0].span.start
                    } else {
                        start
                    };
                    self.pair_phrase(&words[k + 1..]).and_then(|(n, role)| {
                        let end = self.tokens[words[k + n].0].span.end;
                        Some((Span::new(begin, end), self.pair(memory, role)?))
                    })
                }
                "their" => {
                    let next_is_word = words.get(k + 1).is_some_and(|(j, _)| *j == i + 1);
                    if !next_is_word {
                        continue;
                    }
                    self.pair(memory, None).map(|a| (self.tokens[*i].span, a))
                }
                "he" | "she" if *i == 0 => memory
                    .last_person()
                    .map(|a| (self.tokens[*i].span, vec![a.clone()])),
                "his" | "her" => {
                    let next_is_word = words.get(k + 1).is_some_and(|(j, _)| *j == i + 1);
                    if !next_is_word {
                        continue;
                    }
                    memory
                        .last_person()
                        .map(|a| (self.tokens[*i].span, vec![a.clone()]))
                }
                "they" if *i == 0 => self.pair(memory, None).map(|a| (self.tokens[*i].span, a)),
                "it" if *i == 0 => memory
                    .last_actor()
                    .map(|a| (self.tokens[*i].span, vec![a.clone()])),
                _ => None,
            };
            let Some((span, actors)) = found else {
                continue;
            };
            let possessive = matches!(w, "their" | "his" | "her")
                || self.text[span.end..].starts_with("'")
                || self.text[span.end..].starts_with('\u{2019}');
            let actors = actors
                .into_iter()
                .map(|a| Actor {
                    rule: format!(
                        "memory:{} {}",
                        span.of(self.text).to_ascii_lowercase(),
                        a.rule
                    ),
                    ..a
                })
                .collect();
            out.push(Mention {
                span,
                actors,
                kind: MentionKind::Resolved,
                possessive,
            });
        }
        out
    }

    /// If the words start with a pair noun, how many words it has and the role it implies.
    fn pair_phrase(&self, rest: &[(usize, &str)]) -> Option<(usize, Option<&'static str>)> {
        let mut best = None;
        for (noun, role) in PAIR_NOUNS {
            let parts: Vec<&str> = noun.split(' ').collect();
            if parts.len() <= rest.len()
                && parts
                    .iter()
                    .zip(rest)
                    .all(|(p, (_, w))| p.eq_ignore_ascii_case(w.trim_end_matches('\'')))
            {
                let n = parts.len();
                if best.is_none_or(|(m, _)| n > m) {
                    best = Some((n, *role));
                }
            }
        }
        best
    }

    /// The two parties: the last group named, else the document's main pair of countries.
    fn pair(&self, memory: &Memory, role: Option<&str>) -> Option<Vec<Actor>> {
        let base: Vec<Actor> = match memory.last_group() {
            Some(g) => g.clone(),
            None => {
                let [a, b] = memory.main_pair()?;
                [a, b]
                    .into_iter()
                    .map(|c| {
                        memory.actor_of(&c, None).cloned().unwrap_or_else(|| Actor {
                            code: c.parse().expect("country code"),
                            name: c.clone(),
                            rule: String::new(),
                        })
                    })
                    .collect()
            }
        };
        Some(
            base.into_iter()
                .map(|a| match role {
                    None => Actor {
                        code: a.code.country().parse().expect("country code"),
                        ..a
                    },
                    Some(r) => memory
                        .actor_of(a.code.country(), Some(r))
                        .cloned()
                        .unwrap_or_else(|| Actor {
                            code: a
                                .code
                                .country()
                                .parse::<ActorCode>()
                                .expect("country code")
                                .with_role(r),
                            ..a
                        }),
                })
                .collect(),
        )
    }
}

/// Join "A and B", "A, B and C" into one mention of several actors; "Hungarian and Romanian
/// officials" gives the role to both.
fn coordinate(text: &str, mentions: Vec<Mention>, memory: &mut Memory) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last_mut() {
            let between = text[prev.span.end..m.span.start]
                .trim()
                .to_ascii_lowercase();
            let both_actors = prev.is_actor() && m.is_actor();
            // "…with Bulgaria, Macedonian officials said": a comma before the teller ends the list.
            let teller = between == "," && dyad_text::clauses::attribution_after(text, m.span.end);
            if both_actors
                && !prev.possessive
                && !teller
                && matches!(between.as_str(), "and" | "," | ", and" | "&")
            {
                // Bare adjectives take the role of the last conjunct ("Hungarian and Romanian officials").
                let role = m
                    .actors
                    .last()
                    .and_then(|a| a.code.role())
                    .map(str::to_string);
                if let Some(r) = role.filter(|_| m.kind == MentionKind::Named) {
                    for a in prev
                        .actors
                        .iter_mut()
                        .filter(|_| prev.kind == MentionKind::Adjective)
                    {
                        a.code = a.code.with_role(&r);
                    }
                    if prev.kind == MentionKind::Adjective {
                        prev.kind = MentionKind::Named;
                    }
                }
                prev.span = prev.span.cover(m.span);
                prev.actors.extend(m.actors);
                prev.possessive = m.possessive;
                if m.kind != MentionKind::Adjective && prev.kind == MentionKind::Adjective {
                    prev.kind = MentionKind::Named;
                }
                memory.note_group(&prev.actors);
                continue;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn run(texts: &[&str]) -> Vec<Vec<(String, Vec<String>, MentionKind)>> {
        let dict = Dictionaries::embedded().unwrap();
        let mut memory = Memory::default();
        let date = NaiveDate::from_ymd_opt(2026, 1, 6);
        texts
            .iter()
            .map(|t| {
                let tokens = dyad_text::tokens(t, Span::new(0, t.len()));
                let matches = dict.actors.find(t);
                recognize(&dict, t, &tokens, &matches, date, &mut memory)
                    .into_iter()
                    .map(|m| {
                        (
                            m.span.of(t).to_string(),
                            m.actors.iter().map(|a| a.code.to_string()).collect(),
                            m.kind,
                        )
                    })
                    .collect()
            })
            .collect()
    }

    fn codes(texts: &[&str]) -> Vec<Vec<String>> {
        run(texts)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|(w, c, _)| format!("{w}={}", c.join("+")))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn composes_country_role_and_person() {
        assert_eq!(
            codes(&[
                "Chinese President Xi Jinping held talks with South Korean President Lee Jae Myung."
            ]),
            [[
                "Chinese President Xi Jinping=CHNGOV",
                "South Korean President Lee Jae Myung=KORGOV"
            ]]
        );
        assert_eq!(
            codes(&["A delegation of 200 leading South Korean business figures arrived."]),
            [["South Korean business figures=KORBUS"]]
        );
        assert_eq!(
            codes(&["South Korea's foreign minister spoke."]),
            [["South Korea's foreign minister=KORGOV"]]
        );
    }

    #[test]
    fn capitals_are_governments_unless_places() {
        assert_eq!(
            codes(&["Seoul said talks in Beijing went well."]),
            [["Seoul=KORGOV", "Beijing=CHN"]]
        );
        let r = run(&["Talks were held in Beijing."]);
        assert_eq!(r[0][0].2, MentionKind::Place);
    }

    #[test]
    fn memory_resolves_surnames_pairs_and_pronouns() {
        let r = codes(&[
            "Chinese President Xi Jinping met South Korean President Lee Jae Myung.",
            "China and South Korea are neighbours.",
            "Lee visited Shanghai. The two sides signed documents.",
            "Both heads of state recalled the war.",
        ]);
        assert_eq!(r[1], ["China and South Korea=CHN+KOR"]);
        assert_eq!(r[2][0], "Lee=KORGOV");
        assert!(
            r[2].contains(&"The two sides=CHN+KOR".to_string()),
            "{:?}",
            r[2]
        );
        assert_eq!(r[3], ["Both heads of state=CHNGOV+KORGOV"]);
    }

    #[test]
    fn coordinated_adjectives_share_the_role() {
        assert_eq!(
            codes(&["Senior Hungarian and Romanian officials agreed."]),
            [["Hungarian and Romanian officials=HUNGOV+ROUGOV"]]
        );
    }
}
