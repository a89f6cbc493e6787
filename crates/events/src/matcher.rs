//! Finding verb patterns in a sentence's tokens.

use dyad_dict::{Dictionaries, Element, PatternId, VerbDictionary, WordId};
use dyad_text::{Token, TokenKind, fold_into};

/// A pattern matched over tokens `first..=last` of the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbMatch {
    /// Which pattern.
    pub pattern: PatternId,
    /// Index of the trigger token.
    pub first: usize,
    /// Index of the last token the pattern matched.
    pub last: usize,
}

/// Punctuation that words may run across: hyphens and quotes ("cease-fire", a "historic" deal).
fn transparent(t: &Token) -> bool {
    matches!(
        t.kind,
        TokenKind::Punct(
            '-' | '"' | '\u{201c}' | '\u{201d}' | '\'' | '\u{2018}' | '\u{2019}' | '\u{2013}'
        )
    )
}

/// Every pattern that matches, then the best non-overlapping ones: more words first, then the more
/// specific code, then the earlier. Sorted by position.
pub fn find_verbs(dict: &Dictionaries, text: &str, tokens: &[Token]) -> Vec<VerbMatch> {
    let verbs = &dict.verbs;
    // The words each token can be, computed once.
    let mut buf = String::new();
    let ids: Vec<&[WordId]> = tokens
        .iter()
        .map(|t| {
            if t.kind == TokenKind::Word {
                fold_into(t.span.of(text), &mut buf);
                verbs.words_of(&buf)
            } else {
                &[]
            }
        })
        .collect();
    let mut found = Vec::new();
    for (i, here) in ids.iter().enumerate() {
        // A participle before a noun describes it ("the attacked village"), unless a pattern
        // names that very word ("an open-ended strike").
        let attributive = !here.is_empty() && attributive_participle(text, tokens, i);
        if attributive {
            fold_into(tokens[i].span.of(text), &mut buf);
        }
        let object_noun = !here.is_empty() && object_of_preposition(text, tokens, i);
        for w in here.iter() {
            if attributive && !verbs.is_written(&buf, *w) {
                continue;
            }
            for &p in verbs.starting_with(*w) {
                let elements = &verbs.pattern(p).elements[1..];
                if object_noun && elements.is_empty() {
                    continue;
                }
                if let Some(last) = match_rest(tokens, &ids, elements, i + 1, i) {
                    found.push(VerbMatch {
                        pattern: p,
                        first: i,
                        last,
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| {
        let (pa, pb) = (verbs.pattern(a.pattern), verbs.pattern(b.pattern));
        pb.words
            .cmp(&pa.words)
            .then(pb.code.specificity().cmp(&pa.code.specificity()))
            .then(a.first.cmp(&b.first))
            .then(a.pattern.cmp(&b.pattern))
    });
    let mut taken: Vec<VerbMatch> = Vec::new();
    for m in found {
        if !taken.iter().any(|t| m.first <= t.last && t.first <= m.last) {
            taken.push(m);
        }
    }
    taken.sort_by_key(|m| m.first);
    taken
}

/// Determiners and possessives before which a past participle is an adjective.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "its", "their", "his", "our", "your", "my",
];

/// Is token `i` a past participle used as an adjective after a determiner ("the besieged town",
/// "the occupied territories", "the disputed islands", "a banned party")? It names a state, not
/// an act of this sentence. Only regular "-ed" forms (not "-eed": "the need"), and only in lower
/// case, so that names ("the United Nations") are left to the actor dictionaries.
fn attributive_participle(text: &str, tokens: &[Token], i: usize) -> bool {
    let w = tokens[i].span.of(text);
    let participle = w.len() > 4
        && w.ends_with("ed")
        && !w.ends_with("eed")
        && w.starts_with(|c: char| c.is_ascii_lowercase());
    participle
        && i.checked_sub(1).is_some_and(|p| {
            tokens[p].kind == TokenKind::Possessive
                || (tokens[p].kind == TokenKind::Word
                    && DETERMINERS
                        .iter()
                        .any(|d| d.eq_ignore_ascii_case(tokens[p].span.of(text))))
        })
}

/// Demonstratives: after a preposition, what follows them is a noun, most often a place or thing
/// already named ("at this jail"). Possessives are left out: "on his visit" names an act.
const DEMONSTRATIVES: &[&str] = &["this", "that", "these", "those"];

/// Prepositions of place, source and circumstance whose determiner-led object is a noun.
const NOUN_PREPOSITIONS: &[&str] = &[
    "at", "in", "from", "into", "on", "near", "outside", "inside", "to", "with", "by",
];

/// Is token `i` a noun, the object of a preposition through a demonstrative ("rioted at this
/// jail", "died in that blast")? A one-word verb pattern there names a place or a thing, not an
/// act of this sentence; a longer pattern ("this attack on the embassy") is written as a noun
/// phrase and still matches.
fn object_of_preposition(text: &str, tokens: &[Token], i: usize) -> bool {
    let word = |j: usize, list: &[&str]| {
        tokens[j].kind == TokenKind::Word
            && list
                .iter()
                .any(|d| d.eq_ignore_ascii_case(tokens[j].span.of(text)))
    };
    i >= 2 && word(i - 1, DEMONSTRATIVES) && word(i - 2, NOUN_PREPOSITIONS)
}

/// Match `elements` from token `at`; returns the index of the last matched token.
fn match_rest(
    tokens: &[Token],
    ids: &[&[WordId]],
    elements: &[Element],
    at: usize,
    last: usize,
) -> Option<usize> {
    let Some((e, rest)) = elements.split_first() else {
        return Some(last);
    };
    let mut at = at;
    while at < tokens.len() && transparent(&tokens[at]) {
        at += 1;
    }
    match e {
        Element::Word(alts) => {
            let here = ids.get(at)?;
            if alts.iter().any(|a| here.contains(a)) {
                match_rest(tokens, ids, rest, at + 1, at)
            } else {
                None
            }
        }
        Element::Gap => {
            // Skip 0..=MAX_GAP words (not clause punctuation), shortest first.
            let mut k = at;
            let mut skipped = 0;
            loop {
                if let Some(end) = match_rest(tokens, ids, rest, k, last) {
                    return Some(end);
                }
                if skipped == VerbDictionary::MAX_GAP || k >= tokens.len() {
                    return None;
                }
                let t = &tokens[k];
                if matches!(t.kind, TokenKind::Punct(_)) && !transparent(t) {
                    return None;
                }
                k += 1;
                if !transparent(t) {
                    skipped += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noun_at(text: &str, word: &str) -> bool {
        let tokens = dyad_text::tokens(text, dyad_types::Span::new(0, text.len()));
        let i = tokens
            .iter()
            .position(|t| t.span.of(text) == word)
            .expect("word in text");
        object_of_preposition(text, &tokens, i)
    }

    #[test]
    fn a_word_after_a_preposition_and_a_demonstrative_is_a_noun() {
        assert!(noun_at("Inmates rioted at this jail in the north.", "jail"));
        assert!(noun_at("Two guards died in that attack.", "attack"));
        // Not after a preposition, or after an article or a possessive: left to the patterns.
        assert!(!noun_at("Officials went with Lee on his visit.", "visit"));
        assert!(!noun_at("Police will jail this man.", "man"));
        assert!(!noun_at("They will jail their leaders.", "jail"));
        assert!(!noun_at("Troops were caught in a firefight.", "firefight"));
    }
}
