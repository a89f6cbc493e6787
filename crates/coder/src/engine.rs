//! Which coder codes: dyad's own [`Coder`] with its dictionaries (built in, or a folder in dyad's
//! format), or PETRARCH-2/TABARI dictionaries coded by [`dyad_petrarch::Coder`], picked by the
//! `petrarch:` prefix of a dictionaries spec.
//!
//! It lives here, beside the coder, rather than in the binary, because every front end that codes
//! takes the same spec and must say the same things when it cannot load: `dyad code`, `dyad eval`
//! and the Python package (`python/`) all load through [`Engine::load`].

use crate::{Coder, DictError, Dictionaries};
use dyad_types::{Document, Event};
use std::path::{Path, PathBuf};

/// Dictionaries that could not be loaded. The message names what was being read; its
/// [`source`](std::error::Error::source) chain says why (file, line, what is wrong).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A folder of dictionaries in dyad's format.
    #[error("reading dictionaries from {}", .dir.display())]
    Dir {
        /// The folder.
        dir: PathBuf,
        /// What is wrong in it.
        #[source]
        source: DictError,
    },
    /// The dictionaries built into dyad (a build problem, not a user's).
    #[error("the built-in dictionaries")]
    Embedded(#[source] DictError),
    /// A folder of PETRARCH dictionaries.
    #[error("reading PETRARCH dictionaries from {dir}")]
    Petrarch {
        /// The folder, as given after `petrarch:`.
        dir: String,
        /// What is wrong with it.
        #[source]
        source: dyad_petrarch::LoadError,
    },
    /// The CAMEO codebook built into dyad, which PETRARCH dictionaries are coded against.
    #[error("the built-in CAMEO codebook")]
    Codebook(#[source] DictError),
    /// A folder of dictionaries to lay over the others (see [`dyad_dict::Layer`]).
    #[error("reading the dictionaries to add from {}", .dir.display())]
    Layer {
        /// The folder.
        dir: PathBuf,
        /// What is wrong in it.
        #[source]
        source: DictError,
    },
    /// The layers do not fit over the dictionaries below them.
    #[error("laying the added dictionaries over the others")]
    Layering(#[source] DictError),
    /// Layers are in dyad's format; PETRARCH dictionaries take none.
    #[error(
        "added dictionaries are laid over dyad's; with petrarch:{dir}, add your files to that folder, or convert it first (`dyad dict convert petrarch:{dir} -o DIR`) and use DIR"
    )]
    LayersOverPetrarch {
        /// The PETRARCH folder.
        dir: String,
    },
    /// A PETRARCH folder where only dyad's format will do.
    #[error(
        "{spec}: this codes with dyad's engine only; convert the PETRARCH dictionaries first (`dyad dict convert {spec} -o DIR`) and use DIR"
    )]
    NotDyads {
        /// The spec as given.
        spec: String,
    },
}

impl Coder {
    /// A coder with the dictionaries of `dir` (dyad's format), or the built-in ones.
    pub fn load(dir: Option<&Path>) -> Result<Coder, LoadError> {
        Coder::load_layered(dir, &[])
    }

    /// A coder with the dictionaries of `dir` (dyad's format), or the built-in ones, and the
    /// folders of `layers` laid over them in order ([`dyad_dict::Layer`]: their entries add to
    /// and override the ones below).
    pub fn load_layered(dir: Option<&Path>, layers: &[PathBuf]) -> Result<Coder, LoadError> {
        if let Some(spec) = dir
            .map(|d| d.to_string_lossy())
            .filter(|d| d.starts_with("petrarch:"))
        {
            return Err(LoadError::NotDyads {
                spec: spec.into_owned(),
            });
        }
        let dict = match (dir, layers.is_empty()) {
            (Some(d), true) => Dictionaries::from_dir(d).map_err(|source| LoadError::Dir {
                dir: d.to_path_buf(),
                source,
            })?,
            (None, true) => Dictionaries::embedded().map_err(LoadError::Embedded)?,
            (dir, false) => {
                let base = match dir {
                    Some(d) => dyad_dict::read_dir(d).map_err(|source| LoadError::Dir {
                        dir: d.to_path_buf(),
                        source,
                    })?,
                    None => Dictionaries::embedded_files(),
                };
                let layers = layers
                    .iter()
                    .map(|l| {
                        dyad_dict::Layer::from_dir(l).map_err(|source| LoadError::Layer {
                            dir: l.clone(),
                            source,
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Dictionaries::layered(&base, &layers).map_err(LoadError::Layering)?
            }
        };
        Ok(Coder::new(dict))
    }
}

/// The coder a command codes with: dyad's own, or PETRARCH dictionaries (`petrarch:DIR`).
pub enum Engine {
    /// dyad's coder with its dictionaries.
    Dyad(Box<Coder>),
    /// PETRARCH dictionaries and dyad's CAMEO codebook (Goldstein, QuadClass, PLOVER).
    Petrarch {
        /// The compiled PETRARCH dictionaries.
        coder: Box<dyad_petrarch::Coder>,
        /// dyad's CAMEO codebook.
        codebook: Box<dyad_dict::Codebook>,
        /// The folder's name, to tell reports apart.
        label: String,
        /// What the coder is made of; the dictionary version hashes the folder's files.
        config: crate::CoderConfig,
    },
}

impl Engine {
    /// `None`: the built-in dictionaries; `DIR`: dyad's format; `petrarch:DIR`: PETRARCH's.
    pub fn load(spec: Option<&str>) -> Result<Engine, LoadError> {
        Engine::load_layered(spec, &[])
    }

    /// As [`Engine::load`], with folders in dyad's format laid over dyad's dictionaries
    /// ([`Coder::load_layered`]); PETRARCH dictionaries take none.
    pub fn load_layered(spec: Option<&str>, layers: &[PathBuf]) -> Result<Engine, LoadError> {
        let Some(dir) = spec.and_then(|s| s.strip_prefix("petrarch:")) else {
            return Ok(Engine::Dyad(Box::new(Coder::load_layered(
                spec.map(Path::new),
                layers,
            )?)));
        };
        if !layers.is_empty() {
            return Err(LoadError::LayersOverPetrarch {
                dir: dir.to_string(),
            });
        }
        let dicts = dyad_petrarch::Dictionaries::load(dir.as_ref()).map_err(|source| {
            LoadError::Petrarch {
                dir: dir.to_string(),
                source,
            }
        })?;
        let codebook = Dictionaries::embedded()
            .map_err(LoadError::Codebook)?
            .codebook;
        let label = Path::new(dir)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.to_string());
        // The version the store records: the files' names and bytes, as for dyad's own.
        let mut files = Vec::new();
        for (name, _) in &dicts.files {
            let path = Path::new(dir).join(name);
            let bytes = std::fs::read(&path).map_err(|e| LoadError::Petrarch {
                dir: dir.to_string(),
                source: dyad_petrarch::LoadError::Io {
                    path: path.display().to_string(),
                    source: e,
                },
            })?;
            files.push((name.clone(), String::from_utf8_lossy(&bytes).into_owned()));
        }
        let config = crate::CoderConfig {
            dyad_version: env!("CARGO_PKG_VERSION").to_string(),
            dictionary_version: format!(
                "petrarch-{}",
                dyad_dict::version_of(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            ),
            actor_entries: dicts.actors.len(),
            verb_patterns: dicts.verbs.blocks.iter().map(|b| b.patterns.len()).sum(),
            people: 0,
        };
        Ok(Engine::Petrarch {
            coder: Box::new(dyad_petrarch::Coder::new(&dicts)),
            codebook: Box::new(codebook),
            label,
            config,
        })
    }

    /// What the engine is made of, as the store records it.
    pub fn config(&self) -> crate::CoderConfig {
        match self {
            Engine::Dyad(c) => c.config(),
            Engine::Petrarch { config, .. } => config.clone(),
        }
    }

    /// The events of a document, and how many PETRARCH events dyad's record cannot hold (a code
    /// outside the CAMEO codebook).
    pub fn code(&self, doc: &Document) -> (Vec<Event>, usize) {
        match self {
            Engine::Dyad(c) => (c.code(doc), 0),
            Engine::Petrarch {
                coder, codebook, ..
            } => {
                let coded = coder.code(doc);
                let events: Vec<_> = coded
                    .iter()
                    .filter_map(|c| c.to_event(doc, codebook))
                    .collect();
                let dropped = coded.len() - events.len();
                (events, dropped)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain of messages, as the binary prints it (`anyhow`'s `{:#}`).
    fn chain(e: &dyn std::error::Error) -> String {
        let mut out = e.to_string();
        let mut source = e.source();
        while let Some(s) = source {
            out.push_str(": ");
            out.push_str(&s.to_string());
            source = s.source();
        }
        out
    }

    #[test]
    fn a_missing_folder_is_named_with_what_was_being_read() {
        let Err(e) = Engine::load(Some("/nonexistent/dyad-dicts")) else {
            panic!("a missing folder loads");
        };
        let message = chain(&e);
        assert!(
            message.starts_with("reading dictionaries from /nonexistent/dyad-dicts: "),
            "{message}"
        );
        let Err(e) = Engine::load(Some("petrarch:/nonexistent/phoenix")) else {
            panic!("a missing PETRARCH folder loads");
        };
        let message = chain(&e);
        assert!(
            message.starts_with("reading PETRARCH dictionaries from /nonexistent/phoenix: "),
            "{message}"
        );
    }

    #[test]
    fn the_built_in_engine_codes_and_drops_nothing() {
        let engine = Engine::load(None).unwrap();
        let doc = Document::new("d", "Japan's foreign minister visited China.");
        let (events, dropped) = engine.code(&doc);
        assert_eq!(dropped, 0);
        assert_eq!(events[0].cameo.as_str(), "042");
    }
}
