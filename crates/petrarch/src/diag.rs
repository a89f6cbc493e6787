//! Diagnostics: every line the readers could not interpret, or interpret only in part.

use std::fmt;

/// Why a line was not (fully) understood. A closed set, so `dyad dict check` can group by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// `<!--` without a closing `-->`: the rest of the file was read as a comment.
    UnterminatedComment,
    /// A `[...]` code that is not closed, empty, or not a code.
    MalformedCode,
    /// A date restriction that is not `<DATE`, `>DATE` or `DATE-DATE` (dates `YYYYMMDD` or `YYMMDD`).
    MalformedDate,
    /// A synonym (`+…`) or date restriction with no entry above it.
    OrphanLine,
    /// An actor entry with neither a code nor a date restriction: it is never coded.
    EntryWithoutCode,
    /// A code written in lower case: read upper-cased.
    LowerCaseCode,
    /// A pattern outside any verb block (no `---` header above it).
    PatternOutsideBlock,
    /// A pattern without the `*` that stands for the verb.
    PatternWithoutVerb,
    /// A pattern naming a synset that is defined nowhere in the file: the pattern is skipped.
    UndefinedSynset,
    /// An event code that does not start with two digits (`[+++]`, `[xxy]`): the pattern is skipped.
    NonNumericEventCode,
    /// An event code that is not in the CAMEO codebook (`174K`, `903`): coded as written, but such
    /// events cannot become dyad event records, which only hold CAMEO codes.
    NotACameoCode,
    /// PETRARCH-2's `{…}` noun-phrase and `(…)` prepositional-phrase groups need a parse tree:
    /// matched here as words in order, with gaps.
    PhraseGroupAsWordOrder,
    /// PETRARCH-2's verb transformation rules (`~ a (b . ATTACK) SAY = a b 112`) need a parse
    /// tree: skipped.
    TransformationRule,
    /// A verb defined in more than one block: the later block's code is used for the verb alone.
    VerbRedefined,
    /// A verb with no letters, or otherwise not a verb entry.
    MalformedVerb,
    /// An agent entry without a `~` in its code (`[~GOV]` adds after the actor, `[NGO~]` before).
    AgentWithoutTilde,
    /// A line of a kind the reader does not know.
    UnrecognizedLine,
}

impl Reason {
    /// What it means, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::UnterminatedComment => {
                "unterminated <!-- comment: the rest of the file is skipped"
            }
            Reason::MalformedCode => "malformed [code]: line skipped",
            Reason::MalformedDate => "malformed date restriction: line skipped",
            Reason::OrphanLine => "synonym or restriction with no entry above it: skipped",
            Reason::EntryWithoutCode => "entry with no code and no date restriction: never coded",
            Reason::LowerCaseCode => "lower-case code: read upper-cased",
            Reason::PatternOutsideBlock => "pattern outside a verb block: skipped",
            Reason::PatternWithoutVerb => "pattern without `*`: skipped",
            Reason::UndefinedSynset => "pattern names an undefined synset: skipped",
            Reason::NonNumericEventCode => {
                "event code does not start with two digits: pattern skipped"
            }
            Reason::NotACameoCode => {
                "event code not in the CAMEO codebook: coded as written, not writable as a dyad event"
            }
            Reason::PhraseGroupAsWordOrder => {
                "{…}/(…) phrase groups need a parse tree: matched as words in order"
            }
            Reason::TransformationRule => {
                "PETRARCH-2 transformation rule needs a parse tree: skipped"
            }
            Reason::VerbRedefined => {
                "verb defined in several blocks: the last block's code is used"
            }
            Reason::MalformedVerb => "malformed verb entry: skipped",
            Reason::AgentWithoutTilde => {
                "agent code without `~`: read as a role added after the actor"
            }
            Reason::UnrecognizedLine => "line not understood: skipped",
        }
    }

    /// True when the line was still used (read with an approximation), false when it was dropped.
    pub fn is_partial(self) -> bool {
        matches!(
            self,
            Reason::LowerCaseCode
                | Reason::NotACameoCode
                | Reason::PhraseGroupAsWordOrder
                | Reason::VerbRedefined
                | Reason::AgentWithoutTilde
                | Reason::EntryWithoutCode
        )
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// One line a reader could not interpret, or interpreted only in part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as given to the reader.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// Why.
    pub reason: Reason,
    /// The line as written (trimmed).
    pub text: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.reason, self.text
        )
    }
}

/// Collects diagnostics for one file.
pub(crate) struct Diags<'a> {
    pub file: &'a str,
    pub out: &'a mut Vec<Diagnostic>,
}

impl Diags<'_> {
    pub fn add(&mut self, line: usize, reason: Reason, text: &str) {
        self.out.push(Diagnostic {
            file: self.file.to_string(),
            line,
            reason,
            text: text.trim().to_string(),
        });
    }
}
