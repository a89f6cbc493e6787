//! dyad's dictionaries, read from readable TSV files and compiled to automata once.
//!
//! Design: every dictionary is data (`dictionaries/` at the top of the repository, documented in
//! its README) and is embedded in the binary by the build script, so the coder needs no files at
//! run time; [`Dictionaries::from_dir`] reads an edited copy instead. Compiling happens once: the
//! actor names go into one Aho-Corasick automaton (leftmost-longest, ASCII case-insensitive, with a
//! case check per entry afterwards so that "us" is not the USA), and the verb patterns into a table
//! from every inflected word form to the base words it can be, with an index of patterns by their
//! first word. Coding a sentence then only looks things up. Every entry remembers its file and
//! line, which is what an event's evidence names.
//!
//! ```
//! let dict = dyad_dict::Dictionaries::embedded().unwrap();
//! let code: dyad_types::CameoCode = "042".parse().unwrap();
//! assert_eq!(dict.codebook.get(code).unwrap().goldstein.0, 1.9);
//! ```

mod actors;
mod codebook;
mod inflect;
mod people;
mod tsv;
mod verbs;

pub use actors::{ActorDictionary, ActorEntry, ActorMatch, CasePolicy, EntryKind};
pub use codebook::{CodeInfo, Codebook};
pub use inflect::forms;
pub use people::{People, Person, PersonId, Term};
pub use verbs::{Element, Pattern, PatternId, VerbDictionary, WordId};

use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// A dictionary file that could not be read: which file, which line, what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictError {
    /// Path under `dictionaries/`.
    pub file: String,
    /// Line number, from 1 (0 when the problem is the file as a whole).
    pub line: usize,
    /// What is wrong, and what would be right.
    pub message: String,
}

/// All dictionaries, compiled.
#[derive(Debug)]
pub struct Dictionaries {
    /// CAMEO codes with Goldstein, QuadClass and PLOVER.
    pub codebook: Codebook,
    /// Office-holders with dated terms.
    pub people: People,
    /// Countries, organisations, agents, people: one automaton.
    pub actors: ActorDictionary,
    /// Verb patterns.
    pub verbs: VerbDictionary,
    /// A short hash of every file's bytes: which dictionaries coded an event.
    pub version: String,
}

impl Dictionaries {
    /// The dictionaries built into this binary.
    pub fn embedded() -> Result<Self, DictError> {
        let files: Vec<(String, String)> = embedded::EMBEDDED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        Self::from_files(&files)
    }

    /// The version of the built-in dictionaries, without compiling them (what `version` of
    /// [`Dictionaries::embedded`] would be).
    pub fn embedded_version() -> String {
        version_of(embedded::EMBEDDED.iter().map(|&(n, t)| (n, t)))
    }

    /// Read a `dictionaries/` folder laid out like the repository's.
    pub fn from_dir(dir: &Path) -> Result<Self, DictError> {
        let mut files = Vec::new();
        read_dir_into(dir, dir, &mut files)?;
        files.sort();
        Self::from_files(&files)
    }

    /// Compile from `(path under dictionaries/, contents)` pairs.
    pub fn from_files(files: &[(String, String)]) -> Result<Self, DictError> {
        let get = |name: &str| -> Result<&str, DictError> {
            files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.as_str())
                .ok_or_else(|| DictError {
                    file: name.to_string(),
                    line: 0,
                    message: "missing dictionary file".into(),
                })
        };
        let codebook = Codebook::parse("cameo.tsv", get("cameo.tsv")?)?;
        let mut people = People::default();
        for (name, text) in files.iter().filter(|(n, _)| n.starts_with("people/")) {
            people.parse(name, text)?;
        }
        let actors = ActorDictionary::build(
            (
                get("countries.tsv")?,
                get("cities.tsv")?,
                get("organizations.tsv")?,
                get("agents.tsv")?,
                get("surnames-not-alone.tsv")?,
            ),
            &people,
        )?;
        let verb_files: Vec<(&str, &str)> = files
            .iter()
            .filter(|(n, _)| n.starts_with("verbs/"))
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let verbs = VerbDictionary::build(&verb_files, &codebook)?;
        Ok(Dictionaries {
            codebook,
            people,
            actors,
            verbs,
            version: version_of(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))),
        })
    }
}

fn read_dir_into(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String)>,
) -> Result<(), DictError> {
    let err = |p: &Path, e: std::io::Error| DictError {
        file: p.display().to_string(),
        line: 0,
        message: e.to_string(),
    };
    for entry in std::fs::read_dir(dir).map_err(|e| err(dir, e))? {
        let p = entry.map_err(|e| err(dir, e))?.path();
        if p.is_dir() {
            read_dir_into(root, &p, out)?;
        } else if p.extension().is_some_and(|x| x == "tsv") {
            let text = std::fs::read_to_string(&p).map_err(|e| err(&p, e))?;
            let name = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, text));
        }
    }
    Ok(())
}

/// FNV-1a over names and contents: stable across builds and platforms.
fn version_of<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for (n, t) in files {
        for b in n.bytes().chain([0]).chain(t.bytes()).chain([0]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionaries_compile() {
        let d = Dictionaries::embedded().unwrap();
        assert!(d.codebook.len() > 300);
        assert!(d.actors.len() > 100);
        assert_eq!(d.version.len(), 16);
        assert_eq!(Dictionaries::embedded_version(), d.version);
    }

    #[test]
    fn a_missing_file_is_named() {
        let e = Dictionaries::from_files(&[]).unwrap_err();
        assert_eq!(e.file, "cameo.tsv");
    }
}
