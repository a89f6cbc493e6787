//! The coding cases of `testdata/cases.toml`, coded with the self-made dictionaries of
//! `testdata/dicts/` (PETRARCH format).

use dyad_petrarch::{Coder, Dictionaries};
use std::path::Path;

#[test]
fn coding_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let dicts = Dictionaries::load(&root.join("dicts")).unwrap();
    assert!(dicts.diagnostics.is_empty(), "{:?}", dicts.diagnostics);
    let coder = Coder::new(&dicts);
    let cases: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("cases.toml")).unwrap()).unwrap();
    let mut failed = Vec::new();
    let list = cases["case"].as_array().unwrap();
    for c in list {
        let name = c["name"].as_str().unwrap();
        let mut doc = dyad_types::Document::new(name, c["text"].as_str().unwrap());
        doc.published = chrono::NaiveDate::parse_from_str(
            c.get("date").and_then(|d| d.as_str()).unwrap_or("19950101"),
            "%Y%m%d",
        )
        .ok();
        let mut want: Vec<String> = c["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap().to_string())
            .collect();
        let mut got: Vec<String> = coder
            .code(&doc)
            .iter()
            .map(|e| format!("{}>{}:{}", e.source, e.target, e.code))
            .collect();
        want.sort();
        got.sort();
        if want != got {
            failed.push(format!("{name}: expected {want:?}, coded {got:?}"));
        }
    }
    assert!(list.len() >= 20);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
