//! Events: verb patterns matched in a sentence, tied to a source before and a target after.
//!
//! Design: no parser and no model. The verb dictionary says which words make an event; closed
//! word classes (auxiliaries, negations, modal verbs, "by", "between") say how the actors around
//! them relate. For each match the source is the nearest actor before the trigger and the target
//! the first actor after it, with the usual exceptions of news English: passive voice ("was
//! attacked by X"), possessives ("Xi's visit to Seoul"), "talks between A and B", coordinated
//! actors ("China and South Korea signed…", which for reciprocal acts gives both directions), and
//! a visit's host named as a place ("visited a memorial in Shanghai"). Every event also gets its
//! modality from the words before the trigger, so a memory ("once fought") or a plan ("will visit")
//! is never coded as an asserted event.
//!
//! ```
//! use dyad_events::code_sentence;
//! use dyad_types::{CameoCode, Modality, Span};
//! let dict = dyad_dict::Dictionaries::embedded().unwrap();
//! let text = "Chinese President Xi Jinping will visit South Korea.";
//! let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
//! let matches = dict.actors.find(text);
//! let mut memory = dyad_actors::Memory::default();
//! let mentions = dyad_actors::recognize(&dict, text, &tokens, &matches, None, &mut memory);
//! let events = code_sentence(&dict, text, &tokens, &mentions, None);
//! // The visit itself is future; announcing it is, in CAMEO, an asserted intent to meet (036).
//! let visit = events.iter().find(|e| e.code.as_str() == "042").unwrap();
//! assert_eq!(visit.source.as_ref().unwrap().actor.code.as_str(), "CHNGOV");
//! assert_eq!(visit.target.as_ref().unwrap().actor.code.as_str(), "KOR");
//! assert_eq!(visit.modality, Modality::Future);
//! let intent = events.iter().find(|e| e.code.as_str() == "036").unwrap();
//! assert_eq!(intent.modality, Modality::Asserted);
//! ```

mod matcher;
mod modality;

pub use matcher::{VerbMatch, find_verbs};
pub use modality::{announced_act, demanded, history, modality};

use dyad_actors::{Actor, Mention, MentionKind};
use dyad_dict::{Dictionaries, PatternId};
use dyad_text::{Token, TokenKind};
use dyad_types::{CameoCode, Modality, Span};

/// One side of a coded event: the actor and the words that name it here.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// Whom.
    pub actor: Actor,
    /// The words of this sentence that name it.
    pub span: Span,
}

/// An event found in a sentence, before dates and codebook values are attached.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedEvent {
    /// Who acts.
    pub source: Option<Side>,
    /// Who is acted upon.
    pub target: Option<Side>,
    /// The event code: the pattern's, or what announcing it is (see `announced_as`).
    pub code: CameoCode,
    /// When the pattern's act was announced rather than done ("will withdraw"), CAMEO codes the
    /// announcement: an intent (03), a threat (13) or a refusal (12); when a speaker says another
    /// actor must do it ("said Sudan must return"), the speaker's demand (10). This is the
    /// modality of the act the announcement is of; the event itself is asserted.
    pub announced_as: Option<Modality>,
    /// The pattern that fired.
    pub pattern: PatternId,
    /// The words it matched.
    pub trigger: Span,
    /// Asserted, negated, future, hypothetical, historical.
    pub modality: Modality,
    /// The words that set the modality.
    pub modality_cue: Option<Span>,
    /// 0 to 1.
    pub confidence: f32,
    /// A place the sentence names near the trigger ("in Beijing"), if any.
    pub place: Option<Side>,
}

/// Roots and codes where "A and B did X" means each did it with the other.
fn reciprocal(code: &str) -> bool {
    matches!(&code[..2], "03" | "04" | "06" | "19")
        || code.starts_with("057")
        || code.starts_with("0871")
}

/// Codes whose target is a host country, which a place can name ("visited … in Shanghai").
fn hosted(code: &str) -> bool {
    matches!(code, "042" | "043" | "044")
}

/// Words after which a trigger names background, not the news: prepositions and relative pronouns.
const BACKGROUND: &[&str] = &[
    "for",
    "in",
    "of",
    "about",
    "over",
    "after",
    "following",
    "against",
    "despite",
    "during",
    "amid",
    "since",
    "which",
    "whose",
];

/// Definite determiners, which stand between a preposition and a noun naming an act already known
/// ("for the attacks", "after their meeting"); "in a firefight" may name the news itself.
const ARTICLES: &[&str] = &[
    "the", "its", "their", "his", "her", "our", "this", "that", "these", "those",
];

/// Prepositions whose object is not the subject of a verb.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "to", "from", "of", "with", "for", "on", "into", "against", "toward", "towards",
    "about", "over", "between", "among", "near", "across", "through", "under", "within", "without",
    "behind", "beyond", "via",
];

/// Irregular past participles that no ending gives away.
const PARTICIPLES: &[&str] = &[
    "held", "met", "hit", "shot", "struck", "led", "put", "set", "cut", "hurt", "won", "paid",
    "made", "said", "told", "sold", "found", "bound", "fought", "caught", "sought", "brought",
    "bought", "taught", "kept", "left", "sent", "seized", "freed", "fled",
];

/// Participles that, followed by "to", say the subject's own stance ("is opposed to").
const STATIVE: &[&str] = &["opposed", "committed", "dedicated"];

const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "got", "gets", "get",
];

fn lower(text: &str, t: &Token) -> String {
    t.span.of(text).to_ascii_lowercase()
}

/// Is the token this word, in any case?
fn is(text: &str, t: &Token, word: &str) -> bool {
    t.span.of(text).eq_ignore_ascii_case(word)
}

/// Code one sentence: its tokens and the mentions the actor stage found in it. `published_year`
/// lets "in 1950" mark a memory.
pub fn code_sentence(
    dict: &Dictionaries,
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    published_year: Option<i32>,
) -> Vec<CodedEvent> {
    let verbs = find_verbs(dict, text, tokens);
    // A pattern that ends in "to", or is followed by it ("stands ready to | work with",
    // "threatened | to | launch"), governs the act right after. Decided once per match.
    let governs: Vec<bool> = verbs
        .iter()
        .zip(verbs.iter().skip(1))
        .map(|(v, w)| {
            // The governed act may start a few words after "to", when its verb is not a pattern
            // of its own ("threatened to launch a new | military offensive").
            let to_at = if is(text, &tokens[v.last], "to") {
                Some(v.last)
            } else {
                (is(text, &tokens[v.last + 1], "to")).then_some(v.last + 1)
            };
            to_at.filter(|&t| w.first > t).is_some_and(|t| {
                let between = &tokens[t + 1..w.first];
                between.iter().filter(|t| t.is_word()).count() <= 3
                    && between.iter().all(|b| {
                        b.is_word()
                            && !["who", "which", "that", "and", "or", "but"]
                                .iter()
                                .any(|r| is(text, b, r))
                    })
            })
        })
        .chain(std::iter::once(false))
        .collect();
    // Past wars and old years make a memory of the act they are attached to.
    let acts: Vec<Span> = verbs
        .iter()
        .map(|v| Span::new(tokens[v.first].span.start, tokens[v.last].span.end))
        .collect();
    let memories = history(text, tokens, &acts, published_year);
    let mut out = Vec::new();
    // Triggers of generic intents, refusals and threats ("vowed to", "declined to") whose governed
    // act was coded as what announcing it is ("vowed to fight" → 1384): the specific code says it all.
    let mut superseded: Vec<Span> = Vec::new();
    let mut previous_source: Option<&Mention> = None;
    for (n, v) in verbs.iter().enumerate() {
        let pattern = dict.verbs.pattern(v.pattern);
        let code = pattern.code.as_str();
        let trigger = Span::new(tokens[v.first].span.start, tokens[v.last].span.end);
        // The target is looked for up to the next act; a governing pattern reaches past the act it governs.
        let next = if governs[n] { n + 2 } else { n + 1 };
        let next_trigger = verbs
            .get(next)
            .map(|w| tokens[w.first].span.start)
            .unwrap_or(usize::MAX);
        let governing = n.checked_sub(1).filter(|&p| governs[p]).map(|p| &verbs[p]);
        let governed_by = governing.map(|g| dict.verbs.pattern(g.pattern).code);
        // "Rebels kidnapped advisers and exploded bombs": a verb joined by "and" to the act before
        // it shares that act's subject.
        let joined = tokens[..v.first].last().is_some_and(|t| {
            t.is_word() && ["and", "but", "then"].contains(&lower(text, t).as_str())
        });
        let coordinated_subject = previous_source.filter(|_| joined && n > 0);
        let (mut sources, mut targets, mut confidence) =
            if let Some((by_agent, subject)) = passive(text, tokens, mentions, v) {
                (by_agent, subject, 0.85f32)
            } else {
                let source =
                    coordinated_subject.or_else(|| nearest_before(text, mentions, trigger.start));
                let target = first_after(
                    text,
                    tokens,
                    mentions,
                    tokens[v.first].span.end,
                    next_trigger,
                    source,
                );
                (source, target, 0.9)
            };
        // "talks between A and B".
        if let Some(group) = between_group(text, tokens, mentions, v) {
            sources = Some(group);
            targets = Some(group);
        }
        let source = sources.filter(|m| m.is_actor());
        previous_source = source;
        match source.map(|m| m.kind) {
            Some(MentionKind::Adjective) => confidence -= 0.2,
            Some(MentionKind::Resolved) => confidence -= 0.1,
            None => confidence -= 0.3,
            _ => {}
        }
        let place = places_near(mentions, trigger, next_trigger);
        // A visit's host: a place ("in Shanghai") names it when no foreign actor does.
        if let (true, Some(source)) = (hosted(code), source) {
            let foreign = |m: &&Mention| {
                m.actors.iter().any(|a| {
                    source
                        .actors
                        .iter()
                        .all(|s| s.code.country() != a.code.country())
                })
            };
            targets = targets.filter(foreign);
            if targets.is_none() {
                targets = place.filter(foreign);
            }
        }
        // With no actor to act on, a country named as a place is the target ("deployed troops in
        // Iraq", "opened an embassy in Tehran").
        if targets.is_none() && !hosted(code) {
            let elsewhere = |p: &&Mention| {
                p.span.start > trigger.end
                    && source.is_none_or(|s| {
                        s.actors
                            .iter()
                            .all(|a| a.code.country() != p.actors[0].code.country())
                    })
            };
            targets = place.filter(elsewhere);
            confidence -= 0.1;
        }
        if targets.is_none() {
            confidence -= 0.2;
        }
        if source.is_none() && targets.is_none() {
            continue;
        }
        // Without a source, an act needs its target in the same clause ("During the visit, the two
        // sides signed": the sides are the next clause's subject), and a plain statement (010) needs
        // a speaker ("constructive signals sent to both countries" is no statement by them).
        if source.is_none() {
            let across_comma = targets.is_some_and(|t| {
                t.span.start > trigger.end && text[trigger.end..t.span.start].contains(',')
            });
            if across_comma || pattern.code.as_str() == "010" {
                continue;
            }
        }
        // An act named inside a prepositional phrase or relative clause is background, not the
        // sentence's news ("claimed responsibility for attacks", "which is preparing an offensive").
        // A determiner between does not change that ("responsibility for the attacks").
        let before_trigger = tokens[..v.first]
            .iter()
            .rev()
            .filter(|t| t.is_word())
            .map(|t| lower(text, t))
            .find(|w| !ARTICLES.contains(&w.as_str()));
        if before_trigger
            .as_deref()
            .is_some_and(|w| BACKGROUND.contains(&w))
        {
            confidence -= 0.3;
        }
        // A participle clause after a comma tells what the main act led to ("was attacked by
        // militiamen, killing 50 people"): the main act is the news.
        let participle_clause = lower(text, &tokens[v.first]).ends_with("ing")
            && v.first > 0
            && matches!(tokens[v.first - 1].kind, TokenKind::Punct(','))
            && n > 0;
        if participle_clause {
            confidence -= 0.1;
        }
        let (mut modality, mut cue) = modality(text, tokens, v.first, code, memories[n]);
        // The governed act has not happened: it is intended, refused or threatened.
        if let (Some(g), Modality::Asserted) = (governed_by, modality) {
            modality = match g.root_number() {
                12 => Modality::Negated,
                13 => Modality::Hypothetical,
                _ => Modality::Future,
            };
            // A refusal's cue is its own verb ("declined to resign"), which makes the refused
            // act a rejection (12); otherwise the "to" before the act.
            cue = match (g.root_number(), governing) {
                (12, Some(w)) => Some(tokens[w.first].span),
                _ => Some(tokens[v.first - 1].span),
            };
        }
        // What announcing the act is, in CAMEO: an intent, a threat or a refusal.
        let cue_words = cue.map(|c| {
            let i = tokens.partition_point(|t| t.span.start < c.start);
            let before = i
                .checked_sub(1)
                .map(|b| lower(text, &tokens[b]))
                .unwrap_or_default();
            (lower(text, &tokens[i.min(tokens.len() - 1)]), before)
        });
        let announced = announced_act(
            pattern.code,
            modality,
            cue_words.as_ref().map(|(w, b)| (w.as_str(), b.as_str())),
        );
        // "Russia said Sudan must return the helicopter": an obligation the speaker lays on
        // another actor is, in CAMEO, the speaker's demand (10) for that act.
        let demand = match (modality, cue, source) {
            (Modality::Hypothetical, Some(c), Some(subject)) => {
                obligation(text, tokens, mentions, c, subject).map(|speaker| (speaker, subject))
            }
            _ => None,
        };
        let place = place.map(|p| Side {
            actor: p.actors[0].clone(),
            span: p.span,
        });
        if let Some((speaker, subject)) = demand {
            // The demand's own actors are both named: only the speaker's kind lowers it.
            let confidence = match speaker.kind {
                MentionKind::Adjective => 0.7,
                MentionKind::Resolved => 0.8,
                _ => 0.9,
            };
            for (s, t) in pairs(speaker, Some(subject), "100") {
                out.push(CodedEvent {
                    source: Some(Side {
                        actor: s.clone(),
                        span: speaker.span,
                    }),
                    target: t.map(|(a, span)| Side {
                        actor: a.clone(),
                        span,
                    }),
                    code: demanded(pattern.code),
                    announced_as: Some(modality),
                    pattern: v.pattern,
                    trigger,
                    modality: Modality::Asserted,
                    modality_cue: cue,
                    confidence,
                    place: place.clone(),
                });
            }
        }
        let sides: Vec<(Option<Side>, Option<Side>)> = match source {
            Some(src) => pairs(src, targets, code)
                .into_iter()
                .map(|(s, t)| {
                    (
                        Some(Side {
                            actor: s.clone(),
                            span: src.span,
                        }),
                        t.map(|(a, span)| Side {
                            actor: a.clone(),
                            span,
                        }),
                    )
                })
                .collect(),
            None => targets
                .iter()
                .flat_map(|t| {
                    t.actors.iter().map(|a| {
                        (
                            None,
                            Some(Side {
                                actor: a.clone(),
                                span: t.span,
                            }),
                        )
                    })
                })
                .collect(),
        };
        for (s, t) in sides {
            let event = CodedEvent {
                source: s,
                target: t,
                code: pattern.code,
                announced_as: None,
                pattern: v.pattern,
                trigger,
                modality,
                modality_cue: cue,
                confidence: confidence.clamp(0.05, 1.0),
                place: place.clone(),
            };
            // Announcing the act may be what its governing words already coded ("stand ready to
            // work with" → 030): those words are the better evidence.
            if let Some(code) = announced.filter(|&c| governed_by != Some(c)) {
                if let Some(g) = governing {
                    superseded.push(Span::new(
                        tokens[g.first].span.start,
                        tokens[g.last].span.end,
                    ));
                }
                out.push(CodedEvent {
                    code,
                    announced_as: Some(modality),
                    modality: Modality::Asserted,
                    confidence: (confidence - 0.05).clamp(0.05, 1.0),
                    ..event.clone()
                });
            }
            out.push(event);
        }
    }
    out.retain(|e| {
        let generic = matches!(e.code.as_str(), "030" | "120" | "130");
        !(generic && e.announced_as.is_none() && superseded.contains(&e.trigger))
    });
    // "The Red Cross said US forces must ensure security": a statement that lays an obligation on
    // its target is, in CAMEO, a demand (10), and "should" an appeal (02), when no coded act after
    // it made a more specific one.
    for k in 0..out.len() {
        let e = &out[k];
        if e.code.as_str() != "010" || e.modality != Modality::Asserted {
            continue;
        }
        let Some(t) = &e.target else { continue };
        let spoken = SPEECH
            .iter()
            .any(|w| e.trigger.of(text).eq_ignore_ascii_case(w));
        let at = tokens.partition_point(|x| x.span.start < t.span.end);
        let word = |j: usize| tokens.get(j).map(|x| lower(text, x)).unwrap_or_default();
        let code = match (word(at).as_str(), word(at + 1).as_str()) {
            ("must", _) | ("has" | "have" | "needs" | "need", "to") => "100",
            ("should" | "ought", _) => "020",
            _ => continue,
        };
        let code: CameoCode = code.parse().expect("a CAMEO code");
        let said_more = out.iter().any(|o| {
            o.code.root_number() == code.root_number()
                && o.source.as_ref().map(|s| &s.actor) == e.source.as_ref().map(|s| &s.actor)
                && o.target.as_ref().map(|s| &s.actor) == Some(&t.actor)
        });
        if spoken && !said_more {
            out[k].code = code;
            out[k].announced_as = Some(Modality::Hypothetical);
            out[k].modality_cue = Some(tokens[at].span);
        }
    }
    // A statement that reports another act ("X said Y attacked Z") is less news than the act.
    if out.iter().any(|e| e.code.root_number() != 1) {
        for e in out.iter_mut().filter(|e| e.code.as_str() == "010") {
            e.confidence = (e.confidence - 0.25).max(0.05);
        }
    }
    out
}

/// Verbs of speech that report an obligation laid on another ("said Sudan must").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "stated",
    "declared",
    "insisted",
    "insists",
    "added",
    "told",
    "tells",
    "warned",
    "warns",
    "argued",
    "stressed",
    "reiterated",
];

/// Is the modal `cue` a "must" that a speaker lays on another actor, the act's `subject`, in
/// reported speech ("Russia said on Tuesday that Sudan must return…")? The speech verb stands
/// before the subject in the same clause; the speaker is the nearest actor before that verb and
/// is not the subject itself ("Russia said it must act" is no demand). Returns the speaker.
fn obligation<'m>(
    text: &str,
    tokens: &[Token],
    mentions: &'m [Mention],
    cue: Span,
    subject: &Mention,
) -> Option<&'m Mention> {
    let at = tokens.partition_point(|t| t.span.start < cue.start);
    if !tokens.get(at).is_some_and(|t| is(text, t, "must")) {
        return None;
    }
    let verb = tokens[..at]
        .iter()
        .rev()
        .take_while(|t| !matches!(t.kind, TokenKind::Punct(';' | ':' | '(' | ')' | ',')))
        .filter(|t| t.is_word())
        .take(10)
        .find(|t| SPEECH.iter().any(|w| is(text, t, w)))?;
    if subject.span.start < verb.span.end {
        return None;
    }
    let speaker = nearest_before(text, mentions, verb.span.start)?;
    let same = speaker.actors.iter().all(|a| {
        subject
            .actors
            .iter()
            .any(|b| a.code.country() == b.code.country())
    });
    (!same).then_some(speaker)
}

/// Source–target pairs of a match: every source with every target; for reciprocal acts of a
/// group with no target, each member with each other.
fn pairs<'m>(
    source: &'m Mention,
    target: Option<&'m Mention>,
    code: &str,
) -> Vec<(&'m Actor, Option<(&'m Actor, Span)>)> {
    let mut out = Vec::new();
    match target {
        Some(t) if !std::ptr::eq(t, source) => {
            let groups = source.actors.len() > 1 || t.actors.len() > 1;
            for s in &source.actors {
                for a in &t.actors {
                    let same_country = a.code.country() == s.code.country();
                    let distinct = a.code != s.code
                        && !(same_country
                            && (groups || a.code.role().is_none() || s.code.role().is_none()));
                    if distinct {
                        out.push((s, Some((a, t.span))));
                    }
                }
            }
        }
        _ if source.actors.len() >= 2 && (reciprocal(code) || target.is_some()) => {
            for s in &source.actors {
                for a in &source.actors {
                    if a.code.country() != s.code.country() {
                        out.push((s, Some((a, source.span))));
                    }
                }
            }
        }
        _ => {}
    }
    // No target left (none named, or only the source's own country): the act without a target.
    if out.is_empty() {
        out.extend(source.actors.iter().map(|s| (s, None)));
    }
    out
}

/// The nearest actor mention that ends before `at`; a bare adjective only when nothing better is
/// in the sentence. When that mention sits in an apposition or relative clause set off by commas
/// ("Pakistan, a key U.S. ally, has refused"; "Lee, who met Xi, visited"), the subject before the
/// first comma is the source.
fn nearest_before<'m>(text: &str, mentions: &'m [Mention], at: usize) -> Option<&'m Mention> {
    let before = || {
        mentions
            .iter()
            .rev()
            .filter(|m| m.span.end <= at && m.is_actor())
    };
    // A subject is not the object of a preposition ("sent troops to Bosnia to investigate"),
    // unless it is a possessive ("during Xi's visit") or a relative clause follows ("Lee, who…").
    let subject_like = |m: &&Mention| {
        let prep = text[..m.span.start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| PREPOSITIONS.contains(&w.to_ascii_lowercase().as_str()));
        let relative = text[m.span.end..at]
            .trim_start_matches([',', ' '])
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "who" | "which" | "that" | "whose"));
        !prep || m.possessive || relative
    };
    let m = before()
        .find(|m| m.kind != MentionKind::Adjective && subject_like(m))
        .or_else(|| before().find(|m| m.kind != MentionKind::Adjective))
        .or_else(|| before().next())?;
    let closes = text[m.span.end..at].contains(',');
    let opens = text[..m.span.start].rfind(',');
    if let (true, Some(c1)) = (closes, opens) {
        let subject = mentions
            .iter()
            .rev()
            .find(|p| p.span.end <= c1 && p.is_actor() && text[p.span.end..c1].trim().is_empty());
        if let Some(p) = subject {
            return Some(p);
        }
    }
    Some(m)
}

/// The first actor mention after byte `from` and before the next trigger, skipping one that is
/// the source again or only its country ("Xi said China…": the target is whom China acts on).
fn first_after<'m>(
    text: &str,
    tokens: &[Token],
    mentions: &'m [Mention],
    from: usize,
    limit: usize,
    source: Option<&Mention>,
) -> Option<&'m Mention> {
    let same = |m: &Mention| {
        source.is_some_and(|s| {
            m.actors.iter().all(|a| {
                s.actors.iter().any(|b| {
                    a.code == b.code
                        || (a.code.country() == b.code.country() && a.code.role().is_none())
                })
            })
        })
    };
    let clause_end = tokens
        .iter()
        .find(|t| t.span.start >= from && matches!(t.kind, TokenKind::Punct(';' | ':')))
        .map(|t| t.span.start)
        .unwrap_or(usize::MAX);
    mentions
        .iter()
        .filter(|m| m.span.start >= from && m.span.start < limit.min(clause_end) && m.is_actor())
        .find(|m| !same(m) && !reporter(text, m))
}

/// Is the mention the teller of the sentence, not part of its news: set off by a comma and followed
/// by a verb of attribution ("…, killing 156 people, the UN refugee agency reported"), or named
/// after "according to"? A teller is no one's target.
fn reporter(text: &str, m: &Mention) -> bool {
    let mut from = m.span.start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..m.span.start];
    let before: Vec<&str> = window.split_whitespace().rev().take(4).collect();
    if before.len() >= 2
        && before[0].eq_ignore_ascii_case("to")
        && before[1].eq_ignore_ascii_case("according")
    {
        return true;
    }
    // The comma stands just before the mention or its determiner and title words.
    let comma = window
        .trim_end()
        .rsplit_once(',')
        .is_some_and(|(_, between)| between.split_whitespace().count() <= 3);
    comma && dyad_text::clauses::attribution_after(text, m.span.end)
}

/// Places near the trigger: the first after it (before the next trigger), else the last before it.
fn places_near(mentions: &[Mention], trigger: Span, limit: usize) -> Option<&Mention> {
    let places = || mentions.iter().filter(|m| m.kind == MentionKind::Place);
    places()
        .find(|m| m.span.start >= trigger.end && m.span.start < limit)
        .or_else(|| places().rev().find(|m| m.span.end <= trigger.start))
}

/// Passive voice: "X was welcomed by Y" → source Y (if named), target X. Returns (source, target).
fn passive<'m>(
    text: &str,
    tokens: &[Token],
    mentions: &'m [Mention],
    v: &VerbMatch,
) -> Option<(Option<&'m Mention>, Option<&'m Mention>)> {
    let trigger = lower(text, &tokens[v.first]);
    if trigger.ends_with("ing") {
        return None;
    }
    // "by" follows the match, or stands inside its gap ("was attacked by militiamen with
    // machetes" matches "attack * with * machete").
    let by = tokens[v.first + 1..(v.last + 5).min(tokens.len())]
        .iter()
        .find(|t| is(text, t, "by"))
        .map(|t| t.span.end);
    // "was on a visit" is not passive: the trigger must look like a participle, or "by" follow.
    let participle = ["ed", "en", "wn", "ne", "ht", "lt", "nt"]
        .iter()
        .any(|x| trigger.ends_with(x))
        || PARTICIPLES.contains(&trigger.as_str());
    if !participle && by.is_none() {
        return None;
    }
    // "Israel is opposed to the plan" states Israel's stance: an adjective, not a passive.
    let next_is_to = tokens.get(v.first + 1).is_some_and(|t| is(text, t, "to"));
    if next_is_to && by.is_none() && STATIVE.contains(&trigger.as_str()) {
        return None;
    }
    // "was attacked", "were reportedly attacked", "has been attacked".
    let words_before = tokens[..v.first]
        .iter()
        .rev()
        .filter(|t| t.is_word())
        .take(2);
    let be = words_before
        .map(|t| lower(text, t))
        .position(|w| BE.contains(&w.as_str()))?;
    let be_at = tokens[..v.first]
        .iter()
        .rev()
        .filter(|t| t.is_word())
        .nth(be)?
        .span
        .start;
    let agent = by.and_then(|b| {
        mentions.iter().find(|m| {
            m.span.start >= b
                && m.is_actor()
                && text[b..m.span.start].split_whitespace().count() <= 1
        })
    });
    let subject = nearest_before(text, mentions, be_at);
    Some((agent, subject))
}

/// "talks between A and B": a group right after "between" that follows the match.
fn between_group<'m>(
    text: &str,
    tokens: &[Token],
    mentions: &'m [Mention],
    v: &VerbMatch,
) -> Option<&'m Mention> {
    // "between" ends the pattern ("talks between") or follows it ("clashes between").
    let next = [v.last, v.last + 1]
        .into_iter()
        .filter_map(|i| tokens.get(i))
        .find(|t| is(text, t, "between"))?;
    mentions
        .iter()
        .find(|m| m.span.start >= next.span.end && m.actors.len() >= 2 && m.is_actor())
        .filter(|m| {
            text[next.span.end..m.span.start].trim().is_empty()
                || text[next.span.end..m.span.start].trim() == "the"
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Vec<CodedEvent> {
        let dict = Dictionaries::embedded().unwrap();
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let matches = dict.actors.find(text);
        let mut memory = dyad_actors::Memory::default();
        let mentions = dyad_actors::recognize(&dict, text, &tokens, &matches, None, &mut memory);
        code_sentence(&dict, text, &tokens, &mentions, None)
    }

    fn confidence(text: &str, root: &str) -> f32 {
        code(text)
            .iter()
            .find(|e| e.code.as_str().starts_with(root))
            .map(|e| e.confidence)
            .expect("event of the root")
    }

    #[test]
    fn an_act_after_a_preposition_and_a_definite_determiner_is_background() {
        let bare = confidence("Hamas claimed responsibility for attacks on Israel.", "19");
        let definite = confidence(
            "Hamas claimed responsibility for the attacks on Israel.",
            "19",
        );
        let main = confidence("Hamas launched attacks on Israel.", "19");
        assert_eq!(bare, definite);
        assert!(definite < main);
        // An indefinite noun may be the news itself.
        let news = confidence(
            "Russian troops fought Ukrainian troops in a firefight.",
            "19",
        );
        assert!(news > definite);
    }

    #[test]
    fn a_participle_clause_after_a_comma_ranks_below_the_main_act() {
        let text = "Somali villagers were attacked by Ethiopian soldiers with machetes, killing 12 people.";
        let attack = confidence(text, "18");
        let kill = confidence(text, "19");
        assert!(attack > kill, "{attack} {kill}");
    }

    #[test]
    fn a_reported_must_on_another_actor_is_a_demand() {
        let events = code("Greece said on Friday that Turkey must return the seized fishing boat.");
        let demand = events
            .iter()
            .find(|e| e.code.as_str() == "1053")
            .expect("demand");
        assert_eq!(demand.modality, Modality::Asserted);
        assert_eq!(demand.source.as_ref().unwrap().actor.code.as_str(), "GRC");
        assert_eq!(demand.target.as_ref().unwrap().actor.code.as_str(), "TUR");
        // Said of oneself, or not in reported speech, it is no demand.
        for text in [
            "Greece said it must return the seized fishing boat to Turkey.",
            "Turkey must return the seized fishing boat to Greece.",
        ] {
            assert!(
                code(text).iter().all(|e| e.code.root_number() != 10),
                "{text}"
            );
        }
    }
}
