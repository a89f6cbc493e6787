//! The shallow PETRARCH-style coder: actors and agents found by phrase, noun phrases and their
//! compounds by closed word classes, verbs by their forms, patterns matched around the verb in
//! file order — no parse tree. How a sentence is coded is written on [`Coder`].

use crate::Dictionaries;
use crate::actors::ActorEntry;
use crate::agents::AgentEntry;
use crate::discards::Discard;
use crate::source::Phrase;
use crate::verbs::{Elem, ElemKind, Pattern};
use chrono::NaiveDate;
use dyad_types::{
    ActorCode, ActorRef, CameoCode, DatePrecision, Document, Event, Evidence, Modality, Span,
};
use std::collections::HashMap;

/// How the coder behaves where PETRARCH has options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// An event needs both a source and a target (PETRARCH's `require_dyad`).
    pub require_dyad: bool,
    /// Comma clauses inside a sentence of `comma_min` to `comma_max` words are skipped
    /// ("Arnor's foreign minister, in remarks published on Monday, urged…"); 0: never.
    pub comma_min: usize,
    /// See `comma_min`. PETRARCH's default is 8 words of its parse tree; 9 words of running text
    /// is where the validation suite puts the boundary ("…, several years after Calenardhon
    /// crowds burned down its embassy, …" is skipped, "almost five years after…" is not).
    pub comma_max: usize,
    /// A final comma clause of `comma_end_min` to `comma_end_max` words is skipped ("…, a senior
    /// official said on Saturday."); 0: never.
    pub comma_end_min: usize,
    /// See `comma_end_min` (PETRARCH's default, 8).
    pub comma_end_max: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            require_dyad: true,
            comma_min: 2,
            comma_max: 9,
            comma_end_min: 2,
            comma_end_max: 8,
        }
    }
}

/// One coded event, codes as the dictionaries write them (`---GOV`, `174K` included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    /// Index of the sentence in the document, from 0.
    pub sentence: usize,
    /// The sentence's bytes in the document.
    pub sentence_span: Span,
    /// Source actor code (`---` for none when dyads are not required).
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Event code.
    pub code: String,
    /// Where the source is named.
    pub source_span: Option<Span>,
    /// Where the target is named.
    pub target_span: Option<Span>,
    /// The verb's words.
    pub trigger: Span,
    /// The verb pattern or verb that fired, as `file:line text`.
    pub rule: String,
    /// The actor entries that named the source and the target, as `file:line`.
    pub actor_rules: (String, String),
}

impl Coded {
    /// The event as dyad's record, when dyad can hold it: the code must be in `codebook`;
    /// actor codes that are not dyad actor codes (`---GOV`) are left out.
    pub fn to_event(&self, doc: &Document, codebook: &dyad_dict::Codebook) -> Option<Event> {
        let cameo: CameoCode = self.code.parse().ok()?;
        let info = codebook.get(cameo)?;
        let actor = |code: &str, span: Option<Span>, rule: &str| -> Option<ActorRef> {
            let code: ActorCode = code.parse().ok()?;
            let span = span?;
            Some(ActorRef::new(code, span.of(&doc.text), span, rule))
        };
        Some(Event {
            doc_id: doc.id.clone(),
            sentence: self.sentence,
            date: doc.published,
            date_precision: doc.published.map(|_| DatePrecision::Day),
            date_span: None,
            source: actor(&self.source, self.source_span, &self.actor_rules.0),
            target: actor(&self.target, self.target_span, &self.actor_rules.1),
            cameo,
            root: cameo.root(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            plover: info.plover,
            modality: Modality::Asserted,
            // A pattern is surer than a verb alone.
            confidence: if self.rule.contains(" - ") { 0.8 } else { 0.6 },
            place: None,
            evidence: Evidence {
                text: self.sentence_span.of(&doc.text).to_string(),
                sentence_span: self.sentence_span,
                trigger: self.trigger,
                rule: self.rule.clone(),
                modality_cue: None,
            },
        })
    }
}

/// Where a verb form is defined.
#[derive(Clone, Copy, Debug)]
struct FormRef {
    block: usize,
    verb: usize,
    form: usize,
}

/// PETRARCH dictionaries compiled for coding. `Sync`: code documents in parallel.
///
/// One sentence, step by step:
/// 1. words (dyad-text tokens, upper-cased; "anti-" keeps its hyphen); discard phrases stop the
///    sentence (or, with `+`, the story);
/// 2. comma clauses of 2 to [`Options::comma_max`] words inside the sentence, and a final one of
///    2 to [`Options::comma_end_max`] words ("…, a senior official said on Saturday."), are set
///    aside, as PETRARCH's comma options do — unless they are items of a list of actors;
/// 3. actor and agent phrases, longest first; a verb form preceded by a determiner and at most
///    three other words ("a brief private visit") is a noun;
/// 4. noun phrases: runs of words up to a preposition, conjunction, auxiliary, pronoun, verb,
///    article or punctuation; a phrase's code is its first actor's code on the sentence's date
///    (refined by a later name of the same country with a role: "Egyptian President Hosni
///    Mubarak") with its agents' codes added (`~GOV` after, `NGO~` before; a code already there is
///    not repeated; "former" makes the agent's role ELI), or `---` and the agents when it names no
///    actor; phrases joined by `,`, `and`,
///    `or`, `nor` are a compound, where an agent alone takes the country named before it ("Danish
///    media and government"); "AGENT of/in/from ACTOR" and "NOUN of ACTOR" take the actor;
/// 5. verbs in order (modal auxiliaries never are): the first verb whose code is not null (after
///    its patterns) takes the sentence; a later verb is coded only when "and" joins it to that one,
///    and it keeps its source; patterns are tried block by block in file order and the first that
///    matches wins (`_` joins next words, a blank allows any gap, `^` skips a noun phrase);
/// 6. source: the pattern's `$`, else the first noun phrase with a code in the verb's comma clause
///    before it ("was opposed by X": X); target: the pattern's `+`, else the first after it; with no
///    target, a compound source acts on itself ("Gondor and Osgiliath have renewed ties"). Every
///    source member acts on every target member with the first code, and back with the second
///    (`[032:033]`); an actor never acts on itself; without a source or a target there is no event
///    unless [`Options::require_dyad`] is off.
#[derive(Debug)]
pub struct Coder {
    dicts: Dictionaries,
    options: Options,
    /// First word → (phrase, entry), longest phrases first.
    actor_index: HashMap<String, Vec<(Phrase, usize)>>,
    agent_index: HashMap<String, Vec<(Phrase, usize)>>,
    /// Verb word → forms whose verb word it is.
    verb_index: HashMap<String, Vec<FormRef>>,
    /// First word of a discard phrase → discards.
    discard_index: HashMap<String, Vec<usize>>,
    verb_file: String,
}

const DETERMINERS: &[&str] = &[
    "A", "AN", "THE", "THIS", "THESE", "THOSE", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR",
    "'S", "ANY", "SOME", "EVERY", "EACH", "ANOTHER", "SUCH",
];

const BOUNDARIES: &[&str] = &[
    // prepositions
    "OF", "IN", "FROM", "AT", "WITH", "TO", "FOR", "ON", "BY", "INTO", "ONTO", "NEAR", "AGAINST",
    "BETWEEN", "ABOUT", "OVER", "AFTER", "BEFORE", "DURING", "SINCE", "UNTIL", "TOWARD", "TOWARDS",
    "UNDER", "THROUGH", "ACROSS", "WITHOUT", "WITHIN", "AMONG", "AMID", "AMONGST", "UPON", "ALONG",
    "AROUND", "BEYOND", "DESPITE", "VIA", "OUTSIDE", "INSIDE",
    // conjunctions, complementizers
    "AND", "OR", "NOR", "BUT", "THAT", "WHICH", "WHO", "WHOM", "WHOSE", "WHEN", "WHERE", "WHILE",
    "WHETHER", "IF", "BECAUSE", "AS", "THAN", "ALTHOUGH", "THOUGH",
    // auxiliaries, modals, negation
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE", "HAD", "WILL", "WOULD",
    "CAN", "CA", "COULD", "SHOULD", "MAY", "MIGHT", "MUST", "SHALL", "DO", "DOES", "DID", "WO",
    "N'T", "NOT", // pronouns
    "HE", "SHE", "IT", "THEY", "WE", "I", "YOU", "HIM", "THEM",
];

/// Modal auxiliaries: a parser never tags them as verbs, so neither does this coder (the
/// validation dictionary has a SHOULD block).
const MODALS: &[&str] = &[
    "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "CA", "COULD", "MAY", "MIGHT", "MUST", "WO",
];

/// Articles: they start a noun phrase.
const ARTICLES: &[&str] = &["A", "AN", "THE"];

const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM"];

/// A word of the sentence.
#[derive(Clone, Debug)]
struct Tok {
    word: String,
    span: Span,
    punct: Option<char>,
}

/// An actor or agent phrase found in the sentence.
#[derive(Clone, Copy, Debug)]
enum NameKind {
    Actor(usize),
    Agent(usize),
}

#[derive(Clone, Copy, Debug)]
struct NameMatch {
    start: usize,
    end: usize,
    kind: NameKind,
}

/// Part of a noun phrase group: an actor's codes (maybe none) and agents.
#[derive(Clone, Debug)]
struct Part {
    actor: Vec<(String, String)>,
    /// Agents, each with whether "former" comes before it in the phrase.
    agents: Vec<(usize, bool)>,
    start: usize,
    end: usize,
}

/// Noun phrases joined into one (a compound when it has several coded parts).
#[derive(Clone, Debug)]
struct Group {
    start: usize,
    end: usize,
    parts: Vec<Part>,
}

/// An actor acting or acted upon: its codes with the span and rule of each.
#[derive(Clone, Debug, Default)]
struct Side {
    members: Vec<(String, Span, String)>,
}

struct Sentence<'a> {
    toks: Vec<Tok>,
    names: Vec<NameMatch>,
    in_name: Vec<Option<usize>>,
    groups: Vec<Group>,
    /// The coded members of each group, computed once.
    sides: Vec<Side>,
    date: Option<NaiveDate>,
    coder: &'a Coder,
}

impl Coder {
    /// Compile `dicts` with the default [`Options`].
    pub fn new(dicts: &Dictionaries) -> Coder {
        Coder::with_options(dicts, Options::default())
    }

    /// Compile `dicts` with `options`.
    pub fn with_options(dicts: &Dictionaries, options: Options) -> Coder {
        let mut actor_index: HashMap<String, Vec<(Phrase, usize)>> = HashMap::new();
        for (i, a) in dicts.actors.iter().enumerate() {
            for (p, _) in &a.phrases {
                actor_index
                    .entry(p.words[0].clone())
                    .or_default()
                    .push((p.clone(), i));
            }
        }
        let mut agent_index: HashMap<String, Vec<(Phrase, usize)>> = HashMap::new();
        for (i, a) in dicts.agents.iter().enumerate() {
            for p in &a.phrases {
                agent_index
                    .entry(p.words[0].clone())
                    .or_default()
                    .push((p.clone(), i));
            }
        }
        for v in actor_index.values_mut().chain(agent_index.values_mut()) {
            v.sort_by_key(|(p, i)| (std::cmp::Reverse(p.words.len()), *i));
        }
        let mut verb_index: HashMap<String, Vec<FormRef>> = HashMap::new();
        for (b, blk) in dicts.verbs.blocks.iter().enumerate() {
            for (v, verb) in blk.verbs.iter().enumerate() {
                for (f, form) in verb.forms.iter().enumerate() {
                    let e = verb_index.entry(form.words[form.head].clone()).or_default();
                    e.push(FormRef {
                        block: b,
                        verb: v,
                        form: f,
                    });
                }
            }
        }
        let mut discard_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in dicts.discards.iter().enumerate() {
            discard_index.entry(d.words[0].clone()).or_default().push(i);
        }
        let verb_file = dicts
            .files
            .iter()
            .find(|f| f.1 == crate::FileKind::Verbs)
            .map(|f| f.0.clone())
            .unwrap_or_default();
        Coder {
            dicts: dicts.clone(),
            options,
            actor_index,
            agent_index,
            verb_index,
            discard_index,
            verb_file,
        }
    }

    /// The dictionaries it codes with.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Code a document, sentence by sentence; actor codes are those of its publication date.
    pub fn code(&self, doc: &Document) -> Vec<Coded> {
        let text = &doc.text;
        let sentences = dyad_text::sentences(text);
        let toks: Vec<Vec<Tok>> = sentences.iter().map(|s| words(text, *s)).collect();
        let found: Vec<Option<bool>> = toks.iter().map(|t| self.discarded(t)).collect();
        if found.contains(&Some(true)) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, (span, t)) in sentences.iter().zip(toks).enumerate() {
            if found[i].is_some() {
                continue;
            }
            let mut s = Sentence::new(self, t, doc.published);
            for mut e in s.code() {
                e.sentence = i;
                e.sentence_span = *span;
                if !out.iter().any(|o: &Coded| {
                    o.sentence == i
                        && (&o.source, &o.target, &o.code) == (&e.source, &e.target, &e.code)
                }) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// A discard phrase in the sentence: `Some(true)` when it discards the whole story.
    fn discarded(&self, toks: &[Tok]) -> Option<bool> {
        if self.discard_index.is_empty() {
            return None;
        }
        let w: Vec<String> = toks
            .iter()
            .filter(|t| t.punct.is_none())
            .map(|t| t.word.clone())
            .collect();
        let mut hit = None;
        for i in 0..w.len() {
            // The first word is whole, or a stem when it is the phrase's only word.
            let prefixes = w[i]
                .char_indices()
                .map(|(k, _)| &w[i][..k])
                .skip(1)
                .chain([w[i].as_str()]);
            for p in prefixes {
                for &d in self.discard_index.get(p).into_iter().flatten() {
                    let d: &Discard = &self.dicts.discards[d];
                    if d.matches_at(&w, i) {
                        hit = Some(hit.unwrap_or(false) | d.story);
                    }
                }
            }
        }
        hit
    }

    fn actor(&self, i: usize) -> &ActorEntry {
        &self.dicts.actors[i]
    }

    fn agent(&self, i: usize) -> &AgentEntry {
        &self.dicts.agents[i]
    }
}

/// The words of a sentence, upper-cased, with clitics and hyphens as dictionaries write them.
fn words(text: &str, span: Span) -> Vec<Tok> {
    let raw = dyad_text::tokens(text, span);
    let mut out: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let t = raw[k];
        let s = t.span.of(text);
        match t.kind {
            dyad_text::TokenKind::Punct(c) => {
                let glued_left = out
                    .last()
                    .is_some_and(|p: &Tok| p.span.end == t.span.start && p.punct.is_none());
                let glued_right = raw
                    .get(k + 1)
                    .is_some_and(|n| n.span.start == t.span.end && n.is_word());
                if c == '_' && glued_left && glued_right {
                    // "Dol_Amroth": two words.
                } else if c == '-' && glued_left && !glued_right {
                    // "anti- Gondor": the prefix keeps its hyphen.
                    if let Some(p) = out.last_mut() {
                        p.word.push('-');
                        p.span = Span::new(p.span.start, t.span.end);
                    }
                } else {
                    out.push(Tok {
                        word: s.to_string(),
                        span: t.span,
                        punct: Some(c),
                    });
                }
            }
            dyad_text::TokenKind::Possessive => out.push(Tok {
                word: "'S".into(),
                span: t.span,
                punct: None,
            }),
            dyad_text::TokenKind::Negation => out.push(Tok {
                word: "N'T".into(),
                span: t.span,
                punct: None,
            }),
            dyad_text::TokenKind::Word => out.push(Tok {
                word: s.to_uppercase(),
                span: t.span,
                punct: None,
            }),
        }
        k += 1;
    }
    out
}

fn is_det(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

fn is_boundary_word(w: &str) -> bool {
    BOUNDARIES.contains(&w)
}

/// The result of trying a verb.
enum VerbResult {
    /// Null code: the verb makes no event and does not take the sentence.
    Null,
    /// Coded: the events (maybe none, when an actor is missing) and the source used.
    Coded(Vec<Coded>, Option<Side>),
}

/// Slots a pattern bound.
#[derive(Clone, Debug, Default)]
struct Binding {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<(usize, bool)>, // group, in the upper part
}

impl Binding {
    /// Binds the noun phrase `g` to a source, target or compound element (`upper`: before the
    /// verb); a skip binds nothing.
    fn take(&mut self, kind: &ElemKind, g: usize, upper: bool) {
        match kind {
            ElemKind::Source => self.source = Some(g),
            ElemKind::Target => self.target = Some(g),
            ElemKind::Compound => self.compound = Some((g, upper)),
            _ => {}
        }
    }
}

impl<'a> Sentence<'a> {
    fn new(coder: &'a Coder, toks: Vec<Tok>, date: Option<NaiveDate>) -> Sentence<'a> {
        let mut s = Sentence {
            toks,
            names: Vec::new(),
            in_name: Vec::new(),
            groups: Vec::new(),
            sides: Vec::new(),
            date,
            coder,
        };
        s.find_names();
        s.drop_comma_clauses();
        s.find_names();
        s
    }

    fn n(&self) -> usize {
        self.toks.len()
    }

    fn word(&self, i: usize) -> &str {
        &self.toks[i].word
    }

    fn is_punct(&self, i: usize) -> bool {
        self.toks[i].punct.is_some()
    }

    /// Longest phrase of `index` starting at `i`: its end (exclusive) and entry.
    fn longest(
        &self,
        index: &HashMap<String, Vec<(Phrase, usize)>>,
        i: usize,
    ) -> Option<(usize, usize)> {
        let cands = index.get(self.word(i))?;
        let mut best: Option<(usize, usize)> = None;
        for (p, e) in cands {
            if let Some(end) = self.phrase_at(p, i)
                && best.is_none_or(|(b, _)| end > b)
            {
                best = Some((end, *e));
            }
        }
        best
    }

    /// Where phrase `p` ends when it starts at token `i`: `_` joins need the next word, a blank
    /// allows up to two words between (no punctuation).
    fn phrase_at(&self, p: &Phrase, i: usize) -> Option<usize> {
        if self.is_punct(i) || self.word(i) != p.words[0] {
            return None;
        }
        let mut pos = i + 1;
        for k in 1..p.words.len() {
            let max_gap = if p.gap[k] { 2 } else { 0 };
            let mut found = None;
            for g in 0..=max_gap {
                let j = pos + g;
                if j >= self.n() || self.is_punct(j) {
                    break;
                }
                if self.word(j) == p.words[k] {
                    found = Some(j);
                    break;
                }
            }
            pos = found? + 1;
        }
        Some(pos)
    }

    fn find_names(&mut self) {
        self.names.clear();
        self.in_name = vec![None; self.n()];
        let mut i = 0;
        while i < self.n() {
            let actor = self.longest(&self.coder.actor_index, i);
            let agent = self.longest(&self.coder.agent_index, i);
            let pick = match (actor, agent) {
                (Some(a), Some(g)) if g.0 > a.0 => Some((g.0, NameKind::Agent(g.1))),
                (Some(a), _) => Some((a.0, NameKind::Actor(a.1))),
                (None, Some(g)) => Some((g.0, NameKind::Agent(g.1))),
                (None, None) => None,
            };
            match pick {
                Some((end, kind)) => {
                    let m = self.names.len();
                    self.names.push(NameMatch {
                        start: i,
                        end,
                        kind,
                    });
                    for k in i..end {
                        self.in_name[k] = Some(m);
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    fn word_count(&self, a: usize, b: usize) -> usize {
        (a..b).filter(|&k| !self.is_punct(k)).count()
    }

    /// Set aside short comma clauses (PETRARCH's comma options), keeping items of actor lists
    /// ("Mordor, Rohan, Fornost and Bree"). A clause set aside inside the sentence leaves a mark
    /// that ends a noun phrase but not the clause, so "Arnor's foreign minister, in remarks
    /// published on Monday, urged" keeps its subject.
    fn drop_comma_clauses(&mut self) {
        let o = &self.coder.options;
        let commas: Vec<usize> = (0..self.n())
            .filter(|&k| self.toks[k].punct == Some(','))
            .collect();
        if commas.is_empty() {
            return;
        }
        // An item of a list of names: a name right before the comma, and one among the first
        // words after it (or a conjunction first), and no verb.
        let list_item = |s: &Sentence, a: usize, b: usize| {
            let after_name = a >= 2 && s.in_name[a - 2].is_some();
            let head: Vec<usize> = (a..b).filter(|&k| !s.is_punct(k)).take(4).collect();
            let starts = head
                .first()
                .is_some_and(|&k| matches!(s.word(k), "AND" | "OR" | "NOR"))
                || head.iter().any(|&k| s.in_name[k].is_some());
            let verbish = (a..b).any(|k| {
                s.in_name[k].is_none()
                    && s.coder.verb_index.contains_key(s.word(k))
                    && !s.noun_like(k)
            });
            after_name && starts && !verbish
        };
        let mut drop = vec![false; self.n()];
        for w in commas.windows(2) {
            let (a, b) = (w[0], w[1]);
            let n = self.word_count(a + 1, b);
            if o.comma_max > 0
                && (o.comma_min..=o.comma_max).contains(&n)
                && !list_item(self, a + 1, b)
            {
                for d in drop.iter_mut().take(b + 1).skip(a) {
                    *d = true;
                }
            }
        }
        let last = *commas.last().unwrap_or(&0);
        let mut end = self.n();
        while end > last + 1 && self.is_punct(end - 1) {
            end -= 1;
        }
        let n = self.word_count(last + 1, end);
        // The final clause goes only when a verb is left before it: "The Arnor government, in
        // remarks published on Monday, criticized Gondor." keeps its predicate.
        let verb_before = (0..last).any(|k| {
            !drop[k]
                && self.in_name[k].is_none()
                && !self.is_punct(k)
                && !MODALS.contains(&self.word(k))
                && self.coder.verb_index.contains_key(self.word(k))
                && !self.noun_like(k)
        });
        if o.comma_end_max > 0
            && verb_before
            && (o.comma_end_min.max(1)..=o.comma_end_max).contains(&n)
            && !list_item(self, last + 1, end)
        {
            for d in drop.iter_mut().take(end).skip(last) {
                *d = true;
            }
        }
        let toks = std::mem::take(&mut self.toks);
        let total = toks.len();
        let mut out: Vec<Tok> = Vec::with_capacity(total);
        let mut k = 0;
        let mut it = toks.into_iter();
        while k < total {
            let t = it.next().expect("a token");
            if !drop[k] {
                out.push(t);
                k += 1;
                continue;
            }
            let start = t.span.start;
            let mut stop = t.span.end;
            while k + 1 < total && drop[k + 1] {
                stop = it.next().expect("a token").span.end;
                k += 1;
            }
            k += 1;
            // Nothing after it but the final stop: no mark.
            if (k..end).any(|j| !drop[j]) {
                out.push(Tok {
                    word: "|".into(),
                    span: Span::new(start, stop),
                    punct: Some('|'),
                });
            }
        }
        self.toks = out;
    }

    /// A verb form that reads as a noun: a determiner, then at most three plain words, before it.
    fn noun_like(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..4 {
            if k == 0 {
                return false;
            }
            k -= 1;
            if self.is_punct(k) || self.in_name[k].is_some() {
                return false;
            }
            let w = self.word(k);
            // "Eriador's refusal" is a noun; in "Ithilen's militia vowed" the noun came first.
            if w == "'S" {
                return k + 1 == i;
            }
            if is_det(w) {
                return true;
            }
            if is_boundary_word(w) || self.coder.verb_index.contains_key(w) {
                return false;
            }
        }
        false
    }

    /// The verb forms found at token `i` (as the verb word): (first token, end, form).
    fn verbs_at(&self, i: usize) -> Vec<(usize, usize, FormRef)> {
        let Some(refs) = self.coder.verb_index.get(self.word(i)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in refs {
            let f = &self.coder.dicts.verbs.blocks[r.block].verbs[r.verb].forms[r.form];
            if f.head > i {
                continue;
            }
            let start = i - f.head;
            let end = start + f.words.len();
            if end > self.n() {
                continue;
            }
            if (start..end).all(|k| !self.is_punct(k) && self.word(k) == f.words[k - start]) {
                out.push((start, end, *r));
            }
        }
        // The longest form wins ("broken down" over "broken").
        let longest = out.iter().map(|o| o.1 - o.0).max().unwrap_or(0);
        out.retain(|o| o.1 - o.0 == longest);
        out
    }

    /// Noun phrases and their groups.
    fn build_groups(&mut self, verb_at: &[bool]) {
        let n = self.n();
        let boundary = |s: &Sentence, k: usize| {
            s.in_name[k].is_none() && (s.is_punct(k) || is_boundary_word(s.word(k)) || verb_at[k])
        };
        // Noun phrases.
        let mut parts: Vec<Part> = Vec::new();
        let mut i = 0;
        while i < n {
            if boundary(self, i) {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && !boundary(self, i) {
                // An article starts a noun phrase of its own: "the UN urged | the rebels" (when
                // the verb is not in the dictionary).
                if i > start && self.in_name[i].is_none() && ARTICLES.contains(&self.word(i)) {
                    break;
                }
                i = match self.in_name[i] {
                    Some(m) => self.names[m].end,
                    None => i + 1,
                };
            }
            parts.push(self.part(start, i));
        }
        // Groups: parts joined by `,`, `and`, `or`, `nor`.
        let mut groups: Vec<Group> = Vec::new();
        let mut bare_and = false;
        for p in parts {
            let joined = groups.last().is_some_and(|g| {
                let between: Vec<&str> = (g.end..p.start).map(|k| self.word(k)).collect();
                match between.as_slice() {
                    [","] => !bare_and,
                    ["AND"] | ["OR"] | ["NOR"] => {
                        bare_and = true;
                        true
                    }
                    [",", "AND"] | [",", "OR"] => !bare_and,
                    _ => false,
                }
            });
            if joined {
                let g = groups.last_mut().expect("a group");
                g.end = p.end;
                g.parts.push(p);
            } else {
                bare_and = false;
                groups.push(Group {
                    start: p.start,
                    end: p.end,
                    parts: vec![p],
                });
            }
        }
        // "AGENT of/in/from ACTOR", "NOUN of ACTOR".
        let mut merged: Vec<Group> = Vec::new();
        for g in groups {
            if let Some(prev) = merged.last_mut() {
                let between: Vec<&str> = (prev.end..g.start).map(|k| self.word(k)).collect();
                let prep = match between.as_slice() {
                    [w] => Some(*w),
                    _ => None,
                };
                let g_has_actor = g.parts.iter().any(|p| !p.actor.is_empty());
                let last = prev.parts.last().expect("a part");
                let all_agents = prev
                    .parts
                    .iter()
                    .all(|p| p.actor.is_empty() && !p.agents.is_empty());
                if g_has_actor && matches!(prep, Some("OF" | "IN" | "FROM")) && all_agents {
                    // "Lawmakers and officials in Fornost and Gondor".
                    let mut parts = Vec::new();
                    for a in &prev.parts {
                        for b in g.parts.iter().filter(|b| !b.actor.is_empty()) {
                            let mut agents = b.agents.clone();
                            agents.extend(&a.agents);
                            parts.push(Part {
                                actor: b.actor.clone(),
                                agents,
                                start: a.start,
                                end: b.end,
                            });
                        }
                    }
                    prev.parts = parts;
                    prev.end = g.end;
                    continue;
                }
                if g_has_actor && last.actor.is_empty() {
                    let linkable = match prep {
                        Some("OF") => true,
                        Some("IN" | "FROM") => !last.agents.is_empty(),
                        _ => false,
                    };
                    if linkable {
                        let last = prev.parts.pop().expect("a part");
                        let mut rest = g.parts.into_iter();
                        if let Some(first) = rest.next() {
                            let mut agents = first.agents.clone();
                            agents.extend(&last.agents);
                            prev.parts.push(Part {
                                actor: first.actor,
                                agents,
                                start: last.start,
                                end: first.end,
                            });
                        }
                        prev.parts.extend(rest);
                        prev.end = g.end;
                        continue;
                    }
                }
            }
            merged.push(g);
        }
        self.groups = merged;
        self.sides = (0..self.groups.len())
            .map(|g| self.compute_side(g))
            .collect();
    }

    /// One noun phrase: its first actor (codes on the sentence's date) and its agents.
    fn part(&self, start: usize, end: usize) -> Part {
        let mut actor = Vec::new();
        let mut agents = Vec::new();
        for m in self
            .names
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
        {
            match m.kind {
                NameKind::Actor(a) if actor.is_empty() => {
                    let e = self.coder.actor(a);
                    if let Some(rule) = e.codes_on(self.date) {
                        let r = format!("{}:{}", e.file, rule.line);
                        actor = rule.codes.iter().map(|c| (c.clone(), r.clone())).collect();
                    }
                }
                NameKind::Actor(a) => {
                    // "Egyptian President Hosni Mubarak": a later name of the same country with
                    // a role refines the first.
                    let e = self.coder.actor(a);
                    if let Some(rule) = e.codes_on(self.date)
                        && let [(first, _)] = actor.as_slice()
                        && let [code] = rule.codes.as_slice()
                        && code.len() > first.len()
                        && code.starts_with(first.as_str())
                    {
                        actor = vec![(code.clone(), format!("{}:{}", e.file, rule.line))];
                    }
                }
                // "former security officials": elites (ELI), as the Phoenix agents write
                // FORMER_PRESIDENT [~ELI].
                NameKind::Agent(g) => {
                    agents.push((g, (start..m.start).any(|k| self.word(k) == "FORMER")))
                }
            }
        }
        Part {
            actor,
            agents,
            start,
            end,
        }
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(
            self.toks[a].span.start,
            self.toks[b.max(a + 1) - 1].span.end,
        )
    }

    /// The coded members of a group.
    fn side(&self, g: usize) -> Side {
        self.sides[g].clone()
    }

    fn compute_side(&self, g: usize) -> Side {
        let mut members = Vec::new();
        let mut prev_actor: Option<&Vec<(String, String)>> = None;
        for p in &self.groups[g].parts {
            if p.actor.is_empty() && p.agents.is_empty() {
                continue;
            }
            // "Danish media and government": the agent takes the country named before it.
            let base: Vec<(String, String)> = match (p.actor.is_empty(), prev_actor) {
                (false, _) => p.actor.clone(),
                (true, Some(prev)) => prev.clone(),
                (true, None) => {
                    let a = self.coder.agent(p.agents[0].0);
                    vec![("---".to_string(), format!("{}:{}", a.file, a.line))]
                }
            };
            if !p.actor.is_empty() {
                prev_actor = Some(&p.actor);
            }
            for (code, rule) in base {
                let mut pre = String::new();
                let mut post = String::new();
                for &(ag, former) in &p.agents {
                    let a = self.coder.agent(ag);
                    let role = code.get(3..).unwrap_or("");
                    let add = if former && !a.prefix {
                        "ELI"
                    } else {
                        a.code.as_str()
                    };
                    if a.prefix {
                        if !code.starts_with(add) && !pre.contains(add) {
                            pre.push_str(add);
                        }
                    } else if !role.contains(add) && !post.contains(add) {
                        post.push_str(add);
                    }
                }
                let full = format!("{pre}{code}{post}");
                // The evidence starts at the first name, not at "the".
                let from = self
                    .names
                    .iter()
                    .find(|m| m.start >= p.start && m.end <= p.end)
                    .map_or(p.start, |m| m.start);
                if !members.iter().any(|m: &(String, Span, String)| m.0 == full) {
                    members.push((full, self.span(from, p.end), rule));
                }
            }
        }
        Side { members }
    }

    fn coded(&self, g: usize) -> bool {
        !self.sides[g].members.is_empty()
    }

    /// Code the sentence.
    fn code(&mut self) -> Vec<Coded> {
        let n = self.n();
        // Verb candidates.
        let mut cands: Vec<(usize, usize, Vec<FormRef>)> = Vec::new();
        let mut verb_at = vec![false; n];
        let mut i = 0;
        while i < n {
            if self.in_name[i].is_some() || self.is_punct(i) || MODALS.contains(&self.word(i)) {
                i += 1;
                continue;
            }
            let found = self.verbs_at(i);
            if let Some(&(start, end, _)) = found.first()
                && start >= cands.last().map_or(0, |c| c.1)
                && (start..end).all(|k| self.in_name[k].is_none())
                && !self.noun_like(start)
            {
                for v in verb_at.iter_mut().take(end).skip(start) {
                    *v = true;
                }
                cands.push((start, end, found.into_iter().map(|f| f.2).collect()));
                i = end;
                continue;
            }
            i += 1;
        }
        self.build_groups(&verb_at);
        let mut out = Vec::new();
        let mut claimed: Option<usize> = None; // end of the verb that took the sentence
        let mut last_source: Option<Side> = None;
        for (start, end, forms) in &cands {
            let inherited = match claimed {
                None => None,
                Some(prev_end) => {
                    if !self.coordinated(prev_end, *start) {
                        continue;
                    }
                    last_source.clone()
                }
            };
            match self.code_verb(*start, *end, forms, inherited) {
                VerbResult::Null => {}
                VerbResult::Coded(events, source) => {
                    claimed = Some(*end);
                    if source.is_some() {
                        last_source = source;
                    }
                    out.extend(events);
                }
            }
        }
        out
    }

    /// "…condemned X and promised Y": `and` (after the earlier verb) then only adverbs before the
    /// verb, no noun phrase of its own.
    fn coordinated(&self, prev_end: usize, start: usize) -> bool {
        let mut k = start;
        for _ in 0..4 {
            if k <= prev_end {
                return false;
            }
            k -= 1;
            let w = self.word(k);
            if matches!(w, "AND" | "BUT") {
                return true;
            }
            if self.in_name[k].is_some() || self.is_punct(k) || self.coded_group_at(k) {
                return false;
            }
        }
        false
    }

    fn coded_group_at(&self, k: usize) -> bool {
        self.groups
            .iter()
            .enumerate()
            .any(|(g, grp)| grp.start <= k && k < grp.end && self.coded(g))
    }

    fn code_verb(
        &self,
        start: usize,
        end: usize,
        forms: &[FormRef],
        inherited: Option<Side>,
    ) -> VerbResult {
        let dicts = &self.coder.dicts;
        // Patterns of every block the verb belongs to, in file order.
        let mut blocks: Vec<usize> = forms.iter().map(|f| f.block).collect();
        blocks.sort_unstable();
        blocks.dedup();
        let mut hit: Option<(&Pattern, Binding)> = None;
        'outer: for &b in &blocks {
            for p in &dicts.verbs.blocks[b].patterns {
                if let Some(bind) = self.match_pattern(p, start, end) {
                    hit = Some((p, bind));
                    break 'outer;
                }
            }
        }
        let last = forms.iter().max_by_key(|f| f.block).expect("a form");
        let verb = &dicts.verbs.blocks[last.block].verbs[last.verb];
        let (codes, bind, rule) = match hit {
            Some((p, bind)) => (
                p.codes.clone(),
                bind,
                format!("{}:{} - {}", self.coder.verb_file, p.line, p.text),
            ),
            None => {
                let codes = verb
                    .code
                    .clone()
                    .unwrap_or_else(|| dicts.verbs.blocks[last.block].code.clone());
                let form = &verb.forms[0];
                (
                    codes,
                    Binding::default(),
                    format!(
                        "{}:{} {}",
                        self.coder.verb_file,
                        verb.line,
                        form.words.join("_")
                    ),
                )
            }
        };
        if codes.is_null() {
            return VerbResult::Null;
        }
        let trigger = self.span(start, end);
        let mut events = Vec::new();
        // A compound acting on itself.
        if let Some((g, true)) = bind.compound {
            let side = self.side(g);
            for a in &side.members {
                for b in &side.members {
                    if a.0 != b.0 {
                        self.push(&mut events, a, b, codes.forward.as_deref(), trigger, &rule);
                    }
                }
            }
            return VerbResult::Coded(events, Some(side));
        }
        let subject = || self.first_before(start);
        let mut source = bind.source.map(|g| self.side(g));
        let mut target = bind.target.map(|g| self.side(g));
        if let Some((g, false)) = bind.compound {
            target = Some(self.side(g));
        }
        if source.is_none()
            && target.is_none()
            && let Some(agent) = self.passive_agent(start, end)
        {
            source = Some(self.side(agent));
            target = subject().map(|g| self.side(g));
        }
        if source.is_none() {
            source = inherited.or_else(|| subject().map(|g| self.side(g)));
        }
        if target.is_none() {
            let used: Vec<usize> = [bind.source].into_iter().flatten().collect();
            target = self.first_after(end, &used).map(|g| self.side(g));
        }
        // "Gondor and Osgiliath have renewed diplomatic ties": with no target, a compound source
        // acts on itself.
        if target.as_ref().is_none_or(|t| t.members.is_empty())
            && let Some(src) = source.as_ref().filter(|s| s.members.len() >= 2)
        {
            for a in &src.members {
                for b in &src.members {
                    if a.0 != b.0 {
                        self.push(&mut events, a, b, codes.forward.as_deref(), trigger, &rule);
                    }
                }
            }
            return VerbResult::Coded(events, source);
        }
        let none = ("---".to_string(), Span::default(), String::new());
        let src = source.clone().map(|s| s.members).unwrap_or_default();
        let tgt = target.map(|s| s.members).unwrap_or_default();
        let require = self.coder.options.require_dyad;
        let src_list: Vec<_> = if src.is_empty() && !require {
            vec![none.clone()]
        } else {
            src
        };
        let tgt_list: Vec<_> = if tgt.is_empty() && !require {
            vec![none.clone()]
        } else {
            tgt
        };
        for s in &src_list {
            for t in &tgt_list {
                if s.0 == t.0 && s.0 != "---" {
                    continue;
                }
                self.push(&mut events, s, t, codes.forward.as_deref(), trigger, &rule);
                self.push(&mut events, t, s, codes.reverse.as_deref(), trigger, &rule);
            }
        }
        VerbResult::Coded(events, source)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Coded>,
        s: &(String, Span, String),
        t: &(String, Span, String),
        code: Option<&str>,
        trigger: Span,
        rule: &str,
    ) {
        let Some(code) = code else { return };
        let span = |m: &(String, Span, String)| (!m.2.is_empty()).then_some(m.1);
        out.push(Coded {
            sentence: 0,
            sentence_span: Span::default(),
            source: s.0.clone(),
            target: t.0.clone(),
            code: code.to_string(),
            source_span: span(s),
            target_span: span(t),
            trigger,
            rule: rule.to_string(),
            actor_rules: (s.2.clone(), t.2.clone()),
        });
    }

    /// The first coded group of the verb's comma clause, before the verb.
    fn first_before(&self, start: usize) -> Option<usize> {
        let mut best = None;
        for (g, grp) in self.groups.iter().enumerate() {
            if grp.end > start {
                break;
            }
            if self.coded(g) && best.is_none() {
                best = Some(g);
            }
            // A comma between this group and the verb starts a new clause.
            let next_start = self.groups.get(g + 1).map_or(start, |n| n.start.min(start));
            if (grp.end..next_start).any(|k| self.toks[k].punct == Some(',')) {
                best = None;
            }
        }
        best
    }

    /// The first coded group after the verb that is not the source.
    fn first_after(&self, end: usize, used: &[usize]) -> Option<usize> {
        self.groups.iter().enumerate().find_map(|(g, grp)| {
            (grp.start >= end && !used.contains(&g) && self.coded(g)).then_some(g)
        })
    }

    /// "was opposed (fiercely) by X": X's group.
    fn passive_agent(&self, start: usize, end: usize) -> Option<usize> {
        let mut k = start;
        let mut be = false;
        for _ in 0..3 {
            if k == 0 {
                break;
            }
            k -= 1;
            if BE.contains(&self.word(k)) {
                be = true;
                break;
            }
            if self.is_punct(k) || self.in_name[k].is_some() {
                break;
            }
        }
        if !be {
            return None;
        }
        let by = (end..(end + 3).min(self.n())).find(|&k| self.word(k) == "BY")?;
        self.groups
            .iter()
            .enumerate()
            .find_map(|(g, grp)| (grp.start == by + 1 && self.coded(g)).then_some(g))
    }

    /// The group starting at `k`, or containing it.
    fn group_at(&self, k: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.start <= k && k < g.end)
    }

    fn match_pattern(&self, p: &Pattern, start: usize, end: usize) -> Option<Binding> {
        let mut bind = Binding::default();
        if self.match_upper(&p.upper, start, &mut bind) {
            let mut b2 = bind.clone();
            if self.match_lower(&p.lower, end, &mut b2) {
                return Some(b2);
            }
            // Try the lower side against every way the upper side matched: rare; one is enough.
        }
        None
    }

    /// Elements before the verb, nearest first; `pos` is the token right after the element
    /// matched last (the verb's first token at the start).
    fn match_upper(&self, elems: &[Elem], pos: usize, bind: &mut Binding) -> bool {
        let Some((e, rest)) = elems.split_first() else {
            return true;
        };
        // Candidate end positions (exclusive) for this element, nearest first.
        let ends: Vec<usize> = if e.next_to {
            vec![pos]
        } else {
            (1..=pos).rev().collect()
        };
        for end in ends {
            match &e.kind {
                ElemKind::Word(w) => {
                    if end >= 1 && self.word(end - 1) == w && self.match_upper(rest, end - 1, bind)
                    {
                        return true;
                    }
                }
                ElemKind::Synset(name) => {
                    for ph in self
                        .coder
                        .dicts
                        .verbs
                        .synsets
                        .get(name)
                        .into_iter()
                        .flatten()
                    {
                        let len = ph.words.len();
                        if end >= len
                            && (0..len).all(|k| self.word(end - len + k) == ph.words[k])
                            && self.match_upper(rest, end - len, bind)
                        {
                            return true;
                        }
                    }
                }
                ElemKind::Source | ElemKind::Target | ElemKind::Compound | ElemKind::Skip => {
                    let Some(g) = (end >= 1).then(|| self.group_at(end - 1)).flatten() else {
                        continue;
                    };
                    let grp = &self.groups[g];
                    if grp.end != end {
                        continue;
                    }
                    if !self.fits(&e.kind, g) {
                        continue;
                    }
                    let saved = bind.clone();
                    bind.take(&e.kind, g, true);
                    if self.match_upper(rest, grp.start, bind) {
                        return true;
                    }
                    *bind = saved;
                }
            }
        }
        false
    }

    /// Whether the noun phrase `g` can stand for a source, target, compound or skip element.
    fn fits(&self, kind: &ElemKind, g: usize) -> bool {
        match kind {
            ElemKind::Skip => true,
            ElemKind::Compound => self.sides[g].members.len() >= 2,
            _ => self.coded(g),
        }
    }

    /// Elements after the verb, in order; `pos` is the first token not yet matched.
    fn match_lower(&self, elems: &[Elem], pos: usize, bind: &mut Binding) -> bool {
        let Some((e, rest)) = elems.split_first() else {
            return true;
        };
        let starts: Vec<usize> = if e.next_to {
            vec![pos]
        } else {
            (pos..self.n()).collect()
        };
        for start in starts {
            if start >= self.n() {
                break;
            }
            match &e.kind {
                ElemKind::Word(w) => {
                    if self.word(start) == w && self.match_lower(rest, start + 1, bind) {
                        return true;
                    }
                }
                ElemKind::Synset(name) => {
                    for ph in self
                        .coder
                        .dicts
                        .verbs
                        .synsets
                        .get(name)
                        .into_iter()
                        .flatten()
                    {
                        let len = ph.words.len();
                        if start + len <= self.n()
                            && (0..len).all(|k| self.word(start + k) == ph.words[k])
                            && self.match_lower(rest, start + len, bind)
                        {
                            return true;
                        }
                    }
                }
                ElemKind::Source | ElemKind::Target | ElemKind::Compound | ElemKind::Skip => {
                    let Some(g) = self.group_at(start) else {
                        continue;
                    };
                    let grp = &self.groups[g];
                    // A skipped phrase may be entered mid-way ("their | populations").
                    if grp.start != start && !(matches!(e.kind, ElemKind::Skip) && start == pos) {
                        continue;
                    }
                    if !self.fits(&e.kind, g) {
                        continue;
                    }
                    let saved = bind.clone();
                    bind.take(&e.kind, g, false);
                    if self.match_lower(rest, grp.end, bind) {
                        return true;
                    }
                    *bind = saved;
                }
            }
        }
        false
    }
}
