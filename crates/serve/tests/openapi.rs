//! The OpenAPI document: a snapshot, and the running server checked against it both ways.

mod common;

use common::{Server, database};
use dyad_serve::Config;
use serde_json::Value;

#[test]
fn the_openapi_document_is_served_and_unchanged() {
    let (_dir, path) = database();
    let server = Server::start(&Config::new(path, "127.0.0.1:0".parse().unwrap()));
    let doc = server.json("/api/openapi.json", 200);
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    insta::assert_json_snapshot!("openapi", doc);
}

/// Every documented GET answers 200 with the documented example of every parameter, and refuses
/// a parameter the document does not list; every `$ref` resolves.
#[test]
fn the_server_does_what_the_document_says() {
    let (_dir, path) = database();
    let server = Server::start(&Config::new(path, "127.0.0.1:0".parse().unwrap()));
    let doc: Value = serde_json::from_str(dyad_serve::OPENAPI).unwrap();
    let mut checked = 0;
    for (route, item) in doc["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let mut path = route.clone();
        let mut query = Vec::new();
        for p in get["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap();
            let example = match &p["example"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if p["in"] == "path" {
                path = path.replace(&format!("{{{name}}}"), &example);
            } else {
                query.push(format!("{name}={example}"));
            }
        }
        let full = format!("{path}?{}", query.join("&"));
        let r = server.get(&full);
        assert_eq!(r.status, 200, "GET {full}: {}", r.text());
        assert!(
            get["responses"]["200"].is_object(),
            "{route}: 200 documented"
        );
        if route != "/api/openapi.json" {
            assert!(
                get["responses"]["400"].is_object(),
                "{route}: 400 documented"
            );
            let sep = if query.is_empty() { "" } else { "&" };
            let extra = server.json(&format!("{full}{sep}undocumented=1"), 400);
            assert_eq!(extra["parameter"], "undocumented", "{route}");
        }
        checked += 1;
    }
    assert_eq!(checked, 8);
    let text = dyad_serve::OPENAPI;
    for piece in text.split("\"$ref\": \"#/").skip(1) {
        let pointer = &piece[..piece.find('"').unwrap()];
        assert!(
            doc.pointer(&format!("/{pointer}")).is_some(),
            "{pointer} resolves"
        );
    }
}
