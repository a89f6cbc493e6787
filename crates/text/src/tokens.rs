//! Word and punctuation tokens with byte offsets.

use crate::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes and hyphens ("O'Neill", "cease-fire") and the
    /// dots of "U.S.".
    Word,
    /// The clitic "'s" / "’s" split off a word ("Xi's" → "Xi", "'s").
    Possessive,
    /// The clitic "n't" split off a verb ("didn't" → "did", "n't").
    Negation,
    /// Any other character that is not white space.
    Punct(char),
}

/// A token: a span of the original text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the document.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// True for words (not punctuation or clitics).
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenize the part `within` of `text`. Spans are offsets into `text`.
pub fn tokens(text: &str, within: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(within.len() / 5 + 1);
    let s = &text[within.start..within.end];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            // "'s" after a word that ended in a closing quote is still punctuation.
            out.push(Token {
                span: Span::new(within.start + i, within.start + i + c.len_utf8()),
                kind: TokenKind::Punct(c),
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut single_letters = c.is_alphabetic();
        let mut letters_in_part = 1;
        while let Some(&(j, d)) = it.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                letters_in_part += 1;
                it.next();
                continue;
            }
            // Inner apostrophes ("don't", "O'Neill") and the dots of "U.S." join a word when a
            // letter follows.
            let next_is_letter = s[j + d.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
            let next_is_alnum = s[j + d.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            let joins = (is_apostrophe(d) && next_is_letter)
                || (d == '-' && next_is_alnum)
                || (d == '.' && next_is_letter && letters_in_part == 1 && single_letters);
            if !joins {
                break;
            }
            if d == '.' {
                letters_in_part = 0;
            } else if d == '-' {
                single_letters = false;
                letters_in_part = 0;
            } else {
                single_letters = false;
            }
            end = j + d.len_utf8();
            it.next();
        }
        // The final dot of "U.S." belongs to the word.
        if single_letters && s[i..end].contains('.') && s[end..].starts_with('.') {
            end += 1;
            it.next();
        }
        push_word(&mut out, s, within.start, i, end);
    }
    out
}

/// Push a word, splitting off "'s" and "n't".
fn push_word(out: &mut Vec<Token>, s: &str, base: usize, start: usize, end: usize) {
    let w = &s[start..end];
    let lower_ends =
        |suffix: &str| w.len() > suffix.len() + 1 && w.to_ascii_lowercase().ends_with(suffix);
    for (suffix, kind) in [
        ("'s", TokenKind::Possessive),
        ("\u{2019}s", TokenKind::Possessive),
        ("n't", TokenKind::Negation),
        ("n\u{2019}t", TokenKind::Negation),
    ] {
        if lower_ends(suffix) {
            let cut = end - suffix.len();
            out.push(Token {
                span: Span::new(base + start, base + cut),
                kind: TokenKind::Word,
            });
            out.push(Token {
                span: Span::new(base + cut, base + end),
                kind,
            });
            return;
        }
    }
    out.push(Token {
        span: Span::new(base + start, base + end),
        kind: TokenKind::Word,
    });
}

/// Fold a word for dictionary lookup into `buf`: lower case, curly apostrophes made straight. The
/// token's span still points at the original.
pub fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if is_apostrophe(c) {
            buf.push('\'');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.span.of(text), t.kind))
            .collect()
    }

    #[test]
    fn possessives_and_negations_split_off() {
        use TokenKind::*;
        assert_eq!(
            toks("Xi's visit didn't fail"),
            [
                ("Xi", Word),
                ("'s", Possessive),
                ("visit", Word),
                ("did", Word),
                ("n't", Negation),
                ("fail", Word)
            ]
        );
        assert_eq!(
            toks("Korea’s ties"),
            [("Korea", Word), ("’s", Possessive), ("ties", Word)]
        );
    }

    #[test]
    fn abbreviations_keep_their_dots() {
        let words: Vec<&str> = toks("the U.S. and U.N. said.")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(words, ["the", "U.S.", "and", "U.N.", "said", "."]);
    }

    #[test]
    fn hyphens_and_apostrophes() {
        let words: Vec<&str> = toks("China-South Korea O'Neill 'quoted' cease-fire - x-")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            words,
            [
                "China-South",
                "Korea",
                "O'Neill",
                "'",
                "quoted",
                "'",
                "cease-fire",
                "-",
                "x",
                "-"
            ]
        );
    }

    #[test]
    fn folding_keeps_the_original() {
        let mut buf = String::new();
        fold_into("Korea’S", &mut buf);
        assert_eq!(buf, "korea's");
        fold_into("ÉTATS", &mut buf);
        assert_eq!(buf, "états");
    }
}
