//! Reading a file whole, within the size limit, and the checks every whole file gets.

use crate::{InputError, MAX_TEXT_BYTES};
use std::io::{BufRead, Read};

/// How far into a file a NUL byte marks it as binary.
const BINARY_WINDOW: usize = 8192;

/// The bytes of a file, or an error if it cannot be read, is too large or looks binary.
pub(crate) fn read(reader: Box<dyn BufRead + Send>, file: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|x| InputError::file(file, format!("cannot read: {x}")))?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(InputError::file(
            file,
            format!(
                "larger than {} MiB: split it, or give it as JSON Lines",
                MAX_TEXT_BYTES >> 20
            ),
        ));
    }
    if bytes.iter().take(BINARY_WINDOW).any(|&b| b == 0) {
        return Err(InputError::file(
            file,
            "looks binary (contains NUL bytes); expected text, JSON Lines, HTML, a feed or .gz",
        ));
    }
    Ok(bytes)
}

/// The bytes after a UTF-8 byte-order mark.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The bytes as UTF-8, or an error naming the line of the first invalid byte.
pub(crate) fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, InputError> {
    std::str::from_utf8(bytes).map_err(|x| utf8_error(bytes, x, file))
}

/// The error for invalid UTF-8: its byte and line, and what to do.
pub(crate) fn utf8_error(bytes: &[u8], x: std::str::Utf8Error, file: &str) -> InputError {
    let at = x.valid_up_to();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    InputError {
        file: file.to_string(),
        line: Some(line),
        message: format!("invalid UTF-8 at byte {at}; convert the file to UTF-8"),
    }
}
