//! PETRARCH dictionaries through the binary: `dyad dict check`, `dyad dict convert`, and coding
//! with `--dictionaries petrarch:DIR`, on small self-made dictionaries in the PETRARCH format.

use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let input = stdin.as_bytes().to_vec();
    let mut pipe = child.stdin.take().expect("stdin");
    std::thread::spawn(move || pipe.write_all(&input));
    child.wait_with_output().expect("dyad ends")
}

/// Self-made dictionaries in the PETRARCH format, with two lines no reader can use.
fn fixture(dir: &Path) {
    std::fs::write(
        dir.join("Test.actors.txt"),
        "ARNOR_ [ARN]\n+ARNORIAN\nGONDOR [GON]\nFARAMIR\n\t[GONMIL <20000101]\n\t[GONGOV >20000102]\nBROKEN [GON 2001-2002]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("Test.agents.txt"),
        "GOVERNMENT [~GOV]\nPOLICE {} [~COP]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("Test.verbs.txt"),
        "&TIES_\n+TIES\n+RELATIONS\n\n--- RESTORE [064] ---\nRESTORE\n- * FULL &TIES [062]\n- * FXLL [+++]\n\n\
         --- VISIT [042:043] ---\nVISIT\n",
    )
    .unwrap();
}

#[test]
fn check_groups_every_line_it_cannot_use_by_reason() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path());
    let spec = format!("petrarch:{}", tmp.path().display());
    let out = dyad(&["dict", "check", &spec], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("read: 4 actors"), "{text}");
    assert!(
        text.contains("lines not fully understood: 3 (2 skipped, 1 read with an approximation)"),
        "{text}"
    );
    assert!(text.contains("== malformed date restriction: line skipped (1)\n  Test.actors.txt:7: BROKEN [GON 2001-2002]"), "{text}");
    assert!(text.contains("Test.verbs.txt:8: - * FXLL [+++]"), "{text}");
    // Not PETRARCH: a clear error, not a guess.
    let out = dyad(&["dict", "check", "some/dir"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("petrarch:DIR"));
}

#[test]
fn codes_with_petrarch_dictionaries_as_dyad_events() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path());
    let spec = format!("petrarch:{}", tmp.path().display());
    let out = dyad(
        &[
            "code",
            "--dictionaries",
            &spec,
            "--published",
            "2005-01-01",
            "-",
        ],
        "The Arnorian government restored full relations with Gondor. Faramir visited Arnor.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(String, String, String)> = ev
        .iter()
        .map(|e| {
            let s = |v: &serde_json::Value| v["code"].as_str().unwrap_or("").to_string();
            (
                s(&e["source"]),
                s(&e["target"]),
                e["cameo"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("ARNGOV", "GON", "062"),
        ("GONGOV", "ARN", "042"),
        ("ARN", "GONGOV", "043"),
    ];
    assert_eq!(got.len(), 3, "{got:?}");
    for (w, g) in want.iter().zip(&got) {
        assert_eq!((w.0, w.1, w.2), (g.0.as_str(), g.1.as_str(), g.2.as_str()));
    }
    assert_eq!(
        ev[0]["evidence"]["rule"],
        "Test.verbs.txt:7 - * FULL &TIES [062]"
    );
    assert_eq!(ev[0]["source"]["name"], "Arnorian government");
}

#[test]
fn converts_into_dictionaries_dyad_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("petr");
    std::fs::create_dir(&src).unwrap();
    fixture(&src);
    let out_dir = tmp.path().join("dyad");
    let spec = format!("petrarch:{}", src.display());
    let out = dyad(
        &["dict", "convert", &spec, "-o", out_dir.to_str().unwrap()],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("not expressible in dyad's format"),
        "{report}"
    );
    let countries = std::fs::read_to_string(out_dir.join("countries.tsv")).unwrap();
    assert!(
        countries.contains("ARN\tArnor\tArnorian\t\t"),
        "{countries}"
    );
    let out = dyad(
        &["code", "--dictionaries", out_dir.to_str().unwrap(), "-"],
        "Arnor restored full relations with Gondor.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("\"cameo\":\"062\""), "{line}");
}

/// `dyad ingest` and `dyad recode` take PETRARCH dictionaries too: the store keeps their events,
/// and records which dictionaries made them, so that recoding with dyad's own replaces them.
#[test]
fn ingests_and_recodes_with_petrarch_dictionaries() {
    let tmp = tempfile::tempdir().unwrap();
    let dicts = tmp.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    fixture(&dicts);
    let spec = format!("petrarch:{}", dicts.display());
    let db = tmp.path().join("p.sqlite");
    let db = db.to_str().unwrap();
    let text =
        "The Arnorian government restored full relations with Gondor. Faramir visited Arnor.";
    let out = dyad(
        &[
            "ingest",
            "--db",
            db,
            "--dictionaries",
            &spec,
            "--published",
            "2005-01-01",
            "-",
        ],
        text,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = dyad(&["status", "--db", db], "");
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(status.contains("events          3 "), "{status}");
    assert!(status.contains("dictionaries    petrarch-"), "{status}");
    let stored = dyad(&["export", "--db", db, "--format", "jsonl"], "");
    let stored = String::from_utf8_lossy(&stored.stdout);
    assert!(stored.contains("\"ARNGOV\""), "{stored}");
    // dyad's own dictionaries know neither Arnor nor Gondor: recoding leaves no event.
    let out = dyad(&["recode", "--db", db], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = dyad(&["status", "--db", db], "");
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(status.contains("events          0 "), "{status}");
}
