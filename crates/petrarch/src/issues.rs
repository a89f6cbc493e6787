//! Issue lists: phrases that tag a sentence with an issue (`n:school [SCHOOLS]`).

use crate::diag::{Diags, Reason};
use crate::source::{Line, bracket, lines, plural};
use crate::verbs::regular_forms;

/// One issue phrase, expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuePhrase {
    /// Its line.
    pub line: usize,
    /// Every written form, upper case, words separated by blanks.
    pub forms: Vec<String>,
    /// The issue code; empty for an ignore phrase (`~…`), whose presence cancels issue coding.
    pub code: String,
}

fn expand(token: &str) -> Vec<String> {
    let t = token.to_uppercase();
    let mut base: Vec<String> = if let Some(w) = t.strip_prefix("N:") {
        vec![w.to_string(), plural(w)]
    } else if let Some(w) = t.strip_prefix("V:") {
        let mut v = vec![w.to_string()];
        v.extend(regular_forms(w));
        v
    } else {
        vec![t.clone()]
    };
    if t.contains('+') {
        base = base
            .into_iter()
            .flat_map(|b| [b.replace('+', " "), b.replace('+', "-")])
            .collect();
    }
    base
}

/// Parse an issues file.
pub(crate) fn parse(text: &str, diags: &mut Diags) -> Vec<IssuePhrase> {
    let mut out = Vec::new();
    for Line {
        number, text: l, ..
    } in lines(text, diags)
    {
        if l.starts_with("<ISSUE") || l.starts_with("</ISSUE") {
            continue;
        }
        let (phrase, code) = if let Some(rest) = l.strip_prefix('~') {
            (rest.trim_start_matches('~').to_string(), String::new())
        } else {
            match bracket(&l) {
                Some((before, inner, _)) if !inner.trim().is_empty() => {
                    (before.trim().to_string(), inner.trim().to_string())
                }
                _ => {
                    diags.add(number, Reason::MalformedCode, &l);
                    continue;
                }
            }
        };
        let mut forms = vec![String::new()];
        for tok in phrase.split_whitespace() {
            let alts = expand(tok);
            forms = forms
                .iter()
                .flat_map(|f| {
                    alts.iter()
                        .map(move |a| format!("{f} {a}").trim().to_string())
                })
                .collect();
        }
        if forms.iter().all(String::is_empty) {
            diags.add(number, Reason::UnrecognizedLine, &l);
            continue;
        }
        out.push(IssuePhrase {
            line: number,
            forms,
            code,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions() {
        let mut v = Vec::new();
        let i = parse(
            "<ISSUE CATEGORY=\"X\">\nn:bachelor n:degree [POST]\npre+k [EARLY]\n~a head start\nbroken\n</ISSUE>",
            &mut Diags {
                file: "i",
                out: &mut v,
            },
        );
        assert_eq!(i[0].forms.len(), 4);
        assert!(i[0].forms.contains(&"BACHELORS DEGREES".to_string()));
        assert_eq!(i[1].forms, ["PRE K", "PRE-K"]);
        assert!(i[2].code.is_empty());
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].line, 5);
    }
}
