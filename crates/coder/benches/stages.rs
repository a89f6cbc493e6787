//! Per-stage benchmarks on self-made news text. Each benchmark checks its answer first (the number
//! of sentences, matches or events it must produce), so a faster wrong answer cannot pass.
//! The end-to-end figure on real corpora is `dyad bench` (see the README).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_coder::Coder;
use dyad_types::Document;
use std::hint::black_box;

const PARAGRAPH: &str = "On Monday, Chinese President Xi Jinping held talks with South Korean President Lee Jae Myung in Beijing. \
The two sides signed 15 cooperation documents. Lee later visited a memorial in Shanghai. \
Seoul criticized Tokyo over the island dispute, while Japan's foreign minister did not comment. \
Russian troops attacked a village near Kharkiv, Ukrainian officials said. \
The United Nations called on both sides to respect the ceasefire, and the U.S. envoy will visit Kyiv next week. ";

fn text() -> String {
    PARAGRAPH.repeat(200)
}

fn stages(c: &mut Criterion) {
    let text = text();
    let coder = Coder::embedded().unwrap();
    let dict = coder.dictionaries();
    let doc = Document::new("bench", text.clone()).published("2026-01-06".parse().unwrap());

    let sentences = dyad_text::sentences(&text);
    assert_eq!(sentences.len(), 6 * 200, "sentence count");
    let matches = dict.actors.find(&text);
    assert!(
        matches.len() >= 20 * 200,
        "actor matches: {}",
        matches.len()
    );
    let events = coder.code(&doc);
    assert!(events.len() >= 8 * 200, "events: {}", events.len());

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("sentences", |b| {
        b.iter(|| dyad_text::sentences(black_box(&text)))
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            sentences
                .iter()
                .map(|s| dyad_text::tokens(black_box(&text), *s).len())
                .sum::<usize>()
        })
    });
    g.bench_function("actor automaton", |b| {
        b.iter(|| dict.actors.find(black_box(&text)).len())
    });
    g.bench_function("code (whole pipeline)", |b| {
        b.iter(|| coder.code(black_box(&doc)).len())
    });
    g.finish();

    c.bench_function("start-up: compile dictionaries", |b| {
        b.iter(|| dyad_coder::Dictionaries::embedded().unwrap())
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
