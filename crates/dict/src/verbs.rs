//! Verb patterns, compiled to a word-form table and an index by first word.

use crate::DictError;
use crate::codebook::Codebook;
use crate::inflect::forms;
use crate::tsv::{col, error, lines};
use dyad_types::CameoCode;
use std::collections::HashMap;

/// A base word of the patterns (an inflecting `word` and an exact `=word` are different words).
pub type WordId = u32;
/// Index of a pattern.
pub type PatternId = usize;

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Element {
    /// One word, any of these.
    Word(Vec<WordId>),
    /// Up to [`VerbDictionary::MAX_GAP`] words of any kind.
    Gap,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The event code it gives.
    pub code: CameoCode,
    /// Its elements; the first is a word (the trigger).
    pub elements: Vec<Element>,
    /// `file:line code pattern`, the evidence's rule.
    pub rule: String,
    /// How many words it names: more is more specific.
    pub words: usize,
}

/// The compiled verb dictionary.
#[derive(Debug, Default)]
pub struct VerbDictionary {
    forms: HashMap<String, Vec<WordId>>,
    words: HashMap<String, WordId>,
    patterns: Vec<Pattern>,
    by_first: HashMap<WordId, Vec<PatternId>>,
    /// Patterns a later layer overrode or removed: in `patterns` still (ids stay put), in no index.
    dropped: Vec<PatternId>,
}

impl VerbDictionary {
    /// The longest gap `*` stands for.
    pub const MAX_GAP: usize = 4;

    #[cfg(test)]
    pub(crate) fn build(files: &[(&str, &str)], codebook: &Codebook) -> Result<Self, DictError> {
        let layered: Vec<_> = files.iter().map(|&(f, t)| (f, t, 0)).collect();
        Self::build_layered(&layered, codebook)
    }

    /// Builds from `(file, text, layer)` in layer order. A pattern a later layer writes again (the
    /// same words) replaces the earlier one, so a layer can give it another code; the code `-`
    /// removes it.
    pub(crate) fn build_layered(
        files: &[(&str, &str, usize)],
        codebook: &Codebook,
    ) -> Result<Self, DictError> {
        let mut d = VerbDictionary::default();
        let mut by_text: HashMap<String, Vec<(PatternId, usize)>> = HashMap::new();
        for &(file, text, layer) in files {
            for (line, cols) in lines(text) {
                let text = col(&cols, 1);
                let key = text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                let earlier: Vec<PatternId> = by_text
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(|&&(_, l)| l < layer)
                    .map(|&(id, _)| id)
                    .collect();
                if col(&cols, 0) == "-" {
                    if earlier.is_empty() {
                        return Err(error(
                            file,
                            line,
                            format!(
                                "`-` removes a pattern of an earlier layer, and none is `{text}`"
                            ),
                        ));
                    }
                    d.drop_patterns(&earlier);
                    by_text.remove(&key);
                    continue;
                }
                let code: CameoCode = col(&cols, 0)
                    .parse()
                    .map_err(|e| error(file, line, format!("{e}")))?;
                if codebook.get(code).is_none() {
                    return Err(error(
                        file,
                        line,
                        format!("code {code} is not in the CAMEO codebook"),
                    ));
                }
                let elements = d.parse_pattern(text).map_err(|m| error(file, line, m))?;
                let words = elements
                    .iter()
                    .filter(|e| matches!(e, Element::Word(_)))
                    .count();
                d.drop_patterns(&earlier);
                let id = d.patterns.len();
                if let Some(Element::Word(first)) = elements.first() {
                    for w in first {
                        d.by_first.entry(*w).or_default().push(id);
                    }
                }
                d.patterns.push(Pattern {
                    code,
                    elements,
                    rule: format!("{file}:{line} {code} {text}"),
                    words,
                });
                let same = by_text.entry(key).or_default();
                same.retain(|&(_, l)| l >= layer);
                same.push((id, layer));
            }
        }
        Ok(d)
    }

    /// Takes patterns out of the index by first word.
    fn drop_patterns(&mut self, ids: &[PatternId]) {
        if ids.is_empty() {
            return;
        }
        for list in self.by_first.values_mut() {
            list.retain(|id| !ids.contains(id));
        }
        self.dropped.extend_from_slice(ids);
    }

    fn word_id(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.insert(word.to_string(), id);
        let surface: Vec<String> = match word.strip_prefix('=') {
            Some(exact) => vec![exact.to_string()],
            None => forms(word),
        };
        for f in surface {
            let ids = self.forms.entry(f).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        id
    }

    fn parse_pattern(&mut self, text: &str) -> Result<Vec<Element>, String> {
        let mut elements = Vec::new();
        for part in text.split_whitespace() {
            if part == "*" {
                if elements.is_empty() {
                    return Err("a pattern cannot begin with `*`".into());
                }
                elements.push(Element::Gap);
                continue;
            }
            let alts: Vec<&str> = part.split('|').filter(|a| !a.is_empty()).collect();
            let ids = alts
                .iter()
                .map(|a| self.word_id(&a.to_lowercase()))
                .collect();
            elements.push(Element::Word(ids));
        }
        match elements.last() {
            None => Err("empty pattern".into()),
            Some(Element::Gap) => Err("a pattern cannot end with `*`".into()),
            _ => Ok(elements),
        }
    }

    /// The base words a folded (lower-case) word form can be.
    pub fn words_of(&self, folded: &str) -> &[WordId] {
        self.forms.get(folded).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Is `folded` the word `word` as written in a pattern, not one of its inflected forms
    /// ("open-ended" written as such, where "attacked" is a form of "attack")?
    pub fn is_written(&self, folded: &str, word: WordId) -> bool {
        self.words.get(folded) == Some(&word)
            || self.words.get(&["=", folded].concat()) == Some(&word)
    }

    /// Patterns whose first element can be `word`.
    pub fn starting_with(&self, word: WordId) -> &[PatternId] {
        self.by_first.get(&word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A pattern by id.
    pub fn pattern(&self, id: PatternId) -> &Pattern {
        &self.patterns[id]
    }

    /// Number of patterns in use.
    pub fn len(&self) -> usize {
        self.patterns.len() - self.dropped.len()
    }

    /// True when no pattern is in use.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The codes that have at least one pattern in use.
    pub fn codes(&self) -> Vec<CameoCode> {
        let mut v: Vec<_> = self
            .patterns
            .iter()
            .enumerate()
            .filter(|(id, _)| !self.dropped.contains(id))
            .map(|(_, p)| p.code)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Codebook {
        Codebook::parse("c", "040\t04\tConsult\t1\t1\tCONSULT\n057\t05\tSign\t8\t1\tSUPPORT\n0871\t08\tTruce\t9\t2\tRETREAT\n").unwrap()
    }

    #[test]
    fn patterns_compile_with_forms_and_gaps() {
        let d = VerbDictionary::build(
            &[(
                "verbs/04.tsv",
                "040\thold * talks\n057\tsign * agreement|=deal\n0871\tdeclare cease-fire\n",
            )],
            &book(),
        )
        .unwrap();
        assert_eq!(d.len(), 3);
        let held = d.words_of("held");
        assert_eq!(held.len(), 1);
        let p = d.pattern(d.starting_with(held[0])[0]);
        assert_eq!(p.code.as_str(), "040");
        assert_eq!(p.words, 2);
        assert_eq!(p.elements[1], Element::Gap);
        assert_eq!(p.rule, "verbs/04.tsv:1 040 hold * talks");
        assert!(!d.words_of("agreements").is_empty());
        assert!(d.words_of("deals").is_empty(), "=deal is exact");
        assert_eq!(
            d.pattern(2).elements.len(),
            2,
            "cease-fire is one word, as the tokenizer makes it"
        );
        assert!(!d.words_of("cease-fires").is_empty());
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = VerbDictionary::build(&[("verbs/04.tsv", "040\ttalk\n040\t* talk\n")], &book())
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("verbs/04.tsv", 2));
        let e = VerbDictionary::build(&[("verbs/04.tsv", "099\ttalk\n")], &book()).unwrap_err();
        assert!(e.message.contains("not in the CAMEO codebook"));
    }

    #[test]
    fn a_later_layer_recodes_or_removes_a_pattern() {
        let d = VerbDictionary::build_layered(
            &[
                (
                    "verbs/04.tsv",
                    "040\thold * talks\n057\tsign * agreement\n",
                    0,
                ),
                ("verbs/05.tsv", "057\thold  *  TALKS\n", 0),
                (
                    "mine/verbs/x.tsv",
                    "0871\thold * talks\n-\tsign * agreement\n",
                    1,
                ),
            ],
            &book(),
        )
        .unwrap();
        let held = d.words_of("held")[0];
        let codes: Vec<_> = d
            .starting_with(held)
            .iter()
            .map(|&id| d.pattern(id).rule.as_str())
            .collect();
        assert_eq!(
            codes,
            ["mine/verbs/x.tsv:1 0871 hold * talks"],
            "both base patterns with these words give way to the layer's"
        );
        assert!(d.starting_with(d.words_of("signed")[0]).is_empty());
        assert_eq!(d.len(), 1);
        assert_eq!(d.codes().len(), 1);
        // Removing what no earlier layer has is an error that names the line.
        let e = VerbDictionary::build_layered(&[("mine/v.tsv", "-\tsign * treaty\n", 1)], &book())
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("mine/v.tsv", 1));
        assert!(e.message.contains("earlier layer"), "{}", e.message);
    }
}
