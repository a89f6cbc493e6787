//! Rule-based sentence splitting for news English.

use crate::Span;

/// Words that end with a period without ending a sentence (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "st", "sr", "jr", "mt", "ft", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vs", "inc", "corp",
    "co", "ltd", "dept", "univ", "approx", "est", "fig", "vol", "ca", "cf", "al", "gov't", "sgt",
    "pvt", "cpl", "brig", "supt", "insp", "messrs",
];

/// Split `text` into sentences: spans that cover the text's sentences in order, without the white
/// space between them.
pub fn sentences(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    let mut start = skip_space(b, 0);
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        let boundary = match c {
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                // "?!", "...", closing quotes and brackets stay with the sentence.
                while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
                    j += 1;
                }
                j = skip_closers(text, j);
                let glued = j < b.len() && !is_space(b[j]);
                let abbreviation = c == b'.' && j == i + 1 && is_abbreviation(text, start, i);
                if !glued && !abbreviation && starts_sentence(text, skip_space(b, j)) {
                    Some(j)
                } else {
                    None
                }
            }
            b'\n' => line_break(text, start, i),
            _ => None,
        };
        match boundary {
            Some(end) => {
                push_trimmed(&mut out, text, start, end);
                start = skip_space(b, end);
                i = start;
            }
            None => i += 1,
        }
    }
    push_trimmed(&mut out, text, start, b.len());
    out
}

fn is_space(c: u8) -> bool {
    c.is_ascii_whitespace()
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

/// Skip closing quotes and brackets after a sentence end (ASCII and the Unicode quotes).
fn skip_closers(text: &str, mut j: usize) -> usize {
    loop {
        let rest = &text[j..];
        let step = match rest.chars().next() {
            Some(c @ ('"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{00bb}')) => {
                c.len_utf8()
            }
            _ => return j,
        };
        j += step;
    }
}

/// Can a sentence start at byte `i`? Upper-case letters, digits, opening quotes and brackets can;
/// a lower-case letter cannot (a period before it was an abbreviation we did not know).
fn starts_sentence(text: &str, i: usize) -> bool {
    match text[i..].chars().next() {
        None => true,
        Some(c) => !c.is_lowercase(),
    }
}

/// Is the word that ends at the period at `dot` an abbreviation or an initial?
fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let b = text.as_bytes();
    let mut k = dot;
    while k > sentence_start && !is_space(b[k - 1]) && !matches!(b[k - 1], b'(' | b'"' | b'[') {
        k -= 1;
    }
    let word = &text[k..dot];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: "W.", "U.S.", "U.N.", "e.g."
    if word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// A line break ends a sentence unless the next line continues it (starts in lower case after a
/// line that did not end a sentence). A blank line always does.
fn line_break(text: &str, start: usize, nl: usize) -> Option<usize> {
    let b = text.as_bytes();
    if text[start..nl].trim().is_empty() {
        return None;
    }
    let next = skip_space(b, nl);
    let blank = text[nl + 1..next].contains('\n');
    if blank || starts_sentence(text, next) {
        Some(nl)
    } else {
        None
    }
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let trimmed = s.trim_end();
    if !trimmed.trim_start().is_empty() {
        let lead = s.len() - s.trim_start().len();
        out.push(Span::new(start + lead, start + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split(
                "Gen. Colin Powell met U.S. and U.N. officials. George W. Bush spoke on Jan. 5 in Washington."
            ),
            [
                "Gen. Colin Powell met U.S. and U.N. officials.",
                "George W. Bush spoke on Jan. 5 in Washington."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said: \"We will never surrender.\" Then he left! Why? Nobody knows."),
            [
                "He said: \"We will never surrender.\"",
                "Then he left!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn line_breaks_end_headlines_but_not_wrapped_lines() {
        assert_eq!(
            split(
                "Xi meets Lee in Beijing\nThe two presidents held talks\non Monday. They agreed."
            ),
            [
                "Xi meets Lee in Beijing",
                "The two presidents held talks\non Monday.",
                "They agreed."
            ]
        );
    }

    #[test]
    fn numbers_and_empty_text() {
        assert_eq!(
            split("Growth was 3.5 percent. Prices rose."),
            ["Growth was 3.5 percent.", "Prices rose."]
        );
        assert!(split("").is_empty());
        assert!(split("  \n \n").is_empty());
        assert_eq!(split("No final period"), ["No final period"]);
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "  Première phrase. Seconde — ici.  ";
        let s = sentences(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].of(text), "Première phrase.");
        assert_eq!(s[1].of(text), "Seconde — ici.");
    }
}
