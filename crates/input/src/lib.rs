//! Reading documents: plain text, Markdown with front matter, JSON Lines, HTML pages, RSS and Atom
//! feeds, folders of them, gzip of any of them, and standard input.
//!
//! Design: a bad file, line or feed item is an [`InputError`] that names the file (and the line or
//! item), yielded in the stream beside the good documents, so a caller reports it and goes on;
//! nothing is lost silently. JSON Lines are streamed line by line (a 200 MB corpus is never held
//! whole); every other file is one document (or, for a feed, one document per item) and is read
//! whole, up to [`MAX_TEXT_BYTES`]. A file's type is decided once, from its name or its first bytes,
//! and one reader per type turns it into [`Document`]s.
//!
//! # How a type is known
//! The name decides first (case-insensitively, after a `.gz` suffix is removed, so `story.html.gz`
//! is an HTML page and `feed.xml.gz` a feed; gzip itself is recognised by its magic bytes):
//!
//! | names | type |
//! |---|---|
//! | `.jsonl`, `.ndjson`, `.json` | JSON Lines: one object per line with `text` and optional `id`, `published`, `title`, `url`, `source` |
//! | `.html`, `.htm`, `.xhtml` | an HTML page |
//! | `.xml`, `.rss`, `.atom` | an RSS (0.9x, 1.0, 2.0) or Atom feed |
//! | `.txt`, `.text`, `.md`, `.markdown` | plain text, with optional front matter |
//!
//! Any other name, and standard input, is known by content (after a byte-order mark and
//! whitespace): `{` is JSON Lines; `<!doctype html` or `<html` is HTML; `<rss`, `<feed` or
//! `<rdf:RDF` is a feed; a file opening with `<?xml` or `<!--` is a feed or a page if one of those
//! tags follows within its first 4 KB; everything else is plain text. Inside a folder the rule is
//! stricter: a file whose extension is none of the above (`.png`, `.pdf`, `.csv`) is reported as
//! "not a text, JSON Lines, HTML or feed file; skipped" and not opened; a file with no extension is
//! known by content.
//!
//! # What each type gives
//! - **Plain text and Markdown**: the whole file is the text, except a front-matter block at its
//!   very start: `---` lines around flat `key: value` lines (or `+++` lines around `key = value`),
//!   values optionally quoted. Keys `id`, `published`, `title`, `url` and `source` are read, others
//!   ignored (indented and `- item` lines too); a `published` that is not a date is an error naming
//!   the line. A block with any other kind of line, or with no closing line, is not front matter
//!   and stays in the text. Spans point into the text after the block. Markdown is otherwise left
//!   as written.
//! - **HTML**: the main text only, found by readability (`dom_smoothie`) once menus (`nav`) and the
//!   page's own `header` and `footer` (not an article's) are removed, with paragraphs as blank
//!   lines; scripts, sidebars and the like are left out. When readability finds no article, the
//!   visible text of the body is taken instead (without `script`, `style`, `nav`, `header`,
//!   `footer`); a page with no text at all is an error. The title (readability's: JSON-LD,
//!   `og:title` and the like, else `<title>` without the site's name), the outlet
//!   (`og:site_name`), the URL
//!   (`<link rel=canonical>`, else `og:url`) and the publication date are read from the page:
//!   `article:published_time`, `og:published_time`, JSON-LD `datePublished`, then
//!   `<meta name=…>` `date`, `pubdate`, `publishdate`, `dc.date`, `dcterms.issued` and the like,
//!   and last the first `<time datetime>`. A page's date is the calendar date written in the page
//!   (its offset is not converted); an unreadable date is passed over, not an error.
//! - **Feeds** (`feed-rs`): each item is a document: its text is the item's content, else its
//!   summary or description, with HTML turned into text; its title, its link as `url`, its
//!   published (else updated) date in UTC, and the feed's title as `source`. An item with no text
//!   is an error whose message starts `item N:` (counted from 1; `line` is `None`) and the other
//!   items go on; a file that is not a feed, or a feed with no items, is one error.
//! - **JSON Lines**: one document per line, as described above; blank lines are passed over, and a
//!   file with none but blank lines is an error.
//!
//! # Ids
//! - JSON Lines: the line's `id`, else `FILE:LINE`.
//! - Plain text: [`TextOptions::id`] when a single file (or standard input) is read, else the
//!   front matter's `id`, else the file's name without `.gz` and a `.txt`/`.text`/`.md`/`.markdown`
//!   extension; for a file found in a folder, its path relative to the folder given, with `/`
//!   between parts (`2026/jan/story.txt` → `2026/jan/story`), so two `story.txt` never collide;
//!   `stdin` for standard input.
//! - HTML: the canonical URL (as above), else the plain-text rule (`.html`/`.htm`/`.xhtml` removed).
//! - Feed items: the item's link, else its guid (RSS) or id (Atom), else `ID#N` where `ID` is the
//!   feed file's plain-text id and `N` the item number.
//!
//! Every document takes its publication date from its own metadata, else [`TextOptions::published`].
//!
//! # Folders
//! [`read`] on a folder, and [`read_all`], read every file under it, recursively, in sorted order
//! (by name, depth first), skipping names that start with `.`. Symbolic links are followed, but a
//! folder already read (a link loop, or two links to one folder) is reported and not read again.
//!
//! # Sizes, binaries and encodings
//! Every type is held to the same rules: a file over [`MAX_TEXT_BYTES`] (a JSON line over
//! [`MAX_LINE_BYTES`]) is an error; a NUL byte in the first 8 KB marks a file as binary (UTF-16
//! files included); text must be UTF-8, and an invalid byte is an error naming its line. Two
//! exceptions honour a declared encoding: an HTML page whose `<meta charset>` (or `http-equiv`
//! content type) in its first 1 KB names another encoding (`windows-1252`, `iso-8859-1`,
//! `shift_jis`…) and is not valid UTF-8 is decoded from it, with undecodable bytes replaced by
//! U+FFFD; a feed whose XML declaration names another encoding is decoded by the feed parser
//! (which honours the declaration even for bytes that are valid UTF-8). A leading byte-order mark
//! is dropped.
//!
//! Pathological markup is bounded too: HTML (a page, or a feed item's content) whose elements are
//! estimated from its tags to nest more than 2,000 deep is an error, unparsed (the HTML parser's
//! time grows with the square of the depth); a parsed page deeper than 256 elements gets its
//! visible text without readability (which recurses). A feed with an XML declaration anywhere but
//! at its start is refused before parsing. Should a third-party parser still panic on a file (as
//! feed-rs 3.0.0 does on a duration of 20 digits), the panic is caught and the file reported as
//! an error; the panic message still goes to standard error through the default hook.
//!
//! ```
//! let path = std::env::temp_dir().join("dyad-input-doctest.jsonl");
//! std::fs::write(&path, "{\"id\":\"a\",\"published\":\"20260106\",\"text\":\"Xi met Lee.\"}\n{\"id\":\"b\"}\n").unwrap();
//! let items: Vec<_> = dyad_input::read(path.to_str().unwrap(), &Default::default()).collect();
//! assert_eq!(items[0].as_ref().unwrap().published.unwrap().to_string(), "2026-01-06");
//! let err = items[1].as_ref().unwrap_err();
//! assert_eq!(err.line, Some(2));
//! assert!(err.message.contains("no `text`"));
//! ```

mod dates;
mod detect;
mod feed;
mod frontmatter;
mod html;
mod jsonl;
mod text;
mod walk;
mod whole;

use chrono::NaiveDate;
use detect::{Format, Whole};
use dyad_types::Document;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The largest document read whole (64 MiB): a plain-text file, an HTML page or a feed; larger
/// ones are reported and skipped.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;
/// The longest JSON line (64 MiB).
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Something in the input that could not be read; the rest goes on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// The file (`-` for standard input; for a file found in a folder, the folder given joined
    /// with the file's path inside it).
    pub file: String,
    /// The line, for JSON Lines, text and front-matter errors that have one.
    pub line: Option<usize>,
    /// What is wrong (for a feed item, it starts with `item N:`).
    pub message: String,
}

impl InputError {
    /// An error about a whole file.
    pub(crate) fn file(file: &str, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line: None,
            message: message.into(),
        }
    }
}

/// Metadata for documents that carry none of their own.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Id of a single plain-text document (default: from its front matter, else its file name;
    /// `stdin` for standard input). Not used for folders, HTML, feeds or JSON Lines.
    pub id: Option<String>,
    /// Publication date for documents whose own metadata has none.
    pub published: Option<NaiveDate>,
}

/// A document or an error, in input order.
pub type Item = Result<Document, InputError>;

/// A stream of items from one input.
type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Where a file came from: how messages name it, the name that decides its type, and the id its
/// documents fall back on.
pub(crate) struct Origin {
    /// The file as messages name it.
    pub(crate) file: String,
    /// The file name whose extension decides the type (empty for standard input).
    pub(crate) name: String,
    /// The id by the plain-text rule (before any `.txt`-like extension is removed).
    pub(crate) id: String,
    /// Found in a folder: unknown extensions are skipped, not sniffed.
    pub(crate) in_folder: bool,
}

/// Read one input: a file, a folder (recursively), or `-` for standard input.
///
/// The type of each file is decided as the [crate documentation](crate) says. Errors never stop
/// the stream: a file that cannot be opened is one [`InputError`] and the stream ends there.
pub fn read(path: &str, opts: &TextOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    if path == "-" {
        let origin = Origin {
            file: "-".into(),
            name: String::new(),
            id: "stdin".into(),
            in_folder: false,
        };
        return read_stream(Box::new(std::io::stdin()), origin, opts);
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return one(InputError::file(path, format!("cannot open: {e}"))),
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return read_folder(path, opts);
    }
    let origin = Origin {
        file: path.to_string(),
        name: file_name(Path::new(path)),
        id: file_name(Path::new(path)),
        in_folder: false,
    };
    read_stream(Box::new(file), origin, opts)
}

/// Read several inputs in order, as [`read`] reads each; [`TextOptions::id`] is used only when
/// there is a single input.
pub fn read_all(paths: &[String], opts: &TextOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let mut opts = opts.clone();
    if paths.len() > 1 {
        opts.id = None;
    }
    let paths = paths.to_vec();
    Box::new(paths.into_iter().flat_map(move |p| read(&p, &opts)))
}

/// Bytes of text the inputs hold, as far as can be known without reading them, for a progress
/// bar's ETA: the sizes of the files [`read_all`] would read (folders walked as it walks them), and
/// for a gzip file the uncompressed size its trailer records (modulo 4 GiB). `None` when standard
/// input is among them.
pub fn expected_bytes(paths: &[String]) -> Option<u64> {
    let mut total = 0;
    for path in paths {
        if path == "-" {
            return None;
        }
        if Path::new(path).is_dir() {
            total += walk::files(path)
                .flatten()
                .map(|found| file_bytes(&found.path))
                .sum::<u64>();
        } else {
            total += file_bytes(Path::new(path));
        }
    }
    Some(total)
}

/// A file's size, uncompressed when it is gzip; 0 when it cannot be read.
fn file_bytes(path: &Path) -> u64 {
    use std::io::{Seek, SeekFrom};
    let Ok(mut f) = File::open(path) else {
        return 0;
    };
    let size = f.metadata().map_or(0, |m| m.len());
    let mut magic = [0u8; 2];
    if size < 20 || f.read_exact(&mut magic).is_err() || magic != [0x1f, 0x8b] {
        return size;
    }
    let mut trailer = [0u8; 4];
    match f
        .seek(SeekFrom::End(-4))
        .and_then(|_| f.read_exact(&mut trailer))
    {
        Ok(()) => u32::from_le_bytes(trailer).into(),
        Err(_) => size,
    }
}

/// Every file under a folder, each read by its type.
fn read_folder(path: &str, opts: &TextOptions) -> Items {
    let opts = TextOptions {
        id: None,
        published: opts.published,
    };
    Box::new(walk::files(path).flat_map(move |found| match found {
        Ok(found) => read_found(found, &opts),
        Err(e) => one(e),
    }))
}

/// A file found in a folder.
fn read_found(found: walk::Found, opts: &TextOptions) -> Items {
    let origin = Origin {
        name: file_name(&found.path),
        file: found.path.to_string_lossy().to_string(),
        id: found.relative,
        in_folder: true,
    };
    match File::open(&found.path) {
        Ok(f) => read_stream(Box::new(f), origin, opts),
        Err(e) => one(InputError::file(&origin.file, format!("cannot open: {e}"))),
    }
}

/// A file's name without its folders.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.to_string_lossy().to_string())
}

/// One item alone.
fn one(e: InputError) -> Items {
    Box::new(std::iter::once(Err(e)))
}

/// Read an opened input: undo gzip, decide the type, and hand it to its reader.
fn read_stream(raw: Box<dyn Read + Send>, origin: Origin, opts: &TextOptions) -> Items {
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let gz = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return one(InputError::file(&origin.file, format!("cannot read: {e}"))),
    };
    let mut reader: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let format = match detect::by_name(&origin.name) {
        detect::Named::Known(f) => Some(f),
        detect::Named::Unknown if origin.in_folder => {
            return one(InputError::file(
                &origin.file,
                "not a text, JSON Lines, HTML or feed file; skipped",
            ));
        }
        detect::Named::Unknown | detect::Named::NoExtension => None,
    };
    let format = match format {
        Some(f) => Some(f),
        None => match reader.fill_buf() {
            Ok(head) if detect::is_json_lines(head) => Some(Format::JsonLines),
            Ok(_) => None,
            Err(e) => return one(InputError::file(&origin.file, format!("cannot read: {e}"))),
        },
    };
    match format {
        Some(Format::JsonLines) => {
            Box::new(jsonl::JsonLines::new(origin.file, reader, opts.published))
        }
        Some(Format::Whole(w)) => Box::new(read_whole(reader, &origin, Some(w), opts).into_iter()),
        None => Box::new(read_whole(reader, &origin, None, opts).into_iter()),
    }
}

/// Read a file that is read whole (text, HTML, feed) and turn it into documents.
fn read_whole(
    reader: Box<dyn BufRead + Send>,
    origin: &Origin,
    format: Option<Whole>,
    opts: &TextOptions,
) -> Vec<Item> {
    let bytes = match whole::read(reader, &origin.file) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    let bytes = whole::without_bom(&bytes);
    match format.unwrap_or_else(|| detect::sniff(bytes)) {
        Whole::Text => vec![text::document(bytes, origin, opts)],
        Whole::Html => vec![html::document(bytes, origin, opts)],
        Whole::Feed => feed::documents(bytes, origin, opts),
    }
}

/// Run a third-party parser on a file, turning a panic in it into an error naming the file.
pub(crate) fn guard<T>(
    file: &str,
    what: &str,
    f: impl FnOnce() -> Result<T, InputError>,
) -> Result<T, InputError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(InputError::file(
            file,
            format!("the {what} parser failed on this file (a bug in it); skipped"),
        ))
    })
}

/// A publication date: `YYYY-MM-DD`, `YYYYMMDD`, or an RFC 3339 timestamp (its date).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("unknown date format `{s}` (use YYYY-MM-DD or YYYYMMDD)");
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").map_err(|_| bad());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    let timestamp = s.len() > 10 && s.as_bytes()[10] == b'T';
    match timestamp.then(|| NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d")) {
        Some(Ok(d)) => Ok(d),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().to_string()
    }

    #[test]
    fn expected_bytes_counts_gzip_uncompressed_and_folders_as_they_are_walked() {
        let dir = tempfile::tempdir().unwrap();
        let text = write(&dir, "a.txt", b"Seoul criticized Tokyo.");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&[b'x'; 5000]).unwrap();
        let gz = write(&dir, "b.jsonl.gz", &gz.finish().unwrap());
        write(&dir, ".hidden.txt", b"not read, not counted");
        let folder = dir.path().to_string_lossy().to_string();
        assert_eq!(expected_bytes(std::slice::from_ref(&text)), Some(23));
        assert_eq!(expected_bytes(&[gz]), Some(5000));
        assert_eq!(expected_bytes(&[folder]), Some(5023));
        assert_eq!(expected_bytes(&[text, "-".into()]), None);
    }

    fn results(path: &str) -> Vec<Result<String, String>> {
        read(path, &TextOptions::default())
            .map(|r| r.map(|d| d.id.0).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn plain_text_is_one_document_named_after_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "story.txt", b"Xi met Lee.");
        let opts = TextOptions {
            id: None,
            published: NaiveDate::from_ymd_opt(2024, 3, 1),
        };
        let docs: Vec<_> = read(&p, &opts).collect();
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            (d.id.0.as_str(), d.published.unwrap().to_string().as_str()),
            ("story", "2024-03-01")
        );
    }

    #[test]
    fn bad_files_are_reported_by_name_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let bin = write(&dir, "bin.txt", b"\x00\x01\x02binary");
        assert!(
            results(&bin)[0]
                .as_ref()
                .unwrap_err()
                .contains("bin.txt: looks binary")
        );
        let empty = write(&dir, "empty.txt", b"  \n");
        assert!(results(&empty)[0].as_ref().unwrap_err().contains("empty"));
        let latin = write(&dir, "latin.txt", b"line one\nCaf\xe9 au lait\n");
        assert!(
            results(&latin)[0]
                .as_ref()
                .unwrap_err()
                .contains("latin.txt:2: invalid UTF-8")
        );
        let missing = dir.path().join("nope.txt");
        assert!(
            results(missing.to_str().unwrap())[0]
                .as_ref()
                .unwrap_err()
                .contains("cannot open")
        );
    }

    #[test]
    fn json_lines_keep_going_past_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "a.jsonl",
            b"{\"id\":\"1\",\"text\":\"One.\"}\n{\"id\":\"2\"}\nnot json\n\n{\"id\":\"4\",\"published\":\"5 Jan\",\"text\":\"x\"}\n{\"id\":5,\"published\":\"2026-01-06\",\"text\":\"Five.\"}\n\xff\xfe\n{\"text\":\"anon\"}\n",
        );
        let r = results(&p);
        assert_eq!(r[0], Ok("1".into()));
        assert!(r[1].as_ref().unwrap_err().contains("a.jsonl:2: no `text`"));
        assert!(
            r[2].as_ref()
                .unwrap_err()
                .contains("a.jsonl:3: not a JSON object")
        );
        assert!(
            r[3].as_ref()
                .unwrap_err()
                .contains("a.jsonl:5: unknown date format `5 Jan`")
        );
        assert_eq!(r[4], Ok("5".into()));
        assert!(
            r[5].as_ref()
                .unwrap_err()
                .contains("a.jsonl:7: invalid UTF-8")
        );
        assert!(r[6].as_ref().unwrap().ends_with("a.jsonl:8"));
        assert_eq!(r.len(), 7);
    }

    #[test]
    fn gzip_is_read_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"id\":\"g\",\"published\":\"20260106\",\"text\":\"Gzipped.\"}\n")
            .unwrap();
        let p = write(&dir, "a.jsonl.gz", &gz.finish().unwrap());
        assert_eq!(results(&p), [Ok("g".to_string())]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"Plain text, gzipped.").unwrap();
        let p = write(&dir, "story.txt.gz", &gz.finish().unwrap());
        assert_eq!(results(&p), [Ok("story".to_string())]);
    }

    #[test]
    fn dates_in_two_formats() {
        assert_eq!(parse_date("20260106").unwrap().to_string(), "2026-01-06");
        assert_eq!(parse_date("2026-01-06").unwrap().to_string(), "2026-01-06");
        assert_eq!(
            parse_date("2026-01-06T10:00:00Z").unwrap().to_string(),
            "2026-01-06"
        );
        assert!(parse_date("06/01/2026").is_err());
        assert!(parse_date("20261306").is_err());
    }
}
