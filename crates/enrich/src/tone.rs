//! Document tone on GDELT's scale, from the VADER sentiment lexicon.
//!
//! GDELT's tone is the share of positive words minus the share of negative words, each per 100
//! words of the document. dyad counts a word as positive or negative by its valence in VADER's
//! lexicon (Hutto and Gilbert, 2014; MIT licence; 7,500 words and emoticons rated by ten people
//! each, shipped inside the `vader_sentiment` crate), so "agreement", "friendship" and "support"
//! count as positive and "attack", "threat" and "crisis" as negative. Like GDELT's, it is a
//! bag-of-words measure: it does not see negation ("not friendly" counts "friendly").
//!
//! ```
//! let t = dyad_enrich::tone("The talks were friendly and constructive, a great success.");
//! assert!(t.tone > 0.0 && t.positive > t.negative);
//! let t = dyad_enrich::tone("The attack killed dozens and the crisis deepened.");
//! assert!(t.tone < 0.0);
//! ```

use dyad_types::Tone;
use unicase::UniCase;

/// The tone of a text.
pub fn tone(text: &str) -> Tone {
    let (mut words, mut positive, mut negative) = (0u32, 0u32, 0u32);
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphabetic))
    {
        words += 1;
        match vader_sentiment::LEXICON.get(&UniCase::new(word)) {
            Some(&v) if v > 0.0 => positive += 1,
            Some(&v) if v < 0.0 => negative += 1,
            _ => {}
        }
    }
    if words == 0 {
        return Tone::default();
    }
    let per100 = |n: u32| (n as f64 * 100.0 / words as f64) as f32;
    let round = |x: f32| (x * 1000.0).round() / 1000.0;
    let (p, n) = (per100(positive), per100(negative));
    Tone {
        tone: round(p - n),
        positive: round(p),
        negative: round(n),
        polarity: round(p + n),
        words,
    }
}
