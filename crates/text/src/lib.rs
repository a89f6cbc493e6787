//! Sentences and tokens, with byte offsets into the original text.
//!
//! Design: nothing here copies or rewrites the document. A sentence is a [`Span`], a token is a
//! [`Span`] and a kind; folding (case, apostrophes) happens when a token is looked up, into a buffer
//! the caller owns, so the way back to the source is never lost and coding a sentence allocates
//! little. The splitter is rules, not a model: news wire abbreviations ("U.S.", "Gen.", "Jan.") and
//! initials do not end a sentence, closing quotes stay with their sentence, and a line break ends a
//! sentence unless the next line plainly continues it.
//!
//! ```
//! use dyad_text::{sentences, tokens};
//! let text = "Gen. Smith met U.S. officials on Jan. 5. \"We agreed,\" he said.";
//! let s: Vec<&str> = sentences(text).iter().map(|s| s.of(text)).collect();
//! assert_eq!(s, ["Gen. Smith met U.S. officials on Jan. 5.", "\"We agreed,\" he said."]);
//! let words: Vec<&str> = tokens(text, sentences(text)[1]).iter().map(|t| t.span.of(text)).collect();
//! assert_eq!(words, ["\"", "We", "agreed", ",", "\"", "he", "said", "."]);
//! ```

use dyad_types::Span;

pub mod clauses;
mod sentences;
mod tokens;

pub use sentences::sentences;
pub use tokens::{Token, TokenKind, fold_into, tokens};
