//! Time expressions: the words of a sentence that date its events, read against the publication
//! date.
//!
//! Design: news dates events in a few dozen formulaic ways, so a finder walks the words once and
//! tries each form at each word; there is no grammar to parse and no crate that finds time
//! expressions in running text (those that parse them guess the missing parts from today's clock,
//! which is wrong for an archive). Every expression keeps its words' span and its precision; the
//! date is the first day of the period the words name ("in March 2025" is 2025-03-01, "last
//! week" that week's Monday), except that "two months ago" is the day two months before
//! publication, at month precision, and "the past week" (the seven days up to publication) the
//! day a week before it. The words are the date's own, without the preposition before them
//! ("on Monday" is "Monday", "during the Korean War" "the Korean War", "the 2018 summit"
//! "2018"). A weekday in a name dates nothing ("Good Friday", "the Sunday Times").
//!
//! Resolution, against the publication date `p`:
//! - a day or month without a year is the nearest one not more than a week (a day) or a month (a
//!   month) after `p`; a weekday is the last one on or before `p` ("last Monday": before `p`);
//!   when the event is announced rather than reported, [`TimeExpr::future`] gives the next one
//!   instead, which the coder takes for future events;
//! - years and decades before the year preceding `p`, and past wars ("during World War II"), mark
//!   the event as a memory ([`TimeExpr::historical`]).
//!
//! Without a publication date only expressions that carry their year resolve.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use dyad_text::{Token, TokenKind};
use dyad_types::{DatePrecision, Span};
use std::borrow::Cow;

/// A time expression found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// The date it names (the first day of its period, see the module documentation).
    pub date: NaiveDate,
    /// How precise it is.
    pub precision: DatePrecision,
    /// Its words.
    pub span: Span,
    /// The date to take for an announced (future) event when the words give no year or week:
    /// the next such day or month after publication ("will meet on Monday").
    pub future: Option<NaiveDate>,
    /// Whether the words place the event in history: a year or decade before the year preceding
    /// publication, or a past war.
    pub historical: bool,
}

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
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("several", 3),
    ("few", 3),
    ("couple", 2),
];

/// Capitalised words that make a weekday after them part of a name ("Good Friday", "Black
/// Friday", "Super Tuesday", "Bloody Sunday"), which dates nothing.
const DAY_NAMES: &[&str] = &[
    "good", "black", "bloody", "super", "ash", "holy", "maundy", "easter", "palm", "cyber",
    "giving", "fat",
];

/// Past wars as eras: their names (folded words) and years.
const ERAS: &[(&[&str], i32, i32)] = &[
    (&["world", "war", "ii"], 1939, 1945),
    (&["world", "war", "2"], 1939, 1945),
    (&["world", "war", "two"], 1939, 1945),
    (&["second", "world", "war"], 1939, 1945),
    (&["world", "war", "i"], 1914, 1918),
    (&["world", "war", "1"], 1914, 1918),
    (&["world", "war", "one"], 1914, 1918),
    (&["first", "world", "war"], 1914, 1918),
    (&["great", "war"], 1914, 1918),
    (&["korean", "war"], 1950, 1953),
    (&["vietnam", "war"], 1955, 1975),
    (&["cold", "war"], 1947, 1991),
    (&["gulf", "war"], 1990, 1991),
    (&["first", "gulf", "war"], 1990, 1991),
    (&["iran-iraq", "war"], 1980, 1988),
    (&["six-day", "war"], 1967, 1967),
    (&["yom", "kippur", "war"], 1973, 1973),
    (&["falklands", "war"], 1982, 1982),
    (&["sino-japanese", "war"], 1937, 1945),
];

/// A word of the sentence: folded (lower case, a final full stop dropped), its span, whether it
/// starts with a capital, and whether punctuation other than a full stop stands between it and
/// the word before.
#[derive(Debug)]
struct Word<'t> {
    low: Cow<'t, str>,
    span: Span,
    capital: bool,
    after_punct: bool,
}

/// A word in lower case, borrowed when it has no capitals (most words: no allocation); the
/// place finder's words use it too.
pub(crate) fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn words<'t>(text: &'t str, tokens: &[Token]) -> Vec<Word<'t>> {
    let mut out: Vec<Word<'t>> = Vec::with_capacity(tokens.len());
    let mut punct = false;
    for t in tokens {
        match t.kind {
            TokenKind::Word => {
                let s = t.span.of(text);
                out.push(Word {
                    low: lower(s),
                    span: t.span,
                    capital: s.starts_with(|c: char| c.is_uppercase()),
                    after_punct: punct,
                });
                punct = false;
            }
            TokenKind::Punct('.') => {}
            _ => punct = true,
        }
    }
    out
}

/// Whether a folded word names a month ("jan", "january").
pub(crate) fn is_month(w: &str) -> bool {
    month(w).is_some()
}

fn month(w: &str) -> Option<u32> {
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

fn weekday(w: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(d, _)| *d == w).map(|&(_, d)| d)
}

/// "5", "5th", "21st" as a day of the month.
fn day(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year(w: &str) -> Option<i32> {
    let n: i32 = w.parse().ok()?;
    (w.len() == 4 && (1800..=2100).contains(&n)).then_some(n)
}

fn count(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return (1..=100).contains(&n).then_some(n);
    }
    NUMBERS.iter().find(|(x, _)| *x == w).map(|&(_, n)| n)
}

/// "1990s" as the decade's first year.
fn decade(w: &str) -> Option<i32> {
    let y = year(w.strip_suffix('s')?)?;
    (y % 10 == 0).then_some(y)
}

/// The finder's view of one sentence.
struct Finder<'a> {
    w: &'a [Word<'a>],
    p: Option<NaiveDate>,
}

/// What a form found: the expression's parts and the index of the word after it.
struct Found {
    date: NaiveDate,
    precision: DatePrecision,
    first: usize,
    next: usize,
    future: Option<NaiveDate>,
    historical: bool,
}

impl Found {
    fn new(date: NaiveDate, precision: DatePrecision, first: usize, next: usize) -> Found {
        Found {
            date,
            precision,
            first,
            next,
            future: None,
            historical: false,
        }
    }
}

impl Finder<'_> {
    fn low(&self, i: usize) -> &str {
        self.w.get(i).map_or("", |w| w.low.as_ref())
    }

    /// Word `i` is `s` and no punctuation separates it from the word before.
    fn is(&self, i: usize, s: &str) -> bool {
        self.w.get(i).is_some_and(|w| w.low == s && !w.after_punct)
    }

    fn cap(&self, i: usize) -> bool {
        self.w.get(i).is_some_and(|w| w.capital)
    }

    /// Whether the year is history for this publication date.
    fn old(&self, y: i32) -> bool {
        self.p.is_some_and(|p| y < p.year() - 1)
    }

    /// The first form that matches at word `i`.
    fn at(&self, i: usize) -> Option<Found> {
        self.iso(i)
            .or_else(|| self.month_day(i))
            .or_else(|| self.day_month(i))
            .or_else(|| self.month_year(i))
            .or_else(|| self.era(i))
            .or_else(|| self.decade(i))
            .or_else(|| self.year(i))
            .or_else(|| self.ago(i))
            .or_else(|| self.relative_period(i))
            .or_else(|| self.named_day(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.month_alone(i))
    }

    /// "2026-01-05".
    fn iso(&self, i: usize) -> Option<Found> {
        let w = self.low(i);
        let mut parts = w.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        let mut f = Found::new(date, DatePrecision::Day, i, i + 1);
        f.historical = self.old(date.year());
        Some(f)
    }

    /// "January 5", "Jan. 5th", "January 5, 2026" ("May" only with a capital: "they may 5" is
    /// not a date; "March" likewise).
    fn month_day(&self, i: usize) -> Option<Found> {
        let m = month(self.low(i))?;
        if !self.cap(i) {
            return None;
        }
        let next = self.w.get(i + 1)?;
        if next.after_punct {
            return None;
        }
        let d = day(&next.low)?;
        self.day_of(i, i + 2, m, d)
    }

    /// "5 January", "5th of January 2026", "the 5th of January".
    fn day_month(&self, i: usize) -> Option<Found> {
        let d = day(self.low(i))?;
        let at = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        let m = month(self.low(at))?;
        if !self.cap(at) || self.w[at].after_punct {
            return None;
        }
        let first = if i > 0 && self.is(i, self.low(i)) && self.low(i - 1) == "the" {
            i - 1
        } else {
            i
        };
        self.day_of(first, at + 1, m, d)
    }

    /// A day and month, with the year at word `y` if it is one.
    fn day_of(&self, first: usize, y: usize, m: u32, d: u32) -> Option<Found> {
        if let Some(year) = self.w.get(y).and_then(|w| year(&w.low)) {
            let date = NaiveDate::from_ymd_opt(year, m, d)?;
            let mut f = Found::new(date, DatePrecision::Day, first, y + 1);
            f.historical = self.old(year);
            return Some(f);
        }
        let p = self.p?;
        let this = NaiveDate::from_ymd_opt(p.year(), m, d)?;
        let (past, next) = if this > p + Days::new(7) {
            (NaiveDate::from_ymd_opt(p.year() - 1, m, d)?, this)
        } else if this > p {
            (this, this)
        } else {
            (this, NaiveDate::from_ymd_opt(p.year() + 1, m, d)?)
        };
        let mut f = Found::new(past, DatePrecision::Day, first, y);
        f.future = Some(next);
        Some(f)
    }

    /// "March 2025", "in early March 2025".
    fn month_year(&self, i: usize) -> Option<Found> {
        let m = month(self.low(i))?;
        let y = year(self.low(i + 1))?;
        if !self.cap(i) {
            return None;
        }
        let mut f = Found::new(
            NaiveDate::from_ymd_opt(y, m, 1)?,
            DatePrecision::Month,
            self.modifier_before(i),
            i + 2,
        );
        f.historical = self.old(y);
        Some(f)
    }

    /// The start of "early", "mid", "late", "the end of", "the beginning of" before word `i`.
    fn modifier_before(&self, i: usize) -> usize {
        if i >= 1 && matches!(self.low(i - 1), "early" | "mid" | "late") {
            return i - 1;
        }
        if i >= 2 && self.low(i - 1) == "of" && matches!(self.low(i - 2), "end" | "beginning") {
            return if i >= 3 && self.low(i - 3) == "the" {
                i - 3
            } else {
                i - 2
            };
        }
        i
    }

    /// "during World War II", "in the Korean War": the war's first year, a memory.
    fn era(&self, i: usize) -> Option<Found> {
        if !matches!(self.low(i), "during" | "in") {
            return None;
        }
        let start = if self.low(i + 1) == "the" {
            i + 2
        } else {
            i + 1
        };
        for (names, from, to) in ERAS {
            let matches = names
                .iter()
                .enumerate()
                .all(|(k, n)| self.low(start + k) == *n);
            if matches && self.cap(start) {
                let precision = if to - from >= 5 {
                    DatePrecision::Decade
                } else {
                    DatePrecision::Year
                };
                let mut f = Found::new(
                    NaiveDate::from_ymd_opt(*from, 1, 1)?,
                    precision,
                    i + 1,
                    start + names.len(),
                );
                f.historical = self.p.is_none_or(|p| *to < p.year());
                return Some(f);
            }
        }
        None
    }

    /// "in the 1990s", "the late 1980s", "the mid-1990s".
    fn decade(&self, i: usize) -> Option<Found> {
        let low = self.low(i);
        let y = decade(low.strip_prefix("mid-").unwrap_or(low))?;
        let first = self.modifier_before(i);
        let first = if first >= 1 && self.low(first - 1) == "the" {
            first - 1
        } else {
            first
        };
        let mut f = Found::new(
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            DatePrecision::Decade,
            first,
            i + 1,
        );
        f.historical = self.old(y + 9);
        Some(f)
    }

    /// "in 1950", "during 2019", "in early 2025", "in mid-2024", "the 2018 summit" (whose
    /// "the" is the summit's).
    fn year(&self, i: usize) -> Option<Found> {
        let low = self.low(i);
        let mid = low.strip_prefix("mid-");
        let y = year(mid.unwrap_or(low))?;
        let first = self.modifier_before(i);
        let before = if first >= 1 { self.low(first - 1) } else { "" };
        let framed = matches!(before, "in" | "during" | "of" | "back")
            || (before == "the"
                && self
                    .w
                    .get(i + 1)
                    .is_some_and(|w| !w.capital && !w.after_punct && w.low.len() > 2))
            || first < i
            || mid.is_some();
        if !framed {
            return None;
        }
        let mut f = Found::new(
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            DatePrecision::Year,
            first,
            i + 1,
        );
        f.historical = self.old(y);
        Some(f)
    }

    /// "two months ago", "just over two months ago", "3 days ago", "a couple of weeks ago".
    fn ago(&self, i: usize) -> Option<Found> {
        let p = self.p?;
        let n = count(self.low(i))?;
        let mut unit_at = i + 1;
        if self.low(i) == "couple" || (self.low(i) == "few" && self.low(i + 1) == "of") {
            unit_at += usize::from(self.low(unit_at) == "of");
        }
        let unit = self.low(unit_at);
        if !self.is(unit_at + 1, "ago") {
            return None;
        }
        let unit = unit.strip_suffix('s').unwrap_or(unit);
        let (date, precision) = match unit {
            "day" => (p.checked_sub_days(Days::new(n.into()))?, DatePrecision::Day),
            "week" => (
                p.checked_sub_days(Days::new(7 * u64::from(n)))?,
                DatePrecision::Week,
            ),
            "month" => (p.checked_sub_months(Months::new(n))?, DatePrecision::Month),
            "year" => (
                p.checked_sub_months(Months::new(12 * n))?,
                DatePrecision::Year,
            ),
            "decade" => (
                p.checked_sub_months(Months::new(120 * n))?,
                DatePrecision::Decade,
            ),
            _ => return None,
        };
        let mut first = i;
        if first >= 1 && matches!(self.low(first - 1), "a" | "just" | "some" | "about") {
            first -= 1;
        }
        if first >= 1 && matches!(self.low(first - 1), "just" | "some" | "about") {
            first -= 1;
        }
        if first >= 2
            && self.low(first - 1) == "over"
            && matches!(self.low(first - 2), "just" | "little")
        {
            first -= 2;
        }
        let mut f = Found::new(date, precision, first, unit_at + 2);
        f.historical = self.old(date.year());
        Some(f)
    }

    /// "last week", "earlier this month", "next year", "late last year", "this week"; "the past
    /// week" and "the last month" are the week or month up to publication, dated from its first
    /// day.
    fn relative_period(&self, i: usize) -> Option<Found> {
        let p = self.p?;
        let which = self.low(i);
        if !matches!(which, "last" | "this" | "next" | "past") {
            return None;
        }
        let unit = self.low(i + 1);
        let the = i >= 1 && self.low(i - 1) == "the";
        if which == "past" || (which == "last" && the) {
            let rolling = match unit {
                "week" => Some((p.checked_sub_days(Days::new(7))?, DatePrecision::Week)),
                "month" => Some((p.checked_sub_months(Months::new(1))?, DatePrecision::Month)),
                "year" => Some((p.checked_sub_months(Months::new(12))?, DatePrecision::Year)),
                _ => None,
            };
            if let Some((date, precision)) = rolling {
                // "the last week of June" is June's.
                if self.is(i + 2, "of") {
                    return None;
                }
                let first = if the { i - 1 } else { i };
                return Some(Found::new(date, precision, first, i + 2));
            }
        }
        let monday = p - Days::new(p.weekday().num_days_from_monday().into());
        let month1 = p.with_day(1)?;
        let year1 = NaiveDate::from_ymd_opt(p.year(), 1, 1)?;
        let (date, precision) = match (which, unit) {
            ("last" | "past", "week") => (monday - Days::new(7), DatePrecision::Week),
            ("this", "week") => (monday, DatePrecision::Week),
            ("next", "week") => (monday + Days::new(7), DatePrecision::Week),
            ("last" | "past", "weekend") | ("this", "weekend") => {
                let back = (p.weekday().num_days_from_monday() + 2) % 7;
                (p - Days::new(back.into()), DatePrecision::Week)
            }
            ("last" | "past", "month") => (
                month1.checked_sub_months(Months::new(1))?,
                DatePrecision::Month,
            ),
            ("this", "month") => (month1, DatePrecision::Month),
            ("next", "month") => (
                month1.checked_add_months(Months::new(1))?,
                DatePrecision::Month,
            ),
            ("last" | "past", "year") => (
                NaiveDate::from_ymd_opt(p.year() - 1, 1, 1)?,
                DatePrecision::Year,
            ),
            ("this", "year") => (year1, DatePrecision::Year),
            ("next", "year") => (
                NaiveDate::from_ymd_opt(p.year() + 1, 1, 1)?,
                DatePrecision::Year,
            ),
            ("last", "night") => (p - Days::new(1), DatePrecision::Day),
            ("this", "morning" | "afternoon" | "evening") => (p, DatePrecision::Day),
            _ => return None,
        };
        let mut first = self.modifier_before(i);
        if first >= 1 && matches!(self.low(first - 1), "earlier" | "later") {
            first -= 1;
        }
        Some(Found::new(date, precision, first, i + 2))
    }

    /// "yesterday", "today", "tonight", "tomorrow", "over the weekend".
    fn named_day(&self, i: usize) -> Option<Found> {
        let p = self.p?;
        let (date, next) = match self.low(i) {
            "yesterday" => (p - Days::new(1), i + 1),
            "today" | "tonight" => (p, i + 1),
            "tomorrow" => (p + Days::new(1), i + 1),
            "weekend" if matches!(self.low(i.wrapping_sub(1)), "the") && i >= 2 => {
                if !matches!(self.low(i - 2), "over" | "at" | "during") {
                    return None;
                }
                let back = (p.weekday().num_days_from_monday() + 2) % 7;
                let mut f = Found::new(
                    p - Days::new(back.into()),
                    DatePrecision::Week,
                    i - 2,
                    i + 1,
                );
                f.future = Some(p - Days::new(back.into()) + Days::new(7));
                return Some(f);
            }
            _ => return None,
        };
        let first = if i >= 1 && self.low(i - 1) == "earlier" && self.low(i) == "today" {
            i - 1
        } else {
            i
        };
        Some(Found::new(date, DatePrecision::Day, first, next))
    }

    /// "on Monday", "Monday night", "last Friday", "next Tuesday".
    fn weekday(&self, i: usize) -> Option<Found> {
        let p = self.p?;
        let d = weekday(self.low(i))?;
        if !self.cap(i) {
            return None;
        }
        // "Monday, January 5": the date says it.
        if self.month_day(i + 1).is_some() || self.day_month(i + 1).is_some() {
            return None;
        }
        // A name: "Good Friday", "the Sunday Times".
        let next_capital = self
            .w
            .get(i + 1)
            .is_some_and(|w| w.capital && !w.after_punct);
        if i >= 1
            && !self.w[i].after_punct
            && ((self.cap(i - 1) && DAY_NAMES.contains(&self.low(i - 1)))
                || (self.low(i - 1) == "the" && next_capital))
        {
            return None;
        }
        let back =
            u64::from((p.weekday().num_days_from_monday() + 7 - d.num_days_from_monday()) % 7);
        let before = if i >= 1 { self.low(i - 1) } else { "" };
        let ahead = if back == 0 { 7 } else { 7 - back };
        let (date, first, future) = match before {
            "last" => {
                let back = if back == 0 { 7 } else { back };
                (p - Days::new(back), i - 1, None)
            }
            "next" | "coming" => (p + Days::new(ahead), i - 1, None),
            _ => (p - Days::new(back), i, Some(p + Days::new(ahead))),
        };
        let mut f = Found::new(date, DatePrecision::Day, first, i + 1);
        f.future = future;
        Some(f)
    }

    /// "in March", "in mid-March", "in late September" (a capital is needed: "march" is a verb).
    fn month_alone(&self, i: usize) -> Option<Found> {
        let p = self.p?;
        let (low, cap) = (self.low(i), self.cap(i));
        let (m, first) = match low.split_once('-') {
            Some(("mid" | "early" | "late", rest)) => (month(rest)?, i),
            _ => {
                let m = month(low)?;
                let framed = i >= 1
                    && matches!(
                        self.low(i - 1),
                        "in" | "early" | "mid" | "late" | "of" | "since" | "until" | "by"
                    );
                if !cap || !framed {
                    return None;
                }
                (m, self.modifier_before(i))
            }
        };
        if matches!(self.low(first.wrapping_sub(1)), "since" | "until" | "by") {
            return None;
        }
        // The nearest such month that starts not more than a month after publication's month
        // ("elections in March", published in February, are next month's), and the next one
        // after publication's month.
        let month1 = p.with_day(1)?;
        let limit = month1.checked_add_months(Months::new(1))?;
        let mut past = NaiveDate::from_ymd_opt(p.year() + 1, m, 1)?;
        while past > limit {
            past = past.checked_sub_months(Months::new(12))?;
        }
        let this = NaiveDate::from_ymd_opt(p.year(), m, 1)?;
        let next = if this > month1 {
            this
        } else {
            NaiveDate::from_ymd_opt(p.year() + 1, m, 1)?
        };
        let mut f = Found::new(past, DatePrecision::Month, first, i + 1);
        f.future = Some(next);
        Some(f)
    }
}

/// Every time expression of a sentence, in order, none overlapping.
pub fn time_expressions(
    text: &str,
    tokens: &[Token],
    published: Option<NaiveDate>,
) -> Vec<TimeExpr> {
    let w = words(text, tokens);
    let finder = Finder {
        w: &w,
        p: published,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        match finder.at(i) {
            Some(f) if f.next > i => {
                let start = w[f.first].span.start;
                let end = w[f.next - 1].span.end;
                // A form may take in words before `i` ("just over", "in early"): never words of
                // the expression before it.
                let start = match out.last() {
                    Some(TimeExpr { span, .. }) if span.end > start => w[f.first.max(i)].span.start,
                    _ => start,
                };
                out.push(TimeExpr {
                    date: f.date,
                    precision: f.precision,
                    span: Span::new(start, end),
                    future: f.future,
                    historical: f.historical,
                });
                i = f.next;
            }
            _ => i += 1,
        }
    }
    out
}

/// The time expression that dates an event whose trigger is `trigger`: the nearest in the
/// sentence, by the bytes between them (before wins a tie: "On January 5, Xi met Lee").
pub fn nearest(exprs: &[TimeExpr], trigger: Span) -> Option<&TimeExpr> {
    exprs.iter().min_by_key(|e| {
        if e.span.end <= trigger.start {
            (trigger.start - e.span.end, 0)
        } else if e.span.start >= trigger.end {
            (e.span.start - trigger.end, 1)
        } else {
            (0, 0)
        }
    })
}

/// The time expression that dates each act of a sentence, given the acts' trigger spans in order:
/// an expression dates only the act it is attached to ([`dyad_text::clauses::owner`]: the nearest
/// by words, a clause boundary counting as several), so "offered to hand over suspects in the
/// bombing of a plane in 1988" dates the bombing, not the offer. An act that owns several takes
/// the nearest; an act that owns none takes the time of the act before it when they share a
/// clause frame ("held talks on Monday with Lee, who was on a visit"), else none (the publication
/// date). Returns, per trigger, the index of its expression in `exprs`.
pub fn assign(
    text: &str,
    tokens: &[Token],
    exprs: &[TimeExpr],
    triggers: &[Span],
) -> Vec<Option<usize>> {
    let mut own: Vec<Option<(usize, usize)>> = vec![None; triggers.len()];
    for (k, e) in exprs.iter().enumerate() {
        if let Some(t) = dyad_text::clauses::owner(text, tokens, triggers, e.span) {
            let d = dyad_text::clauses::clause_distance(text, tokens, triggers[t], e.span);
            if own[t].is_none_or(|(_, best)| d < best) {
                own[t] = Some((k, d));
            }
        }
    }
    let mut out: Vec<Option<usize>> = Vec::with_capacity(triggers.len());
    for (i, o) in own.iter().enumerate() {
        let inherited = i.checked_sub(1).and_then(|p| {
            out[p]
                .filter(|_| dyad_text::clauses::shares_time(text, tokens, triggers[p], triggers[i]))
        });
        out.push(o.map(|(k, _)| k).or(inherited));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, published: &str) -> Vec<(String, &'static str, String)> {
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        time_expressions(text, &tokens, p)
            .into_iter()
            .map(|e| {
                (
                    e.date.to_string(),
                    e.precision.as_str(),
                    e.span.of(text).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn spans_and_precision() {
        assert_eq!(
            find("Just over two months ago, Xi visited.", "2026-01-06"),
            [(
                "2025-11-06".into(),
                "month",
                "Just over two months ago".into()
            )]
        );
        assert_eq!(
            find("On January 5, 2026, and in March 2019 they met.", ""),
            [
                ("2026-01-05".into(), "day", "January 5, 2026".into()),
                ("2019-03-01".into(), "month", "March 2019".into())
            ]
        );
    }

    #[test]
    fn a_comma_separates_a_month_from_a_number() {
        assert!(find("In January, 2 people died.", "2026-03-01")[0].2 == "January");
    }

    #[test]
    fn nearest_prefers_the_closest() {
        let text = "On January 5 Xi met Lee, who visited Seoul in 2019.";
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let exprs = time_expressions(text, &tokens, NaiveDate::from_ymd_opt(2026, 1, 6));
        let met = Span::new(16, 19);
        let visited = Span::new(29, 36);
        assert_eq!(nearest(&exprs, met).unwrap().span.of(text), "January 5");
        assert_eq!(nearest(&exprs, visited).unwrap().span.of(text), "2019");
    }

    /// The expression each trigger takes, by `assign`.
    fn assigned(text: &str, triggers: &[&str]) -> Vec<Option<String>> {
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let exprs = time_expressions(text, &tokens, NaiveDate::from_ymd_opt(2026, 1, 6));
        let spans: Vec<Span> = triggers
            .iter()
            .map(|w| {
                let i = text.find(w).unwrap();
                Span::new(i, i + w.len())
            })
            .collect();
        assign(text, &tokens, &exprs, &spans)
            .into_iter()
            .map(|k| k.map(|k| exprs[k].span.of(text).to_string()))
            .collect()
    }

    #[test]
    fn an_expression_dates_only_the_act_it_is_attached_to() {
        assert_eq!(
            assigned(
                "Libya has offered to hand over two suspects in the bombing of a plane in 1988.",
                &["offered", "hand over", "bombing"]
            ),
            [None, None, Some("1988".into())]
        );
        assert_eq!(
            assigned(
                "The assembly demanded an apology for troops who killed prisoners in 1942.",
                &["demanded", "killed"]
            ),
            [None, Some("1942".into())]
        );
        // A relative clause or a coordinated verb shares the main act's time.
        assert_eq!(
            assigned(
                "On January 5, Xi held talks with Lee, who was on a state visit to China.",
                &["held talks", "visit"]
            ),
            [Some("January 5".into()), Some("January 5".into())]
        );
        assert_eq!(
            assigned(
                "Ministers met on Monday in Rome and signed a pact.",
                &["met", "signed"]
            ),
            [Some("Monday".into()), Some("Monday".into())]
        );
        // A clause after ", but" has its own time.
        assert_eq!(
            assigned(
                "Troops invaded the country in 1979, but now the envoy demands talks.",
                &["invaded", "demands"]
            ),
            [Some("1979".into()), None]
        );
    }
}
