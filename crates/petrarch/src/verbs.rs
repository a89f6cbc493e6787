//! Verb files (CAMEO.2.0 and the validation suite's): synsets, verb blocks, patterns.

use crate::diag::{Diags, Reason};
use crate::source::{Line, Phrase, braces, bracket, lines, plural, split_clitics};
use std::collections::{BTreeMap, HashSet};

/// The event codes a verb or pattern gives: `[A]`, `[A:B]` (B for the target acting back on the
/// source, as in `[032:033]`, "visited" and "hosted"), `[:B]`, or `[---]` (no event).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Codes {
    /// Source → target.
    pub forward: Option<String>,
    /// Target → source.
    pub reverse: Option<String>,
}

impl Codes {
    /// True for `[---]`: a match that makes no event.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

/// What one element of a pattern matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElemKind {
    /// One word, exactly (upper case).
    Word(String),
    /// Any phrase of a synset (`&CURRENCY`).
    Synset(String),
    /// `$`: the source is the actor here.
    Source,
    /// `+`: the target is the actor here.
    Target,
    /// `%`: a compound actor here acts on itself ("A and B met").
    Compound,
    /// `^`: skip one noun phrase.
    Skip,
}

/// One element of a pattern and how it is joined to the element before it (toward the verb).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elem {
    /// What it matches.
    pub kind: ElemKind,
    /// `_` in the dictionary: right next to the previous element; a blank allows a gap.
    pub next_to: bool,
}

/// A verb pattern: words before the verb, words after it, and the codes it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Its line.
    pub line: usize,
    /// The pattern as written.
    pub text: String,
    /// Elements before the verb, nearest the verb first.
    pub upper: Vec<Elem>,
    /// Elements after the verb, in order.
    pub lower: Vec<Elem>,
    /// What it codes.
    pub codes: Codes,
}

/// One form of a verb: its words and which of them is the verb (`WIRE_+TAP`: TAP).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbForm {
    /// Upper-case words, right next to each other.
    pub words: Vec<String>,
    /// Index of the verb word.
    pub head: usize,
}

/// A verb of a block, with all its forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// Its line.
    pub line: usize,
    /// The base form first, then irregular (`{…}`) or generated regular forms.
    pub forms: Vec<VerbForm>,
    /// Its own code, if it has one; else the block's.
    pub code: Option<Codes>,
}

/// A block: `--- NAME [CODE] ---`, its verbs and the patterns they share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// The header's name.
    pub name: String,
    /// The header's line.
    pub line: usize,
    /// The block's code, for verbs without their own.
    pub code: Codes,
    /// Verbs.
    pub verbs: Vec<Verb>,
    /// Patterns, tried in file order.
    pub patterns: Vec<Pattern>,
}

/// A verb file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerbDictionary {
    /// Synsets by name (with the `&`): phrases of consecutive words, plurals included.
    pub synsets: BTreeMap<String, Vec<Phrase>>,
    /// Blocks in file order.
    pub blocks: Vec<VerbBlock>,
}

/// Read `[CODE]`'s inside: `---`, `A`, `A:B`, `:B`.
pub(crate) fn parse_codes(inner: &str) -> Result<Codes, Reason> {
    let one = |s: &str| -> Result<Option<String>, Reason> {
        let s = s.trim();
        if s.is_empty() || s == "---" {
            return Ok(None);
        }
        let b = s.as_bytes();
        if b.len() < 2 || !b[0].is_ascii_digit() || !b[1].is_ascii_digit() {
            return Err(Reason::NonNumericEventCode);
        }
        Ok(Some(s.to_string()))
    };
    match inner.split_once(':') {
        Some((a, b)) => Ok(Codes {
            forward: one(a)?,
            reverse: one(b)?,
        }),
        None => Ok(Codes {
            forward: one(inner)?,
            reverse: None,
        }),
    }
}

/// Regular forms of an upper-case English verb: `-S`, `-ED`, `-ING` with the usual spelling.
pub(crate) fn regular_forms(v: &str) -> Vec<String> {
    let consonant_y =
        v.len() > 1 && v.ends_with('Y') && !v[..v.len() - 1].ends_with(['A', 'E', 'I', 'O', 'U']);
    let stem = {
        let mut c = v.chars();
        c.next_back();
        c.as_str()
    };
    let s = if consonant_y {
        format!("{stem}IES")
    } else if v.ends_with('S')
        || v.ends_with('X')
        || v.ends_with('Z')
        || v.ends_with("CH")
        || v.ends_with("SH")
    {
        format!("{v}ES")
    } else {
        format!("{v}S")
    };
    let ed = if consonant_y {
        format!("{stem}IED")
    } else if v.ends_with('E') {
        format!("{v}D")
    } else {
        format!("{v}ED")
    };
    let ing = if v.ends_with('E') && !v.ends_with("EE") && !v.ends_with("YE") && !v.ends_with("OE")
    {
        format!("{stem}ING")
    } else {
        format!("{v}ING")
    };
    vec![s, ed, ing]
}

/// `KLM_NOP_+RST` → words and the index of the one marked `+` (else the first).
fn verb_form(s: &str) -> Option<VerbForm> {
    let mut words = Vec::new();
    let mut head = 0;
    for w in s
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let (marked, w) = match w.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, w),
        };
        if marked {
            head = words.len();
        }
        split_clitics(w, &mut words);
    }
    let ok = !words.is_empty() && words.iter().all(|w| w.chars().any(|c| c.is_alphabetic()));
    ok.then_some(VerbForm { words, head })
}

/// Split one side of a pattern into elements; `joined_to_star` is the connector at the `*` end.
/// Returns elements left to right, each with `next_to` meaning "joined to the element on its
/// left", and whether the last one is joined to the `*` on its right.
fn elements(s: &str) -> (Vec<Elem>, bool, bool) {
    // Tokens and, for each boundary, whether it was `_` only.
    let mut out: Vec<Elem> = Vec::new();
    let mut cur = String::new();
    let mut boundary_blank = false;
    let mut boundary_seen = false;
    let mut lead_joined = false; // a connector before the first token ("_OUT" after `*`)
    let mut first = true;
    let push = |cur: &mut String, out: &mut Vec<Elem>, joined: bool| {
        let kind = match cur.as_str() {
            "$" => ElemKind::Source,
            "+" => ElemKind::Target,
            "%" => ElemKind::Compound,
            "^" => ElemKind::Skip,
            w if w.starts_with('&') => ElemKind::Synset(w.to_uppercase()),
            w => {
                let mut parts = Vec::new();
                split_clitics(w, &mut parts);
                for (k, p) in parts.iter().enumerate() {
                    out.push(Elem {
                        kind: ElemKind::Word(p.clone()),
                        next_to: joined || k > 0,
                    });
                }
                cur.clear();
                return;
            }
        };
        out.push(Elem {
            kind,
            next_to: joined,
        });
        cur.clear();
    };
    for c in s.chars() {
        if c == '_' || c.is_whitespace() {
            if !cur.is_empty() {
                let joined = boundary_seen && !boundary_blank && !first;
                push(&mut cur, &mut out, joined);
                first = false;
                boundary_blank = false;
            }
            if out.is_empty() && cur.is_empty() && c == '_' {
                lead_joined = true;
            }
            boundary_seen = true;
            boundary_blank |= c.is_whitespace();
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        let joined = boundary_seen && !boundary_blank && !first;
        push(&mut cur, &mut out, joined);
        return (out, lead_joined, false);
    }
    let trail_joined = boundary_seen && !boundary_blank;
    (out, lead_joined, trail_joined)
}

/// Parse a pattern line (`- UPPER * LOWER [CODE]`), without the leading `-`.
fn parse_pattern(body: &str, line: usize) -> Result<(Pattern, bool), Reason> {
    let (before, inner, _) = bracket(body).ok_or(Reason::MalformedCode)?;
    let codes = parse_codes(inner)?;
    let grouped = before.contains(['{', '}', '(', ')']);
    let text: String = before
        .chars()
        .map(|c| {
            if matches!(c, '{' | '}' | '(' | ')') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let (up, low) = text.split_once('*').ok_or(Reason::PatternWithoutVerb)?;
    // TABARI's "XXX_ *" is an open match: any blank next to the star wins.
    let (mut upper, _, up_joined) = elements(up);
    let (mut lower, low_joined, _) = elements(low);
    // Upper: nearest the verb first; `next_to` means joined to the element nearer the verb.
    let n = upper.len();
    let left_joined: Vec<bool> = upper.iter().map(|e| e.next_to).collect();
    for i in 0..n {
        upper[i].next_to = if i + 1 == n {
            up_joined
        } else {
            left_joined[i + 1]
        };
    }
    upper.reverse();
    if let Some(first) = lower.first_mut() {
        first.next_to = low_joined;
    }
    Ok((
        Pattern {
            line,
            text: format!("{} [{}]", before.trim(), inner.trim()),
            upper,
            lower,
            codes,
        },
        grouped,
    ))
}

enum Member {
    Phrase(String, bool),
    Synset(String),
}

/// A synset as written: name, line, no-plural flag, members with their lines.
type RawSynset = (String, usize, bool, Vec<(Member, usize)>);

/// Parse a verb file.
pub(crate) fn parse(text: &str, diags: &mut Diags) -> VerbDictionary {
    let mut dict = VerbDictionary::default();
    let mut raw_synsets: Vec<RawSynset> = Vec::new();
    let mut in_synset = false;
    let mut block: Option<usize> = None;
    let mut pattern_synsets: Vec<(usize, usize, Vec<String>)> = Vec::new(); // block, pattern, names
    for Line {
        number, text: l, ..
    } in lines(text, diags)
    {
        if l.starts_with("---") {
            in_synset = false;
            let code = match bracket(&l) {
                Some((_, inner, _)) => match parse_codes(inner) {
                    Ok(c) => c,
                    Err(r) => {
                        diags.add(number, r, &l);
                        Codes::default()
                    }
                },
                None => Codes::default(),
            };
            let name = l
                .trim_matches('-')
                .split('[')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            dict.blocks.push(VerbBlock {
                name,
                line: number,
                code,
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
            block = Some(dict.blocks.len() - 1);
            continue;
        }
        if let Some(name) = l.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            let (name, noplural) = match name.strip_suffix('_') {
                Some(n) => (n, true),
                None => (name, false),
            };
            raw_synsets.push((
                format!("&{}", name.to_uppercase()),
                number,
                noplural,
                Vec::new(),
            ));
            in_synset = true;
            continue;
        }
        if in_synset {
            if let Some(m) = l.strip_prefix('+') {
                let m = m.trim();
                let member = if m.starts_with('&') {
                    Member::Synset(m.trim_end_matches('_').to_uppercase())
                } else {
                    Member::Phrase(m.trim_end_matches('_').to_string(), m.ends_with('_'))
                };
                if let Some(s) = raw_synsets.last_mut() {
                    s.3.push((member, number));
                }
                continue;
            }
            in_synset = false;
        }
        if l.starts_with('~') {
            diags.add(number, Reason::TransformationRule, &l);
            continue;
        }
        if let Some(body) = l.strip_prefix('-') {
            let Some(b) = block else {
                diags.add(number, Reason::PatternOutsideBlock, &l);
                continue;
            };
            match parse_pattern(body, number) {
                Ok((p, grouped)) => {
                    if grouped {
                        diags.add(number, Reason::PhraseGroupAsWordOrder, &l);
                    }
                    let names: Vec<String> = p
                        .upper
                        .iter()
                        .chain(&p.lower)
                        .filter_map(|e| match &e.kind {
                            ElemKind::Synset(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect();
                    let blk = &mut dict.blocks[b];
                    if !names.is_empty() {
                        pattern_synsets.push((b, blk.patterns.len(), names));
                    }
                    blk.patterns.push(p);
                }
                Err(r) => diags.add(number, r, &l),
            }
            continue;
        }
        // A verb line.
        let Some(b) = block else {
            diags.add(number, Reason::UnrecognizedLine, &l);
            continue;
        };
        let (rest, code) = match bracket(&l) {
            Some((before, inner, _)) => match parse_codes(inner) {
                Ok(c) => (before.to_string(), Some(c)),
                Err(r) => {
                    diags.add(number, r, &l);
                    continue;
                }
            },
            None => (l.clone(), None),
        };
        let (irregular, base) = match braces(&rest) {
            Some((forms, without)) => (Some(forms), without),
            None => (None, rest.clone()),
        };
        let Some(base) = verb_form(&base) else {
            diags.add(number, Reason::MalformedVerb, &l);
            continue;
        };
        let mut forms = vec![base.clone()];
        match irregular {
            Some(list) => {
                for f in list {
                    match verb_form(&f) {
                        Some(mut vf) => {
                            if !f.contains('+') {
                                vf.head = base.head.min(vf.words.len() - 1);
                            }
                            forms.push(vf);
                        }
                        None => diags.add(number, Reason::MalformedVerb, &l),
                    }
                }
            }
            None => {
                for w in regular_forms(&base.words[base.head]) {
                    let mut vf = base.clone();
                    vf.words[base.head] = w;
                    forms.push(vf);
                }
            }
        }
        dict.blocks[b].verbs.push(Verb {
            line: number,
            forms,
            code,
        });
    }
    // Synsets: phrases, plurals, embedded synsets expanded (one level deep is what TABARI had;
    // any depth works here, cycles excepted).
    let names: HashSet<String> = raw_synsets.iter().map(|s| s.0.clone()).collect();
    let mut flat: BTreeMap<String, Vec<Phrase>> = BTreeMap::new();
    for (name, _, noplural, members) in &raw_synsets {
        let mut phrases = Vec::new();
        for (m, _) in members {
            if let Member::Phrase(p, exact) = m {
                let ph = Phrase::parse(&p.replace('_', " "));
                let ph = Phrase {
                    gap: vec![false; ph.words.len()],
                    words: ph.words,
                };
                if ph.words.is_empty() {
                    continue;
                }
                let pl = (!noplural && !exact).then(|| {
                    let last = ph.words.last().cloned().unwrap_or_default();
                    ph.with_last(&plural(&last))
                });
                phrases.push(ph);
                phrases.extend(pl);
            }
        }
        flat.entry(name.clone()).or_default().extend(phrases);
    }
    for _ in 0..4 {
        for (name, _, _, members) in &raw_synsets {
            for (m, line) in members {
                if let Member::Synset(s) = m {
                    match flat.get(s).cloned() {
                        Some(add) => {
                            let e = flat.entry(name.clone()).or_default();
                            for p in add {
                                if !e.contains(&p) {
                                    e.push(p);
                                }
                            }
                        }
                        None if !names.contains(s) => {
                            diags.add(*line, Reason::UndefinedSynset, s);
                        }
                        None => {}
                    }
                }
            }
        }
    }
    dict.synsets = flat;
    // Patterns naming synsets defined nowhere are skipped.
    let mut drop: Vec<(usize, usize)> = Vec::new();
    for (b, p, names) in pattern_synsets {
        if names.iter().any(|n| !dict.synsets.contains_key(n)) {
            let pat = &dict.blocks[b].patterns[p];
            diags.add(
                pat.line,
                Reason::UndefinedSynset,
                &format!("- {}", pat.text),
            );
            drop.push((b, p));
        }
    }
    for (b, p) in drop.into_iter().rev() {
        dict.blocks[b].patterns.remove(p);
    }
    dict
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (VerbDictionary, Vec<crate::Diagnostic>) {
        let mut v = Vec::new();
        let d = parse(
            text,
            &mut Diags {
                file: "v.txt",
                out: &mut v,
            },
        );
        (d, v)
    }

    fn kinds(es: &[Elem]) -> Vec<String> {
        es.iter()
            .map(|e| {
                let k = match &e.kind {
                    ElemKind::Word(w) | ElemKind::Synset(w) => w.clone(),
                    ElemKind::Source => "$".into(),
                    ElemKind::Target => "+".into(),
                    ElemKind::Compound => "%".into(),
                    ElemKind::Skip => "^".into(),
                };
                format!("{}{k}", if e.next_to { "_" } else { " " })
            })
            .collect()
    }

    #[test]
    fn regular_forms_spell_and_never_split_a_character() {
        assert_eq!(regular_forms("CARRY"), ["CARRIES", "CARRIED", "CARRYING"]);
        assert_eq!(regular_forms("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
        assert_eq!(regular_forms("SEIZE"), ["SEIZES", "SEIZED", "SEIZING"]);
        assert_eq!(regular_forms("CAFÉ").len(), 3);
    }

    #[test]
    fn patterns_keep_sides_order_and_joins() {
        let (p, _) = parse_pattern(" SO IN_AND_*_OUT_AGAIN NOW [074]", 1).unwrap();
        assert_eq!(kinds(&p.upper), ["_AND", "_IN", " SO"]);
        assert_eq!(kinds(&p.lower), ["_OUT", "_AGAIN", " NOW"]);
        let (p, _) = parse_pattern(" + KNOWN_ * IN_ $  [076]", 1).unwrap();
        assert_eq!(kinds(&p.upper), [" KNOWN", " +"]);
        assert_eq!(kinds(&p.lower), [" IN", " $"]);
        let (p, _) = parse_pattern(" &NEGATVAUXVRB_WANT * OVER EFFORTS  [908]", 1).unwrap();
        assert_eq!(kinds(&p.upper), [" WANT", "_&NEGATVAUXVRB"]);
        assert_eq!(p.codes.forward.as_deref(), Some("908"));
        let (p, g) = parse_pattern(" * (TO {BANNED PARTIES}) $ [1722]", 1).unwrap();
        assert!(g);
        assert_eq!(kinds(&p.lower), [" TO", " BANNED", " PARTIES", " $"]);
        assert_eq!(
            parse_pattern(" * FXLL [+++]", 1).unwrap_err(),
            Reason::NonNumericEventCode
        );
        assert_eq!(
            parse_codes("032:033").unwrap().reverse.as_deref(),
            Some("033")
        );
        assert!(parse_codes("---").unwrap().is_null());
    }

    #[test]
    fn blocks_verbs_forms_and_synsets() {
        let (d, v) = read(
            "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n&ACC_\n+&TIETYPES\n+CLOSER\n\n\
             --- BREAK [1717] ---\nBREAK { BROKE BROKEN  }\n+BREAK_DOWN {+BREAKS_DOWN +BROKEN_DOWN }\n\
             WIRE_+TAP\n- * &TIETYPES TIES [902]\n- * &NOPE [010]\n~ a (b . ATTACK) SAY = a b 112\n\
             --- DEPART [032] ---\nDEPART\nDENY [140]\n",
        );
        assert_eq!(d.synsets["&TIETYPES"].len(), 4, "{:?}", d.synsets);
        assert!(d.synsets["&ACC"].iter().any(|p| p.words == ["MILITARY"]));
        assert!(!d.synsets["&ACC"].iter().any(|p| p.words == ["CLOSERS"]));
        let b = &d.blocks[0];
        let forms: Vec<String> = b
            .verbs
            .iter()
            .flat_map(|v| &v.forms)
            .map(|f| f.words.join("_"))
            .collect();
        assert_eq!(
            forms,
            [
                "BREAK",
                "BROKE",
                "BROKEN",
                "BREAK_DOWN",
                "BREAKS_DOWN",
                "BROKEN_DOWN",
                "WIRE_TAP",
                "WIRE_TAPS",
                "WIRE_TAPED",
                "WIRE_TAPING"
            ]
        );
        assert_eq!(b.verbs[2].forms[0].head, 1);
        assert_eq!(b.patterns.len(), 1, "the pattern naming &NOPE is skipped");
        let reasons: Vec<_> = v.iter().map(|d| (d.line, d.reason)).collect();
        assert_eq!(
            reasons,
            [
                (15, Reason::TransformationRule),
                (14, Reason::UndefinedSynset)
            ]
        );
        let dep: Vec<&str> = d.blocks[1].verbs[0]
            .forms
            .iter()
            .map(|f| f.words[0].as_str())
            .collect();
        assert_eq!(dep, ["DEPART", "DEPARTS", "DEPARTED", "DEPARTING"]);
        let deny: Vec<&str> = d.blocks[1].verbs[1]
            .forms
            .iter()
            .map(|f| f.words[0].as_str())
            .collect();
        assert_eq!(deny, ["DENY", "DENIES", "DENIED", "DENYING"]);
    }
}
