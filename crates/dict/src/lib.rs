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
#[error("{file}{}: {message}", if *.line > 0 { format!(":{line}") } else { String::new() })]
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
        Self::from_files(&Self::embedded_files())
    }

    /// The version of the built-in dictionaries, without compiling them (what `version` of
    /// [`Dictionaries::embedded`] would be).
    pub fn embedded_version() -> String {
        version_of(embedded::EMBEDDED.iter().map(|&(n, t)| (n, t)))
    }

    /// Read a `dictionaries/` folder laid out like the repository's.
    pub fn from_dir(dir: &Path) -> Result<Self, DictError> {
        Self::from_files(&read_dir(dir)?)
    }

    /// Compile from `(path under dictionaries/, contents)` pairs.
    pub fn from_files(files: &[(String, String)]) -> Result<Self, DictError> {
        Self::layered(files, &[])
    }

    /// The built-in dictionary files, as `(path under dictionaries/, contents)`.
    pub fn embedded_files() -> Vec<(String, String)> {
        embedded::EMBEDDED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    /// Compile a complete set of files with layers over it, in order: see [`Layer`].
    pub fn layered(files: &[(String, String)], layers: &[Layer]) -> Result<Self, DictError> {
        let mut all: Vec<(String, &str, usize)> = files
            .iter()
            .map(|(n, t)| (n.clone(), t.as_str(), 0))
            .collect();
        for (i, layer) in layers.iter().enumerate() {
            for (name, text) in &layer.files {
                let shown = format!("{}/{name}", layer.label.trim_end_matches('/'));
                if name == "cameo.tsv" {
                    // A converted folder carries dyad's codebook; anything else would change
                    // GDELT's Goldstein values and QuadClasses under the user's feet.
                    if files.iter().any(|(n, t)| n == name && t == text) {
                        continue;
                    }
                    return Err(DictError {
                        file: shown,
                        line: 0,
                        message: "the CAMEO codebook cannot be layered (codes, Goldstein values and QuadClasses are GDELT's): remove this file from the layer".into(),
                    });
                }
                if !Layer::KNOWN.contains(&name.as_str())
                    && !name.starts_with("people/")
                    && !name.starts_with("verbs/")
                {
                    return Err(DictError {
                        file: shown,
                        line: 0,
                        message: format!(
                            "not a dictionary file: a layer holds {}, people/*.tsv or verbs/*.tsv",
                            Layer::KNOWN.join(", ")
                        ),
                    });
                }
                all.push((shown, text.as_str(), i + 1));
            }
        }
        // Files are found by their path under dictionaries/, whichever layer they come from.
        let base_name = |shown: &str, layer: usize| -> String {
            match layer {
                0 => shown.to_string(),
                l => {
                    let label = layers[l - 1].label.trim_end_matches('/');
                    shown[label.len() + 1..].to_string()
                }
            }
        };
        let named = |name: &str| -> Vec<actors::Source<'_>> {
            all.iter()
                .filter(|(n, _, l)| base_name(n, *l) == name)
                .map(|(n, t, l)| actors::Source {
                    name: n,
                    text: t,
                    layer: *l,
                })
                .collect()
        };
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
        for (name, text, layer) in all
            .iter()
            .filter(|(n, _, l)| base_name(n, *l).starts_with("people/"))
        {
            people.parse_layer(name, text, *layer)?;
        }
        for name in Layer::KNOWN {
            get(name)?;
        }
        let sources = actors::ActorSources {
            countries: named("countries.tsv"),
            cities: named("cities.tsv"),
            organizations: named("organizations.tsv"),
            agents: named("agents.tsv"),
            surnames_not_alone: named("surnames-not-alone.tsv"),
        };
        let actors = ActorDictionary::build(&sources, &people)?;
        let verb_files: Vec<(&str, &str, usize)> = all
            .iter()
            .filter(|(n, _, l)| base_name(n, *l).starts_with("verbs/"))
            .map(|(n, t, l)| (n.as_str(), *t, *l))
            .collect();
        let verbs = VerbDictionary::build_layered(&verb_files, &codebook)?;
        Ok(Dictionaries {
            codebook,
            people,
            actors,
            verbs,
            version: version_of(all.iter().map(|(n, t, _)| (n.as_str(), *t))),
        })
    }
}

/// Dictionary files laid over a complete set: a user's additions and corrections, kept apart from
/// dyad's own files. A layer holds any of the actor files, `people/*.tsv` and `verbs/*.tsv`, in
/// the same format (no file is required). Its entries are added, and where a layer repeats an
/// entry of an earlier one it wins: the same actor name, the same person (all of their terms are
/// replaced), the same verb pattern (its code changes; the code `-` removes it). Evidence names a
/// layer's files by its label ("mine/verbs/04.tsv:3"), and the dictionary version covers them.
#[derive(Clone, Debug)]
pub struct Layer {
    /// How evidence names the layer's files: usually the folder as the user gave it.
    pub label: String,
    /// `(path within the layer, contents)`.
    pub files: Vec<(String, String)>,
}

impl Layer {
    /// The actor files a layer may hold, besides `people/*.tsv` and `verbs/*.tsv`.
    pub const KNOWN: [&'static str; 5] = [
        "countries.tsv",
        "cities.tsv",
        "organizations.tsv",
        "agents.tsv",
        "surnames-not-alone.tsv",
    ];

    /// Reads a folder as a layer, labelled by its path.
    pub fn from_dir(dir: &Path) -> Result<Layer, DictError> {
        Ok(Layer {
            label: dir.display().to_string(),
            files: read_dir(dir)?,
        })
    }
}

/// Every `.tsv` file under `dir`, as `(path under dir, contents)`, sorted by path.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, DictError> {
    let mut files = Vec::new();
    read_dir_into(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
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

/// FNV-1a over file names and contents, as 16 hex digits: stable across builds and platforms.
/// What [`Dictionaries::version`] is made of.
pub fn version_of<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> String {
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

    fn layer(files: &[(&str, &str)]) -> Layer {
        Layer {
            label: "mine/".into(),
            files: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_layer_adds_and_overrides_entries() {
        let base = Dictionaries::embedded_files();
        let d = Dictionaries::layered(
            &base,
            &[layer(&[
                (
                    "countries.tsv",
                    "# a made-up state\nXFR\tFreedonia\t\tFreedonian\t\n",
                ),
                ("cities.tsv", "Seoul\tKOR\t\n"),
                (
                    "people/mine.tsv",
                    "Rufus Firefly\t\tFirefly\tXFRGOV\t1933-11-17\t\tLeader\n",
                ),
                (
                    "cameo.tsv",
                    &base.iter().find(|(n, _)| n == "cameo.tsv").unwrap().1,
                ),
            ])],
        )
        .unwrap();
        let kinds = |text: &str| -> Vec<(EntryKind, String)> {
            d.actors
                .find(text)
                .iter()
                .flat_map(|m| m.entries.iter().map(|e| (e.kind.clone(), e.rule.clone())))
                .collect()
        };
        let code = |s: &str| s.parse::<dyad_types::ActorCode>().unwrap();
        assert_eq!(
            kinds("a Freedonian said"),
            [(
                EntryKind::Adjective(code("XFR")),
                "mine/countries.tsv:2".into()
            )]
        );
        assert_eq!(
            kinds("in Seoul"),
            [(EntryKind::City(code("KOR")), "mine/cities.tsv:1".into())],
            "the layer's entry replaces the base's capital"
        );
        assert!(
            matches!(kinds("Rufus Firefly")[0].0, EntryKind::Person(_)),
            "{:?}",
            kinds("Rufus Firefly")
        );
        assert!(
            kinds("South Korea")
                .iter()
                .all(|(_, r)| r.starts_with("countries.tsv:")),
            "the base's entries stay"
        );
        assert_ne!(d.version, Dictionaries::embedded_version());
    }

    #[test]
    fn a_layer_names_what_it_cannot_take() {
        let base = Dictionaries::embedded_files();
        let e = Dictionaries::layered(&base, &[layer(&[("actors.tsv", "X\n")])]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("mine/actors.tsv", 0));
        assert!(e.message.contains("not a dictionary file"), "{}", e.message);
        let e = Dictionaries::layered(&base, &[layer(&[("cameo.tsv", "010\t01\tX\t0\t1\tX\n")])])
            .unwrap_err();
        assert!(
            e.message.contains("codebook cannot be layered"),
            "{}",
            e.message
        );
        let e =
            Dictionaries::layered(&base, &[layer(&[("agents.tsv", "\nGov\tfoo\n")])]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("mine/agents.tsv", 2));
    }

    #[test]
    fn a_missing_file_is_named() {
        let e = Dictionaries::from_files(&[]).unwrap_err();
        assert_eq!(e.file, "cameo.tsv");
    }
}
