//! A real server on loopback over a real SQLite file, and a small HTTP/1.1 client.
//!
//! The database is built from the self-made articles in `tests/fixtures/news.jsonl` as
//! `dyad ingest` builds it: read by `dyad-input`, coded by the built-in coder, stored by
//! `Store::add`. The client speaks HTTP/1.1 over a `TcpStream`, one request per connection.

#![allow(dead_code)]

use dyad_coder::Coder;
use dyad_serve::Config;
use dyad_store::{NewDocument, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The fixture articles.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news.jsonl")
}

/// The built-in coder, compiled once for all tests of a binary.
pub fn coder() -> Arc<Coder> {
    static CODER: OnceLock<Arc<Coder>> = OnceLock::new();
    CODER
        .get_or_init(|| Arc::new(Coder::embedded().expect("the built-in dictionaries")))
        .clone()
}

/// A database of the fixture articles, in a fresh temporary folder.
pub fn database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.sqlite");
    let mut store = Store::open(&path).unwrap();
    let coder = coder();
    let config = coder.config();
    let id = store
        .coder_id(
            &config.dictionary_version,
            &config.dyad_version,
            &serde_json::to_string(&config).unwrap(),
        )
        .unwrap();
    let docs: Vec<NewDocument> =
        dyad_input::read(fixtures().to_str().unwrap(), &Default::default())
            .map(|d| {
                let doc = d.expect("fixture documents read");
                let mut new = NewDocument::new(doc.clone(), coder.code(&doc));
                new.tone = Some(dyad_enrich::tone(&doc.text));
                new
            })
            .collect();
    assert_eq!(docs.len(), 9);
    store.add(&docs, id).unwrap();
    (dir, path)
}

/// A server running on its own runtime until dropped.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Serve `config` on a free loopback port.
    pub fn start(config: &Config) -> Server {
        let app = dyad_serve::app(config).expect("the app starts");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
        });
        Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// GET `path`.
    pub fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[], b"")
    }

    /// GET `path`, expecting a JSON answer with `status`.
    pub fn json(&self, path: &str, status: u16) -> serde_json::Value {
        let r = self.get(path);
        assert_eq!(r.status, status, "GET {path}: {}", r.text());
        assert_eq!(
            r.header("content-type"),
            Some("application/json"),
            "GET {path}"
        );
        r.json()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// An answer.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// Body, de-chunked.
    pub body: Vec<u8>,
}

impl Response {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One request on a new connection (`Connection: close`), read to the end.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (401, 413) and close before reading the body: not a failure here.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete header");
    let head = std::str::from_utf8(&raw[..end]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(
            std::str::from_utf8(&b[..line_end])
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[line_end + 2..line_end + 2 + size]);
        b = &b[line_end + 2 + size + 2..];
    }
}
