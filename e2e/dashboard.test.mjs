// The dashboard, tested as a person would use it, in real headless Chromium (Debian's chromium,
// driven by playwright-core) against a real `dyad serve` on loopback.
//
// A database is ingested from the self-made articles in crates/serve/tests/fixtures/news.jsonl
// (China and South Korea, September 2025 to March 2026, with others); the test opens the page,
// picks CHN and KOR, checks the chart is drawn, clicks a period and then moves with the keyboard,
// checks the events with their highlighted spans, opens a document and checks every coded span
// is marked, and saves screenshots. Any request off loopback, console error or page error fails it.
//
// Environment: DYAD_BIN (default ../target/debug/dyad, or $CARGO_TARGET_DIR/debug/dyad),
// CHROMIUM (default /usr/bin/chromium), E2E_OUT (screenshots; default a new temporary folder).
//
// Run: cargo build -p dyad && (cd e2e && npm ci) && node e2e/dashboard.test.mjs

import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
const dyad = process.env.DYAD_BIN || join(targetDir, "debug", "dyad");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const fixtures = join(root, "crates", "serve", "tests", "fixtures", "news.jsonl");
const out = process.env.E2E_OUT || mkdtempSync(join(tmpdir(), "dyad-e2e-out-"));
mkdirSync(out, { recursive: true });

function step(what) {
  console.log("e2e: " + what);
}

/** Start `dyad serve` on a free loopback port; resolves to its base URL and the process. */
function serve(db) {
  return new Promise((resolveServe, reject) => {
    const child = spawn(dyad, ["serve", "--db", db, "--addr", "127.0.0.1:0"], {
      stdio: ["ignore", "inherit", "pipe"],
    });
    let seen = "";
    const timer = setTimeout(() => reject(new Error("dyad serve did not start: " + seen)), 20000);
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      process.stderr.write(chunk);
      const m = seen.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolveServe({ base: "http://" + m[1], child });
      }
    });
    child.on("exit", (code) => reject(new Error("dyad serve exited with " + code + ": " + seen)));
  });
}

async function main() {
  assert.ok(existsSync(dyad), `${dyad} not found: build it with cargo build -p dyad (or set DYAD_BIN)`);
  assert.ok(existsSync(browserPath), `${browserPath} not found: apt-get install chromium (or set CHROMIUM)`);
  const work = mkdtempSync(join(tmpdir(), "dyad-e2e-"));
  const db = join(work, "e2e.sqlite");
  step("ingest " + fixtures);
  execFileSync(dyad, ["ingest", "--db", db, fixtures], { stdio: "inherit" });
  const { base, child } = await serve(db);
  step("serving on " + base);

  const profile = mkdtempSync(join(tmpdir(), "dyad-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1366, height: 900 },
  });
  const problems = [];
  const offline = [];
  try {
    // Everything must come from dyad itself: any other request is refused and fails the test.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base + "/")) return route.continue();
      offline.push(url);
      return route.abort();
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));

    step("open the page");
    await page.goto(base + "/", { waitUntil: "networkidle" });
    assert.match(await page.title(), /dyad/);
    assert.match(await page.locator("footer").innerText(), /GeoNames/);
    // The busiest pair is offered as a suggestion.
    await page.locator("#suggestions button", { hasText: "CHN – KOR" }).waitFor();

    step("pick CHN and KOR, by month, with the keyboard");
    await page.locator("#a").fill("");
    await page.locator("#a").focus();
    await page.keyboard.type("chn");
    await page.keyboard.press("Tab"); // the swap button
    await page.keyboard.press("Tab");
    await page.keyboard.type("kor");
    await page.locator("#by").selectOption("month");
    await page.locator("#b").press("Enter");
    await page.waitForFunction(() => location.hash.includes("a=CHN") && location.hash.includes("b=KOR"));
    await page.locator("#chart canvas").waitFor();
    await page.waitForFunction(() => document.querySelector("#chart-title").textContent.includes("CHN and KOR"));

    step("the chart is drawn: cooperation bars, conflict bars and the index line");
    const colours = await page.evaluate(() => {
      const c = document.querySelector("#chart canvas");
      const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const near = (i, [r, g, b]) => Math.abs(px[i] - r) < 8 && Math.abs(px[i + 1] - g) < 8 && Math.abs(px[i + 2] - b) < 8;
      const n = { vcoop: 0, mconf: 0, vconf: 0, index: 0 };
      for (let i = 0; i < px.length; i += 4) {
        if (near(i, [0x7f, 0xbf, 0x7b])) n.vcoop++;
        if (near(i, [0xb2, 0x18, 0x2b])) n.mconf++;
        if (near(i, [0xf4, 0xa5, 0x82])) n.vconf++;
        if (near(i, [0x1d, 0x4e, 0xd8])) n.index++;
      }
      return n;
    });
    assert.ok(colours.vcoop > 500, "verbal cooperation bars drawn: " + JSON.stringify(colours));
    assert.ok(colours.vconf > 200 && colours.mconf > 50, "conflict bars drawn: " + JSON.stringify(colours));
    assert.ok(colours.index > 100, "index line drawn: " + JSON.stringify(colours));
    const periods = await page.locator("#table tbody tr").count();
    assert.equal(periods, 7, "September 2025 to March 2026, month by month");

    step("click November 2025 (the coast guard protest)");
    const over = await page.locator("#chart .u-over").boundingBox();
    // Seven periods with half a period of room at each end: period i is centred at (i + ½) / 7.
    await page.mouse.click(over.x + over.width * (2.5 / 7), over.y + over.height / 2);
    await page.waitForFunction(() => document.querySelector("#selection").textContent.startsWith("November 2025"));
    await page.waitForFunction(() => /Events of November 2025 \(\d+\)/.test(document.querySelector("#events-title").textContent));
    const first = page.locator("#event-list > li").first();
    await first.locator("mark.k-trigger").first().waitFor();
    const listed = await page.locator("#event-list > li").count();
    assert.ok(listed >= 3, "events of the period listed: " + listed);
    const triggers = await page.locator("#event-list mark.k-trigger").allInnerTexts();
    assert.ok(triggers.some((t) => /protested|accused|criticized/.test(t)), "verbs highlighted: " + triggers);
    const sources = await page.locator("#event-list mark.k-source").allInnerTexts();
    assert.ok(sources.some((t) => /South Korea/.test(t)), "sources highlighted: " + sources);
    const targets = await page.locator("#event-list mark.k-target").allInnerTexts();
    assert.ok(targets.some((t) => /Chin/.test(t)), "targets highlighted: " + targets);
    assert.match(page.url(), /period=2025-11-01/);

    step("move to December with the arrow key, list it with Enter");
    await page.locator("#chart").focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector("#selection").textContent.startsWith("December 2025"));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /Events of December 2025 \(\d+\)/.test(document.querySelector("#events-title").textContent));
    assert.equal(await page.evaluate(() => document.activeElement.id), "events-title", "focus moves to the list");
    assert.ok((await page.locator("#event-list").innerText()).includes("sanctions"));
    // The focused chart shows a visible outline.
    await page.locator("#chart").focus();
    const outline = await page.locator("#chart").evaluate((e) => getComputedStyle(e).outlineStyle);
    assert.equal(outline, "solid", "visible focus on the chart");

    step("back to November and a screenshot of the timeline");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /Events of November 2025 \(\d+\)/.test(document.querySelector("#events-title").textContent));
    await page.screenshot({ path: join(out, "dashboard-timeline.png"), fullPage: true });

    step("open the document of the first event");
    const link = page.locator("#event-list a", { hasText: "Open the document" }).first();
    await link.click();
    await page.locator("#document-view").waitFor({ state: "visible" });
    await page.waitForFunction(() => document.querySelector("#doc-title").textContent === "Seoul protests Chinese coast guard action");
    const doc = await (await fetch(base + "/api/documents/2025-11-chn-kor-protest")).json();
    const marks = await page.locator("#doc-text mark").count();
    assert.ok(marks >= doc.mentions.length, `every coded span marked (${marks} marks for ${doc.mentions.length} mentions)`);
    const docTriggers = await page.locator("#doc-text mark.k-trigger").allInnerTexts();
    for (const m of doc.mentions) {
      const verb = Buffer.from(doc.text, "utf8").subarray(m.trigger[0], m.trigger[1]).toString("utf8");
      assert.ok(docTriggers.some((t) => t.includes(verb) || verb.includes(t)), `verb "${verb}" marked in ${docTriggers}`);
    }
    assert.equal(await page.locator("#doc-text .focus-sentence").count() > 0, true, "the sentence we came from is outlined");
    assert.equal(await page.locator("#doc-events button").count(), doc.mentions.length);
    await page.locator("#doc-events button").nth(1).click();
    assert.ok(await page.locator("#doc-text mark.active").count() > 0, "a coded sentence's spans can be picked out");
    await page.screenshot({ path: join(out, "dashboard-document.png"), fullPage: true });

    step("back to the timeline");
    await page.locator("#back").click();
    await page.locator("#timeline-view").waitFor({ state: "visible" });
    await page.waitForFunction(() => document.querySelector("#selection").textContent.startsWith("November 2025"));

    assert.deepEqual(offline, [], "no request leaves loopback");
    assert.deepEqual(problems, [], "no console or page error");
    step("screenshots in " + out);
  } finally {
    await context.close();
    child.kill("SIGTERM");
    rmSync(profile, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  step("passed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
