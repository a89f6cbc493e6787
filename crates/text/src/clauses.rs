//! Which act of a sentence a modifier belongs to, without a parser.
//!
//! A sentence often names several acts ("Libya offered to hand over two suspects in the bombing
//! of a plane in 1988"), and a modifier such as a time expression dates only the act it is
//! attached to. Without a parse tree, attachment is approximated by distance in words, where a
//! clause boundary between the two (a comma, a semicolon, a relative pronoun, a subordinating
//! conjunction) counts as several words: "in 1988" is the bombing's, not the offer's.

use crate::{Token, TokenKind};
use dyad_types::Span;

/// What a clause boundary between a modifier and an act costs, in words.
const BOUNDARY: usize = 4;

/// Words that open a new clause.
const OPENERS: &[&str] = &[
    "that", "who", "whom", "which", "whose", "where", "while", "whereas", "although", "though",
    "because", "after", "before", "since", "until", "when", "and", "but", "as", "if", "unless",
];

/// Words that, after a comma, start a clause with a time of its own.
const NEW_FRAME: &[&str] = &[
    "and", "but", "while", "whereas", "although", "though", "yet",
];

/// Verbs that attribute a report to its teller ("…, the UN refugee agency reported").
const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "told",
    "added",
    "announced",
    "stated",
    "quoted",
    "confirmed",
    "noted",
    "wrote",
    "claimed",
];

/// Does a verb of attribution follow `end` within three words ("Macedonian officials said",
/// "Thai police here said")? The words before it then name the sentence's teller.
pub fn attribution_after(text: &str, end: usize) -> bool {
    text[end..]
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .take_while(|w| !w.is_empty())
        .any(|w| ATTRIBUTION.iter().any(|a| a.eq_ignore_ascii_case(w)))
}

fn is_boundary(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Punct(c) => matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–'),
        TokenKind::Word => {
            let w = t.span.of(text);
            OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w))
        }
        _ => false,
    }
}

/// The distance between two spans of one sentence: the words strictly between them, each clause
/// boundary counting as [`BOUNDARY`] words. Overlapping spans are at distance 0.
pub fn clause_distance(text: &str, tokens: &[Token], a: Span, b: Span) -> usize {
    let (lo, hi) = if a.end <= b.start {
        (a.end, b.start)
    } else if b.end <= a.start {
        (b.end, a.start)
    } else {
        return 0;
    };
    tokens
        .iter()
        .filter(|t| t.span.start >= lo && t.span.end <= hi)
        .map(|t| {
            if is_boundary(text, t) {
                BOUNDARY
            } else if t.is_word() {
                1
            } else {
                0
            }
        })
        .sum()
}

/// The act (of `acts`, spans of one sentence in order) that the words at `at` belong to: the
/// nearest by [`clause_distance`], the earlier on a tie. `None` when there is no act.
pub fn owner(text: &str, tokens: &[Token], acts: &[Span], at: Span) -> Option<usize> {
    acts.iter()
        .enumerate()
        .min_by_key(|(i, s)| (clause_distance(text, tokens, **s, at), *i))
        .map(|(i, _)| i)
}

/// Does the act at `later` take its time from the act at `earlier` when it has no time words of
/// its own? Yes, unless a new clause with a frame of its own starts between them (a semicolon, or
/// a comma followed by "and", "but", "while"…): "met Lee on Monday and signed a deal", "held
/// talks on Monday with Lee, who was on a visit" share a time; "invaded it in 1979, but now
/// demands" does not.
pub fn shares_time(text: &str, tokens: &[Token], earlier: Span, later: Span) -> bool {
    let between: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.span.start >= earlier.end && t.span.end <= later.start)
        .collect();
    !between.iter().enumerate().any(|(i, t)| match t.kind {
        TokenKind::Punct(';') => true,
        TokenKind::Punct(',') => between.get(i + 1).is_some_and(|n| {
            n.is_word()
                && NEW_FRAME
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(n.span.of(text)))
        }),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, word: &str) -> Span {
        let i = text.find(word).expect("word in text");
        Span::new(i, i + word.len())
    }

    fn owner_of(text: &str, acts: &[&str], at: &str) -> Option<String> {
        let tokens = crate::tokens(text, Span::new(0, text.len()));
        let spans: Vec<Span> = acts.iter().map(|a| span(text, a)).collect();
        owner(text, &tokens, &spans, span(text, at)).map(|i| acts[i].to_string())
    }

    #[test]
    fn a_modifier_belongs_to_the_nearest_act_in_its_clause() {
        let t = "Libya offered to hand over two suspects in the bombing of a plane in 1988.";
        assert_eq!(
            owner_of(t, &["offered", "hand over", "bombing"], "1988").as_deref(),
            Some("bombing")
        );
        let t = "The assembly demanded an apology that troops killed prisoners in 1942.";
        assert_eq!(
            owner_of(t, &["demanded", "killed"], "1942").as_deref(),
            Some("killed")
        );
        let t = "On Monday, the minister met envoys who had visited the region.";
        assert_eq!(
            owner_of(t, &["met", "visited"], "Monday").as_deref(),
            Some("met")
        );
        let t = "Ministers met their counterparts on Monday and signed a pact.";
        assert_eq!(
            owner_of(t, &["met", "signed"], "Monday").as_deref(),
            Some("met")
        );
        let t = "The minister said on Friday that rebels attacked a convoy.";
        assert_eq!(
            owner_of(t, &["said", "attacked"], "Friday").as_deref(),
            Some("said")
        );
    }

    #[test]
    fn a_new_clause_after_a_comma_has_its_own_time() {
        let text = "Troops invaded the country in 1979, but now the envoy demands talks.";
        let tokens = crate::tokens(text, Span::new(0, text.len()));
        assert!(!shares_time(
            text,
            &tokens,
            span(text, "invaded"),
            span(text, "demands")
        ));
        let text = "The envoy met the premier, who was on a visit to the capital.";
        let tokens = crate::tokens(text, Span::new(0, text.len()));
        assert!(shares_time(
            text,
            &tokens,
            span(text, "met"),
            span(text, "visit")
        ));
    }
}
