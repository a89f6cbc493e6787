//! `dyad ingest` as a user runs it, against a real SQLite file: idempotency, resumption after
//! `kill -9`, and the status it reports.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dyad(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .env("DYAD_DB", db)
        .stdin(Stdio::null())
        .output()
        .expect("dyad runs")
}

/// A self-made corpus: `n` short news items about pairs of countries, each text distinct.
fn corpus(path: &Path, n: usize) {
    let countries = [
        "China",
        "South Korea",
        "Japan",
        "France",
        "Germany",
        "Brazil",
        "India",
        "Kenya",
        "Egypt",
        "Mexico",
        "Canada",
        "Australia",
        "Turkey",
        "Iran",
        "Nigeria",
        "Peru",
    ];
    let verbs = [
        "held talks with",
        "criticized",
        "signed an agreement with",
        "accused",
        "praised",
        "threatened",
        "met officials of",
        "sent aid to",
    ];
    let mut f = std::fs::File::create(path).unwrap();
    for i in 0..n {
        // Items 16 apart (within each 48) report the same event: they must fold.
        let a = countries[i % countries.len()];
        let b = countries[(i + 1 + i / 48) % countries.len()];
        let v = verbs[i % verbs.len()];
        let w = verbs[(i / 5 + 2) % verbs.len()];
        let text = format!(
            "Report {i}. {a} {v} {b} on Monday. Officials said {b} {w} {a} later. \
             The ministry of {a} said talks would continue next month."
        );
        let day = 1 + i % 2;
        let source = ["Wire A", "Wire B", "Wire C"][i % 3];
        let line = serde_json::json!({
            "id": format!("doc-{i}"),
            "published": format!("2026-02-{day:02}"),
            "source": source,
            "text": text,
        });
        writeln!(f, "{line}").unwrap();
    }
}

#[derive(Debug, PartialEq)]
struct Counts {
    documents: i64,
    mentions: i64,
    events: i64,
    folded: i64,
}

/// Counts read straight from the file, after checking that it is consistent.
fn counts(db: &Path) -> Counts {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // Every event counts exactly its mentions; no mention points nowhere.
    assert_eq!(
        one("SELECT coalesce(sum(num_mentions), 0) FROM events"),
        one("SELECT count(*) FROM mentions")
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM mentions m LEFT JOIN events e ON e.id = m.event WHERE e.id IS NULL"
        ),
        0
    );
    assert_eq!(one("SELECT count(*) FROM events WHERE num_mentions = 0"), 0);
    Counts {
        documents: one("SELECT count(*) FROM documents"),
        mentions: one("SELECT count(*) FROM mentions"),
        events: one("SELECT count(*) FROM events"),
        folded: one("SELECT count(*) FROM events WHERE num_mentions > 1"),
    }
}

#[test]
fn ingesting_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    corpus(&input, 60);
    let db = dir.path().join("dyad.sqlite");
    let first = dyad(&["ingest", input.to_str().unwrap()], &db);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(stderr.contains("60 new documents"), "{stderr}");
    let before = counts(&db);
    assert_eq!(before.documents, 60);
    assert!(before.events > 60, "{before:?}");
    assert!(
        before.folded > 0,
        "mentions of the same event fold: {before:?}"
    );
    let second = dyad(&["ingest", input.to_str().unwrap()], &db);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(stderr.contains("0 new documents"), "{stderr}");
    assert!(stderr.contains("60 already stored"), "{stderr}");
    assert_eq!(counts(&db), before);

    let status = dyad(&["status", "--json"], &db);
    let s: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(s["documents"], 60);
    assert_eq!(s["events"], before.events);
    assert_eq!(s["mentions"], before.mentions);
}

#[test]
fn killed_mid_ingest_the_database_is_consistent_and_the_next_run_finishes_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    corpus(&input, 1500);
    let input = input.to_str().unwrap();
    // The reference: one uninterrupted run.
    let whole = dir.path().join("whole.sqlite");
    assert!(
        dyad(&["ingest", "--batch", "25", input], &whole)
            .status
            .success()
    );
    let expected = counts(&whole);
    assert_eq!(expected.documents, 1500);

    // The same ingest, killed (SIGKILL) three times at different moments, then finished.
    let db = dir.path().join("killed.sqlite");
    let mut last = 0;
    for round in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["ingest", "--batch", "25", input])
            .env("DYAD_DB", &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until this run has stored something, then a little more, then kill it.
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let stored = stored_documents(&db);
            if stored > last || start.elapsed() > Duration::from_secs(60) {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(15 * (round + 1)));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = counts(&db);
        assert!(now.documents < expected.documents, "killed before the end");
        assert!(now.documents >= last, "nothing stored was lost");
        last = now.documents;
    }
    let finish = dyad(&["ingest", "--batch", "25", input], &db);
    assert!(finish.status.success());
    assert_eq!(counts(&db), expected);
}

/// A fresh database holding the self-made corpus of `n` items.
fn ingested(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    corpus(&input, n);
    let db = dir.path().join("dyad.sqlite");
    let out = dyad(&["ingest", input.to_str().unwrap()], &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

/// Documents stored so far, read while another process writes (WAL lets readers in).
fn stored_documents(db: &Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.busy_timeout(Duration::from_secs(5)).ok();
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn exports_read_back_in_every_format_with_filters() {
    let (dir, db) = ingested(48);
    let stored = counts(&db).events;

    let jsonl = dyad(&["export", "--with-evidence"], &db);
    assert!(jsonl.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&jsonl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as i64, stored);
    let folded = lines
        .iter()
        .find(|e| e["num_mentions"] == 3)
        .expect("a folded event");
    let mentions = folded["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 3);
    assert!(
        mentions[0]["evidence"]["text"]
            .as_str()
            .unwrap()
            .contains(' ')
    );
    assert_eq!(folded["num_articles"], 3);
    // Every stored document has a tone, so every event has a mean tone.
    assert!(lines.iter().all(|e| e["avg_tone"].is_number()), "{folded}");

    let gdelt = dyad(&["export", "--format", "gdelt", "--dyad", "CHN-KOR"], &db);
    let text = String::from_utf8(gdelt.stdout).unwrap();
    assert!(!text.is_empty());
    for row in text.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 61, "{row}");
        let (a, b) = (cols[7], cols[17]);
        assert!(
            (a, b) == ("CHN", "KOR") || (a, b) == ("KOR", "CHN"),
            "{a} {b}"
        );
    }

    let path = dir.path().join("events.parquet");
    let out = dyad(
        &[
            "export",
            "--format",
            "parquet",
            "--root",
            "04",
            "-o",
            path.to_str().unwrap(),
        ],
        &db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = std::fs::File::open(&path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut rows = 0;
    for batch in reader {
        let batch = batch.unwrap();
        let root = batch
            .column_by_name("root")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow::array::StringArray>()
            .unwrap();
        assert!(root.iter().all(|r| r == Some("04")));
        rows += batch.num_rows();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let expected: i64 = conn
        .query_row("SELECT count(*) FROM events WHERE root = '04'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows as i64, expected);
    assert!(rows > 0);
}

#[test]
fn a_missing_database_is_named_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite");
    for cmd in [&["status"][..], &["export"][..]] {
        let out = dyad(cmd, &db);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("none.sqlite: no such database"), "{stderr}");
    }
    assert!(!db.exists());
}

#[test]
fn a_timeline_of_a_dyad_prints_every_period() {
    let (_dir, db) = ingested(48);
    let out = dyad(
        &[
            "query",
            "timeline",
            "CHN",
            "KOR",
            "--by",
            "week",
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-28",
            "--format",
            "csv",
        ],
        &db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    // 2026-01-01 is a Thursday: weeks from Monday 2025-12-29 to the one holding 2026-02-28.
    assert_eq!(rows.len(), 9, "{text}");
    assert!(rows[0].starts_with("2025-12-29,both,0,"), "{text}");
    assert!(
        rows.iter().any(|r| !r.contains(",both,0,")),
        "some week has events: {text}"
    );
    let bad = dyad(&["query", "timeline", "CHINA", "KOR"], &db);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("groups of three"));
}

/// Copy a folder recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn recode_after_a_dictionary_change_recodes_what_is_stored() {
    let (dir, db) = ingested(48);
    let before = counts(&db);
    // A user's copy of the dictionaries where "praised" is no longer an event.
    let dicts = dir.path().join("dicts");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries"),
        &dicts,
    );
    let verbs = dicts.join("verbs/05.tsv");
    let text = std::fs::read_to_string(&verbs).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| l.split('\t').nth(1).is_none_or(|p| p.trim() != "praise"))
        .collect();
    assert!(
        kept.len() < text.lines().count(),
        "the praise pattern exists"
    );
    std::fs::write(&verbs, kept.join("\n") + "\n").unwrap();

    let out = dyad(&["recode", "--dictionaries", dicts.to_str().unwrap()], &db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("recoded 48 documents"), "{stderr}");
    let after = counts(&db);
    assert_eq!(after.documents, before.documents);
    assert!(after.mentions < before.mentions, "{after:?} {before:?}");
    let status = dyad(&["status", "--json"], &db);
    let s: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let coders = s["coders"].as_array().unwrap();
    assert_eq!(coders.len(), 2);
    assert_eq!(coders[0][2], 0, "no document left with the first coder");
    assert_eq!(coders[1][2], 48);
    // Again: nothing to do.
    let again = dyad(&["recode", "--dictionaries", dicts.to_str().unwrap()], &db);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to do"));
    // And back to the built-in dictionaries: the first counts again.
    assert!(dyad(&["recode"], &db).status.success());
    assert_eq!(counts(&db), before);
}
