//! Dates found in documents' own metadata, which come in more shapes than the command line's.

use chrono::NaiveDate;

/// A date from metadata: anything [`crate::parse_date`] reads, a date followed by a time after a
/// space or `T` (`2026-01-05 10:00:00 +01:00`), `YYYY/MM/DD`, or an RFC 2822 timestamp
/// (`Mon, 05 Jan 2026 10:00:00 +0000`). The date is the one written, not converted to UTC.
pub(crate) fn parse_loose(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = crate::parse_date(s) {
        return Some(d);
    }
    let head = s.get(..10)?;
    let timed = s.len() == 10 || matches!(s.as_bytes().get(10), Some(b' ' | b'T' | b't'));
    if timed {
        for format in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, format) {
                return Some(d);
            }
        }
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_dates_in_their_usual_shapes() {
        let d = |s| parse_loose(s).map(|d| d.to_string());
        assert_eq!(d("2026-01-05"), Some("2026-01-05".into()));
        assert_eq!(d(" 2026-01-05T23:30:00-05:00 "), Some("2026-01-05".into()));
        assert_eq!(d("2026-01-05 10:00:00 +0100"), Some("2026-01-05".into()));
        assert_eq!(d("2026/01/05"), Some("2026-01-05".into()));
        assert_eq!(
            d("Mon, 05 Jan 2026 10:00:00 +0000"),
            Some("2026-01-05".into())
        );
        assert_eq!(d("20260105"), Some("2026-01-05".into()));
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("2026-13-05"), None);
        assert_eq!(d("ééééééééééé"), None);
    }
}
