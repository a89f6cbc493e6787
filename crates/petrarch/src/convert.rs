//! PETRARCH dictionaries into dyad's readable TSV (see `dictionaries/README.md`), as far as
//! dyad's format can say the same thing; the rest is listed, entry by entry.

use crate::Dictionaries;
use crate::actors::Validity;
use crate::source::Phrase;
use crate::verbs::{ElemKind, VerbForm};
use std::collections::BTreeMap;

/// An entry that dyad's format cannot express, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The PETRARCH file.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Why it has no equivalent.
    pub why: &'static str,
    /// The entry.
    pub text: String,
}

/// The converted files and what could not be converted.
#[derive(Clone, Debug, Default)]
pub struct Conversion {
    /// `(path under the output folder, contents)`: `countries.tsv`, `organizations.tsv`,
    /// `agents.tsv`, `people/petrarch.tsv`, `verbs/NN.tsv`.
    pub files: Vec<(String, String)>,
    /// Entries left out.
    pub skipped: Vec<Skipped>,
    /// Lines written, per file.
    pub written: BTreeMap<String, usize>,
}

/// "MINAS TIRITH" → "Minas Tirith": dyad reads a capitalised value as a proper name.
fn title(p: &Phrase) -> String {
    let mut out = String::new();
    for w in &p.words {
        if w == "'S" || w == "N'T" {
            out.push_str(&w.to_lowercase());
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.push(f);
            out.push_str(&c.as_str().to_lowercase());
        }
    }
    out
}

fn valid_actor_code(c: &str) -> bool {
    !c.is_empty() && c.len().is_multiple_of(3) && c.bytes().all(|b| b.is_ascii_uppercase())
}

fn verb_words(f: &VerbForm) -> String {
    f.words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == f.head {
                w.to_lowercase()
            } else {
                format!("={}", w.to_lowercase())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Convert `d`; `is_cameo` says which event codes dyad's codebook has.
pub fn convert(d: &Dictionaries, is_cameo: impl Fn(&str) -> bool) -> Conversion {
    let mut c = Conversion::default();
    let mut countries = String::from(
        "# code\tname\taliases\tadjectives\tcapitals — converted from PETRARCH actors\n",
    );
    let mut orgs = String::from("# code\tnames\trole — converted from PETRARCH actors\n");
    let mut people = String::from(
        "# name\taliases\tsurname\tcode\tstart\tend\toffice — converted from PETRARCH dated actors\n",
    );
    let mut skip = |file: &str, line: usize, why: &'static str, text: String| {
        c.skipped.push(Skipped {
            file: file.to_string(),
            line,
            why,
            text,
        });
    };
    let mut n = BTreeMap::<String, usize>::new();
    for a in &d.actors {
        let names: Vec<String> = a.phrases.iter().map(|(p, _)| title(p)).collect();
        let name = names[0].clone();
        let aliases = names[1..].join("|");
        for r in &a.rules {
            for code in &r.codes {
                if !valid_actor_code(code) {
                    skip(
                        &a.file,
                        r.line,
                        "actor code is not letters in groups of three",
                        format!("{name} [{code}]"),
                    );
                    continue;
                }
                match r.validity {
                    Validity::Always if a.rules.len() == 1 && code.len() == 3 => {
                        countries.push_str(&format!("{code}\t{name}\t{aliases}\t\t\n"));
                        *n.entry("countries.tsv".into()).or_default() += 1;
                    }
                    Validity::Always if a.rules.len() == 1 => {
                        let all = names.join("|");
                        orgs.push_str(&format!("{code}\t{all}\t{}\n", &code[3..6.min(code.len())]));
                        *n.entry("organizations.tsv".into()).or_default() += 1;
                    }
                    v => {
                        // A default among dated codes holds outside the dated periods: dyad's
                        // terms cannot say "otherwise".
                        let (start, end) = match v {
                            Validity::Always => {
                                skip(
                                    &a.file,
                                    r.line,
                                    "default code beside dated codes (dyad has no \"otherwise\")",
                                    format!("{name} [{code}]"),
                                );
                                continue;
                            }
                            Validity::Before(e) => ("1800-01-01".to_string(), e.to_string()),
                            Validity::After(s) => (s.to_string(), String::new()),
                            Validity::Between(s, e) if e < s => {
                                skip(
                                    &a.file,
                                    r.line,
                                    "period ends before it starts",
                                    format!("{name} [{code} {s}-{e}]"),
                                );
                                continue;
                            }
                            Validity::Between(s, e) => (s.to_string(), e.to_string()),
                        };
                        people
                            .push_str(&format!("{name}\t{aliases}\t\t{code}\t{start}\t{end}\t\n"));
                        *n.entry("people/petrarch.tsv".into()).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut agents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in &d.agents {
        if g.prefix || g.code.len() != 3 {
            let why = if g.prefix {
                "agent code before the actor's (`NGO~`): dyad agents add a role after"
            } else {
                "agent code of several roles: dyad agents add one role"
            };
            skip(
                &g.file,
                g.line,
                why,
                format!("{} [{}]", g.phrases[0].to_text(" "), g.code),
            );
            continue;
        }
        let e = agents.entry(g.code.clone()).or_default();
        e.extend(
            g.phrases
                .iter()
                .map(|p| p.to_text(" ").replace('_', " ").to_lowercase()),
        );
    }
    let mut agent_tsv = String::from("# role\tphrases — converted from PETRARCH agents\n");
    for (role, ph) in &agents {
        agent_tsv.push_str(&format!("{role}\t{}\n", ph.join("|")));
        *n.entry("agents.tsv".into()).or_default() += 1;
    }
    let verb_file = d
        .files
        .iter()
        .find(|f| f.1 == crate::FileKind::Verbs)
        .map(|f| f.0.clone())
        .unwrap_or_default();
    let mut verbs: BTreeMap<String, String> = BTreeMap::new();
    for b in &d.verbs.blocks {
        for v in &b.verbs {
            let code = v.code.clone().unwrap_or_else(|| b.code.clone());
            if let Some(f) = &code.forward {
                if is_cameo(f) {
                    verbs
                        .entry(f[..2].to_string())
                        .or_default()
                        .push_str(&format!("{f}\t{}\n", verb_words(&v.forms[0])));
                } else {
                    skip(
                        &verb_file,
                        v.line,
                        "event code not in the CAMEO codebook",
                        v.forms[0].words.join("_"),
                    );
                }
            }
        }
        'pattern: for p in &b.patterns {
            let Some(f) = &p.codes.forward else { continue };
            if !is_cameo(f) {
                skip(
                    &verb_file,
                    p.line,
                    "event code not in the CAMEO codebook",
                    p.text.clone(),
                );
                continue;
            }
            if !p.upper.is_empty() {
                skip(
                    &verb_file,
                    p.line,
                    "words before the verb: dyad patterns start at the verb",
                    p.text.clone(),
                );
                continue;
            }
            let mut tail = String::new();
            for e in &p.lower {
                let w = match &e.kind {
                    ElemKind::Word(w) => format!("={}", w.to_lowercase()),
                    ElemKind::Synset(s) => {
                        let ph = d.verbs.synsets.get(s).cloned().unwrap_or_default();
                        if ph.iter().any(|p| p.words.len() != 1) {
                            skip(
                                &verb_file,
                                p.line,
                                "synset of several-word phrases",
                                p.text.clone(),
                            );
                            continue 'pattern;
                        }
                        ph.iter()
                            .map(|p| p.words[0].to_lowercase())
                            .collect::<Vec<_>>()
                            .join("|")
                    }
                    _ => {
                        skip(
                            &verb_file,
                            p.line,
                            "source/target/compound slots: dyad finds actors itself",
                            p.text.clone(),
                        );
                        continue 'pattern;
                    }
                };
                tail.push_str(if e.next_to { " " } else { " * " });
                tail.push_str(&w);
            }
            for v in &b.verbs {
                verbs
                    .entry(f[..2].to_string())
                    .or_default()
                    .push_str(&format!("{f}\t{}{tail}\n", verb_words(&v.forms[0])));
            }
        }
    }
    c.files.push(("countries.tsv".into(), countries));
    c.files.push(("organizations.tsv".into(), orgs));
    c.files.push(("agents.tsv".into(), agent_tsv));
    c.files.push(("people/petrarch.tsv".into(), people));
    for (root, text) in verbs {
        let name = format!("verbs/{root}.tsv");
        *n.entry(name.clone()).or_default() += text.lines().count();
        c.files.push((
            name,
            format!("# code\tpattern — converted from PETRARCH verbs\n{text}"),
        ));
    }
    c.written = n;
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_what_it_can_and_lists_the_rest() {
        let d = Dictionaries::from_files(&[
            ("t.actors.txt".into(), "MINAS_TIRITH [GON]\nUN [IGOUNO]\nGOLLUM\n\t[HOB <950601]\n\t[HOBGOV 19950601-19990815]\nBOROMIR [---]\n".into()),
            ("t.agents.txt".into(), "POLICE {} [~COP]\nMSF {} [NGO~]\n".into()),
            ("t.verbs.txt".into(), "--- RESTORE [064] ---\nRESTORE\n- * DIPLOMATIC_TIES [065]\n- NOT * [112]\n- * ARM [903]\n".into()),
        ]);
        let c = convert(&d, |code| code != "903");
        let file = |n: &str| {
            c.files
                .iter()
                .find(|f| f.0 == n)
                .map(|f| f.1.clone())
                .unwrap()
        };
        assert!(file("countries.tsv").contains("GON\tMinas Tirith\t"));
        assert!(file("organizations.tsv").contains("IGOUNO\tUn\tUNO"));
        assert!(
            file("people/petrarch.tsv").contains("Gollum\t\t\tHOBGOV\t1995-06-01\t1999-08-15\t")
        );
        assert!(file("agents.tsv").contains("COP\tpolice"));
        let v = file("verbs/06.tsv");
        assert!(
            v.contains("064\trestore\n") && v.contains("065\trestore * =diplomatic =ties\n"),
            "{v}"
        );
        let why: Vec<&str> = c.skipped.iter().map(|s| s.why).collect();
        assert_eq!(why.len(), 4, "{why:?}");
    }
}
