//! Reading the lines of a PETRARCH file: comments out, line numbers kept; phrases into words.

use crate::diag::{Diags, Reason};

/// One line with content.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// Line number, from 1.
    pub number: usize,
    /// The content, comments removed, trimmed.
    pub text: String,
    /// True when the raw line starts with white space (actor date restrictions are indented).
    pub indented: bool,
}

/// Cut a `#` or `;` comment that is outside `[...]` and `{...}` (codes such as `[###]` keep theirs).
fn strip_inline(s: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth -= 1,
            '#' | ';' if depth <= 0 => return &s[..i],
            _ => {}
        }
    }
    s
}

/// The content lines of a file: `<!-- -->` comments (also over several lines), lines starting
/// with `<!` or `#`, and `#`/`;` comments after content are removed; blank lines are skipped.
pub(crate) fn lines(text: &str, diags: &mut Diags) -> Vec<Line> {
    let mut out = Vec::new();
    let mut in_comment: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let mut s = raw.to_string();
        if in_comment.is_some() {
            match s.find("-->") {
                Some(p) => {
                    s = s[p + 3..].to_string();
                    in_comment = None;
                }
                None => continue,
            }
        }
        // Inline and opening XML comments.
        while let Some(p) = s.find("<!--") {
            match s[p..].find("-->") {
                Some(q) => s = format!("{}{}", &s[..p], &s[p + q + 3..]),
                None => {
                    s.truncate(p);
                    in_comment = Some(number);
                    break;
                }
            }
        }
        let t = s.trim_start();
        if t.starts_with("<!") || t.starts_with('#') {
            if t.starts_with("<!") && !t.contains('>') {
                in_comment = Some(number);
            }
            continue;
        }
        let content = strip_inline(&s).trim().to_string();
        if content.is_empty() {
            continue;
        }
        out.push(Line {
            number,
            indented: raw.starts_with([' ', '\t']),
            text: content,
        });
    }
    if let Some(n) = in_comment {
        diags.add(n, Reason::UnterminatedComment, "<!--");
    }
    out
}

/// Split a dictionary word the way `dyad_text::tokens` splits running text: "CHILDREN'S" →
/// "CHILDREN", "'S"; "DON'T" → "DO", "N'T". Curly apostrophes become straight ones.
pub(crate) fn split_clitics(word: &str, out: &mut Vec<String>) {
    let w = word.replace('\u{2019}', "'").to_uppercase();
    if w.len() > 2 && w.ends_with("'S") {
        out.push(w[..w.len() - 2].to_string());
        out.push("'S".to_string());
    } else if w.len() > 3 && w.ends_with("N'T") {
        out.push(w[..w.len() - 3].to_string());
        out.push("N'T".to_string());
    } else if !w.is_empty() {
        out.push(w);
    }
}

/// A phrase: words in order, each but the first either right after the previous one (`_` in the
/// dictionary) or after a short gap (a blank).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// Upper-case words.
    pub words: Vec<String>,
    /// `gap[i]`: words may come between word `i - 1` and word `i` (`gap[0]` is unused).
    pub gap: Vec<bool>,
}

impl Phrase {
    /// Read `A_B C`: underscores join words, blanks allow a gap. A final `_` (TABARI's "whole
    /// word") is dropped.
    pub fn parse(s: &str) -> Phrase {
        let mut words = Vec::new();
        let mut gap = Vec::new();
        let mut pending_gap = false;
        let mut cur = String::new();
        let flush = |cur: &mut String, words: &mut Vec<String>, gap: &mut Vec<bool>, g: bool| {
            if !cur.is_empty() {
                let mut parts = Vec::new();
                split_clitics(cur, &mut parts);
                for (k, p) in parts.into_iter().enumerate() {
                    gap.push(g && k == 0 && !words.is_empty());
                    words.push(p);
                }
                cur.clear();
            }
        };
        for c in s.trim().chars() {
            match c {
                '_' => {
                    flush(&mut cur, &mut words, &mut gap, pending_gap);
                    pending_gap = false;
                }
                c if c.is_whitespace() => {
                    if !cur.is_empty() {
                        flush(&mut cur, &mut words, &mut gap, pending_gap);
                        pending_gap = true;
                    } else if !words.is_empty() {
                        pending_gap = true;
                    }
                }
                c => cur.push(c),
            }
        }
        flush(&mut cur, &mut words, &mut gap, pending_gap);
        Phrase { words, gap }
    }

    /// The phrase as words joined by `_` or blanks.
    pub fn to_text(&self, blank: &str) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push_str(if self.gap[i] || w == "'S" || w == "N'T" {
                    blank
                } else {
                    "_"
                });
            }
            s.push_str(w);
        }
        s
    }

    /// The same phrase with its last word replaced.
    pub fn with_last(&self, last: &str) -> Phrase {
        let mut p = self.clone();
        if let Some(w) = p.words.last_mut() {
            *w = last.to_string();
        }
        p
    }
}

/// Regular English plural of an upper-case noun, as PETRARCH makes it: `-Y` → `-IES`, `-SS`
/// (and other sibilants) → `-ES`, else `-S`.
pub(crate) fn plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix('Y') {
        let vowel_before = stem.ends_with(['A', 'E', 'O', 'U']);
        if !vowel_before {
            return format!("{stem}IES");
        }
    }
    if w.ends_with("SS") || w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') {
        return format!("{w}ES");
    }
    format!("{w}S")
}

/// The content of the first `[...]` in `s`, and what comes before and after it.
pub(crate) fn bracket(s: &str) -> Option<(&str, &str, &str)> {
    let a = s.find('[')?;
    let b = a + s[a..].find(']')?;
    Some((&s[..a], &s[a + 1..b], &s[b + 1..]))
}

/// The words inside the first `{...}` of `s` (separated by blanks or commas), and `s` without it;
/// `None` when there is no brace.
pub(crate) fn braces(s: &str) -> Option<(Vec<String>, String)> {
    let a = s.find('{')?;
    let b = a + s[a..].find('}')?;
    let inner = s[a + 1..b]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Some((inner, format!("{} {}", &s[..a], &s[b + 1..])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_every_kind_are_removed_with_line_numbers_kept() {
        let text = "<!-- a\nb -->\nARNOR_ [ARN] # c\n\n<! -- odd -->\nX [###] ; legacy\n#GONE\nY <!-- z --> [Y]";
        let mut v = Vec::new();
        let mut d = Diags {
            file: "f",
            out: &mut v,
        };
        let l = lines(text, &mut d);
        let got: Vec<(usize, &str)> = l.iter().map(|l| (l.number, l.text.as_str())).collect();
        assert_eq!(got, [(3, "ARNOR_ [ARN]"), (6, "X [###]"), (8, "Y  [Y]")]);
        assert!(v.is_empty());
    }

    #[test]
    fn an_unclosed_comment_is_reported() {
        let mut v = Vec::new();
        let mut d = Diags {
            file: "f",
            out: &mut v,
        };
        assert!(lines("A [A]\n<!-- open\nB [B]", &mut d).len() == 1);
        assert_eq!(v[0].reason, Reason::UnterminatedComment);
        assert_eq!(v[0].line, 2);
    }

    #[test]
    fn phrases_keep_gaps_and_split_clitics() {
        let p = Phrase::parse("ITHILEN TELEVISION");
        assert_eq!(p.words, ["ITHILEN", "TELEVISION"]);
        assert_eq!(p.gap, [false, true]);
        let p = Phrase::parse("UNITED_NATIONS_CHILDREN'S_FUND_");
        assert_eq!(p.words, ["UNITED", "NATIONS", "CHILDREN", "'S", "FUND"]);
        assert!(p.gap.iter().all(|g| !g));
        assert_eq!(Phrase::parse("DON'T").words, ["DO", "N'T"]);
    }

    #[test]
    fn plurals_follow_petrarch() {
        assert_eq!(plural("AUTHORITY"), "AUTHORITIES");
        assert_eq!(plural("CONGRESS"), "CONGRESSES");
        assert_eq!(plural("OFFICIAL"), "OFFICIALS");
        assert_eq!(plural("ATTORNEY"), "ATTORNEYS");
    }
}
