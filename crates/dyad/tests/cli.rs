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
