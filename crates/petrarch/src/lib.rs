//! PETRARCH-2 and TABARI dictionaries: read them, check them, convert them, code with them.
//!
//! Design: PETRARCH dictionaries are coded by **a PETRARCH-style shallow pattern engine of their
//! own** ([`Coder`]), not compiled into dyad's `Dictionaries` and run through dyad's coder. Two
//! reasons. First, their semantics differ from dyad's in ways that decide the suite: a verb
//! pattern has words *before* the verb (`INDICATED WOULD * NOW`), explicit source and target
//! slots (`+ WAS * DEAD IN $`), reciprocal compounds (`% HAVE *`), code pairs for the actor acted
//! upon (`[032:033]`), first-match-in-file-order instead of longest match, and actors whose code
//! depends on the sentence's date; dyad's model has none of these, and bending it would change
//! how dyad's own dictionaries code. Second, PETRARCH codes (`174K`, `---GOV`) are not all valid
//! dyad codes: the engine keeps them as text ([`Coded`]), which is what the PETRARCH unit tests
//! compare, and turns into a dyad [`dyad_types::Event`] only what dyad can hold
//! ([`Coded::to_event`]). The engine uses `dyad-text` for sentences and tokens, so every event
//! still points at byte spans of the document.
//!
//! Reading never drops a line silently: what a reader cannot interpret, or interprets only in
//! part, becomes a [`Diagnostic`] with file, line and [`Reason`].
//!
//! ```
//! use dyad_petrarch::{Coder, Dictionaries};
//! let dicts = Dictionaries::from_files(&[
//!     ("x.actors.txt".into(), "ARNOR [ARN]\nGONDOR [GON]\n".into()),
//!     ("x.agents.txt".into(), "GOVERNMENT [~GOV]\n".into()),
//!     ("x.verbs.txt".into(), "--- RESTORE [064] ---\nRESTORE\n- * FULL_TIES [065]\n".into()),
//! ]);
//! assert!(dicts.diagnostics.is_empty());
//! let coder = Coder::new(&dicts);
//! let doc = dyad_types::Document::new("d", "The Arnor government restored ties with Gondor.");
//! let ev = coder.code(&doc);
//! assert_eq!((ev[0].source.as_str(), ev[0].target.as_str(), ev[0].code.as_str()), ("ARNGOV", "GON", "064"));
//! ```

mod actors;
mod agents;
mod convert;
mod diag;
mod discards;
mod engine;
mod issues;
mod source;
mod verbs;

pub use actors::{ActorEntry, CodeRule, Validity};
pub use agents::AgentEntry;
pub use convert::{Conversion, Skipped, convert};
pub use diag::{Diagnostic, Reason};
pub use discards::Discard;
pub use engine::{Coded, Coder, Options};
pub use issues::IssuePhrase;
pub use source::Phrase;
pub use verbs::{Codes, Elem, ElemKind, Pattern, Verb, VerbBlock, VerbDictionary, VerbForm};

use diag::Diags;
use std::path::Path;

/// `[A:B]` as written.
fn show(c: &Codes) -> String {
    let one = |x: &Option<String>| x.clone().unwrap_or_else(|| "---".into());
    match &c.reverse {
        Some(_) => format!("{}:{}", one(&c.forward), one(&c.reverse)),
        None => one(&c.forward),
    }
}

/// What a dictionary file holds, told by its name as PETRARCH's configuration names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `*actors*`.
    Actors,
    /// `*agents*`.
    Agents,
    /// `*verbs*`, `CAMEO*`.
    Verbs,
    /// `*discards*`.
    Discards,
    /// `*issue*`.
    Issues,
}

impl FileKind {
    /// The kind of a file name, if it is a dictionary.
    pub fn of(name: &str) -> Option<FileKind> {
        let n = name.to_ascii_lowercase();
        Some(if n.contains("actor") {
            FileKind::Actors
        } else if n.contains("agent") {
            FileKind::Agents
        } else if n.contains("discard") {
            FileKind::Discards
        } else if n.contains("issue") {
            FileKind::Issues
        } else if n.contains("verb") || n.starts_with("cameo") {
            FileKind::Verbs
        } else {
            return None;
        })
    }
}

/// A folder of dictionaries that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The folder or a file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// What could not be read.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// No actor or no verb file: nothing could be coded.
    #[error(
        "{0}: no {1} file (PETRARCH names them *actors*, *agents*, *verbs* or CAMEO*, *discards*, *issues*)"
    )]
    Missing(String, &'static str),
}

/// Every dictionary of a folder, read, with the diagnostics of every line not fully understood.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// Actors, from every actor file in name order.
    pub actors: Vec<ActorEntry>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Verbs, synsets and patterns (several verb files are merged in name order).
    pub verbs: VerbDictionary,
    /// Discard phrases.
    pub discards: Vec<Discard>,
    /// Issue phrases (read and checked; dyad's event record has no issue field).
    pub issues: Vec<IssuePhrase>,
    /// The files read and what each is.
    pub files: Vec<(String, FileKind)>,
    /// Lines not (fully) understood, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Dictionaries {
    /// Read every dictionary file of `dir` (not recursively). Files whose names say nothing of
    /// their kind are skipped and listed as [`Reason::UnrecognizedLine`] at line 0.
    pub fn load(dir: &Path) -> Result<Self, LoadError> {
        let io = |p: &Path, e| LoadError::Io {
            path: p.display().to_string(),
            source: e,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
            let p = entry.map_err(|e| io(dir, e))?.path();
            if !p.is_file() {
                continue;
            }
            let bytes = std::fs::read(&p).map_err(|e| io(&p, e))?;
            // Old dictionaries are Latin-1 here and there: read lossily rather than refuse.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((name, text));
        }
        files.sort();
        let d = Self::from_files(&files);
        let shown = dir.display().to_string();
        if !d.files.iter().any(|f| f.1 == FileKind::Actors) {
            return Err(LoadError::Missing(shown, "actor"));
        }
        if !d.files.iter().any(|f| f.1 == FileKind::Verbs) {
            return Err(LoadError::Missing(shown, "verb"));
        }
        Ok(d)
    }

    /// Read `(file name, contents)` pairs; the kind of each comes from its name.
    pub fn from_files(files: &[(String, String)]) -> Self {
        let mut d = Dictionaries::default();
        for (name, text) in files {
            let mut diags = Diags {
                file: name,
                out: &mut d.diagnostics,
            };
            let Some(kind) = FileKind::of(name) else {
                diags.add(
                    0,
                    Reason::UnrecognizedLine,
                    "not a dictionary file name: skipped",
                );
                continue;
            };
            match kind {
                FileKind::Actors => d.actors.extend(actors::parse(text, &mut diags)),
                FileKind::Agents => d.agents.extend(agents::parse(text, &mut diags)),
                FileKind::Discards => d.discards.extend(discards::parse(text, &mut diags)),
                FileKind::Issues => d.issues.extend(issues::parse(text, &mut diags)),
                FileKind::Verbs => {
                    let v = verbs::parse(text, &mut diags);
                    d.verbs.synsets.extend(v.synsets);
                    d.verbs.blocks.extend(v.blocks);
                }
            }
            d.files.push((name.clone(), kind));
        }
        d.flag_redefined_verbs();
        d
    }

    /// Add a [`Reason::NotACameoCode`] diagnostic for every verb or pattern code that `is_cameo`
    /// does not accept (dyad passes its codebook).
    pub fn check_codes(&mut self, is_cameo: impl Fn(&str) -> bool) {
        let file = self.verbs_file();
        let mut add = Vec::new();
        for b in &self.verbs.blocks {
            let mut check = |c: &Codes, line: usize, text: String| {
                for code in [&c.forward, &c.reverse].into_iter().flatten() {
                    if !is_cameo(code) {
                        add.push(Diagnostic {
                            file: file.clone(),
                            line,
                            reason: Reason::NotACameoCode,
                            text: text.clone(),
                        });
                        break;
                    }
                }
            };
            check(
                &b.code,
                b.line,
                format!("--- {} [{}] ---", b.name, show(&b.code)),
            );
            for v in &b.verbs {
                if let Some(c) = &v.code {
                    check(
                        c,
                        v.line,
                        format!("{} [{}]", v.forms[0].words.join("_"), show(c)),
                    );
                }
            }
            for p in &b.patterns {
                check(&p.codes, p.line, format!("- {}", p.text));
            }
        }
        self.diagnostics.extend(add);
    }

    /// The name of the verb file (diagnostics about verbs name it), or "" when none was read.
    fn verbs_file(&self) -> String {
        self.files
            .iter()
            .find(|f| f.1 == FileKind::Verbs)
            .map(|f| f.0.clone())
            .unwrap_or_default()
    }

    fn flag_redefined_verbs(&mut self) {
        let mut seen = std::collections::HashMap::new();
        let file = self.verbs_file();
        for b in &self.verbs.blocks {
            for v in &b.verbs {
                let key = v.forms[0].words.join(" ");
                if let Some(prev) = seen.insert(key.clone(), v.line) {
                    self.diagnostics.push(Diagnostic {
                        file: file.clone(),
                        line: v.line,
                        reason: Reason::VerbRedefined,
                        text: format!("{key} (also line {prev})"),
                    });
                }
            }
        }
    }
}
