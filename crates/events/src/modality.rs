//! Modality from closed word classes: negation, futurity, hypotheticals, memories.

use dyad_text::{Token, TokenKind};
use dyad_types::{CameoCode, Modality, Span};

const NEGATION: &[&str] = &["not", "never", "neither", "nor", "cannot", "without", "n't"];
const FUTURE: &[&str] = &["will", "'ll", "shall"];
/// Verbs of plan and schedule that make what follows "to" a future act.
const FUTURE_TO: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expect",
    "expects",
    "expected",
    "set",
    "scheduled",
    "due",
    "going",
    "about",
    "aim",
    "aims",
    "aiming",
    "prepare",
    "prepares",
    "preparing",
    "is",
    "are",
];
const HYPOTHETICAL: &[&str] = &[
    "would", "could", "should", "might", "may", "must", "can", "if", "unless", "whether", "ought",
];
/// Words that frame what follows as a memory: "recalled that", "the anniversary of".
const MEMORY_FRAME: &[&str] = &[
    "recall",
    "recalled",
    "recalls",
    "recalling",
    "remember",
    "remembered",
    "remembers",
    "commemorate",
    "commemorated",
    "commemorating",
    "anniversary",
    "history",
    "formerly",
];
/// Words just before the trigger that make it a memory: "once fought".
const MEMORY_LOCAL: &[&str] = &["once"];
/// How far back (in words) a cue may stand from its trigger.
const REACH: usize = 8;

/// The modality of the event whose trigger is token `trigger`, and the words that set it.
/// `code` is the event code (CAMEO 03 intents are future by nature, so "will" does not make them
/// future); `history` is the past war or old year attached to this act, if any ([`history`]).
pub fn modality(
    text: &str,
    tokens: &[Token],
    trigger: usize,
    code: &str,
    history: Option<Span>,
) -> (Modality, Option<Span>) {
    let intent = code.starts_with("03");
    let word = |t: &Token| -> String {
        match t.kind {
            TokenKind::Negation => "n't".to_string(),
            _ => t
                .span
                .of(text)
                .to_ascii_lowercase()
                .replace('\u{2019}', "'"),
        }
    };
    // Local cues, nearest first, within the clause.
    let mut seen = 0;
    let mut i = trigger;
    while i > 0 && seen < REACH {
        i -= 1;
        let t = &tokens[i];
        if matches!(t.kind, TokenKind::Punct(';' | ':' | ',' | '(' | ')'))
            && !in_number(text, tokens, i)
        {
            break;
        }
        if !(t.is_word() || t.kind == TokenKind::Negation) {
            continue;
        }
        seen += 1;
        let w = word(t);
        let next = tokens.get(i + 1).map(word).unwrap_or_default();
        if NEGATION.contains(&w.as_str()) && !(w == "not" && next == "only") {
            return (Modality::Negated, Some(t.span));
        }
        if w == "no" && seen == 1 {
            return (Modality::Negated, Some(t.span));
        }
        // "failed to renew", "failed on Wednesday to renew", "was unable to reach".
        let to_follows = tokens[i + 1..trigger]
            .iter()
            .any(|t| t.span.of(text).eq_ignore_ascii_case("to"));
        if (w.starts_with("fail") || w.starts_with("refus") || w == "unable") && to_follows {
            return (Modality::Negated, Some(t.span));
        }
        // "once again" and "once more" repeat an act; they do not remember it.
        if MEMORY_LOCAL.contains(&w.as_str()) && !matches!(next.as_str(), "again" | "more") {
            return (Modality::Historical, Some(t.span));
        }
        // "announced it would free prisoners": "would" after a reporting verb is the future of
        // reported speech, not a condition.
        if w == "would" && reported(text, tokens, i) {
            if intent {
                continue;
            }
            return (Modality::Future, Some(t.span));
        }
        if HYPOTHETICAL.contains(&w.as_str()) {
            return (Modality::Hypothetical, Some(t.span));
        }
        if !intent
            && (FUTURE.contains(&w.as_str()) || (FUTURE_TO.contains(&w.as_str()) && next == "to"))
        {
            return (Modality::Future, Some(t.span));
        }
    }
    // Sentence-wide cues of memory: a framing verb before the trigger, a past war, an old year.
    // These scan every word, so they compare in place rather than fold into new strings.
    let raw = |t: &Token| t.span.of(text);
    for t in tokens[..trigger].iter().filter(|t| t.is_word()) {
        if MEMORY_FRAME.iter().any(|m| m.eq_ignore_ascii_case(raw(t))) {
            return (Modality::Historical, Some(t.span));
        }
    }
    if let Some(h) = history {
        return (Modality::Historical, Some(h));
    }
    (Modality::Asserted, None)
}

/// Words of a sentence that place an act in history: a past war ("World War II", "the Cold
/// War") or an old year ("in 1950", "the 1980s", "the 1967 war": before the year preceding
/// publication). Each belongs to one act, the one it is attached to
/// ([`dyad_text::clauses::owner`]), and to the acts after it that share its time ("During World
/// War II, Japan invaded China and occupied Manchuria"), never to every act of the sentence:
/// "offered to hand over suspects in the bombing of a plane in 1988" is an offer of today.
/// `acts` are the trigger spans in order; returns each act's cue.
pub fn history(
    text: &str,
    tokens: &[Token],
    acts: &[Span],
    published_year: Option<i32>,
) -> Vec<Option<Span>> {
    let raw = |t: &Token| t.span.of(text);
    let is = |t: Option<&Token>, w: &str| {
        t.is_some_and(|t| t.is_word() && raw(t).eq_ignore_ascii_case(w))
    };
    let mut own: Vec<Option<(Span, usize)>> = vec![None; acts.len()];
    for (k, t) in tokens.iter().enumerate().filter(|(_, t)| t.is_word()) {
        let next = tokens.get(k + 1);
        let prev = k.checked_sub(1).and_then(|p| tokens.get(p));
        let war = (is(Some(t), "world") || is(Some(t), "cold")) && is(next, "war");
        let old_year = match (year_of(raw(t)), published_year) {
            (Some(year), Some(published)) => {
                let framed = ["in", "during", "the"].iter().any(|w| is(prev, w))
                    || is(next, "war")
                    || is(next, "wars");
                framed && year < published - 1
            }
            _ => false,
        };
        if !(war || old_year) {
            continue;
        }
        if let Some(a) = dyad_text::clauses::owner(text, tokens, acts, t.span) {
            let d = dyad_text::clauses::clause_distance(text, tokens, acts[a], t.span);
            if own[a].is_none_or(|(_, best)| d < best) {
                own[a] = Some((t.span, d));
            }
        }
    }
    let mut out: Vec<Option<Span>> = Vec::with_capacity(acts.len());
    for (i, o) in own.iter().enumerate() {
        let inherited = i.checked_sub(1).and_then(|p| {
            out[p].filter(|_| dyad_text::clauses::shares_time(text, tokens, acts[p], acts[i]))
        });
        out.push(o.map(|(s, _)| s).or(inherited));
    }
    out
}

/// CAMEO codes an announced act by what the announcement is: a future or intended cooperative act
/// is an intent (03: "will withdraw its troops" → 0356), a future or conditional conflictual act a
/// threat (13: "may impose sanctions" → 1312), and a refused cooperative act a rejection (12:
/// "will not allow inspectors" → 1245). `cue` is the word that set the modality and the word
/// before it. Returns the code of the announcement, if the act is announced.
pub fn announced_act(
    code: CameoCode,
    modality: Modality,
    cue: Option<(&str, &str)>,
) -> Option<CameoCode> {
    let c = code.as_str();
    let root = code.root_number();
    let sub = |table: &[(&str, &'static str)], default: &'static str| -> &'static str {
        table
            .iter()
            .filter(|(k, _)| c.starts_with(k))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, v)| *v)
            .unwrap_or(default)
    };
    let (word, before) = cue.unwrap_or(("", ""));
    let refusal = word.starts_with("refus")
        || word.starts_with("declin")
        || (matches!(word, "not" | "n't")
            && matches!(before, "will" | "would" | "wo" | "shall" | "can" | "ca"));
    let conditional = matches!(word, "would" | "may" | "might" | "could");
    let out = match modality {
        Modality::Future if (4..=8).contains(&root) => match root {
            4 => "036",
            5 => "030",
            6 => sub(
                &[
                    ("061", "0311"),
                    ("062", "0312"),
                    ("063", "0313"),
                    ("064", "0314"),
                ],
                "031",
            ),
            7 => sub(
                &[
                    ("071", "0331"),
                    ("072", "0332"),
                    ("073", "0333"),
                    ("074", "0334"),
                ],
                "033",
            ),
            _ => sub(
                &[
                    ("081", "0351"),
                    ("082", "0352"),
                    ("083", "034"),
                    ("084", "0353"),
                    ("085", "0354"),
                    ("086", "0355"),
                    ("087", "0356"),
                ],
                "035",
            ),
        },
        Modality::Future | Modality::Hypothetical
            if root >= 14 && (modality == Modality::Future || conditional) =>
        {
            match root {
                14 => "133",
                16 => sub(
                    &[
                        ("161", "1313"),
                        ("162", "1311"),
                        ("163", "1312"),
                        ("164", "134"),
                        ("165", "135"),
                        ("166", "136"),
                    ],
                    "131",
                ),
                17 => sub(
                    &[
                        ("1721", "1321"),
                        ("1722", "1322"),
                        ("1723", "1323"),
                        ("1724", "1324"),
                        ("172", "132"),
                        ("191", "1381"),
                    ],
                    "137",
                ),
                19 => sub(&[("191", "1381"), ("192", "1382")], "1384"),
                20 => sub(&[("204", "1385")], "1383"),
                18 => "1383",
                _ => "138",
            }
        }
        Modality::Negated if refusal && (3..=8).contains(&root) => match root {
            4 => "125",
            // CAMEO has no 1213 or 1214: judicial and intelligence refusals are 121.
            6 => sub(&[("061", "1211"), ("062", "1212")], "121"),
            7 => sub(
                &[
                    ("071", "1221"),
                    ("072", "1222"),
                    ("073", "1223"),
                    ("074", "1224"),
                ],
                "122",
            ),
            8 => sub(
                &[
                    ("081", "1241"),
                    ("082", "1242"),
                    ("083", "123"),
                    ("0831", "1231"),
                    ("0832", "1232"),
                    ("0833", "1233"),
                    ("0834", "1234"),
                    ("084", "1243"),
                    ("085", "1244"),
                    ("086", "1245"),
                    ("087", "1246"),
                ],
                "124",
            ),
            _ => "120",
        },
        _ => return None,
    };
    out.parse().ok()
}

/// The CAMEO demand (10) for an act: what demanding that the target do it is coded as ("must
/// return the helicopter" → 1053, "must agree to constitutional change" → 1044). The demand codes
/// follow the appeal and intent codes' order: material cooperation (101x), diplomatic
/// cooperation (102), aid (103x), political reform (104x), yielding (105x), meeting (106),
/// settling (107), mediation (108); any other act is a demand not specified (100).
pub fn demanded(code: CameoCode) -> CameoCode {
    const TABLE: &[(&str, &str)] = &[
        // Intents name the act they intend.
        ("031", "101"),
        ("0311", "1011"),
        ("0312", "1012"),
        ("0313", "1013"),
        ("0314", "1014"),
        ("032", "102"),
        ("033", "103"),
        ("0331", "1031"),
        ("0332", "1032"),
        ("0333", "1033"),
        ("0334", "1034"),
        ("034", "104"),
        ("0341", "1041"),
        ("0342", "1042"),
        ("0343", "1043"),
        ("0344", "1044"),
        ("035", "105"),
        ("0351", "1051"),
        ("0352", "1052"),
        ("0353", "1053"),
        ("0354", "1054"),
        ("0355", "1055"),
        ("0356", "1056"),
        ("036", "106"),
        ("037", "108"),
        ("038", "108"),
        ("039", "107"),
        // Acts.
        ("04", "106"),
        ("05", "102"),
        ("06", "101"),
        ("061", "1011"),
        ("062", "1012"),
        ("063", "1013"),
        ("064", "1014"),
        ("07", "103"),
        ("071", "1031"),
        ("072", "1032"),
        ("073", "1033"),
        ("074", "1034"),
        ("08", "105"),
        ("081", "1051"),
        ("082", "1052"),
        ("083", "104"),
        ("0831", "1041"),
        ("0832", "1042"),
        ("0833", "1043"),
        ("0834", "1044"),
        ("084", "1053"),
        ("085", "1054"),
        ("086", "1055"),
        ("087", "1056"),
    ];
    let c = code.as_str();
    let out = TABLE
        .iter()
        .filter(|(k, _)| c.starts_with(k))
        .max_by_key(|(k, _)| k.len())
        .map_or("100", |(_, v)| *v);
    out.parse().expect("a CAMEO demand code")
}

/// Verbs that report speech or a decision: "would" after them is the future of what is reported.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "told",
    "tells",
    "stated",
    "declared",
    "promised",
    "pledged",
    "vowed",
    "confirmed",
    "indicated",
    "added",
    "decided",
    "agreed",
];

/// Does a reporting verb stand just before the "would" at token `i`, with at most a
/// complementizer and a short subject between ("said it would", "announced that the army would")?
fn reported(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens[..i]
        .iter()
        .rev()
        .take_while(|t| t.is_word() || t.kind == TokenKind::Possessive)
        .take(4)
        .any(|t| {
            REPORTING
                .iter()
                .any(|r| r.eq_ignore_ascii_case(t.span.of(text)))
        })
}

/// Is token `i` the comma of a number ("25,000")?
fn in_number(text: &str, tokens: &[Token], i: usize) -> bool {
    let digit = |j: Option<usize>, last: bool| {
        j.and_then(|j| tokens.get(j)).is_some_and(|t| {
            let w = t.span.of(text).as_bytes();
            let b = if last { w.last() } else { w.first() };
            t.is_word() && b.is_some_and(u8::is_ascii_digit)
        })
    };
    tokens[i].kind == TokenKind::Punct(',')
        && digit(i.checked_sub(1), true)
        && digit(Some(i + 1), false)
        && tokens[i + 1].span.start == tokens[i].span.end
}

/// "1950" or "1950s" as a year.
fn year_of(w: &str) -> Option<i32> {
    let digits = w.strip_suffix('s').unwrap_or(w);
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = digits.parse().ok()?;
        (1000..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modality of the word `trigger` in `text`.
    fn of(text: &str, trigger: &str, code: &str) -> Modality {
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let i = tokens
            .iter()
            .position(|t| t.span.of(text) == trigger)
            .expect("trigger in text");
        let cue = history(text, &tokens, &[tokens[i].span], Some(2026))[0];
        modality(text, &tokens, i, code, cue).0
    }

    #[test]
    fn a_demand_is_coded_by_the_act_demanded() {
        let d = |c: &str| demanded(c.parse().unwrap()).as_str().to_string();
        assert_eq!(d("0841"), "1053");
        assert_eq!(d("0842"), "1053");
        assert_eq!(d("0344"), "1044");
        assert_eq!(d("0832"), "1042");
        assert_eq!(d("083"), "104");
        assert_eq!(d("0871"), "1056");
        assert_eq!(d("073"), "1033");
        assert_eq!(d("042"), "106");
        assert_eq!(d("057"), "102");
        assert_eq!(d("190"), "100");
        assert_eq!(d("020"), "100");
    }

    #[test]
    fn cues_before_the_trigger_and_in_the_sentence() {
        use Modality::*;
        let cases = [
            ("China did not sign the deal", "sign", "057", Negated),
            ("China didn't sign the deal", "sign", "057", Negated),
            ("Xi will visit Seoul", "visit", "042", Future),
            ("Xi plans to visit Seoul", "visit", "042", Future),
            ("Xi is to visit Seoul", "visit", "042", Future),
            (
                "The two sides should work together",
                "work",
                "030",
                Hypothetical,
            ),
            ("If Iran attacks Israel", "attacks", "190", Hypothetical),
            ("They once fought side by side", "fought", "190", Historical),
            // Reported speech: "would" is the future of what was said.
            (
                "Israel announced it would free the prisoners",
                "free",
                "0841",
                Future,
            ),
            (
                "Israel would free the prisoners if asked",
                "free",
                "0841",
                Hypothetical,
            ),
            // A repeated act is not a memory.
            (
                "Ankara once again rejected the plan",
                "rejected",
                "120",
                Asserted,
            ),
            (
                "Rebels once more attacked the town",
                "attacked",
                "190",
                Asserted,
            ),
            // A failed act did not happen.
            (
                "The bloc failed to renew sanctions",
                "renew",
                "163",
                Negated,
            ),
            (
                "The bloc failed on Wednesday to renew sanctions",
                "renew",
                "163",
                Negated,
            ),
            (
                "The envoys were unable to reach a deal",
                "reach",
                "057",
                Negated,
            ),
            // The comma of a number does not end the reach of a cue.
            (
                "The agency will ship 12,000 tons of food aid",
                "food",
                "073",
                Future,
            ),
            ("China visited Seoul", "visited", "042", Asserted),
            // CAMEO 03 intents are future by nature: "will" does not make them so.
            ("China will pledge to help", "pledge", "033", Asserted),
            // Memories of the sentence.
            (
                "Both recalled that the two fought Japan",
                "fought",
                "190",
                Historical,
            ),
            (
                "During World War II, Japan invaded China",
                "invaded",
                "192",
                Historical,
            ),
            (
                "In 1950, the North attacked the South",
                "attacked",
                "190",
                Historical,
            ),
            (
                "In 2026, the North attacked the South",
                "attacked",
                "190",
                Asserted,
            ),
            (
                "Growth will not only benefit trade",
                "benefit",
                "061",
                Future,
            ),
            // A comma ends the reach of a cue.
            ("If it rains, China will visit", "visit", "042", Future),
            (
                "Whatever happens, Xi visited Seoul",
                "visited",
                "042",
                Asserted,
            ),
        ];
        for (text, trigger, code, want) in cases {
            assert_eq!(of(text, trigger, code), want, "{text}");
        }
    }

    #[test]
    fn announced_acts_are_intents_threats_or_refusals() {
        let a = |code: &str, m: Modality, cue: (&str, &str)| {
            announced_act(code.parse().unwrap(), m, Some(cue)).map(|c| c.to_string())
        };
        assert_eq!(
            a("0874", Modality::Future, ("will", "")).as_deref(),
            Some("0356")
        );
        assert_eq!(
            a("042", Modality::Future, ("will", "")).as_deref(),
            Some("036")
        );
        assert_eq!(
            a("163", Modality::Hypothetical, ("may", "")).as_deref(),
            Some("1312")
        );
        assert_eq!(
            a("190", Modality::Future, ("will", "")).as_deref(),
            Some("1384")
        );
        assert_eq!(
            a("0862", Modality::Negated, ("not", "will")).as_deref(),
            Some("1245")
        );
        // Not announcements: a plain negation, a normative "should", a memory.
        assert_eq!(a("057", Modality::Negated, ("not", "did")), None);
        assert_eq!(a("190", Modality::Hypothetical, ("should", "")), None);
        assert_eq!(a("190", Modality::Historical, ("once", "")), None);
        assert_eq!(a("010", Modality::Future, ("will", "")), None);
    }

    #[test]
    fn every_announced_code_is_in_the_codebook() {
        let dict = dyad_dict::Dictionaries::embedded().unwrap();
        let cues = [
            ("will", ""),
            ("may", ""),
            ("not", "will"),
            ("refused", ""),
            ("should", ""),
        ];
        let modalities = [Modality::Future, Modality::Hypothetical, Modality::Negated];
        for code in dict.codebook.codes() {
            for m in modalities {
                for cue in cues {
                    if let Some(a) = announced_act(code, m, Some(cue)) {
                        assert!(
                            dict.codebook.get(a).is_some(),
                            "{code} {m:?} {cue:?} gives {a}, not in the codebook"
                        );
                    }
                }
            }
        }
    }
}
