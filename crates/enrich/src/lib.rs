//! Enrichment of events: the date a sentence gives them.
//!
//! Design: dates in news are few and formulaic ("on January 5", "on Monday", "two months ago",
//! "5 January 2026"), so a small finder over tokens reads them against the publication date; no
//! crate finds time expressions in running text, and the ones that parse them guess missing parts
//! from today's clock, which is wrong for an archive. A date without a year is the nearest such date
//! not more than a week after publication; a weekday is the last one on or before it.
//!
//! ```
//! use chrono::NaiveDate;
//! let text = "On January 5, Xi held talks with Lee.";
//! let tokens = dyad_text::tokens(text, dyad_types::Span::new(0, text.len()));
//! let published = NaiveDate::from_ymd_opt(2026, 1, 6);
//! let (date, cue) = dyad_enrich::sentence_date(text, &tokens, published).unwrap();
//! assert_eq!(date, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
//! assert_eq!(cue.of(text), "January 5");
//! ```

pub mod places;
mod tone;
pub use places::{Gazetteer, Place, PlaceKind, Point};
pub use tone::tone;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use dyad_text::Token;
use dyad_types::Span;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
const NUMBERS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("several", 3),
    ("few", 3),
];

fn month(w: &str) -> Option<u32> {
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

fn day(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let n: u32 = d.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year(w: &str) -> Option<i32> {
    let n: i32 = w.parse().ok()?;
    (w.len() == 4 && (1900..=2100).contains(&n)).then_some(n)
}

/// The date a sentence states for its events, and the words that state it. Relative dates need
/// the publication date.
pub fn sentence_date(
    text: &str,
    tokens: &[Token],
    published: Option<NaiveDate>,
) -> Option<(NaiveDate, Span)> {
    let words: Vec<(String, Span)> = tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| {
            (
                t.span
                    .of(text)
                    .to_ascii_lowercase()
                    .trim_end_matches('.')
                    .to_string(),
                t.span,
            )
        })
        .collect();
    let w = |i: usize| words.get(i).map(|(s, _)| s.as_str()).unwrap_or("");
    for i in 0..words.len() {
        let (here, span) = (&words[i].0, words[i].1);
        // "January 5", "January 5, 2026", "Jan. 5" — but "may" only with a capital.
        if let (Some(m), Some(d)) = (month(here), day(w(i + 1))) {
            if here == "may" && !span.of(text).starts_with('M') {
                continue;
            }
            let (y, end) = match year(w(i + 2)) {
                Some(y) => (Some(y), words[i + 2].1.end),
                None => (None, words[i + 1].1.end),
            };
            if let Some(date) = resolve(y, m, d, published) {
                return Some((date, Span::new(span.start, end)));
            }
        }
        // "5 January", "5 January 2026".
        if let (Some(d), Some(m)) = (day(here), month(w(i + 1))) {
            let (y, end) = match year(w(i + 2)) {
                Some(y) => (Some(y), words[i + 2].1.end),
                None => (None, words[i + 1].1.end),
            };
            if let Some(date) = resolve(y, m, d, published) {
                return Some((date, Span::new(span.start, end)));
            }
        }
        let Some(p) = published else { continue };
        match here.as_str() {
            "yesterday" => return Some((p - Days::new(1), span)),
            "today" => return Some((p, span)),
            _ => {}
        }
        if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| n == here) {
            let back = (p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
            return Some((p - Days::new(back as u64), span));
        }
        // "two months ago", "just over two months ago", "3 days ago".
        if w(i + 2) == "ago" {
            let n = day(here).or_else(|| NUMBERS.iter().find(|(x, _)| x == here).map(|&(_, n)| n));
            if let Some(n) = n {
                let unit = w(i + 1).trim_end_matches('s');
                let date = match unit {
                    "day" => p.checked_sub_days(Days::new(n as u64)),
                    "week" => p.checked_sub_days(Days::new(7 * n as u64)),
                    "month" => p.checked_sub_months(Months::new(n)),
                    "year" => p.checked_sub_months(Months::new(12 * n)),
                    _ => None,
                };
                if let Some(d) = date {
                    return Some((d, Span::new(span.start, words[i + 2].1.end)));
                }
            }
        }
    }
    None
}

/// A day and month (and perhaps year) as a date: without a year, the nearest such date not more
/// than a week after publication.
fn resolve(y: Option<i32>, m: u32, d: u32, published: Option<NaiveDate>) -> Option<NaiveDate> {
    match (y, published) {
        (Some(y), _) => NaiveDate::from_ymd_opt(y, m, d),
        (None, Some(p)) => {
            let this = NaiveDate::from_ymd_opt(p.year(), m, d)?;
            if this > p + Days::new(7) {
                NaiveDate::from_ymd_opt(p.year() - 1, m, d)
            } else {
                Some(this)
            }
        }
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str, published: &str) -> Option<String> {
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        sentence_date(text, &tokens, p).map(|(d, _)| d.to_string())
    }

    #[test]
    fn absolute_and_partial_dates() {
        assert_eq!(
            date("On January 5, they met.", "2026-01-06").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            date("On Dec. 30 they met.", "2026-01-06").as_deref(),
            Some("2025-12-30")
        );
        assert_eq!(
            date("They met on 5 March 2019.", "2026-01-06").as_deref(),
            Some("2019-03-05")
        );
        assert_eq!(
            date("They met on March 5, 2019.", "").as_deref(),
            Some("2019-03-05")
        );
        assert_eq!(date("They may meet.", "2026-01-06"), None);
    }

    #[test]
    fn relative_dates() {
        // 2026-01-06 is a Tuesday.
        assert_eq!(
            date("Xi met Lee on Monday.", "2026-01-06").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            date("Xi met Lee on Tuesday.", "2026-01-06").as_deref(),
            Some("2026-01-06")
        );
        assert_eq!(
            date("Xi met Lee yesterday.", "2026-01-06").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            date("Just over two months ago, Xi visited.", "2026-01-06").as_deref(),
            Some("2025-11-06")
        );
        assert_eq!(
            date("Three days ago Xi visited.", "2026-01-06").as_deref(),
            Some("2026-01-03")
        );
        assert_eq!(date("Xi visited on Monday.", ""), None);
    }
}
