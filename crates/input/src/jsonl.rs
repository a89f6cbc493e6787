//! JSON Lines: one document per line, streamed.

use crate::{InputError, Item, MAX_LINE_BYTES};
use chrono::NaiveDate;
use dyad_types::{DocId, Document};
use serde::Deserialize;
use std::io::{BufRead, Read};

/// One line as written.
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

/// The documents of a JSON Lines stream, line by line.
pub(crate) struct JsonLines {
    file: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    buf: Vec<u8>,
    published: Option<NaiveDate>,
    /// Whether a non-blank line was seen: a file with none is reported as empty.
    any: bool,
}

impl JsonLines {
    /// Read `reader`, naming `file` in errors; `published` is the date of lines that have none.
    pub(crate) fn new(
        file: String,
        reader: Box<dyn BufRead + Send>,
        published: Option<NaiveDate>,
    ) -> Self {
        JsonLines {
            file,
            reader,
            line: 0,
            buf: Vec::new(),
            published,
            any: false,
        }
    }

    fn error(&self, message: String) -> InputError {
        InputError {
            file: self.file.clone(),
            line: Some(self.line),
            message,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            match (&mut self.reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) if self.any => return None,
                Ok(0) => {
                    self.any = true;
                    return Some(Err(InputError {
                        file: self.file.clone(),
                        line: None,
                        message: "empty: no lines to code".into(),
                    }));
                }
                Ok(_) => {}
                Err(x) => {
                    self.any = true;
                    // A broken stream (a damaged gzip) ends the file after it is reported.
                    let err = self.error(format!("cannot read: {x}"));
                    self.reader = Box::new(std::io::empty());
                    return Some(Err(err));
                }
            }
            if self.buf.len() > MAX_LINE_BYTES {
                self.any = true;
                skip_line(&mut self.reader);
                return Some(Err(
                    self.error(format!("line longer than {} MiB", MAX_LINE_BYTES >> 20))
                ));
            }
            let Ok(line) = std::str::from_utf8(&self.buf) else {
                self.any = true;
                return Some(Err(self.error("invalid UTF-8".into())));
            };
            // Blank by Unicode's measure, as the text check below: a line of no-break spaces too.
            if line.trim().is_empty() {
                continue;
            }
            self.any = true;
            let doc = parse_line(line).map_err(|m| self.error(m)).map(|mut d| {
                if d.id.0.is_empty() {
                    d.id = DocId(format!("{}:{}", self.file, self.line));
                }
                d.published = d.published.or(self.published);
                d
            });
            return Some(doc);
        }
    }
}

/// Skip the rest of a line without holding it.
fn skip_line(reader: &mut Box<dyn BufRead + Send>) {
    loop {
        let (used, done) = match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            },
        };
        reader.consume(used);
        if done {
            return;
        }
    }
}

/// The document on one line.
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
        Some(s) => Some(crate::parse_date(s)?),
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
