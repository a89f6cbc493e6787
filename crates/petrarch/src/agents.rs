//! Agent files: `PHRASE {PLURALS} [~CODE]` (or `[CODE~]`), and `!MARK! = A, B` substitutions.

use crate::diag::{Diags, Reason};
use crate::source::{Line, Phrase, braces, bracket, lines, plural};
use std::collections::HashMap;

/// One agent phrase: a generic actor ("the government", "police") that takes its country from a
/// neighbouring actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// The file it was read from.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Singular and plural phrases.
    pub phrases: Vec<Phrase>,
    /// The role code (`GOV`, `GOVMED`), without the `~`.
    pub code: String,
    /// True for `[CODE~]`: the code goes before the actor's (`NGO` + `ARN`).
    pub prefix: bool,
}

/// Parse an agent file.
pub(crate) fn parse(text: &str, diags: &mut Diags) -> Vec<AgentEntry> {
    let mut subst: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    for Line {
        number, text: l, ..
    } in lines(text, diags)
    {
        // !PERSON! = MAN, MEN, WOMAN
        if l.starts_with('!') && l.contains('=') && !l.contains('[') {
            let (mark, list) = l.split_once('=').unwrap_or_default();
            let items = list
                .split(',')
                .map(|s| s.trim().to_uppercase())
                .filter(|s| !s.is_empty())
                .collect();
            subst.insert(mark.trim().to_uppercase(), items);
            continue;
        }
        let Some((before, inner, _)) = bracket(&l) else {
            diags.add(number, Reason::MalformedCode, &l);
            continue;
        };
        let inner = inner.trim().to_uppercase();
        let (code, prefix) = if let Some(c) = inner.strip_prefix('~') {
            (c.trim().to_string(), false)
        } else if let Some(c) = inner.strip_suffix('~') {
            (c.trim().to_string(), true)
        } else {
            diags.add(number, Reason::AgentWithoutTilde, &l);
            (inner.clone(), false)
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            diags.add(number, Reason::MalformedCode, &l);
            continue;
        }
        let (plurals, phrase_text) = match braces(before) {
            Some((p, rest)) => (Some(p), rest),
            None => (None, before.to_string()),
        };
        let phrase_text = phrase_text.trim().to_uppercase();
        if phrase_text.is_empty() {
            diags.add(number, Reason::UnrecognizedLine, &l);
            continue;
        }
        // Substitution markers: every item replaces the marker, with no plural made.
        let mut phrases = Vec::new();
        if let Some(mark) = subst.keys().find(|m| phrase_text.contains(m.as_str())) {
            for item in &subst[mark] {
                phrases.push(Phrase::parse(&phrase_text.replace(mark.as_str(), item)));
            }
        } else {
            let p = Phrase::parse(&phrase_text);
            match &plurals {
                None => {
                    let last = p.words.last().cloned().unwrap_or_default();
                    phrases.push(p.with_last(&plural(&last)));
                }
                Some(list) => phrases.extend(list.iter().map(|s| Phrase::parse(s))),
            }
            phrases.insert(0, p);
        }
        phrases.retain(|p| !p.words.is_empty());
        if phrases.is_empty()
            || phrases
                .iter()
                .any(|p| p.words.iter().any(|w| w.contains('!')))
        {
            diags.add(number, Reason::UnrecognizedLine, &l);
            continue;
        }
        out.push(AgentEntry {
            file: diags.file.to_string(),
            line: number,
            phrases,
            code,
            prefix,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_substitutions_and_prefixes() {
        let mut v = Vec::new();
        let a = parse(
            "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [ ~COP]\n\
             ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nAUTHORITY [~GOV]\nMSF {}  [NGO~]\nBAD [GOV]\nWORSE",
            &mut Diags {
                file: "g.txt",
                out: &mut v,
            },
        );
        let words =
            |i: usize| -> Vec<String> { a[i].phrases.iter().map(|p| p.to_text(" ")).collect() };
        assert_eq!(words(0), ["CONGRESSMAN", "CONGRESSMEN"]);
        assert_eq!(words(1), ["POLICE"]);
        assert_eq!(a[1].code, "COP");
        assert_eq!(words(2), ["ATTORNEY_GENERAL", "ATTORNEYS_GENERAL"]);
        assert_eq!(words(3), ["AUTHORITY", "AUTHORITIES"]);
        assert!(a[4].prefix && a[4].code == "NGO");
        let reasons: Vec<_> = v.iter().map(|d| (d.line, d.reason)).collect();
        assert_eq!(
            reasons,
            [(7, Reason::AgentWithoutTilde), (8, Reason::MalformedCode)]
        );
    }
}
