//! English inflection, generated from a base form when dictionaries compile.
//!
//! Design: rather than lemmatize every word of every document (which needs a lexicon or a model),
//! each base word of a pattern is expanded once into the forms it can take: plural and third
//! person, past and participle, gerund, and the irregular forms of a table of English verbs and
//! nouns. The rules over-generate ("visitted" beside "visited"): a form no text contains costs a
//! hash entry and never matches, while a missed form would miss events.

/// Irregular verbs and nouns: base form, then its irregular forms. Regular forms are added too.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("arise", &["arose", "arisen"]),
    ("be", &["is", "are", "was", "were", "been", "being", "am"]),
    ("bear", &["bore", "borne", "born"]),
    ("beat", &["beat", "beaten"]),
    ("become", &["became"]),
    ("begin", &["began", "begun"]),
    ("bind", &["bound"]),
    ("bite", &["bit", "bitten"]),
    ("blow", &["blew", "blown"]),
    ("break", &["broke", "broken"]),
    ("bring", &["brought"]),
    ("build", &["built"]),
    ("burn", &["burnt"]),
    ("buy", &["bought"]),
    ("cast", &["cast"]),
    ("catch", &["caught"]),
    ("choose", &["chose", "chosen"]),
    ("come", &["came"]),
    ("cut", &["cut"]),
    ("deal", &["dealt"]),
    ("dig", &["dug"]),
    ("do", &["did", "done", "does"]),
    ("draw", &["drew", "drawn"]),
    ("drive", &["drove", "driven"]),
    ("eat", &["ate", "eaten"]),
    ("fall", &["fell", "fallen"]),
    ("feed", &["fed"]),
    ("feel", &["felt"]),
    ("fight", &["fought"]),
    ("find", &["found"]),
    ("flee", &["fled"]),
    ("fly", &["flew", "flown", "flies"]),
    ("forbid", &["forbade", "forbidden"]),
    ("forecast", &["forecast"]),
    ("foresee", &["foresaw", "foreseen"]),
    ("forget", &["forgot", "forgotten"]),
    ("forgive", &["forgave", "forgiven"]),
    ("freeze", &["froze", "frozen"]),
    ("get", &["got", "gotten"]),
    ("give", &["gave", "given"]),
    ("go", &["went", "gone", "goes"]),
    ("grow", &["grew", "grown"]),
    ("hang", &["hung"]),
    ("have", &["had", "has"]),
    ("hear", &["heard"]),
    ("hide", &["hid", "hidden"]),
    ("hit", &["hit"]),
    ("hold", &["held"]),
    ("hurt", &["hurt"]),
    ("keep", &["kept"]),
    ("know", &["knew", "known"]),
    ("lay", &["laid"]),
    ("lead", &["led"]),
    ("leave", &["left"]),
    ("lend", &["lent"]),
    ("let", &["let"]),
    ("light", &["lit"]),
    ("lose", &["lost"]),
    ("make", &["made"]),
    ("mean", &["meant"]),
    ("meet", &["met"]),
    ("mislead", &["misled"]),
    ("overcome", &["overcame"]),
    ("override", &["overrode", "overridden"]),
    ("overrun", &["overran"]),
    ("oversee", &["oversaw", "overseen"]),
    ("overthrow", &["overthrew", "overthrown"]),
    ("pay", &["paid"]),
    ("put", &["put"]),
    ("quit", &["quit"]),
    ("read", &["read"]),
    ("rebuild", &["rebuilt"]),
    ("ride", &["rode", "ridden"]),
    ("rise", &["rose", "risen"]),
    ("run", &["ran"]),
    ("say", &["said"]),
    ("see", &["saw", "seen"]),
    ("seek", &["sought"]),
    ("sell", &["sold"]),
    ("send", &["sent"]),
    ("set", &["set"]),
    ("shake", &["shook", "shaken"]),
    ("shed", &["shed"]),
    ("shoot", &["shot"]),
    ("shut", &["shut"]),
    ("sink", &["sank", "sunk"]),
    ("sit", &["sat"]),
    ("slay", &["slew", "slain"]),
    ("speak", &["spoke", "spoken"]),
    ("spend", &["spent"]),
    ("split", &["split"]),
    ("spread", &["spread"]),
    ("stand", &["stood"]),
    ("steal", &["stole", "stolen"]),
    ("strike", &["struck", "stricken"]),
    ("strive", &["strove", "striven"]),
    ("swear", &["swore", "sworn"]),
    ("take", &["took", "taken"]),
    ("teach", &["taught"]),
    ("tear", &["tore", "torn"]),
    ("tell", &["told"]),
    ("think", &["thought"]),
    ("throw", &["threw", "thrown"]),
    ("undergo", &["underwent", "undergone"]),
    ("understand", &["understood"]),
    ("undertake", &["undertook", "undertaken"]),
    ("uphold", &["upheld"]),
    ("wake", &["woke", "woken"]),
    ("win", &["won"]),
    ("withdraw", &["withdrew", "withdrawn"]),
    ("withhold", &["withheld"]),
    ("write", &["wrote", "written"]),
    ("overtake", &["overtook", "overtaken"]),
    ("man", &["men"]),
    ("woman", &["women"]),
    ("child", &["children"]),
    ("crisis", &["crises"]),
    ("analysis", &["analyses"]),
    ("thesis", &["theses"]),
    ("basis", &["bases"]),
    ("person", &["people"]),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Every form of the base word `w` (lower case): itself, plural/third person, past, gerund, and
/// irregular forms.
pub fn forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if let Some((_, irr)) = IRREGULAR.iter().find(|(b, _)| *b == w) {
        out.extend(irr.iter().map(|s| s.to_string()));
    }
    let b = w.as_bytes();
    let n = b.len();
    if n < 2 || !w.bytes().all(|c| c.is_ascii_lowercase() || c == b'-') {
        return out;
    }
    let last = b[n - 1];
    let before = b[n - 2];
    let stem = &w[..n - 1];
    // Plural and third person.
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || last == b'o'
    {
        out.push(format!("{w}es"));
    }
    if last == b'y' && !is_vowel(before) {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
    } else {
        out.push(format!("{w}s"));
    }
    // Past and participle.
    if last == b'e' {
        out.push(format!("{w}d"));
    } else if last != b'y' || is_vowel(before) {
        out.push(format!("{w}ed"));
    }
    // Gerund.
    if w.ends_with("ie") {
        out.push(format!("{}ying", &w[..n - 2]));
    } else if last == b'e' && !matches!(before, b'e' | b'y' | b'o') {
        out.push(format!("{stem}ing"));
    } else {
        out.push(format!("{w}ing"));
    }
    // Consonant doubling (stop → stopped, ban → banning, commit → committed); "visit" → "visitted"
    // never occurs in text and costs nothing.
    let cvc = n >= 3
        && !is_vowel(last)
        && is_vowel(before)
        && !is_vowel(b[n - 3])
        && !matches!(last, b'w' | b'x' | b'y');
    if cvc {
        let c = last as char;
        out.push(format!("{w}{c}ed"));
        out.push(format!("{w}{c}ing"));
    }
    // British and American spellings of -ise/-ize.
    if let Some(s) = w.strip_suffix("ize") {
        out.extend(forms(&format!("{s}ise")));
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(w: &str, f: &str) -> bool {
        forms(w).iter().any(|x| x == f)
    }

    #[test]
    fn regular_forms() {
        for (w, f) in [
            ("visit", "visited"),
            ("visit", "visits"),
            ("visit", "visiting"),
            ("talk", "talks"),
            ("agree", "agreed"),
            ("agree", "agreeing"),
            ("sign", "signed"),
            ("accuse", "accused"),
            ("accuse", "accusing"),
            ("deny", "denied"),
            ("deny", "denies"),
            ("stop", "stopped"),
            ("ban", "banning"),
            ("commit", "committed"),
            ("reach", "reaches"),
            ("criticize", "criticised"),
            ("veto", "vetoes"),
            ("die", "dying"),
            ("pray", "prayed"),
        ] {
            assert!(has(w, f), "{w} should have {f}: {:?}", forms(w));
        }
    }

    #[test]
    fn irregular_forms() {
        assert!(has("hold", "held"));
        assert!(has("fight", "fought"));
        assert!(has("meet", "met"));
        assert!(has("meet", "meeting"));
        assert!(has("be", "was"));
        assert!(!has("deny", "denys"));
    }
}
