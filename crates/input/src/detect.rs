//! Deciding a file's type: from its name first, else from its first bytes.

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Streamed, one document per line.
    JsonLines,
    /// Read whole.
    Whole(Whole),
}

/// The types that are read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Whole {
    /// Plain text or Markdown, with optional front matter.
    Text,
    /// An HTML page.
    Html,
    /// An RSS or Atom feed.
    Feed,
}

/// What a file name says about the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    /// A known extension.
    Known(Format),
    /// An extension that is none of ours.
    Unknown,
    /// No extension (or no name: standard input).
    NoExtension,
}

/// Extensions of JSON Lines files.
const JSON_LINES: &[&str] = &[".jsonl", ".ndjson", ".json"];
/// Extensions of plain-text files (removed from ids).
pub(crate) const TEXT: &[&str] = &[".txt", ".text", ".md", ".markdown"];
/// Extensions of HTML pages (removed from ids).
pub(crate) const HTML: &[&str] = &[".html", ".htm", ".xhtml"];
/// Extensions of feeds (removed from ids).
pub(crate) const FEED: &[&str] = &[".xml", ".rss", ".atom"];

/// The type a file name gives, case-insensitively, after a `.gz` suffix is removed.
pub(crate) fn by_name(name: &str) -> Named {
    let lower = name.to_ascii_lowercase();
    let inner = lower.strip_suffix(".gz").unwrap_or(&lower);
    let has = |exts: &[&str]| exts.iter().any(|x| inner.ends_with(x));
    if has(JSON_LINES) {
        Named::Known(Format::JsonLines)
    } else if has(HTML) {
        Named::Known(Format::Whole(Whole::Html))
    } else if has(FEED) {
        Named::Known(Format::Whole(Whole::Feed))
    } else if has(TEXT) {
        Named::Known(Format::Whole(Whole::Text))
    } else if inner.trim_start_matches('.').contains('.') {
        Named::Unknown
    } else {
        Named::NoExtension
    }
}

/// An id without `.gz` and one of the extensions given (case-insensitively).
pub(crate) fn strip_extension(id: &str, exts: &[&str]) -> String {
    let cut = |s: &str, x: &str| {
        let n = s.len().checked_sub(x.len())?;
        let tail = s.get(n..)?;
        tail.eq_ignore_ascii_case(x).then(|| s[..n].to_string())
    };
    let id = cut(id, ".gz").unwrap_or_else(|| id.to_string());
    exts.iter()
        .find_map(|x| cut(&id, x))
        .filter(|s| !s.is_empty() && !s.ends_with('/'))
        .unwrap_or(id)
}

/// Whether the first bytes of a stream of unknown name are JSON Lines: `{` first.
pub(crate) fn is_json_lines(head: &[u8]) -> bool {
    skip_space(head).first() == Some(&b'{')
}

/// The type of a whole file of unknown name, by its first bytes.
pub(crate) fn sniff(bytes: &[u8]) -> Whole {
    let start = skip_space(bytes);
    if starts_with_tag(start, b"<!doctype html") || starts_with_tag(start, b"<html") {
        return Whole::Html;
    }
    if is_feed_root(start) {
        return Whole::Feed;
    }
    if starts_with_ci(start, b"<?xml") || starts_with_ci(start, b"<!--") {
        return sniff_prolog(&start[..start.len().min(4096)]);
    }
    Whole::Text
}

/// After an XML declaration or a comment: the first feed or page tag in the head decides.
fn sniff_prolog(head: &[u8]) -> Whole {
    for (i, &b) in head.iter().enumerate() {
        if b != b'<' {
            continue;
        }
        let rest = &head[i..];
        if is_feed_root(rest) {
            return Whole::Feed;
        }
        if starts_with_tag(rest, b"<!doctype html") || starts_with_tag(rest, b"<html") {
            return Whole::Html;
        }
    }
    Whole::Text
}

/// `<rss`, `<feed` or `<rdf:RDF` as a whole tag name.
fn is_feed_root(s: &[u8]) -> bool {
    [b"<rss".as_slice(), b"<feed", b"<rdf:rdf"]
        .iter()
        .any(|t| starts_with_tag(s, t))
}

/// `s` starts with the tag `tag` (case-insensitively), followed by a space, `>` or `/`.
fn starts_with_tag(s: &[u8], tag: &[u8]) -> bool {
    starts_with_ci(s, tag)
        && s.get(tag.len())
            .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

/// `s` starts with `prefix`, ASCII case-insensitively.
fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The bytes after a byte-order mark and whitespace.
fn skip_space(s: &[u8]) -> &[u8] {
    let s = s.strip_prefix(b"\xef\xbb\xbf").unwrap_or(s);
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_first() {
        assert_eq!(by_name("a.JSONL.gz"), Named::Known(Format::JsonLines));
        assert_eq!(
            by_name("story.html.gz"),
            Named::Known(Format::Whole(Whole::Html))
        );
        assert_eq!(
            by_name("feed.xml"),
            Named::Known(Format::Whole(Whole::Feed))
        );
        assert_eq!(
            by_name("notes.md"),
            Named::Known(Format::Whole(Whole::Text))
        );
        assert_eq!(by_name("photo.png"), Named::Unknown);
        assert_eq!(by_name("archive.tar.gz"), Named::Unknown);
        assert_eq!(by_name("README"), Named::NoExtension);
        assert_eq!(by_name(""), Named::NoExtension);
    }

    #[test]
    fn content_decides_otherwise() {
        assert_eq!(sniff(b"\xef\xbb\xbf \n<!DOCTYPE html><p>x"), Whole::Html);
        assert_eq!(sniff(b"<HTML lang=en>"), Whole::Html);
        assert_eq!(sniff(b"<rss version=\"2.0\">"), Whole::Feed);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<feed xmlns=\"x\">"),
            Whole::Feed
        );
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><html>"), Whole::Html);
        assert_eq!(sniff(b"<feedback>no</feedback>"), Whole::Text);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><note/>"), Whole::Text);
        assert_eq!(sniff(b"Xi met Lee."), Whole::Text);
        assert!(is_json_lines(b"\n {\"text\":1}"));
    }

    #[test]
    fn ids_lose_their_extension() {
        assert_eq!(
            strip_extension("2026/jan/story.txt", TEXT),
            "2026/jan/story"
        );
        assert_eq!(strip_extension("Story.TXT.gz", TEXT), "Story");
        assert_eq!(strip_extension("page.html", TEXT), "page.html");
        assert_eq!(strip_extension(".txt", TEXT), ".txt");
        assert_eq!(strip_extension("stdin", TEXT), "stdin");
    }
}
