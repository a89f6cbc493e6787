//! The API over real HTTP on loopback, against a real SQLite file of self-made articles.

mod common;

use common::{Server, database, request};
use dyad_serve::Config;
use serde_json::Value;
use std::sync::OnceLock;

/// One read-only server over the fixture database, shared by the read-only tests.
fn server() -> &'static Server {
    static SERVER: OnceLock<(tempfile::TempDir, Server)> = OnceLock::new();
    &SERVER
        .get_or_init(|| {
            let (dir, path) = database();
            let server = Server::start(&Config::new(path, "127.0.0.1:0".parse().unwrap()));
            (dir, server)
        })
        .1
}

fn bad(path: &str) -> (String, String) {
    let v = server().json(path, 400);
    (
        v["parameter"].as_str().unwrap_or_default().to_string(),
        v["error"].as_str().unwrap().to_string(),
    )
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

#[test]
fn health_says_ok_and_read_only() {
    let v = server().json("/api/health", 200);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["read_only"], true);
    assert!(n(&v["schema_version"]) >= 2);
}

#[test]
fn status_counts_the_store_without_naming_its_file() {
    let v = server().json("/api/status", 200);
    assert_eq!(n(&v["documents"]), 9);
    assert!(n(&v["events"]) > 20);
    assert!(v.get("path").is_none());
}

#[test]
fn the_timeline_moves_from_cooperation_to_conflict_and_back() {
    let v = server().json("/api/timeline?a=CHN&b=KOR&by=month", 200);
    assert_eq!(
        (v["a"].as_str(), v["b"].as_str()),
        (Some("CHN"), Some("KOR"))
    );
    assert_eq!(v["modalities"], serde_json::json!(["asserted"]));
    let rows = v["rows"].as_array().unwrap();
    let periods: Vec<&str> = rows.iter().map(|r| r["period"].as_str().unwrap()).collect();
    assert_eq!(
        periods,
        [
            "2025-09-01",
            "2025-10-01",
            "2025-11-01",
            "2025-12-01",
            "2026-01-01",
            "2026-02-01",
            "2026-03-01"
        ]
    );
    assert_eq!(rows[1]["end"], "2025-10-31");
    assert_eq!(rows[5]["end"], "2026-02-28");
    let quad =
        |i: usize| -> Vec<u64> { rows[i]["quad"].as_array().unwrap().iter().map(n).collect() };
    // September: talks (cooperation only). November: a protest and accusations (verbal conflict).
    // December: threats and a seizure (verbal and material conflict). February: aid.
    assert_eq!(quad(0)[2] + quad(0)[3], 0);
    assert!(rows[0]["index"].as_f64().unwrap() > 0.0);
    assert_eq!(quad(2)[0] + quad(2)[1], 0);
    assert!(quad(2)[2] >= 3);
    assert!(rows[2]["index"].as_f64().unwrap() < 0.0);
    assert!(
        quad(3)[3] >= 1,
        "the seizure is material conflict: {:?}",
        quad(3)
    );
    assert!(
        quad(5)[1] >= 1,
        "aid is material cooperation: {:?}",
        quad(5)
    );
    for r in rows {
        let q: u64 = r["quad"].as_array().unwrap().iter().map(n).sum();
        assert_eq!(q, n(&r["events"]), "{r}");
    }
}

#[test]
fn the_timeline_is_the_one_dyad_query_prints() {
    let (_dir, path) = database();
    let store = dyad_store::Store::open_read_only(&path).unwrap();
    let q = dyad_store::TimelineQuery {
        a: dyad_store::ActorFilter("KOR".into()),
        b: dyad_store::ActorFilter("CHN".into()),
        from: "2025-10-01".parse().ok(),
        to: "2026-01-31".parse().ok(),
        by: dyad_store::Period::Week,
        directed: true,
        modalities: vec![],
    };
    let expected = serde_json::to_value(store.timeline(&q).unwrap()).unwrap();
    let v = server().json(
        "/api/timeline?a=kor&b=CHN&from=2025-10-01&to=20260131&by=week&directed=true",
        200,
    );
    let mut rows = v["rows"].as_array().unwrap().clone();
    for r in &mut rows {
        r.as_object_mut().unwrap().remove("end");
    }
    assert_eq!(Value::Array(rows.clone()), expected);
    assert_eq!(rows[0]["period"], "2025-09-29", "weeks start on Monday");
    assert_eq!(rows[0]["direction"], "A->B");
    assert_eq!(rows[1]["direction"], "B->A");
}

#[test]
fn bad_parameters_are_400s_that_name_them() {
    for (path, parameter) in [
        ("/api/timeline?b=KOR", "a"),
        ("/api/timeline?a=CHN&b=K0R", "b"),
        ("/api/timeline?a=CHN&b=KOR&by=fortnight", "by"),
        ("/api/timeline?a=CHN&b=KOR&from=2026-13-01", "from"),
        (
            "/api/timeline?a=CHN&b=KOR&from=2026-02-01&to=2026-01-01",
            "to",
        ),
        (
            "/api/timeline?a=CHN&b=KOR&from=1800-01-01&to=2200-12-31&by=day",
            "by",
        ),
        ("/api/timeline?a=CHN&b=KOR&form=2026-01-01", "form"),
        ("/api/timeline?a=CHN&b=KOR&directed=maybe", "directed"),
        (
            "/api/timeline?a=CHN&b=KOR&modality=asserted,likely",
            "modality",
        ),
        ("/api/timeline?a=CHN&a=USA&b=KOR", "a"),
        ("/api/events?limit=-1", "limit"),
        ("/api/events?offset=ten", "offset"),
        ("/api/events?root=21", "root"),
        ("/api/events?quad_class=1,5", "quad_class"),
        ("/api/events?dyad=CHN", "dyad"),
        ("/api/events?directed=true", "directed"),
        ("/api/events?actor=C", "actor"),
        ("/api/events?to=1700-01-01", "to"),
        ("/api/actors?level=city", "level"),
        ("/api/actors?top=many", "top"),
        ("/api/dyads?directed=2", "directed"),
        ("/api/health?verbose=1", "verbose"),
    ] {
        let (named, message) = bad(path);
        assert_eq!(named, parameter, "{path}: {message}");
        assert!(message.starts_with(&format!("{parameter}: ")), "{message}");
    }
    // Values are bound, never spliced: SQL in a value is only a bad actor code.
    let (named, _) = bad("/api/events?actor=CHN%27%20OR%201=1--");
    assert_eq!(named, "actor");
}

#[test]
fn events_come_in_pages_that_add_up() {
    let all = server().json("/api/events?dyad=CHN-KOR&limit=500", 200);
    let all: Vec<u64> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| n(&e["id"]))
        .collect();
    assert!(all.len() > 20);
    let mut paged = Vec::new();
    let mut offset = 0;
    let mut pages = 0;
    loop {
        let v = server().json(
            &format!("/api/events?dyad=CHN-KOR&limit=7&offset={offset}"),
            200,
        );
        assert_eq!(n(&v["limit"]), 7);
        let events = v["events"].as_array().unwrap();
        assert!(events.len() <= 7);
        paged.extend(events.iter().map(|e| n(&e["id"])));
        pages += 1;
        match v["next_offset"].as_u64() {
            Some(next) => offset = next as usize,
            None => break,
        }
    }
    assert_eq!(paged, all);
    assert_eq!(pages, all.len().div_ceil(7));
    // A page larger than the limit is lowered to it, and says so.
    let v = server().json("/api/events?limit=100000", 200);
    assert_eq!(n(&v["limit"]), dyad_serve::MAX_PAGE as u64);
}

#[test]
fn events_are_filtered_as_dyad_export_filters_them() {
    let v = server().json("/api/events?dyad=KOR-CHN&directed=true&quad_class=3,4", 200);
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(e["source"]["country"], "KOR", "{e}");
        assert_eq!(e["target"]["country"], "CHN", "{e}");
        assert!([3, 4].contains(&n(&e["quad_class"])), "{e}");
    }
    let v = server().json("/api/events?actor=USA&from=2026-01-01&to=2026-01-31", 200);
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
    let v = server().json("/api/events?root=11&modality=asserted", 200);
    for e in v["events"].as_array().unwrap() {
        assert_eq!(e["root"], "11");
    }
}

#[test]
fn events_carry_their_evidence_when_asked() {
    let without = server().json(
        "/api/events?dyad=CHN-KOR&from=2026-01-05&to=2026-01-05",
        200,
    );
    assert!(without["events"][0].get("mentions").is_none());
    let v = server().json(
        "/api/events?dyad=CHN-KOR&from=2026-01-05&to=2026-01-05&evidence=true",
        200,
    );
    let e = &v["events"][0];
    let m = &e["mentions"][0];
    assert_eq!(m["doc_id"], "2026-01-xi-lee-summit");
    let text = m["evidence"]["text"].as_str().unwrap();
    assert!(text.contains("Xi Jinping held talks with"), "{text}");
    // Spans are byte offsets into the document; the sentence's own offset maps them into it.
    let base = n(&m["evidence"]["sentence_span"][0]) as usize;
    let span = |s: &Value| &text[n(&s[0]) as usize - base..n(&s[1]) as usize - base];
    assert_eq!(span(&m["source"]["span"]), "Chinese President Xi Jinping");
    assert_eq!(span(&m["evidence"]["trigger"]), "held talks");
}

#[test]
fn a_document_comes_with_every_coded_span() {
    let v = server().json("/api/documents/2026-01-xi-lee-summit", 200);
    assert_eq!(v["title"], "Xi and Lee hold summit in Beijing");
    assert_eq!(v["published"], "2026-01-06");
    assert_eq!(v["url"], "https://news.example.org/2026/01/xi-lee-summit");
    let text = v["text"].as_str().unwrap().as_bytes();
    let at = |s: &Value| {
        String::from_utf8_lossy(&text[n(&s[0]) as usize..n(&s[1]) as usize]).to_string()
    };
    let mentions = v["mentions"].as_array().unwrap();
    assert!(mentions.len() >= 4);
    let triggers: Vec<String> = mentions.iter().map(|m| at(&m["trigger"])).collect();
    assert!(triggers.contains(&"held talks".to_string()), "{triggers:?}");
    assert!(triggers.contains(&"praised".to_string()), "{triggers:?}");
    let sources: Vec<String> = mentions
        .iter()
        .filter_map(|m| m.get("source").filter(|s| !s.is_null()))
        .map(|s| at(&s["span"]))
        .collect();
    assert!(
        sources.iter().any(|s| s.contains("Xi Jinping")),
        "{sources:?}"
    );
    for m in mentions {
        let sentence = at(&m["sentence_span"]);
        assert!(
            sentence.contains(&at(&m["trigger"])),
            "the trigger lies in its sentence"
        );
    }
    let missing = server().json("/api/documents/no-such-document", 404);
    assert!(
        missing["error"]
            .as_str()
            .unwrap()
            .contains("no-such-document")
    );
}

#[test]
fn actors_and_dyads_rank_the_busiest() {
    let dyads = server().json("/api/dyads?top=3", 200);
    assert_eq!(dyads[0]["a"], "CHN");
    assert_eq!(dyads[0]["b"], "KOR");
    assert!(dyads.as_array().unwrap().len() <= 3);
    let countries = server().json("/api/actors?level=country&top=2", 200);
    let codes: Vec<&str> = countries
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    // As source or target, with or without the other: China is in 35 events, South Korea in 33
    // ("officials in Seoul said" tells of China's aid; they do not receive it).
    assert_eq!(codes, ["CHN", "KOR"]);
    assert_eq!(countries[0]["events"], 35);
    assert_eq!(countries[1]["events"], 33);
    let actors = server().json("/api/actors?top=50&from=2026-01-01", 200);
    assert!(
        actors
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["code"] == "CHNGOV")
    );
}

#[test]
fn the_dashboard_and_its_assets_are_served_from_the_binary() {
    let page = server().get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("GeoNames") && html.contains("CC BY 4.0"));
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    for (path, kind) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/assets/vendor/uplot.iife.min.js", "text/javascript"),
        ("/assets/vendor/uplot.min.css", "text/css"),
        ("/assets/icon.svg", "image/svg+xml"),
    ] {
        let r = server().get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.header("content-type").unwrap().starts_with(kind),
            "{path}"
        );
        assert!(html.contains(path), "{path} is used by the page");
        // Nothing is fetched from elsewhere: no absolute URL is loaded by the page's code.
        let text = r.text();
        assert!(
            !text.contains("src=\"http") && !text.contains("url(http"),
            "{path}"
        );
    }
    assert_eq!(server().get("/nothing/here").status, 404);
}

#[test]
fn concurrent_queries_share_the_pool() {
    let addr = server().addr;
    let threads: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/api/timeline?a=CHN&b=KOR&by=week"
                } else {
                    "/api/events?dyad=CHN-KOR&evidence=true"
                };
                request(addr, "GET", path, &[], b"").status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
}

#[test]
fn an_internal_error_is_a_generic_500() {
    let (dir, path) = database();
    let server = Server::start(&Config::new(path.clone(), "127.0.0.1:0".parse().unwrap()));
    assert_eq!(server.get("/api/timeline?a=CHN&b=KOR").status, 200);
    // Break the database under the running server: its queries now fail inside SQLite.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE events")
        .unwrap();
    let r = server.get("/api/timeline?a=CHN&b=KOR");
    assert_eq!(r.status, 500);
    let body = r.text();
    assert!(body.contains("internal error"), "{body}");
    for secret in [
        "events",
        "sqlite",
        "news.sqlite",
        dir.path().to_str().unwrap(),
    ] {
        assert!(
            !body.to_lowercase().contains(secret),
            "{body} leaks {secret}"
        );
    }
}

#[test]
fn a_non_loopback_address_needs_allow_remote() {
    let (_dir, path) = database();
    let config = Config::new(path, "0.0.0.0:0".parse().unwrap());
    let e = dyad_serve::run(config).unwrap_err().to_string();
    assert!(e.contains("--allow-remote"), "{e}");
}

#[test]
fn a_missing_database_stops_the_server_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::new(
        dir.path().join("none.sqlite"),
        "127.0.0.1:0".parse().unwrap(),
    );
    let e = dyad_serve::app(&config).unwrap_err().to_string();
    assert!(e.contains("no such database"), "{e}");
}
