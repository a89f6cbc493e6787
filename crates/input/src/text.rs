//! Plain text and Markdown: the whole file is one document, after its front matter.

use crate::detect::{TEXT, strip_extension};
use crate::frontmatter::{self, FrontMatter};
use crate::{InputError, Item, Origin, TextOptions, whole};
use dyad_types::{DocId, Document};

/// The document in a plain-text file.
pub(crate) fn document(bytes: &[u8], origin: &Origin, opts: &TextOptions) -> Item {
    let text = whole::utf8(bytes, &origin.file)?;
    let (fm, body) = match frontmatter::split(text) {
        Ok(Some((fm, at))) => (fm, &text[at..]),
        Ok(None) => (FrontMatter::default(), text),
        Err(m) => {
            return Err(InputError {
                file: origin.file.clone(),
                line: Some(m.line),
                message: m.message,
            });
        }
    };
    if body.trim().is_empty() {
        return Err(InputError::file(&origin.file, "empty: no text to code"));
    }
    let id = opts
        .id
        .clone()
        .or(fm.id)
        .unwrap_or_else(|| strip_extension(&origin.id, TEXT));
    Ok(Document {
        id: DocId(id),
        published: fm.published.or(opts.published),
        title: fm.title,
        url: fm.url,
        source: fm.source,
        text: body.to_string(),
    })
}
