//! Embeds every file under the workspace's `dictionaries/` folder, so `dyad` needs no data files at
//! run time and a new dictionary file is picked up without touching code.

use std::path::{Path, PathBuf};

/// What cargo watches for `path`: the path relative to this crate, so that a target folder shared
/// by clones in different places (a CI cache) watches each clone's own files, not the first's.
fn watch(path: &Path, root: &Path) {
    let under = path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let relative = if under.is_empty() {
        "../../dictionaries".to_string()
    } else {
        format!("../../dictionaries/{under}")
    };
    println!("cargo:rerun-if-changed={relative}");
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    watch(dir, root);
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dictionaries")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            collect(&p, root, out);
        } else if p.extension().is_some_and(|x| x == "tsv") {
            watch(&p, root);
            let name = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, p));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest
        .join("../../dictionaries")
        .canonicalize()
        .expect("dictionaries/ beside crates/");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::from(
        "/// Every dictionary file, by its path under `dictionaries/`.\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for (name, path) in files {
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
}
