//! Each format read from small self-made fixtures (`tests/fixtures/`), and folders built in a
//! temporary directory.

use dyad_input::{InputError, Item, TextOptions, read, read_all};
use dyad_types::Document;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .to_string()
}

fn items(path: &str) -> Vec<Item> {
    read(path, &TextOptions::default()).collect()
}

fn doc(item: &Item) -> &Document {
    match item {
        Ok(d) => d,
        Err(e) => panic!("expected a document, got {e}"),
    }
}

fn err(item: &Item) -> &InputError {
    match item {
        Ok(d) => panic!("expected an error, got document {}", d.id),
        Err(e) => e,
    }
}

fn date(d: &Document) -> String {
    d.published.map(|d| d.to_string()).unwrap_or_default()
}

/// An error as file, line and message.
type Failure = (String, Option<usize>, String);

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn put(root: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

const ARTICLE_PARAGRAPHS: [&str; 4] = [
    "The presidents of Norland and Sudmark agreed on Monday to open talks",
    "Speaking after a meeting in the border town of Eastford",
    "The Sudmark foreign minister welcomed the agreement",
    "Diplomats from neighbouring countries praised the move.",
];

#[test]
fn html_article_gives_its_main_text_and_metadata() {
    let all = items(&fixture("article.html"));
    assert_eq!(all.len(), 1);
    let d = doc(&all[0]);
    let canonical = "https://gazette.example.org/world/2026/01/05/river-talks";
    assert_eq!(d.id.0, canonical);
    assert_eq!(d.url.as_deref(), Some(canonical));
    assert_eq!(d.title.as_deref(), Some("Leaders agree on river talks"));
    assert_eq!(d.source.as_deref(), Some("The Harbour Gazette"));
    // `article:published_time` wins over `<meta name=date>` and `<time>`, and keeps the date
    // written in the page (08:30 at +09:00 is the day before in UTC).
    assert_eq!(date(d), "2026-01-05");
    for p in ARTICLE_PARAGRAPHS {
        assert!(d.text.contains(p), "missing {p:?} in {:?}", d.text);
    }
    // Paragraphs are separated by one blank line.
    assert!(
        d.text
            .contains("twice brought troops to the border.\n\nSpeaking after"),
        "{:?}",
        d.text
    );
    for junk in [
        "Subscribe",
        "Business",
        "Copyright",
        "Most read",
        "recipes",
        "advertisement",
        "tracking",
        "color: red",
    ] {
        assert!(!d.text.contains(junk), "{junk:?} leaked into {:?}", d.text);
    }
}

#[test]
fn broken_html_still_gives_its_text() {
    let all = items(&fixture("broken.html"));
    let d = doc(&all[0]);
    assert_eq!(d.id.0, "broken");
    assert_eq!(d.url, None);
    assert_eq!(d.title.as_deref(), Some("Broken page"));
    assert!(
        d.text
            .contains("Ministers from both countries met in the capital on Tuesday\n\nThey signed a trade accord after three days of talks"),
        "{:?}",
        d.text
    );
    assert!(d.text.contains("Officials said more meetings would follow"));
    assert!(!d.text.contains("not text"), "{:?}", d.text);
}

#[test]
fn html_dates_from_json_ld_meta_names_and_time_elements() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<p>Officials from both countries met on Tuesday to discuss trade.</p>";
    let page = |head: &str, extra: &str| {
        format!("<!doctype html><html><head>{head}</head><body>{extra}{body}</body></html>")
    };
    let cases = [
        (
            page(
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-11-02T10:00:00Z"}</script><meta name="date" content="2025-01-01">"#,
                "",
            ),
            "2025-11-02",
        ),
        (
            page(r#"<meta name="DC.date" content="2025/10/03">"#, ""),
            "2025-10-03",
        ),
        (
            page(
                "",
                r#"<time datetime="2025-09-04T08:00:00+02:00">4 Sept</time>"#,
            ),
            "2025-09-04",
        ),
        (page(r#"<meta name="date" content="soon">"#, ""), ""),
    ];
    for (i, (html, want)) in cases.iter().enumerate() {
        let p = put(dir.path(), &format!("p{i}.htm"), html.as_bytes());
        let all = items(p.to_str().unwrap());
        let d = doc(&all[0]);
        assert_eq!(date(d), *want, "case {i}");
        assert_eq!(d.id.0, format!("p{i}"));
        assert!(
            d.text.contains("Officials from both countries"),
            "{:?}",
            d.text
        );
    }
    // With no date of its own, the page takes the default.
    let opts = TextOptions {
        id: Some("ignored for HTML".into()),
        published: chrono::NaiveDate::from_ymd_opt(2020, 1, 2),
    };
    let p = dir.path().join("p3.htm");
    let all: Vec<_> = read(p.to_str().unwrap(), &opts).collect();
    assert_eq!(date(doc(&all[0])), "2020-01-02");
    assert_eq!(doc(&all[0]).id.0, "p3");
}

#[test]
fn html_og_url_is_the_id_without_a_canonical_link() {
    let dir = tempfile::tempdir().unwrap();
    let p = put(
        dir.path(),
        "x.html",
        br#"<html><head><meta property="og:url" content="https://e.example/x"></head><body><p>Text here.</p></body></html>"#,
    );
    let all = items(p.to_str().unwrap());
    assert_eq!(doc(&all[0]).id.0, "https://e.example/x");
}

#[test]
fn html_without_text_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = put(
        dir.path(),
        "empty.html",
        b"<html><head><title>Nothing</title><script>var a = 1;</script></head><body><nav>Home</nav>   </body></html>",
    );
    let all = items(p.to_str().unwrap());
    let e = err(&all[0]);
    assert_eq!(e.file, p.to_str().unwrap());
    assert!(e.message.contains("no text"), "{e}");
}

#[test]
fn html_in_a_declared_charset_is_decoded_and_undeclared_bytes_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let declared = put(
        dir.path(),
        "latin.html",
        b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 talks in Gen\xe8ve.</p></body></html>",
    );
    let all = items(declared.to_str().unwrap());
    assert!(doc(&all[0]).text.contains("Café talks in Genève."));
    let undeclared = put(
        dir.path(),
        "bad.html",
        b"<html>\n<body>\n<p>Caf\xe9</p></body></html>",
    );
    let all = items(undeclared.to_str().unwrap());
    let e = err(&all[0]);
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("invalid UTF-8"), "{e}");
}

#[test]
fn gzipped_html_is_read_by_its_inner_name() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(fixture("article.html")).unwrap();
    let p = put(dir.path(), "river.html.gz", &gzip(&html));
    let all = items(p.to_str().unwrap());
    assert_eq!(
        doc(&all[0]).id.0,
        "https://gazette.example.org/world/2026/01/05/river-talks"
    );
    let broken = std::fs::read(fixture("broken.html")).unwrap();
    let p = put(dir.path(), "page.HTM.gz", &gzip(&broken));
    let all = items(p.to_str().unwrap());
    assert_eq!(doc(&all[0]).id.0, "page");
    assert!(doc(&all[0]).text.contains("trade accord"));
}

#[test]
fn rss_items_are_documents_and_an_empty_item_is_an_error() {
    let path = fixture("feed.rss");
    let all = items(&path);
    assert_eq!(all.len(), 3);
    let first = doc(&all[0]);
    assert_eq!(first.id.0, "https://gazette.example.org/world/river-talks");
    assert_eq!(first.url.as_deref(), Some(first.id.0.as_str()));
    assert_eq!(first.title.as_deref(), Some("Leaders agree on river talks"));
    assert_eq!(first.source.as_deref(), Some("Harbour Gazette: World"));
    // 23:30 at -05:00 is the next day in UTC.
    assert_eq!(date(first), "2026-01-06");
    assert_eq!(
        first.text,
        "The presidents of Norland and Sudmark agreed to open talks.\n\nNegotiators will be named within a month."
    );
    let second = doc(&all[1]);
    assert_eq!(second.id.0, "gazette-1002");
    assert_eq!(second.url, None);
    assert_eq!(
        second.text,
        "The foreign minister visited Eastford on Tuesday.\n\nShe met farmers."
    );
    let e = err(&all[2]);
    assert_eq!((e.file.as_str(), e.line), (path.as_str(), None));
    assert!(e.message.starts_with("item 3:"), "{e}");
}

#[test]
fn atom_entries_are_documents() {
    let all = items(&fixture("feed.atom"));
    assert_eq!(all.len(), 2);
    let first = doc(&all[0]);
    assert_eq!(first.id.0, "https://courier.example.net/17");
    assert_eq!(first.title.as_deref(), Some("Border crossing reopens"));
    assert_eq!(first.source.as_deref(), Some("Eastford Courier"));
    assert_eq!(date(first), "2026-01-08");
    assert_eq!(
        first.text,
        "The crossing at Eastford reopened on Wednesday.\n\nTrucks queued for hours."
    );
    let second = doc(&all[1]);
    assert_eq!(second.id.0, "urn:example:courier:18");
    assert_eq!(second.url, None);
    assert_eq!(date(second), "2026-01-08");
    assert_eq!(
        second.text,
        "The town council met to discuss the new bridge."
    );
}

#[test]
fn feeds_that_are_not_feeds_and_items_without_ids() {
    let dir = tempfile::tempdir().unwrap();
    let p = put(
        dir.path(),
        "broken.xml",
        b"<rss version=\"2.0\"><channel><item>",
    );
    let all = items(p.to_str().unwrap());
    assert_eq!(all.len(), 1);
    assert_eq!(err(&all[0]).file, p.to_str().unwrap());
    let p = put(
        dir.path(),
        "page.xml",
        b"<html><body>Not a feed</body></html>",
    );
    let all = items(p.to_str().unwrap());
    assert!(err(&all[0]).message.contains("not an RSS or Atom feed"));
    let p = put(
        dir.path(),
        "anon.rss",
        b"<rss version=\"2.0\"><channel><title>T</title><item><description>One.</description></item><item><description>Two.</description></item></channel></rss>",
    );
    let ids: Vec<_> = items(p.to_str().unwrap())
        .iter()
        .map(|i| doc(i).id.0.clone())
        .collect();
    assert_eq!(ids, ["anon#1", "anon#2"]);
    let p = put(
        dir.path(),
        "latin.rss",
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><description>Caf\xe9.</description></item></channel></rss>",
    );
    assert_eq!(doc(&items(p.to_str().unwrap())[0]).text, "Café.");
    let p = put(
        dir.path(),
        "bad.rss",
        b"<rss version=\"2.0\"><channel><item><description>Caf\xe9.</description></item></channel></rss>",
    );
    assert!(
        err(&items(p.to_str().unwrap())[0])
            .message
            .contains("invalid UTF-8")
    );
}

#[test]
fn markdown_front_matter_is_metadata_and_the_rest_is_text() {
    let path = fixture("story.md");
    let all = items(&path);
    let d = doc(&all[0]);
    assert_eq!(d.id.0, "eastford-day-2");
    assert_eq!(d.title.as_deref(), Some("Talks: the second day"));
    assert_eq!(date(d), "2026-01-06");
    assert_eq!(
        d.url.as_deref(),
        Some("https://gazette.example.org/world/day-2")
    );
    assert_eq!(d.source.as_deref(), Some("Harbour Gazette"));
    assert_eq!(
        d.text,
        "# Talks: the second day\n\nThe negotiators met again on Tuesday. *Both sides* said progress had been made.\n"
    );
    // The caller's id names a single file; its own date beats the default.
    let opts = TextOptions {
        id: Some("mine".into()),
        published: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
    };
    let all: Vec<_> = read(&path, &opts).collect();
    assert_eq!(
        (doc(&all[0]).id.0.as_str(), date(doc(&all[0])).as_str()),
        ("mine", "2026-01-06")
    );
}

#[test]
fn a_bad_front_matter_date_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = put(
        dir.path(),
        "bad.md",
        b"---\ntitle: x\npublished: 5 January\n---\nText.",
    );
    let all = items(p.to_str().unwrap());
    let e = err(&all[0]);
    assert_eq!((e.file.as_str(), e.line), (p.to_str().unwrap(), Some(3)));
}

#[test]
fn types_are_sniffed_for_names_without_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let page = put(
        dir.path(),
        "page",
        b"\n<!DOCTYPE html><html><body><nav>Menu</nav><p>Sniffed page.</p></body></html>",
    );
    assert_eq!(doc(&items(page.to_str().unwrap())[0]).text, "Sniffed page.");
    let feed = put(
        dir.path(),
        "feed",
        b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><item><link>https://x.example/1</link><description>Sniffed item.</description></item></channel></rss>",
    );
    let all = items(feed.to_str().unwrap());
    assert_eq!(doc(&all[0]).id.0, "https://x.example/1");
}

#[test]
fn folders_are_read_recursively_in_order_with_errors_for_what_cannot_be() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let broken = std::fs::read(fixture("broken.html")).unwrap();
    let feed = std::fs::read(fixture("feed.rss")).unwrap();
    put(root, "2026/jan/story.txt", b"Xi met Lee in Seoul.");
    put(root, "2026/feb/story.txt", b"Lee met Xi in Beijing.");
    put(root, "2026/feb/page.html", &broken);
    put(root, "2026/jan/blob", b"\x7fELF\x00\x00\x01binary");
    put(root, "2026/jan/latin.txt", b"One.\nCaf\xe9.\n");
    put(root, "feeds/world.rss", &feed);
    put(
        root,
        "corpus.jsonl.gz",
        &gzip(b"{\"id\":\"c1\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n"),
    );
    put(root, "notes.md", b"---\ntitle: Notes\n---\nNotes text.");
    put(root, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    put(root, ".hidden/secret.txt", b"Never read.");
    put(root, ".DS_Store", b"\x00\x00");
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", root.join("2026/loop")).unwrap();

    let r = |rel: &str| root.join(rel).to_string_lossy().to_string();
    let opts = TextOptions {
        id: Some("never used in a folder".into()),
        published: None,
    };
    let got: Vec<Result<String, Failure>> = read(root.to_str().unwrap(), &opts)
        .map(|i| i.map(|d| d.id.0).map_err(|e| (e.file, e.line, e.message)))
        .collect();
    let ok = |s: &str| Ok(s.to_string());
    assert_eq!(got[0], ok("2026/feb/page"));
    assert_eq!(got[1], ok("2026/feb/story"));
    let e = got[2].as_ref().unwrap_err();
    assert_eq!(e.0, r("2026/jan/blob"));
    assert!(e.2.contains("looks binary"), "{e:?}");
    let e = got[3].as_ref().unwrap_err();
    assert_eq!((e.0.clone(), e.1), (r("2026/jan/latin.txt"), Some(2)));
    assert!(e.2.contains("invalid UTF-8"), "{e:?}");
    assert_eq!(got[4], ok("2026/jan/story"));
    let mut rest = got[5..].iter();
    #[cfg(unix)]
    {
        let e = rest.next().unwrap().as_ref().unwrap_err();
        assert_eq!(e.0, r("2026/loop"));
        assert!(e.2.contains("already read"), "{e:?}");
    }
    let rest: Vec<_> = rest.cloned().collect();
    let jsonl = r("corpus.jsonl.gz");
    assert_eq!(rest[0], ok("c1"));
    assert_eq!(rest[1], Ok(format!("{jsonl}:2")));
    assert_eq!(rest[2], ok("https://gazette.example.org/world/river-talks"));
    assert_eq!(rest[3], ok("gazette-1002"));
    let e = rest[4].as_ref().unwrap_err();
    assert_eq!(e.0, r("feeds/world.rss"));
    assert!(e.2.starts_with("item 3:"), "{e:?}");
    assert_eq!(rest[5], ok("notes"));
    assert_eq!(
        rest[6],
        Err((
            r("photo.png"),
            None,
            "not a text, JSON Lines, HTML or feed file; skipped".to_string()
        ))
    );
    assert_eq!(rest.len(), 7);
}

#[test]
fn read_all_expands_folders_and_keeps_plain_files_as_before() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "in/a/story.txt", b"In a folder.");
    let single = put(dir.path(), "story.txt", b"Given directly.");
    let paths = [
        dir.path().join("in").to_string_lossy().to_string(),
        single.to_string_lossy().to_string(),
    ];
    let opts = TextOptions {
        id: Some("only for one input".into()),
        published: None,
    };
    let ids: Vec<_> = read_all(&paths, &opts)
        .map(|i| doc(&i).id.0.clone())
        .collect();
    assert_eq!(ids, ["a/story", "story"]);
    let ids: Vec<_> = read_all(&paths[1..], &opts)
        .map(|i| doc(&i).id.0.clone())
        .collect();
    assert_eq!(ids, ["only for one input"]);
}

#[cfg(unix)]
#[test]
fn special_files_in_folders_are_reported_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", b"Text.");
    let socket = dir.path().join("b.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let all = items(dir.path().to_str().unwrap());
    assert_eq!(doc(&all[0]).id.0, "a");
    let e = err(&all[1]);
    assert_eq!(
        (e.file.as_str(), e.message.as_str()),
        (socket.to_str().unwrap(), "not a regular file; skipped")
    );
    assert_eq!(all.len(), 2);
}

/// A JSON Lines file whose only line is blank by Unicode's measure (no-break spaces) is reported
/// as empty, as a file of ASCII blanks is: never read as nothing at all (found by the fuzz test).
#[test]
fn json_lines_of_unicode_blanks_are_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("nbsp.jsonl", "\u{a0}\n".as_bytes()),
        ("blank.jsonl", b" \n\t\n".as_slice()),
    ] {
        let p = put(dir.path(), name, bytes);
        let got = items(p.to_str().unwrap());
        assert_eq!(got.len(), 1, "{name}: {got:?}");
        assert!(err(&got[0]).message.starts_with("empty"), "{name}: {got:?}");
    }
}
