//! Actors: dictionary matches composed into the actors a sentence names, resolved against what the
//! document said before.
//!
//! Design: no parser. A noun phrase that names an actor is a run of dictionary matches joined only
//! by white space, a possessive or "of" ("Chinese President Xi Jinping", "South Korea's foreign
//! minister", "the foreign minister of Japan"); the run's code takes the country from its country
//! words, the role from its agent words, and a named office-holder's dated code overrides both.
//! Words that only make sense against the document ("Lee" alone, "the two sides", "both heads of
//! state", a sentence-initial "He") are resolved by a [`Memory`] that the coder keeps per document.
//! A place ("in Beijing", "Shanghai") is kept, marked as a place, so that the event stage can use it
//! as the host of a visit but never as the one who acts.
//!
//! ```
//! use dyad_actors::{Memory, recognize};
//! let dict = dyad_dict::Dictionaries::embedded().unwrap();
//! let text = "Chinese President Xi Jinping met South Korean business leaders.";
//! let sentence = dyad_types::Span::new(0, text.len());
//! let tokens = dyad_text::tokens(text, sentence);
//! let matches = dict.actors.find(text);
//! let mut memory = Memory::default();
//! let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5);
//! let found = recognize(&dict, text, &tokens, &matches, date, &mut memory);
//! let codes: Vec<&str> = found.iter().map(|m| m.actors[0].code.as_str()).collect();
//! assert_eq!(codes, ["CHNGOV", "KORBUS"]);
//! ```

mod memory;
mod phrase;

pub use memory::Memory;
pub use phrase::recognize;

use dyad_types::{ActorCode, Span};

/// One actor a mention refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Its code.
    pub code: ActorCode,
    /// Its name: an office-holder's full name, or the words of the text.
    pub name: String,
    /// Which entry named it, or how memory resolved it.
    pub rule: String,
}

/// How a mention came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// Named in the sentence ("Xi Jinping", "China", "South Korean business figures").
    Named,
    /// A country adjective with no agent after it ("Japanese aggression"): a weak actor.
    Adjective,
    /// Resolved from earlier sentences ("Lee", "the two sides", "He").
    Resolved,
    /// A place, not an actor ("in Beijing", "Shanghai").
    Place,
}

/// A phrase of the sentence that refers to one or more actors.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// Whom it refers to: one, or several for "China and South Korea" or "the two sides".
    pub actors: Vec<Actor>,
    /// How it came to be.
    pub kind: MentionKind,
    /// Followed by a possessive ("Xi's visit").
    pub possessive: bool,
}

impl Mention {
    /// True when the mention can act or be acted upon (not a mere place).
    pub fn is_actor(&self) -> bool {
        self.kind != MentionKind::Place
    }
}
