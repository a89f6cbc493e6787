//! Property tests: arbitrary bytes and token soups fed to every reader through [`read`] on files
//! never panic, and every item is a document with text or an error naming the file.
//!
//! Inputs that once broke a reader are kept in `tests/fuzz-regressions/` and read by
//! `regressions_still_read`. Cases are bounded (48 per property) so the whole file runs in a few
//! seconds; `FUZZ_CASES=5000 cargo test -p dyad-input --test fuzz` searches longer.

use dyad_input::{TextOptions, read};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::io::Write;
use std::path::Path;

/// File names that pick each reader, plus names that leave the type to the content.
const NAMES: &[&str] = &[
    "a.txt",
    "a.md",
    "a.jsonl",
    "a.html",
    "a.xml",
    "a.rss",
    "a.atom",
    "noext",
    "a.unknown",
];

/// Read `path` and check every item; `Ok(number of items)`. A parser panic caught and reported is
/// a failure unless `known_panic` (the input may trigger a panic known in a dependency).
fn check_path(path: &Path, known_panic: bool) -> Result<usize, TestCaseError> {
    let file = path.to_string_lossy().to_string();
    let mut n = 0;
    for item in read(&file, &TextOptions::default()) {
        n += 1;
        match item {
            Ok(d) => {
                prop_assert!(!d.text.trim().is_empty(), "empty text from {file}");
                prop_assert!(!d.id.0.is_empty(), "empty id from {file}");
            }
            Err(e) => {
                prop_assert!(
                    e.file.starts_with(&file),
                    "error names {} not {file}: {e}",
                    e.file
                );
                prop_assert!(
                    known_panic || !e.message.contains("parser failed"),
                    "a parser panicked on {file}: {e}"
                );
            }
        }
    }
    prop_assert!(n > 0, "nothing at all from {file}");
    Ok(n)
}

/// Write `bytes` under each name (and gzipped), read each, and read the folder of them all.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let known_panic = known_feed_rs_panic(bytes);
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    for name in NAMES {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_path(&p, known_panic)?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let gz = gz
        .finish()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for name in ["b.html.gz", "b.rss.gz", "b.txt.gz"] {
        let p = dir.path().join(name);
        std::fs::write(&p, &gz).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_path(&p, known_panic)?;
    }
    let n = check_path(dir.path(), known_panic)?;
    prop_assert!(n >= NAMES.len() + 3);
    Ok(())
}

/// feed-rs 3.0.0 panics on durations of 20 digits or more (see `tests/fuzz-regressions/`).
fn known_feed_rs_panic(bytes: &[u8]) -> bool {
    bytes.windows(20).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// A string built from pieces of a format, mixed with arbitrary text.
fn soup(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 .,:;\"'<>/=&#\n-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

const HTML: &[&str] = &[
    "<!doctype html>",
    "<html>",
    "</html>",
    "<head>",
    "<body>",
    "</body>",
    "<title>",
    "</title>",
    "<p>",
    "</p>",
    "<div class=\"article\">",
    "</div>",
    "<article>",
    "</article>",
    "<main>",
    "<nav>",
    "</nav>",
    "<header>",
    "<footer>",
    "<script>",
    "</script>",
    "<style>",
    "<br>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<meta charset=\"windows-1252\">",
    "<meta charset=\"utf-16\">",
    "<meta property=\"article:published_time\" content=\"",
    "<meta property=\"og:url\" content=\"",
    "<meta name=\"date\" content=\"",
    "<link rel=\"canonical\" href=\"",
    "\">",
    "<time datetime=\"",
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"datePublished\":\"",
    "\"}",
    "2026-01-05",
    "2026-02-30T25:00:00Z",
    "Mon, 05 Jan 2026 10:00:00 +0000",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "\u{feff}",
    "\u{0}",
    "\u{e9}",
    "The minister met the president on Monday. ",
    "\n\n",
];

const FEED: &[&str] = &[
    "<?xml version=\"1.0\"?>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    "<?xml version=\"1.0\" encoding=\"bogus\"?>",
    "<rss version=\"2.0\">",
    "<rss version=\"0.91\">",
    "</rss>",
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
    "<channel>",
    "</channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<link>",
    "</link>",
    "<guid>",
    "</guid>",
    "<description>",
    "</description>",
    "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">",
    "</content:encoded>",
    "<pubDate>",
    "</pubDate>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "</feed>",
    "<entry>",
    "</entry>",
    "<id>",
    "</id>",
    "<content type=\"html\">",
    "<content type=\"xhtml\">",
    "</content>",
    "<summary>",
    "</summary>",
    "<updated>",
    "<published>",
    "<link href=\"https://x.example/1\"/>",
    "<itunes:duration xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">",
    "</itunes:duration>",
    "<media:content xmlns:media=\"http://search.yahoo.com/mrss/\" duration=\"",
    "99999999999999999999999",
    "99999999999999999999:00:00",
    "\"/>",
    "<![CDATA[",
    "]]>",
    "&lt;p&gt;",
    "&amp;",
    "&bogus;",
    "2026-01-05T10:00:00Z",
    "Mon, 05 Jan 2026 10:00:00 +0000",
    "Talks resumed. ",
];

const FRONT_MATTER: &[&str] = &[
    "---\n",
    "+++\n",
    "...\n",
    "---\r\n",
    "title: ",
    "id: ",
    "published: ",
    "url: ",
    "source: ",
    "published = ",
    "title = ",
    "[table]\n",
    "\"",
    "'",
    "\\\"",
    " # ",
    "  - item\n",
    "- item\n",
    "2026-01-05",
    "2026-01-05 10:00:00 +0100",
    "2026-13-45",
    "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
    "\n",
    "\r\n",
    "Xi met Lee. ",
    "\u{feff}",
];

const JSON_LINES: &[&str] = &[
    "{",
    "}",
    "\"text\":",
    "\"id\":",
    "\"published\":",
    "\"title\":",
    ",",
    "\n",
    "\"Xi met Lee.\"",
    "\"\"",
    "\"2026-01-05\"",
    "\"20261399\"",
    "12345678901234567890123",
    "-1e999",
    "null",
    "[",
    "]",
    "\"\\ud800\"",
    "\u{feff}",
];

/// Cases per property: `FUZZ_CASES`, else 48.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(48)
}

/// Arbitrary text for a field: a word soup, a piece of markup, or anything.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z .,]{0,30}",
        soup(HTML).prop_map(|s| s.chars().take(80).collect()),
        any::<String>(),
    ]
}

/// XML-escaped text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A well-formed RSS 2.0 or Atom feed with arbitrary items.
fn feed() -> impl Strategy<Value = String> {
    let tags = proptest::sample::select(
        &[
            "title",
            "link",
            "guid",
            "description",
            "pubDate",
            "author",
            "category",
        ][..],
    );
    let element = (tags, field()).prop_map(|(t, v)| format!("<{t}>{}</{t}>", escape(&v)));
    let item = proptest::collection::vec(element, 0..6).prop_map(|v| v.concat());
    let items = proptest::collection::vec(item, 0..5);
    (any::<bool>(), field(), items).prop_map(|(atom, title, items)| {
        let title = escape(&title);
        if atom {
            let entries: String = items
                .iter()
                .map(|i| format!("<entry>{}</entry>", i.replace("description>", "content>")))
                .collect();
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title>{entries}</feed>")
        } else {
            let entries: String = items.iter().map(|i| format!("<item>{i}</item>")).collect();
            format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{entries}</channel></rss>")
        }
    })
}

/// A page with arbitrary metadata and body.
fn page() -> impl Strategy<Value = String> {
    let meta = proptest::sample::select(
        &[
            "article:published_time",
            "og:url",
            "og:title",
            "og:site_name",
            "date",
            "dc.date",
        ][..],
    );
    let metas = proptest::collection::vec((meta, field()), 0..5).prop_map(|v| {
        v.iter()
            .map(|(k, c)| format!("<meta property=\"{k}\" content=\"{}\">", escape(c)))
            .collect::<String>()
    });
    let paragraphs = proptest::collection::vec(field(), 0..8)
        .prop_map(|v| v.iter().map(|p| format!("<p>{p}</p>")).collect::<String>());
    (metas, field(), paragraphs).prop_map(|(metas, title, body)| {
        format!(
            "<!DOCTYPE html><html><head><title>{}</title>{metas}</head><body><nav>Menu</nav><article>{body}</article><footer>Footer</footer></body></html>",
            escape(&title)
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn well_formed_feeds(s in feed()) {
        check_bytes(s.as_bytes())?;
    }

    #[test]
    fn well_formed_pages(s in page()) {
        check_bytes(s.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check_bytes(s.as_bytes())?;
    }

    #[test]
    fn html_soup(s in soup(HTML)) {
        check_bytes(s.as_bytes())?;
    }

    #[test]
    fn feed_soup(s in soup(FEED)) {
        check_bytes(s.as_bytes())?;
    }

    #[test]
    fn front_matter_soup(s in soup(FRONT_MATTER)) {
        check_bytes(s.as_bytes())?;
    }

    #[test]
    fn json_lines_soup(s in soup(JSON_LINES)) {
        check_bytes(s.as_bytes())?;
    }
}

/// Every file kept in `tests/fuzz-regressions/` reads quickly, without a panic, into documents or
/// errors naming it; the known ones give what is expected of them.
#[test]
fn regressions_still_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let expected: &[(&str, &[&str])] = &[
        ("feed-rs-itunes-duration-overflow.rss", &["E:parser failed"]),
        (
            "feed-rs-media-text-start-overflow.rss",
            &["E:parser failed"],
        ),
        (
            "quick-xml-late-declaration-with-encoding.xml",
            &["E:an XML declaration (`<?xml`) at byte"],
        ),
        ("readability-deep-spans.html.gz", &["D:Deep text here."]),
        (
            "html5ever-slow-deep-divs.html.gz",
            &["E:nested more than 2000 deep"],
        ),
        (
            "html5ever-slow-self-closed-divs.html.gz",
            &["E:nested more than 2000 deep"],
        ),
        (
            "html5ever-slow-deep-divs-in-feed-item.rss.gz",
            &[
                "E:item 1: HTML nested more than 2000 deep",
                "D:Second item.",
            ],
        ),
    ];
    let mut seen = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    names.sort();
    for path in names {
        seen += 1;
        let started = std::time::Instant::now();
        if let Err(e) = check_path(&path, true) {
            panic!("{}: {e}", path.display());
        }
        let took = started.elapsed();
        assert!(took.as_secs() < 5, "{} took {took:?}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some((_, want)) = expected.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let got: Vec<String> = read(path.to_str().unwrap(), &TextOptions::default())
            .map(|i| match i {
                Ok(d) => format!("D:{}", d.text),
                Err(e) => format!("E:{}", e.message),
            })
            .collect();
        assert_eq!(got.len(), want.len(), "{name}: {got:?}");
        for (g, w) in got.iter().zip(want.iter()) {
            let (kind, text) = w.split_at(2);
            assert!(
                g.starts_with(kind) && g.contains(text),
                "{name}: {g:?} is not {w:?}"
            );
        }
    }
    assert!(
        seen >= expected.len(),
        "missing regression files in {}",
        dir.display()
    );
}
