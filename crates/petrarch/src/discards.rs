//! Discard lists: phrases whose presence stops a sentence (or, with `+`, a whole story) from being
//! coded — sports, entertainment, history.

use crate::diag::{Diags, Reason};
use crate::source::{Line, lines, split_clitics};

/// One discard phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discard {
    /// Its line.
    pub line: usize,
    /// Upper-case words, consecutive.
    pub words: Vec<String>,
    /// The phrase ended with `_`: its last word must be whole; else it is a stem ("BASEBALL"
    /// also stops "baseballs").
    pub whole_word: bool,
    /// `+`: the whole story is not coded.
    pub story: bool,
}

/// Parse a discard file.
pub(crate) fn parse(text: &str, diags: &mut Diags) -> Vec<Discard> {
    let mut out = Vec::new();
    for Line {
        number, text: l, ..
    } in lines(text, diags)
    {
        let (story, rest) = match l.strip_prefix('+') {
            Some(r) => (true, r.trim()),
            None => (false, l.as_str()),
        };
        let whole_word = rest.ends_with('_');
        let mut words = Vec::new();
        for w in rest
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            split_clitics(w, &mut words);
        }
        if words.is_empty() || rest.contains('[') {
            diags.add(number, Reason::UnrecognizedLine, &l);
            continue;
        }
        out.push(Discard {
            line: number,
            words,
            whole_word,
            story,
        });
    }
    out
}

impl Discard {
    /// True when the phrase starts at `words[i]`.
    pub fn matches_at(&self, words: &[String], i: usize) -> bool {
        let n = self.words.len();
        if i + n > words.len() {
            return false;
        }
        self.words.iter().enumerate().all(|(k, w)| {
            let t = &words[i + k];
            if k + 1 == n && !self.whole_word {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_and_sentence_discards_with_stems() {
        let mut v = Vec::new();
        let d = parse(
            "MONTHS LATER\n+TYPHOON   # pas\nBALLCLUB_\n",
            &mut Diags {
                file: "d",
                out: &mut v,
            },
        );
        assert!(v.is_empty());
        assert!(d[1].story && !d[0].story);
        let w = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(d[1].matches_at(&w("A TYPHOONS HIT"), 1), "a stem");
        assert!(!d[2].matches_at(&w("BALLCLUBS"), 0), "a whole word");
        assert!(d[0].matches_at(&w("TWO MONTHS LATER"), 1));
    }
}
