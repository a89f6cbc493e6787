//! The one line format all dictionaries share: TAB-separated columns, `#` comments.

use crate::DictError;

/// A data line: its number (from 1) and its columns, trimmed. Comments and blank lines are skipped.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let data = match line.find('#') {
            Some(k) => &line[..k],
            None => line,
        };
        if data.trim().is_empty() {
            return None;
        }
        Some((i + 1, data.split('\t').map(str::trim).collect()))
    })
}

/// The `|`-separated values of a column, without empty ones.
pub(crate) fn values(col: &str) -> impl Iterator<Item = &str> {
    col.split('|').map(str::trim).filter(|v| !v.is_empty())
}

/// Column `i`, or "" when the line is shorter.
pub(crate) fn col<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or("")
}

/// An error at a line of a file.
pub(crate) fn error(file: &str, line: usize, message: impl Into<String>) -> DictError {
    DictError {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let text = "# header\n\nA\tb|c # note\n  \t \nD\n";
        let got: Vec<_> = lines(text).collect();
        assert_eq!(got, vec![(3, vec!["A", "b|c"]), (5, vec!["D"])]);
        assert_eq!(values(" b | |c").collect::<Vec<_>>(), ["b", "c"]);
    }
}
