//! Modality from closed word classes: negation, futurity, hypotheticals, memories.

use dyad_text::{Token, TokenKind};
use dyad_types::{Modality, Span};

const NEGATION: &[&str] = &["not", "never", "neither", "nor", "cannot", "without", "n't"];
const FUTURE: &[&str] = &["will", "'ll", "shall"];
/// Verbs of plan and schedule that make what follows "to" a future act.
const FUTURE_TO: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expect",
    "expects",
    "expected",
    "set",
    "scheduled",
    "due",
    "going",
    "about",
    "aim",
    "aims",
    "aiming",
    "prepare",
    "prepares",
    "preparing",
    "is",
    "are",
];
const HYPOTHETICAL: &[&str] = &[
    "would", "could", "should", "might", "may", "must", "can", "if", "unless", "whether", "ought",
];
/// Words that frame what follows as a memory: "recalled that", "the anniversary of".
const MEMORY_FRAME: &[&str] = &[
    "recall",
    "recalled",
    "recalls",
    "recalling",
    "remember",
    "remembered",
    "remembers",
    "commemorate",
    "commemorated",
    "commemorating",
    "anniversary",
    "history",
    "formerly",
];
/// Words just before the trigger that make it a memory: "once fought".
const MEMORY_LOCAL: &[&str] = &["once"];
/// How far back (in words) a cue may stand from its trigger.
const REACH: usize = 6;

/// The modality of the event whose trigger is token `trigger`, and the words that set it.
/// `code` is the event code (CAMEO 03 intents are future by nature, so "will" does not make them
/// future), `published_year` dates "in 1950" as a memory.
pub fn modality(
    text: &str,
    tokens: &[Token],
    trigger: usize,
    code: &str,
    published_year: Option<i32>,
) -> (Modality, Option<Span>) {
    let intent = code.starts_with("03");
    let word = |t: &Token| -> String {
        match t.kind {
            TokenKind::Negation => "n't".to_string(),
            _ => t
                .span
                .of(text)
                .to_ascii_lowercase()
                .replace('\u{2019}', "'"),
        }
    };
    // Local cues, nearest first, within the clause.
    let mut seen = 0;
    let mut i = trigger;
    while i > 0 && seen < REACH {
        i -= 1;
        let t = &tokens[i];
        if matches!(t.kind, TokenKind::Punct(';' | ':' | ',' | '(' | ')')) {
            break;
        }
        if !(t.is_word() || t.kind == TokenKind::Negation) {
            continue;
        }
        seen += 1;
        let w = word(t);
        let next = tokens.get(i + 1).map(word).unwrap_or_default();
        if NEGATION.contains(&w.as_str()) && !(w == "not" && next == "only") {
            return (Modality::Negated, Some(t.span));
        }
        if w == "no" && seen == 1 {
            return (Modality::Negated, Some(t.span));
        }
        if (w.starts_with("fail") || w.starts_with("refus")) && next == "to" {
            return (Modality::Negated, Some(t.span));
        }
        if MEMORY_LOCAL.contains(&w.as_str()) {
            return (Modality::Historical, Some(t.span));
        }
        if HYPOTHETICAL.contains(&w.as_str()) {
            return (Modality::Hypothetical, Some(t.span));
        }
        if !intent
            && (FUTURE.contains(&w.as_str()) || (FUTURE_TO.contains(&w.as_str()) && next == "to"))
        {
            return (Modality::Future, Some(t.span));
        }
    }
    // Sentence-wide cues of memory: a framing verb before the trigger, a past war, an old year.
    for t in &tokens[..trigger] {
        if t.is_word() && MEMORY_FRAME.contains(&word(t).as_str()) {
            return (Modality::Historical, Some(t.span));
        }
    }
    for (k, t) in tokens.iter().enumerate() {
        if !t.is_word() {
            continue;
        }
        let w = word(t);
        let next = tokens
            .get(k + 1)
            .filter(|n| n.is_word())
            .map(word)
            .unwrap_or_default();
        let prev = k
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .filter(|p| p.is_word())
            .map(word)
            .unwrap_or_default();
        if (w == "world" || w == "cold") && next == "war" {
            return (Modality::Historical, Some(t.span));
        }
        if let (Some(year), Some(published)) = (year_of(&w), published_year) {
            let framed =
                matches!(prev.as_str(), "in" | "during" | "the") || next == "war" || next == "wars";
            if framed && year < published - 1 {
                return (Modality::Historical, Some(t.span));
            }
        }
    }
    (Modality::Asserted, None)
}

/// "1950" or "1950s" as a year.
fn year_of(w: &str) -> Option<i32> {
    let digits = w.strip_suffix('s').unwrap_or(w);
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = digits.parse().ok()?;
        (1000..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modality of the word `trigger` in `text`.
    fn of(text: &str, trigger: &str, code: &str) -> Modality {
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let i = tokens
            .iter()
            .position(|t| t.span.of(text) == trigger)
            .expect("trigger in text");
        modality(text, &tokens, i, code, Some(2026)).0
    }

    #[test]
    fn cues_before_the_trigger() {
        assert_eq!(
            of("China did not sign the deal", "sign", "057"),
            Modality::Negated
        );
        assert_eq!(
            of("China didn't sign the deal", "sign", "057"),
            Modality::Negated
        );
        assert_eq!(of("Xi will visit Seoul", "visit", "042"), Modality::Future);
        assert_eq!(
            of("Xi plans to visit Seoul", "visit", "042"),
            Modality::Future
        );
        assert_eq!(of("Xi is to visit Seoul", "visit", "042"), Modality::Future);
        assert_eq!(
            of("The two sides should work together", "work", "030"),
            Modality::Hypothetical
        );
        assert_eq!(
            of("If Iran attacks Israel", "attacks", "190"),
            Modality::Hypothetical
        );
        assert_eq!(
            of("They once fought side by side", "fought", "190"),
            Modality::Historical
        );
        assert_eq!(
            of("China visited Seoul", "visited", "042"),
            Modality::Asserted
        );
    }

    #[test]
    fn intent_codes_are_not_future() {
        assert_eq!(
            of("China will pledge to help", "pledge", "033"),
            Modality::Asserted
        );
    }

    #[test]
    fn memories_of_the_sentence() {
        assert_eq!(
            of("Both recalled that the two fought Japan", "fought", "190"),
            Modality::Historical
        );
        assert_eq!(
            of("During World War II, Japan invaded China", "invaded", "192"),
            Modality::Historical
        );
        assert_eq!(
            of("In 1950, the North attacked the South", "attacked", "190"),
            Modality::Historical
        );
        assert_eq!(
            of("In 2026, the North attacked the South", "attacked", "190"),
            Modality::Asserted
        );
        assert_eq!(
            of("Growth will not only benefit trade", "benefit", "061"),
            Modality::Future
        );
    }

    #[test]
    fn a_comma_ends_the_reach() {
        assert_eq!(
            of("If it rains, China will visit", "visit", "042"),
            Modality::Future
        );
        assert_eq!(
            of("Whatever happens, Xi visited Seoul", "visited", "042"),
            Modality::Asserted
        );
    }
}
