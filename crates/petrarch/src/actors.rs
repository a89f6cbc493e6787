//! Actor files: `PHRASE [CODE]`, synonyms `+PHRASE`, date restrictions on indented lines.

use crate::diag::{Diags, Reason};
use crate::source::{Line, Phrase, bracket, lines};
use chrono::NaiveDate;

/// When a code applies. Limits are inclusive, as in PETRARCH ("or equal to").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// Always: the default code.
    Always,
    /// `<DATE`: on or before the date.
    Before(NaiveDate),
    /// `>DATE`: on or after the date.
    After(NaiveDate),
    /// `DATE-DATE`: between the dates.
    Between(NaiveDate, NaiveDate),
}

impl Validity {
    /// True when `date` falls in the period.
    pub fn holds(self, date: NaiveDate) -> bool {
        match self {
            Validity::Always => true,
            Validity::Before(d) => date <= d,
            Validity::After(d) => date >= d,
            Validity::Between(a, b) => a <= date && date <= b,
        }
    }

    /// The last day of the period (none: open-ended).
    fn end(self) -> Option<NaiveDate> {
        match self {
            Validity::Before(d) | Validity::Between(_, d) => Some(d),
            _ => None,
        }
    }
}

/// One `[CODE restriction]`: the codes (`[FRO/BIL/SAM]` names three actors) and when they apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRule {
    /// Actor codes, upper case; `---` is PETRARCH's "no country".
    pub codes: Vec<String>,
    /// When they apply.
    pub validity: Validity,
    /// The line it was read from.
    pub line: usize,
}

/// One actor: its phrases and its codes over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// The file it was read from.
    pub file: String,
    /// The line of its primary phrase.
    pub line: usize,
    /// The primary phrase first, then the synonyms, each with its line.
    pub phrases: Vec<(Phrase, usize)>,
    /// Code rules in file order: the first dated rule that holds wins, else the default.
    pub rules: Vec<CodeRule>,
}

impl ActorEntry {
    /// The codes on `date`: the first dated rule that holds, else the default (`[CODE]`). Without a
    /// date, the default, else the rule that runs latest.
    pub fn codes_on(&self, date: Option<NaiveDate>) -> Option<&CodeRule> {
        let default = self.rules.iter().find(|r| r.validity == Validity::Always);
        match date {
            Some(d) => self
                .rules
                .iter()
                .find(|r| r.validity != Validity::Always && r.validity.holds(d))
                .or(default),
            None => default.or_else(|| {
                self.rules
                    .iter()
                    .max_by_key(|r| r.validity.end().unwrap_or(NaiveDate::MAX))
            }),
        }
    }
}

/// A date as PETRARCH writes it: `YYYYMMDD`, or `YYMMDD` with 00–29 read as 20xx.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = match s.len() {
        8 => s.to_string(),
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            format!("{}{s}", if yy < 30 { "20" } else { "19" })
        }
        _ => return None,
    };
    NaiveDate::parse_from_str(&full, "%Y%m%d").ok()
}

/// Read `CODE`, `CODE >DATE`, `CODE <DATE`, `CODE DATE-DATE` (blanks allowed around the marks).
pub(crate) fn parse_rule(inner: &str, line: usize) -> Result<(CodeRule, bool), Reason> {
    let inner = inner.trim();
    let (code, rest) = match inner.find(char::is_whitespace) {
        Some(p) => (&inner[..p], inner[p..].trim()),
        None => (inner, ""),
    };
    let ok_code = |c: &str| {
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '/' | '+' | '#'))
            && c.chars().any(|ch| !ch.is_ascii_digit())
    };
    // "[HOB<950601]" without a blank.
    let (code, rest) = match code.find(['<', '>']) {
        Some(p) if rest.is_empty() => (&code[..p], &code[p..]),
        _ => (code, rest),
    };
    if !ok_code(code) || code.chars().filter(|c| c.is_ascii_digit()).count() >= 6 {
        return Err(Reason::MalformedCode);
    }
    let lower = code.chars().any(|c| c.is_ascii_lowercase());
    let codes = code
        .to_ascii_uppercase()
        .split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let r: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let validity = if r.is_empty() {
        Validity::Always
    } else if let Some(d) = r.strip_prefix('<') {
        Validity::Before(parse_date(d).ok_or(Reason::MalformedDate)?)
    } else if let Some(d) = r.strip_prefix('>') {
        Validity::After(parse_date(d).ok_or(Reason::MalformedDate)?)
    } else if let Some((a, b)) = r.split_once('-') {
        Validity::Between(
            parse_date(a).ok_or(Reason::MalformedDate)?,
            parse_date(b).ok_or(Reason::MalformedDate)?,
        )
    } else {
        return Err(Reason::MalformedDate);
    };
    Ok((
        CodeRule {
            codes,
            validity,
            line,
        },
        lower,
    ))
}

/// Parse an actor file. Lines it cannot read are added to `diags`.
pub(crate) fn parse(text: &str, diags: &mut Diags) -> Vec<ActorEntry> {
    let mut out: Vec<ActorEntry> = Vec::new();
    let mut open = false; // the last entry can still take synonyms and restrictions
    for Line {
        number,
        text: l,
        indented,
        ..
    } in lines(text, diags)
    {
        let add_rule =
            |inner: &str, e: &mut ActorEntry, diags: &mut Diags| match parse_rule(inner, number) {
                Ok((r, lower)) => {
                    if lower {
                        diags.add(number, Reason::LowerCaseCode, &l);
                    }
                    e.rules.push(r);
                }
                Err(reason) => diags.add(number, reason, &l),
            };
        if l.starts_with('[') {
            // A restriction line (indented in PETRARCH; TABARI did not insist).
            let Some(e) = out.last_mut().filter(|_| open) else {
                diags.add(number, Reason::OrphanLine, &l);
                continue;
            };
            let mut rest = l.as_str();
            let mut any = false;
            while let Some((_, inner, after)) = bracket(rest) {
                add_rule(inner, e, diags);
                any = true;
                rest = after;
            }
            if !any {
                diags.add(number, Reason::MalformedCode, &l);
            }
            continue;
        }
        let _ = indented;
        let (phrase_text, code) = match bracket(&l) {
            Some((before, inner, _)) => (before.trim().to_string(), Some(inner.to_string())),
            None if l.contains('[') => {
                diags.add(number, Reason::MalformedCode, &l);
                continue;
            }
            None => (l.clone(), None),
        };
        if let Some(syn) = phrase_text.strip_prefix('+') {
            let Some(e) = out.last_mut().filter(|_| open) else {
                diags.add(number, Reason::OrphanLine, &l);
                continue;
            };
            let p = Phrase::parse(syn);
            if p.words.is_empty() {
                diags.add(number, Reason::UnrecognizedLine, &l);
                continue;
            }
            e.phrases.push((p, number));
            if let Some(c) = code {
                add_rule(&c, e, diags);
            }
            continue;
        }
        let p = Phrase::parse(&phrase_text);
        if p.words.is_empty() {
            diags.add(number, Reason::UnrecognizedLine, &l);
            continue;
        }
        let mut e = ActorEntry {
            file: diags.file.to_string(),
            line: number,
            phrases: vec![(p, number)],
            rules: Vec::new(),
        };
        if let Some(c) = code {
            add_rule(&c, &mut e, diags);
        }
        out.push(e);
        open = true;
    }
    for e in &out {
        if e.rules.is_empty() {
            let t = e.phrases[0].0.to_text(" ");
            diags.add(e.line, Reason::EntryWithoutCode, &t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<ActorEntry>, Vec<crate::Diagnostic>) {
        let mut v = Vec::new();
        let e = parse(
            text,
            &mut Diags {
                file: "a.txt",
                out: &mut v,
            },
        );
        (e, v)
    }

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn synonyms_and_dated_codes() {
        let (e, v) = read(
            "GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\
             #\t[950601-990815]\n\t[HOBREB > 990816]\nZIMBABWE\n\t[RHO <790606]\n\t[ZBW]#jw\n",
        );
        assert!(v.is_empty(), "{v:?}");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].phrases.len(), 2);
        let code = |i: usize, s: &str| e[i].codes_on(d(s)).map(|r| r.codes.join("/"));
        assert_eq!(code(0, "1995-01-01").as_deref(), Some("HOB"));
        assert_eq!(
            code(0, "1995-06-01").as_deref(),
            Some("HOB"),
            "first rule wins"
        );
        assert_eq!(code(0, "1998-01-01").as_deref(), Some("HOBGOV"));
        assert_eq!(code(0, "2001-01-01").as_deref(), Some("HOBREB"));
        assert_eq!(code(1, "1978-12-23").as_deref(), Some("RHO"));
        assert_eq!(code(1, "2001-01-01").as_deref(), Some("ZBW"));
        assert_eq!(e[1].codes_on(None).unwrap().codes, ["ZBW"]);
    }

    #[test]
    fn multi_codes_lower_case_and_bad_lines_are_reported() {
        let (e, v) = read(
            "THE_SHIRE  [FRO/BIL/SAM]\nPALESTINIAN [pse]\n+ORPHAN?\n\t[AAA950601-990815]\nONO\n\t[ONO <9112]\n",
        );
        assert_eq!(e[0].rules[0].codes, ["FRO", "BIL", "SAM"]);
        assert_eq!(e[1].rules[0].codes, ["PSE"]);
        let reasons: Vec<(usize, Reason)> = v.iter().map(|d| (d.line, d.reason)).collect();
        assert_eq!(
            reasons,
            [
                (2, Reason::LowerCaseCode),
                (4, Reason::MalformedCode),
                (6, Reason::MalformedDate),
                (5, Reason::EntryWithoutCode)
            ]
        );
    }
}
