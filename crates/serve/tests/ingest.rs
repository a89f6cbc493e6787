//! `POST /api/documents` over real HTTP: the token, the body limit, and documents really stored.

mod common;

use common::{Server, coder, database, request};
use dyad_serve::{Config, Ingest};

const TOKEN: &str = "correct-horse-battery-staple";

fn writable(max_body_bytes: usize) -> (tempfile::TempDir, Server) {
    let (dir, path) = database();
    let mut config = Config::new(path, "127.0.0.1:0".parse().unwrap());
    config.max_body_bytes = max_body_bytes;
    config.ingest = Some(Ingest {
        coder: coder(),
        token: TOKEN.into(),
    });
    (dir, Server::start(&config))
}

fn post(server: &Server, token: Option<&str>, body: &[u8]) -> common::Response {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/x-ndjson")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    request(server.addr, "POST", "/api/documents", &headers, body)
}

const STORY: &str = r#"{"id":"wire/2026/04/visit","published":"2026-04-02","title":"Lee visits Beijing","text":"South Korean President Lee Jae Myung visited China on Thursday.\n\nChinese President Xi Jinping praised South Korea for its cooperation."}"#;

#[test]
fn without_the_right_token_nothing_is_stored() {
    let (_dir, server) = writable(1 << 20);
    for token in [None, Some("wrong-token-of-some-length"), Some("")] {
        let r = post(&server, token, STORY.as_bytes());
        assert_eq!(r.status, 401, "{token:?}: {}", r.text());
        assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    }
    let basic = request(
        server.addr,
        "POST",
        "/api/documents",
        &[("Authorization", &format!("Basic {TOKEN}"))],
        STORY.as_bytes(),
    );
    assert_eq!(basic.status, 401);
    server.json("/api/documents/wire%2F2026%2F04%2Fvisit", 404);
    assert_eq!(server.json("/api/status", 200)["documents"], 9);
}

#[test]
fn with_the_token_documents_are_coded_and_stored() {
    let (_dir, server) = writable(1 << 20);
    let r = post(&server, Some(TOKEN), STORY.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["added"], 1);
    assert!(v["mentions"].as_u64().unwrap() >= 2, "{v}");
    assert_eq!(v["ids"][0], "wire/2026/04/visit");
    assert_eq!(server.json("/api/health", 200)["read_only"], false);
    // Read back through the read-only connections, by an id with slashes (encoded or not).
    let doc = server.json("/api/documents/wire%2F2026%2F04%2Fvisit", 200);
    assert_eq!(doc["title"], "Lee visits Beijing");
    assert!(doc["mentions"].as_array().unwrap().len() >= 2);
    assert_eq!(
        server.json("/api/documents/wire/2026/04/visit", 200)["id"],
        doc["id"]
    );
    let april = server.json(
        "/api/timeline?a=CHN&b=KOR&from=2026-04-01&to=2026-04-30",
        200,
    );
    assert!(april["rows"][0]["events"].as_u64().unwrap() >= 2, "{april}");
    // The same text again adds nothing; a JSON array is read as JSON Lines are.
    let again = post(&server, Some(TOKEN), format!("[{STORY}]").as_bytes());
    assert_eq!(again.status, 200, "{}", again.text());
    let v = again.json();
    assert_eq!(
        (v["added"].as_u64(), v["already"].as_u64()),
        (Some(0), Some(1))
    );
}

#[test]
fn a_bad_document_refuses_the_whole_request() {
    let (_dir, server) = writable(1 << 20);
    let body = format!("{STORY}\n{{\"id\":\"x\",\"title\":\"no text\"}}\n");
    let r = post(&server, Some(TOKEN), body.as_bytes());
    assert_eq!(r.status, 400);
    let v = r.json();
    assert_eq!(v["parameter"], "body");
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .starts_with("body: line 2: no `text`"),
        "{v}"
    );
    server.json("/api/documents/wire%2F2026%2F04%2Fvisit", 404);
    let r = post(&server, Some(TOKEN), b"\n\n");
    assert_eq!(r.status, 400);
}

#[test]
fn a_body_over_the_limit_is_413() {
    let (_dir, server) = writable(64 << 10);
    let big = format!(
        "{{\"id\":\"big\",\"text\":\"{}\"}}\n",
        "China and South Korea held talks. ".repeat(3000)
    );
    assert!(big.len() > 64 << 10);
    let r = post(&server, Some(TOKEN), big.as_bytes());
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("65536"));
    server.json("/api/documents/big", 404);
    // Without the token the body is not even read: 401 comes first.
    assert_eq!(post(&server, None, big.as_bytes()).status, 401);
}

#[test]
fn a_read_only_server_refuses_posts() {
    let (_dir, path) = database();
    let server = Server::start(&Config::new(path, "127.0.0.1:0".parse().unwrap()));
    let r = post(&server, Some(TOKEN), STORY.as_bytes());
    assert_eq!(r.status, 403);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("--allow-ingest")
    );
}

#[test]
fn a_short_token_is_refused_at_start() {
    let (_dir, path) = database();
    let mut config = Config::new(path, "127.0.0.1:0".parse().unwrap());
    config.ingest = Some(Ingest {
        coder: coder(),
        token: "short".into(),
    });
    let e = dyad_serve::app(&config).unwrap_err().to_string();
    assert!(e.contains("at least 16 characters"), "{e}");
}
