//! Reading documents: plain text, JSON Lines, gzip, standard input.
//!
//! Design: a bad file or line is an [`InputError`] that names the file and line, yielded in the
//! stream beside the good documents, so a caller reports it and goes on; nothing is lost silently.
//! JSON Lines are streamed line by line (a 200 MB corpus is never held whole); a plain text file is
//! one document and is read whole, up to [`MAX_TEXT_BYTES`]. Formats are known by extension
//! (`.jsonl`, `.ndjson`, `.gz` of either) or, for standard input and other names, by content.
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

use chrono::NaiveDate;
use dyad_types::{DocId, Document};
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

/// The largest plain-text document read whole (64 MiB); larger ones are reported and skipped.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;
/// The longest JSON line (64 MiB).
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Something in the input that could not be read; the rest goes on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// The file (`-` for standard input).
    pub file: String,
    /// The line, for JSON Lines and text errors that have one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// Metadata for plain-text documents, which carry none of their own.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Document id (default: the file name; `stdin` for standard input).
    pub id: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
}

/// A document or an error, in input order.
pub type Item = Result<Document, InputError>;

/// Read one input: a path or `-` for standard input.
pub fn read(path: &str, opts: &TextOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let err = |message: String| -> Box<dyn Iterator<Item = Item> + Send> {
        Box::new(std::iter::once(Err(InputError {
            file: path.to_string(),
            line: None,
            message,
        })))
    };
    let raw: Box<dyn Read + Send> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        match File::open(path) {
            Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                return err("is a directory (give the files in it)".into());
            }
            Ok(f) => Box::new(f),
            Err(e) => return err(format!("cannot open: {e}")),
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let head = match reader.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => return err(format!("cannot read: {e}")),
    };
    let gz = head.starts_with(&[0x1f, 0x8b]);
    let inner_name = path.strip_suffix(".gz").unwrap_or(path);
    let mut reader: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let jsonl = if [".jsonl", ".ndjson", ".json"]
        .iter()
        .any(|x| inner_name.ends_with(x))
    {
        true
    } else {
        let head = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => return err(format!("cannot read: {e}")),
        };
        head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    };
    if jsonl {
        Box::new(JsonLines {
            file: path.to_string(),
            reader,
            line: 0,
            buf: Vec::new(),
        })
    } else {
        let id = opts.id.clone().unwrap_or_else(|| default_id(path));
        Box::new(std::iter::once(read_text(path, reader, id, opts.published)))
    }
}

/// The id of a plain-text file: its name without directories and extensions.
fn default_id(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.to_string());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

fn read_text(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    id: String,
    published: Option<NaiveDate>,
) -> Item {
    let e = |line: Option<usize>, message: String| InputError {
        file: path.to_string(),
        line,
        message,
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|x| e(None, format!("cannot read: {x}")))?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(e(
            None,
            format!(
                "larger than {} MiB: split it, or give it as JSON Lines",
                MAX_TEXT_BYTES >> 20
            ),
        ));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(e(
            None,
            "looks binary (contains NUL bytes); expected text, JSON Lines or .gz".into(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|x| {
        let at = x.utf8_error().valid_up_to();
        let line = x.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        e(
            Some(line),
            format!("invalid UTF-8 at byte {at}; convert the file to UTF-8"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(e(None, "empty: no text to code".into()));
    }
    Ok(Document {
        id: DocId(id),
        published,
        title: None,
        url: None,
        source: None,
        text,
    })
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    text: Option<String>,
}

struct JsonLines {
    file: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    buf: Vec<u8>,
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            let e = |line: usize, message: String| InputError {
                file: self.file.clone(),
                line: Some(line),
                message,
            };
            match (&mut self.reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) => return None,
                Ok(_) => {}
                Err(x) => {
                    // A broken stream (a damaged gzip) ends the file after it is reported.
                    let err = e(self.line, format!("cannot read: {x}"));
                    self.reader = Box::new(std::io::empty());
                    return Some(Err(err));
                }
            }
            if self.buf.len() > MAX_LINE_BYTES {
                // Skip the rest of the over-long line.
                let mut sink = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut sink);
                return Some(Err(e(
                    self.line,
                    format!("line longer than {} MiB", MAX_LINE_BYTES >> 20),
                )));
            }
            let Ok(line) = std::str::from_utf8(&self.buf) else {
                return Some(Err(e(self.line, "invalid UTF-8".into())));
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(parse_line(line).map_err(|m| e(self.line, m)).map(|mut d| {
                if d.id.0.is_empty() {
                    d.id = DocId(format!("{}:{}", self.file, self.line));
                }
                d
            }));
        }
    }
}

fn parse_line(line: &str) -> Result<Document, String> {
    let j: JsonDoc = serde_json::from_str(line).map_err(|x| format!("not a JSON object: {x}"))?;
    let text = j
        .text
        .ok_or("no `text` field (each line needs `text`; `id` and `published` are optional)")?;
    if text.trim().is_empty() {
        return Err("`text` is empty".into());
    }
    let published = match j.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(parse_date(s)?),
    };
    let id = match j.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    Ok(Document {
        id: DocId(id),
        published,
        title: j.title,
        url: j.url,
        source: j.source,
        text,
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
