// dyad dashboard: pick two actors, see their timeline, click a period, read the sentences.
// Plain JavaScript, no build step; the state lives in the URL fragment so every view has a link:
//   #a=CHN&b=KOR&by=month[&from=…&to=…][&period=2026-01-01]   the timeline view
//   #doc=ID[&sentence=N]                                      one document with its coded spans
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const enc = new TextEncoder();
  const dec = new TextDecoder();

  const QUADS = [
    { key: 0, label: "Verbal cooperation", color: "#7fbf7b" },
    { key: 1, label: "Material cooperation", color: "#1b7837" },
    { key: 2, label: "Verbal conflict", color: "#f4a582" },
    { key: 3, label: "Material conflict", color: "#b2182b" },
  ];
  const PAGE = 50;

  let chart = null;        // the uPlot instance
  let timeline = null;     // the last timeline answer
  let selected = -1;       // index of the selected period
  let eventsQuery = null;  // the query of the listed events, and the next offset
  let lastTimelineHash = "";

  // ---------- small helpers ----------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function hashParams() {
    return new URLSearchParams(location.hash.replace(/^#/, ""));
  }

  function setHash(params) {
    const h = "#" + params.toString();
    if (location.hash !== h) location.hash = h;
    else route();
  }

  async function api(path, params) {
    const url = params ? path + "?" + params.toString() : path;
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) {
      const msg = body && body.error ? body.error : res.status + " " + res.statusText;
      throw new Error(msg);
    }
    return body;
  }

  function say(text, isError) {
    const m = $("message");
    m.textContent = text || "";
    m.classList.toggle("error", !!isError);
  }

  function short(s, n) {
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  function signed(x) {
    return (x > 0 ? "+" : x < 0 ? "−" : "") + Math.abs(x).toFixed(1);
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function periodLabel(start, by) {
    const [y, m] = start.split("-").map(Number);
    switch (by) {
      case "year": return String(y);
      case "quarter": return y + " Q" + (Math.floor((m - 1) / 3) + 1);
      case "month": return MONTHS[m - 1] + " " + y;
      case "week": return "week of " + start;
      default: return start;
    }
  }

  // A period start (epoch seconds) as a tick label.
  function shortLabel(x, by) {
    const d = new Date(x * 1000);
    const y = d.getUTCFullYear(), m = d.getUTCMonth();
    switch (by) {
      case "year": return String(y);
      case "quarter": return y + " Q" + (Math.floor(m / 3) + 1);
      case "month": return MONTHS[m].slice(0, 3) + " " + y;
      default: return d.toISOString().slice(0, 10);
    }
  }

  function epoch(date) {
    const [y, m, d] = date.split("-").map(Number);
    return Date.UTC(y, m - 1, d) / 1000;
  }

  // ---------- spans: byte offsets into UTF-8 text ----------

  // Split `text` (whose first byte is at document offset `base`) at the boundaries of `spans`
  // ({start, end, cls, title}) and return nodes: plain text and <mark>s carrying every class
  // that covers the piece.
  function marked(text, base, spans) {
    const bytes = enc.encode(text);
    const cuts = new Set([0, bytes.length]);
    const inside = [];
    for (const s of spans) {
      const a = Math.max(0, s.start - base), b = Math.min(bytes.length, s.end - base);
      if (a >= b) continue;
      inside.push({ a, b, cls: s.cls, title: s.title, data: s.data });
      cuts.add(a); cuts.add(b);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = dec.decode(bytes.subarray(a, b));
      const over = inside.filter((s) => s.a <= a && b <= s.b);
      if (over.length === 0) { out.push(document.createTextNode(piece)); continue; }
      const classes = new Set(), titles = new Set(), data = new Set();
      for (const s of over) {
        for (const c of s.cls.split(" ")) classes.add(c);
        if (s.title) titles.add(s.title);
        if (s.data !== undefined) data.add(s.data);
      }
      const onlyOutline = [...classes].every((c) => c === "focus-sentence");
      const node = el(onlyOutline ? "span" : "mark", {
        class: [...classes].join(" "),
        title: [...titles].join("\n") || null,
        "data-m": data.size ? [...data].join(" ") : null,
      }, piece);
      out.push(node);
    }
    return out;
  }

  // The spans of one coded sentence: source, verb, target, place.
  function spansOf(m, data) {
    const s = [];
    const who = (a) => a.code ? a.code + (a.name ? " (" + a.name + ")" : "") : a.name;
    if (m.source && m.source.span) s.push({ start: m.source.span[0], end: m.source.span[1], cls: "k-source", title: "source: " + who(m.source), data });
    if (m.trigger) s.push({ start: m.trigger[0], end: m.trigger[1], cls: "k-trigger", title: "verb: " + (m.cameo || ""), data });
    if (m.target && m.target.span) s.push({ start: m.target.span[0], end: m.target.span[1], cls: "k-target", title: "target: " + who(m.target), data });
    if (m.place && m.place.span) s.push({ start: m.place.span[0], end: m.place.span[1], cls: "k-place", title: "place: " + (m.place.name || ""), data });
    return s;
  }

  // ---------- start-up ----------

  async function start() {
    $("controls").addEventListener("submit", (e) => {
      e.preventDefault();
      const a = $("a").value.trim().toUpperCase(), b = $("b").value.trim().toUpperCase();
      if (!$("controls").reportValidity()) return;
      const p = new URLSearchParams({ a, b, by: $("by").value });
      if ($("from").value) p.set("from", $("from").value);
      if ($("to").value) p.set("to", $("to").value);
      setHash(p);
    });
    $("swap").addEventListener("click", () => {
      const a = $("a").value; $("a").value = $("b").value; $("b").value = a;
    });
    $("by").addEventListener("change", () => $("controls").requestSubmit());
    $("chart").addEventListener("keydown", chartKey);
    $("more").addEventListener("click", () => loadEvents(true));
    $("back").addEventListener("click", (e) => {
      e.preventDefault();
      location.hash = lastTimelineHash || "";
    });
    window.addEventListener("hashchange", route);
    window.addEventListener("resize", () => {
      if (chart) chart.setSize(chartSize());
    });

    try {
      const [health, countries, dyads] = await Promise.all([
        api("/api/health"),
        api("/api/actors", new URLSearchParams({ level: "country", top: "300" })),
        api("/api/dyads", new URLSearchParams({ top: "8" })),
      ]);
      $("db-status").textContent = "dyad " + health.dyad_version + (health.read_only ? " · read-only" : "");
      const list = $("actor-list");
      for (const c of countries) list.append(el("option", { value: c.code, label: c.code + " · " + c.events + " events" }));
      const sug = $("suggestions");
      for (const d of dyads) {
        sug.querySelector("ul").append(el("li", {}, el("button", {
          type: "button",
          onclick: () => {
            $("a").value = d.a; $("b").value = d.b;
            $("controls").requestSubmit();
          },
        }, d.a + " – " + d.b, el("span", { class: "sr" }, ", " + d.events + " events"))));
      }
      sug.hidden = dyads.length === 0;
      if (!hashParams().get("a") && !hashParams().get("doc")) {
        if (dyads.length) {
          $("a").value = dyads[0].a; $("b").value = dyads[0].b;
          say("Showing the busiest pair; choose two actors above.");
          const p = new URLSearchParams({ a: dyads[0].a, b: dyads[0].b, by: "month" });
          history.replaceState(null, "", "#" + p.toString());
        } else {
          say("The database holds no dated event between two countries yet.");
        }
      }
    } catch (e) {
      say("Could not reach the server: " + e.message, true);
    }
    route();
  }

  function route() {
    const p = hashParams();
    if (p.get("doc")) {
      showDocument(p.get("doc"), p.get("sentence"));
    } else {
      lastTimelineHash = location.hash;
      $("document-view").hidden = true;
      $("timeline-view").hidden = false;
      if (p.get("a") && p.get("b")) showTimeline(p);
    }
  }

  // ---------- the timeline ----------

  function chartSize() {
    const w = $("chart").clientWidth || 900;
    return { width: w, height: Math.max(300, Math.min(420, Math.round(w * 0.36))) };
  }

  async function showTimeline(p) {
    $("a").value = p.get("a"); $("b").value = p.get("b");
    $("by").value = p.get("by") || "month";
    $("from").value = p.get("from") || "";
    $("to").value = p.get("to") || "";
    const q = new URLSearchParams();
    for (const k of ["a", "b", "by", "from", "to"]) if (p.get(k)) q.set(k, p.get(k));
    const key = q.toString();
    if (!timeline || timeline.key !== key) {
      say("Loading…");
      try {
        timeline = await api("/api/timeline", q);
        timeline.key = key;
      } catch (e) {
        say(e.message, true);
        return;
      }
      drawChart();
      fillTable();
    }
    const rows = timeline.rows;
    const total = rows.reduce((n, r) => n + r.events, 0);
    if (rows.length === 0 || total === 0) {
      say("No asserted event between " + timeline.a + " and " + timeline.b + (p.get("from") || p.get("to") ? " in this range." : "."));
      $("selection").textContent = "";
      $("events").hidden = true;
      return;
    }
    say(total + " events between " + timeline.a + " and " + timeline.b + " in " + rows.length + " " + timeline.by + (rows.length > 1 ? "s" : "") + ".");
    let want = p.get("period") ? rows.findIndex((r) => r.period === p.get("period")) : -1;
    if (want < 0) {
      // The busiest period, so that the page opens on something to read.
      want = rows.reduce((best, r, i) => (r.events > rows[best].events ? i : best), 0);
    }
    select(want, true);
  }

  function drawChart() {
    const rows = timeline.rows;
    const xs = rows.map((r) => epoch(r.period));
    const q = (k) => rows.map((r) => r.quad[k]);
    const [vcoop, mcoop, vconf, mconf] = [q(0), q(1), q(2), q(3)];
    // Stacked bars, drawn as a total covered by its verbal part: the dark rest is the material
    // part. Cooperation goes up from the zero line, conflict down.
    const coop = rows.map((r, i) => vcoop[i] + mcoop[i]);
    const conf = rows.map((r, i) => -(vconf[i] + mconf[i]));
    const data = [xs, coop, vcoop, conf, vconf.map((v) => -v), rows.map((r) => (r.events ? r.index : null))];
    const raw = [null, mcoop, vcoop, mconf, vconf];
    const top = Math.max(1, ...coop, ...conf.map((x) => -x));
    // Half a period of room on each side, so that the first and last bars are whole.
    const step = xs.length > 1 ? (xs[xs.length - 1] - xs[0]) / (xs.length - 1) : 86400 * 30;
    const bars = uPlot.paths.bars({ size: [0.8, 48], gap: 1 });
    const count = (si) => (u, v, s, i) => (i == null ? "–" : String(raw[si][i]));
    const bar = (label, color, si) => ({
      label, scale: "n", fill: color, stroke: color, paths: bars, points: { show: false }, value: count(si),
    });

    const opts = {
      ...chartSize(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
      cursor: { y: false, drag: { x: false, y: false }, points: { show: false } },
      legend: { live: true },
      scales: {
        x: { time: true, range: () => [xs[0] - step / 2, xs[xs.length - 1] + step / 2] },
        n: { range: () => [-top * 1.1, top * 1.1] },
        idx: { range: () => [-10, 10] },
      },
      axes: [
        // Ticks at period starts, labelled as periods, thinned to fit.
        { stroke: "#374151", grid: { stroke: "#eef0f3" }, size: 44,
          splits: (u) => {
            const k = Math.max(1, Math.ceil(xs.length / Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 90))));
            return xs.filter((x, i) => i % k === 0);
          },
          values: (u, splits) => splits.map((x) => shortLabel(x, timeline.by)) },
        { scale: "n", label: "events", stroke: "#374151", grid: { stroke: "#eef0f3" },
          values: (u, ticks) => ticks.map((t) => Math.abs(t)) },
        { scale: "idx", side: 1, label: "relations index", stroke: "#1d4ed8", grid: { show: false } },
      ],
      series: [
        { label: "Period", value: (u, v, s, i) => (i == null ? "–" : periodLabel(rows[i].period, timeline.by)) },
        bar("Material cooperation", QUADS[1].color, 1),
        bar("Verbal cooperation", QUADS[0].color, 2),
        bar("Material conflict", QUADS[3].color, 3),
        bar("Verbal conflict", QUADS[2].color, 4),
        { label: "Relations index", scale: "idx", stroke: "#1d4ed8", width: 2, spanGaps: true,
          points: { show: true, size: 6, fill: "#1d4ed8" },
          value: (u, v) => (v == null ? "–" : signed(v)) },
      ],
      hooks: {
        // The selected period, as a band under everything else.
        drawClear: [(u) => {
          if (selected < 0 || selected >= rows.length) return;
          const x = u.valToPos(xs[selected], "x", true);
          const w = Math.max(6, u.valToPos(xs[0] + step, "x", true) - u.valToPos(xs[0], "x", true));
          u.ctx.save();
          u.ctx.fillStyle = "rgba(245, 158, 11, 0.25)";
          u.ctx.fillRect(x - w / 2, u.bbox.top, w, u.bbox.height);
          u.ctx.restore();
        }],
      },
    };
    if (chart) chart.destroy();
    $("chart").textContent = "";
    chart = new uPlot(opts, data, $("chart"));
    chart.over.addEventListener("click", () => {
      const i = chart.cursor.idx;
      if (i != null) select(i, false, true);
    });
    $("chart-title").textContent = timeline.a + " and " + timeline.b + ", events per " + timeline.by;
  }

  function fillTable() {
    const body = $("table").querySelector("tbody");
    body.textContent = "";
    timeline.rows.forEach((r, i) => {
      body.append(el("tr", { "data-i": i },
        el("th", { scope: "row" }, periodLabel(r.period, timeline.by)),
        el("td", {}, r.events), el("td", {}, r.quad[0]), el("td", {}, r.quad[1]),
        el("td", {}, r.quad[2]), el("td", {}, r.quad[3]), el("td", {}, r.mentions),
        el("td", {}, r.events ? signed(r.index) : "–"),
        el("td", {}, r.events ? el("button", {
          type: "button",
          onclick: () => select(i, false, true),
        }, "Events", el("span", { class: "sr" }, " of " + periodLabel(r.period, timeline.by))) : "")));
    });
  }

  function chartKey(e) {
    if (!timeline || !timeline.rows.length) return;
    const n = timeline.rows.length;
    let i = selected < 0 ? 0 : selected;
    switch (e.key) {
      case "ArrowLeft": case "ArrowDown": i = Math.max(0, i - 1); break;
      case "ArrowRight": case "ArrowUp": i = Math.min(n - 1, i + 1); break;
      case "PageUp": i = Math.max(0, i - 12); break;
      case "PageDown": i = Math.min(n - 1, i + 12); break;
      case "Home": i = 0; break;
      case "End": i = n - 1; break;
      case "Enter": case " ":
        e.preventDefault();
        loadEvents(false, true);
        return;
      default: return;
    }
    e.preventDefault();
    select(i, false, false);
  }

  // Select period `i`: highlight it, describe it, and (unless only moving with the keys) list
  // its events. `initial`: from the URL, no new history entry.
  function select(i, initial, load) {
    const rows = timeline.rows;
    if (i < 0 || i >= rows.length) return;
    selected = i;
    const r = rows[i];
    if (chart) {
      // After uPlot's first layout (it commits on a microtask), so that positions are known.
      const u = chart;
      requestAnimationFrame(() => {
        if (u !== chart) return;
        u.redraw(false);
        u.setCursor({ left: u.valToPos(epoch(r.period), "x"), top: u.valToPos(0, "n") });
      });
    }
    for (const tr of $("table").querySelectorAll("tbody tr")) {
      tr.classList.toggle("selected", Number(tr.dataset.i) === i);
    }
    $("selection").textContent = periodLabel(r.period, timeline.by) + ": " + r.events + " events (" +
      r.quad[0] + " verbal and " + r.quad[1] + " material cooperation, " + r.quad[2] + " verbal and " +
      r.quad[3] + " material conflict), relations index " + (r.events ? signed(r.index) : "–") +
      (load === false ? ". Press Enter to list them." : ".");
    if (initial || load) {
      const p = hashParams();
      if (!initial && p.get("period") !== r.period) {
        p.set("period", r.period);
        history.replaceState(null, "", "#" + p.toString());
        lastTimelineHash = location.hash;
      }
      loadEvents(false, !initial);
    }
  }

  // ---------- events of a period ----------

  async function loadEvents(more, focus) {
    const r = timeline.rows[selected];
    if (!r) return;
    if (!more) {
      eventsQuery = {
        params: new URLSearchParams({
          dyad: timeline.a + "-" + timeline.b,
          from: r.period, to: r.end,
          modality: timeline.modalities.join(","),
          evidence: "true",
          limit: String(PAGE),
        }),
        offset: 0,
        period: periodLabel(r.period, timeline.by),
      };
      $("event-list").textContent = "";
    }
    const q = new URLSearchParams(eventsQuery.params);
    q.set("offset", String(eventsQuery.offset));
    $("events").hidden = false;
    $("events-title").textContent = "Events of " + eventsQuery.period + " (loading…)";
    let page;
    try {
      page = await api("/api/events", q);
    } catch (e) {
      $("events-title").textContent = "Events of " + eventsQuery.period;
      say(e.message, true);
      return;
    }
    const list = $("event-list");
    for (const ev of page.events) list.append(eventItem(ev));
    eventsQuery.offset = page.next_offset || 0;
    $("more").hidden = page.next_offset == null;
    const shown = list.children.length;
    $("events-title").textContent = "Events of " + eventsQuery.period + " (" + shown + (page.next_offset != null ? "+" : "") + ")";
    if (focus) $("events-title").focus({ preventScroll: false });
  }

  function actorText(a) {
    if (!a) return "–";
    return a.code + (a.name ? " " + a.name : "");
  }

  function eventItem(ev) {
    const quad = ev.quad_class;
    const head = el("div", { class: "event-head" },
      el("span", { class: "date" }, ev.date || "undated"),
      el("span", { class: "who" }, actorText(ev.source), " → ", actorText(ev.target)),
      el("span", { class: "code" }, "CAMEO " + ev.cameo + (ev.plover ? " · " + ev.plover : "")),
      el("span", { class: "badge q" + quad }, QUADS[quad - 1] ? QUADS[quad - 1].label : "QuadClass " + quad),
      el("span", { class: "counts" }, "Goldstein " + signed(ev.goldstein) + " · " + ev.num_mentions + " mention" +
        (ev.num_mentions === 1 ? "" : "s") + " in " + ev.num_articles + " article" + (ev.num_articles === 1 ? "" : "s")));
    const mentions = el("ul", { class: "mentions" });
    const shown = (ev.mentions || []).slice(0, 5);
    for (const m of shown) {
      const x = m.evidence;
      const quote = el("blockquote", { class: "sentence" },
        ...marked(x.text, x.sentence_span[0], spansOf({
          source: m.source, target: m.target, place: m.place, trigger: x.trigger, cameo: ev.cameo,
        })));
      const link = el("a", {
        href: "#" + new URLSearchParams({ doc: m.doc_id, sentence: String(m.sentence) }).toString(),
      }, "Open the document");
      mentions.append(el("li", {}, quote, el("div", { class: "mention-meta" },
        link, " · ", m.doc_id, m.outlet ? " · " + short(m.outlet, 40) : "", " · sentence " + (m.sentence + 1),
        m.modality && m.modality !== "asserted" ? " · " + m.modality : "")));
    }
    const rest = (ev.mentions || []).length - shown.length;
    if (rest > 0) mentions.append(el("li", { class: "mention-meta" }, "and " + rest + " more mention" + (rest === 1 ? "" : "s")));
    return el("li", {}, head, mentions);
  }

  // ---------- one document ----------

  async function showDocument(id, sentence) {
    $("timeline-view").hidden = true;
    $("document-view").hidden = false;
    $("doc-title").textContent = "Loading " + id + "…";
    $("doc-meta").textContent = "";
    $("doc-text").textContent = "";
    $("doc-events").textContent = "";
    $("back").hidden = false;
    let doc;
    try {
      doc = await api("/api/documents/" + encodeURIComponent(id));
    } catch (e) {
      $("doc-title").textContent = "Could not open " + id + ": " + e.message;
      return;
    }
    document.title = (doc.title || doc.id) + " — dyad";
    $("doc-title").textContent = doc.title || doc.id;
    const meta = [doc.id];
    if (doc.published) meta.push("published " + doc.published);
    if (doc.source) meta.push(doc.source);
    if (doc.tone != null) meta.push("tone " + signed(doc.tone));
    meta.push(doc.mentions.length + " coded sentence" + (doc.mentions.length === 1 ? "" : "s"));
    $("doc-meta").textContent = meta.join(" · ");
    if (doc.url) {
      $("doc-meta").append(" · ", el("a", { href: doc.url, rel: "noopener noreferrer" }, "original"));
    }
    const want = sentence == null ? null : Number(sentence);
    const spans = [];
    doc.mentions.forEach((m, i) => {
      for (const s of spansOf(m, i)) {
        s.title = s.title + " — " + m.cameo + " " + (m.source ? m.source.code : "?") + "→" + (m.target ? m.target.code : "?") + ", " + m.modality;
        spans.push(s);
      }
    });
    const focus = doc.mentions.find((m) => m.sentence === want);
    if (focus) spans.push({ start: focus.sentence_span[0], end: focus.sentence_span[1], cls: "focus-sentence" });
    $("doc-text").append(...marked(doc.text, 0, spans));

    const list = $("doc-events");
    doc.mentions.forEach((m, i) => {
      const b = el("button", {
        type: "button",
        "aria-pressed": "false",
        onclick: () => highlight(i, b),
      }, "Sentence " + (m.sentence + 1) + ": " + (m.source ? m.source.code : "–") + " → " +
        (m.target ? m.target.code : "–") + " · " + m.cameo + (m.modality !== "asserted" ? " · " + m.modality : ""));
      list.append(el("li", {}, b));
    });
    const target = $("doc-text").querySelector(".focus-sentence");
    if (target) target.scrollIntoView({ block: "center" });
    $("doc-title").focus({ preventScroll: !!target });
  }

  function highlight(i, button) {
    for (const b of $("doc-events").querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
    let first = null;
    for (const m of $("doc-text").querySelectorAll("mark")) {
      const on = (m.dataset.m || "").split(" ").includes(String(i));
      m.classList.toggle("active", on);
      if (on && !first) first = m;
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
