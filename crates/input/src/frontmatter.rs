//! Front matter: a block of flat `key: value` lines between `---` lines (or `key = value` lines
//! between `+++` lines) at the very start of a text file.
//!
//! Only flat keys are read, with values optionally in single or double quotes; nested YAML
//! (indented lines, `- item` lists) is skipped. A block that has any other kind of line, or no
//! closing line within [`MAX_LINES`], is not front matter: the text keeps it.

use chrono::NaiveDate;

/// The longest front matter looked for, in lines.
const MAX_LINES: usize = 1000;

/// The metadata read from front matter.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    /// `id`.
    pub(crate) id: Option<String>,
    /// `published`.
    pub(crate) published: Option<NaiveDate>,
    /// `title`.
    pub(crate) title: Option<String>,
    /// `url`.
    pub(crate) url: Option<String>,
    /// `source`.
    pub(crate) source: Option<String>,
}

/// A front-matter line that could not be read: its line (from 1) and what is wrong.
#[derive(Debug, PartialEq)]
pub(crate) struct Malformed {
    /// The line in the file.
    pub(crate) line: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// One `key: value` line of the block.
struct Field<'a> {
    line: usize,
    key: &'a str,
    value: &'a str,
}

/// The front matter of a text and the byte where the body starts after it, or `None` if the text
/// opens with no front matter.
pub(crate) fn split(text: &str) -> Result<Option<(FrontMatter, usize)>, Malformed> {
    let Some((fields, body)) = block(text) else {
        return Ok(None);
    };
    let mut fm = FrontMatter::default();
    for f in fields {
        let value = Some(unquote(f.value)).filter(|v| !v.is_empty());
        match f.key.to_ascii_lowercase().as_str() {
            "id" => fm.id = value,
            "title" => fm.title = value,
            "url" => fm.url = value,
            "source" => fm.source = value,
            "published" => fm.published = value.map(|v| date(&v, f.line)).transpose()?,
            _ => {}
        }
    }
    Ok(Some((fm, body)))
}

/// A publication date, or the error naming its line.
fn date(value: &str, line: usize) -> Result<NaiveDate, Malformed> {
    crate::dates::parse_loose(value).ok_or_else(|| Malformed {
        line,
        message: format!(
            "front matter: unknown date format `{value}` for `published` (use YYYY-MM-DD)"
        ),
    })
}

/// The fields of the block and where the body starts, if the text opens with a well-formed block.
fn block(text: &str) -> Option<(Vec<Field<'_>>, usize)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    let (fence, separator) = match first.trim_end() {
        "---" => ("---", ':'),
        "+++" => ("+++", '='),
        _ => return None,
    };
    let mut offset = first.len();
    let mut fields = Vec::new();
    let mut in_table = false;
    for (i, raw) in lines.enumerate().take(MAX_LINES) {
        let number = i + 2;
        offset += raw.len();
        let line = raw.trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return Some((fields, body_start(text, offset)));
        }
        // Keys after a TOML `[table]` line belong to the table, not to the document.
        in_table |= fence == "+++" && line.starts_with('[');
        if in_table || skipped(line) {
            continue;
        }
        let (key, value) = line.split_once(separator)?;
        let key = key.trim_end();
        let bare_key = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        if !bare_key {
            return None;
        }
        fields.push(Field {
            line: number,
            key,
            value: value.trim(),
        });
    }
    None
}

/// Lines a flat reader passes over: blank, comments, nested values and list items.
fn skipped(line: &str) -> bool {
    line.is_empty()
        || line.starts_with('#')
        || line.starts_with([' ', '\t'])
        || line == "-"
        || line.starts_with("- ")
}

/// Where the body starts: after the block and the blank lines that follow it.
fn body_start(text: &str, mut offset: usize) -> usize {
    for line in text[offset..].split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        offset += line.len();
    }
    offset
}

/// A value without its quotes, or without a trailing ` # comment` when unquoted.
fn unquote(value: &str) -> String {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if quoted('"') {
        value[1..value.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    } else if quoted('\'') {
        value[1..value.len() - 1].replace("''", "'")
    } else {
        let cut = value.find(" #").unwrap_or(value.len());
        value[..cut].trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> (FrontMatter, &str) {
        let (fm, at) = split(text).unwrap().unwrap();
        (fm, &text[at..])
    }

    #[test]
    fn flat_keys_are_read_and_the_body_follows() {
        let (m, body) = fm(
            "---\ntitle: \"Talks: day two\"\nid: 'seoul-2'\npublished: 2026-01-05\nurl: https://example.org/a#b\nsource: Daily # a comment\ntags:\n  - asia\n- x\nlayout: post\n---\n\nXi met Lee.\n",
        );
        assert_eq!(m.title.as_deref(), Some("Talks: day two"));
        assert_eq!(m.id.as_deref(), Some("seoul-2"));
        assert_eq!(m.published.unwrap().to_string(), "2026-01-05");
        assert_eq!(m.url.as_deref(), Some("https://example.org/a#b"));
        assert_eq!(m.source.as_deref(), Some("Daily"));
        assert_eq!(body, "Xi met Lee.\n");
    }

    #[test]
    fn toml_blocks_too() {
        let (m, body) =
            fm("+++\r\ntitle = \"A\"\r\npublished = 2026-01-05T10:00:00Z\r\n+++\r\nBody");
        assert_eq!(m.title.as_deref(), Some("A"));
        assert_eq!(m.published.unwrap().to_string(), "2026-01-05");
        assert_eq!(body, "Body");
        let (m, _) = fm("+++\n[author]\ntitle = \"Ms X\"\n+++\nBody");
        assert_eq!(m.title, None);
    }

    #[test]
    fn what_is_not_front_matter_stays_text() {
        assert_eq!(split("Xi met Lee.\n---\n"), Ok(None));
        assert_eq!(split("---\ntitle: x\nno closing line\n"), Ok(None));
        assert_eq!(split("---\nA rule, then prose.\n---\n"), Ok(None));
        assert_eq!(split("---\ntitle: unclosed\n"), Ok(None));
        assert_eq!(split(""), Ok(None));
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let e = split("---\ntitle: x\npublished: last week\n---\nBody").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("`last week`"), "{}", e.message);
    }
}
