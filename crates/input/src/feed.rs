//! RSS and Atom feeds: each item is a document.

use crate::detect::{FEED, strip_extension};
use crate::{InputError, Item, Origin, TextOptions, html, whole};
use dyad_types::{DocId, Document};
use feed_rs::model::{Entry, Text};

/// What every item of one feed shares.
struct Feed<'a> {
    origin: &'a Origin,
    source: Option<String>,
    opts: &'a TextOptions,
}

/// The documents of a feed, one per item, or the errors of items without text; one error if the
/// file is not a feed.
pub(crate) fn documents(bytes: &[u8], origin: &Origin, opts: &TextOptions) -> Vec<Item> {
    if let Err(x) = std::str::from_utf8(bytes)
        && !declares_other_encoding(bytes)
    {
        return vec![Err(whole::utf8_error(bytes, x, &origin.file))];
    }
    if let Some(at) = late_declaration(bytes) {
        return vec![Err(InputError::file(
            &origin.file,
            format!(
                "not an RSS or Atom feed: an XML declaration (`<?xml`) at byte {at}, not at the start"
            ),
        ))];
    }
    // Items with neither guid nor id keep an empty id here (not a random one) and get `ID#N`.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let parsed = crate::guard(&origin.file, "feed", || {
        parser
            .parse(bytes)
            .map_err(|e| InputError::file(&origin.file, format!("not an RSS or Atom feed: {e}")))
    });
    let parsed = match parsed {
        Ok(f) => f,
        Err(e) => return vec![Err(e)],
    };
    if parsed.entries.is_empty() {
        return vec![Err(InputError::file(&origin.file, "a feed with no items"))];
    }
    let feed = Feed {
        origin,
        source: parsed
            .title
            .as_ref()
            .and_then(|t| text_of(t).ok().flatten()),
        opts,
    };
    parsed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| feed.item(e, i + 1))
        .collect()
}

impl Feed<'_> {
    /// Item `n` (from 1) as a document.
    fn item(&self, e: Entry, n: usize) -> Item {
        let error = |m: String| InputError::file(&self.origin.file, format!("item {n}: {m}"));
        let text = item_text(&e)
            .map_err(error)?
            .ok_or_else(|| error("no text (no content, summary or description)".into()))?;
        let url = link(&e);
        let id = url
            .clone()
            .or_else(|| Some(e.id.trim().to_string()).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| format!("{}#{n}", strip_extension(&self.origin.id, FEED)));
        Ok(Document {
            id: DocId(id),
            published: e
                .published
                .or(e.updated)
                .map(|t| t.date_naive())
                .or(self.opts.published),
            title: e.title.as_ref().and_then(|t| text_of(t).ok().flatten()),
            url,
            source: self.source.clone(),
            text,
        })
    }
}

/// The item's text: its content, else its summary (RSS `description`), as plain text.
fn item_text(e: &Entry) -> Result<Option<String>, String> {
    if let Some(body) = e.content.as_ref().and_then(|c| c.body.as_deref()) {
        let text = to_text(body)?;
        if !text.is_empty() {
            return Ok(Some(text));
        }
    }
    e.summary.as_ref().map_or(Ok(None), text_of)
}

/// The item's link: the first without a `rel` or with `rel="alternate"`, else the first.
fn link(e: &Entry) -> Option<String> {
    e.links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// A feed text field as plain text, if it has any.
fn text_of(t: &Text) -> Result<Option<String>, String> {
    Ok(Some(to_text(&t.content)?).filter(|s| !s.is_empty()))
}

/// Markup turned into text; text without markup is only trimmed.
fn to_text(s: &str) -> Result<String, String> {
    if s.contains(['<', '&']) {
        html::fragment_text(s)
    } else {
        Ok(s.trim().to_string())
    }
}

/// Where an XML declaration stands after the start (outside comments and CDATA), which is not
/// well-formed XML (and which makes quick-xml 0.42 panic when it names an encoding).
fn late_declaration(bytes: &[u8]) -> Option<usize> {
    let start = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let skip_to = |from: usize, end: &[u8]| {
        bytes[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(bytes.len(), |p| from + p + end.len())
    };
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + p;
        let rest = &bytes[at..];
        i = if rest.starts_with(b"<![CDATA[") {
            skip_to(at + 9, b"]]>")
        } else if rest.starts_with(b"<!--") {
            skip_to(at + 4, b"-->")
        } else {
            let declaration = rest.len() > 5
                && rest[..5].eq_ignore_ascii_case(b"<?xml")
                && (rest[5].is_ascii_whitespace() || rest[5] == b'?');
            if declaration && at != start {
                return Some(at);
            }
            at + 1
        };
    }
    None
}

/// Whether the XML declaration names an encoding other than UTF-8.
fn declares_other_encoding(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"<?xml") else {
        return false;
    };
    let decl = &rest[..rest.iter().position(|&b| b == b'>').unwrap_or(rest.len())];
    let decl = decl.to_ascii_lowercase();
    let Some(at) = decl.windows(8).position(|w| w == b"encoding") else {
        return false;
    };
    let value: Vec<u8> = decl[at + 8..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'"' | b'\''))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .copied()
        .collect();
    !value.is_empty() && value != b"utf-8" && value != b"utf8"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_declarations_are_found_outside_cdata_and_comments() {
        assert_eq!(late_declaration(b"\n<?xml version=\"1.0\"?><rss/>"), None);
        assert_eq!(
            late_declaration(b"<rss><![CDATA[<?xml x?>]]><!-- <?xml --></rss>"),
            None
        );
        assert_eq!(
            late_declaration(b"<?xml?><rss><?xml encoding=\"x\"?>"),
            Some(12)
        );
        assert_eq!(
            late_declaration(b"<rss><?xml-stylesheet href=\"a\"?>"),
            None
        );
    }

    #[test]
    fn declared_encodings() {
        assert!(declares_other_encoding(
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
        ));
        assert!(!declares_other_encoding(
            b"<?xml version='1.0' encoding='UTF-8'?>"
        ));
        assert!(!declares_other_encoding(
            b"<?xml version=\"1.0\"?><rss encoding=\"latin1\">"
        ));
        assert!(!declares_other_encoding(b"<rss/>"));
    }
}
