//! The `dyad` binary as a user runs it: real files, a real process, its output and exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    std::thread::spawn(move || pipe.write_all(&input));
    child.wait_with_output().unwrap()
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON event"))
        .collect()
}

#[test]
fn codes_standard_input_with_a_publication_date() {
    let out = dyad(
        &["code", "--published", "2024-03-01", "-"],
        Some(b"On Monday, Japan's foreign minister visited Vietnam. The two sides signed an agreement."),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&out);
    let visit = ev.iter().find(|e| e["cameo"] == "042").expect("a visit");
    assert_eq!(visit["doc_id"], "stdin");
    assert_eq!(visit["date"], "2024-02-26");
    assert_eq!(visit["source"]["code"], "JPNGOV");
    assert_eq!(visit["target"]["code"], "VNM");
    assert_eq!(visit["quad_class"], 1);
    assert_eq!(visit["plover"], "CONSULT");
    assert_eq!(visit["modality"], "asserted");
    let trigger = visit["evidence"]["trigger"].as_array().unwrap();
    assert_eq!(trigger.len(), 2);
    assert!(
        visit["evidence"]["rule"]
            .as_str()
            .unwrap()
            .starts_with("verbs/04.tsv:")
    );
    assert!(ev.iter().any(|e| e["cameo"] == "057"
        && e["source"]["code"] == "JPN"
        && e["target"]["code"] == "VNM"));
}

#[test]
fn bad_input_is_reported_by_file_and_line_and_the_rest_is_coded() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().to_string()
    };
    let good = p("good.txt", b"Seoul criticized Tokyo.");
    let latin = p("latin.txt", b"ok\nSeoul criti\xe9 Tokyo.\n");
    let binary = p("binary.txt", b"\x7fELF\x00\x00\x01");
    let empty = p("empty.txt", b"");
    let lines = p(
        "docs.jsonl",
        b"{\"id\":\"a\",\"published\":\"20240301\",\"text\":\"Cuba condemned Panama.\"}\n{\"id\":\"b\",\"title\":\"no text\"}\n{\"id\":\"c\",\"published\":\"March 1st\",\"text\":\"Peru praised Chile.\"}\n{\"id\":\"d\",\"published\":\"2024-03-01\",\"text\":\"Egypt praised Jordan.\"}\n",
    );
    let out = dyad(&["code", &good, &latin, &binary, &empty, &lines], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit status says something was skipped: {stderr}"
    );
    assert!(stderr.contains("latin.txt:2: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("binary.txt: looks binary"), "{stderr}");
    assert!(stderr.contains("empty.txt: empty"), "{stderr}");
    assert!(stderr.contains("docs.jsonl:2: no `text`"), "{stderr}");
    assert!(
        stderr.contains("docs.jsonl:3: unknown date format `March 1st`"),
        "{stderr}"
    );
    let docs: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    for id in ["good", "a", "d"] {
        assert!(docs.iter().any(|d| d == id), "{id} was coded: {docs:?}");
    }
}

#[test]
fn csv_has_a_header_and_the_same_events() {
    let text = b"Seoul criticized Tokyo over the island dispute.";
    let json = events(&dyad(&["code", "-"], Some(text)));
    let out = dyad(&["code", "--format", "csv", "-"], Some(text));
    assert!(out.status.success());
    let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
    let header = rdr.headers().unwrap().clone();
    assert_eq!(&header[0], "doc_id");
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), json.len());
    let cameo = header.iter().position(|h| h == "cameo").unwrap();
    assert_eq!(rows[0][cameo], *json[0]["cameo"].as_str().unwrap());
}

#[test]
fn explain_names_the_rule_and_the_trigger() {
    let out = dyad(
        &["code", "--explain", "-"],
        Some(b"Seoul criticized Tokyo."),
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Seoul [criticized] Tokyo."), "{s}");
    assert!(s.contains("rule:     verbs/11.tsv:"), "{s}");
    assert!(s.contains("source:   KORGOV \"Seoul\""), "{s}");
}

#[test]
fn help_teaches_by_example() {
    let out = dyad(&["code", "--help"], None);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("--published"));
    assert!(s.contains("JSON Lines"));
    let out = dyad(&["--help"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Exit status"));
}

/// A user's folder laid over dyad's dictionaries: a new state, a new office-holder, and a verb
/// pattern recoded; the evidence names the user's files.
#[test]
fn added_dictionaries_add_and_override_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    std::fs::create_dir_all(mine.join("people")).unwrap();
    std::fs::create_dir_all(mine.join("verbs")).unwrap();
    std::fs::write(
        mine.join("countries.tsv"),
        "XFR\tFreedonia\t\tFreedonian\tFreedonia City\n",
    )
    .unwrap();
    std::fs::write(
        mine.join("people/freedonia.tsv"),
        "Rufus T. Firefly\tRufus Firefly\tFirefly\tXFRGOV\t2025-01-01\t\tPresident\n",
    )
    .unwrap();
    std::fs::write(
        mine.join("verbs/04.tsv"),
        "# talks as a concession\n0874\thold * talks\n",
    )
    .unwrap();
    let text: &[u8] = b"Rufus T. Firefly held talks with Xi Jinping in Beijing.";
    let plain = events(&dyad(
        &["code", "--published", "2026-01-06", "-"],
        Some(text),
    ));
    assert!(
        plain
            .iter()
            .all(|e| e["source"].is_null() && e["cameo"] == "040")
    );
    let layer = mine.to_str().unwrap();
    let out = dyad(
        &[
            "code",
            "--published",
            "2026-01-06",
            "--add-dictionaries",
            layer,
            "-",
        ],
        Some(text),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&out);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["source"]["code"], "XFRGOV");
    assert_eq!(ev[0]["target"]["code"], "CHNGOV");
    assert_eq!(ev[0]["cameo"], "0874");
    let rule = ev[0]["evidence"]["rule"].as_str().unwrap();
    assert!(
        rule.starts_with(&format!("{layer}/verbs/04.tsv:2 0874")),
        "{rule}"
    );
    let source_rule = ev[0]["source"]["rule"].as_str().unwrap();
    assert_eq!(source_rule, format!("{layer}/people/freedonia.tsv:1"));

    // A line the layer cannot hold is named with its file and line, and nothing is coded.
    std::fs::write(mine.join("agents.tsv"), "# roles\nGov\tfreedonian envoy\n").unwrap();
    let out = dyad(&["code", "--add-dictionaries", layer, "-"], Some(text));
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{layer}/agents.tsv:2:")), "{err}");
    assert!(err.contains("not a CAMEO role code"), "{err}");
}
