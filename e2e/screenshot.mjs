// A screenshot of the dashboard as served by a running `dyad serve`, for the README.
//
//   node e2e/screenshot.mjs http://127.0.0.1:8080 '#a=JPN&b=USA&by=week&period=1987-04-13' docs/dashboard.png
//
// Opens the page at that fragment in headless Chromium (CHROMIUM, default /usr/bin/chromium),
// waits for the chart and the events of the selected period, and saves a 1366-pixel-wide picture
// of the page (HEIGHT, default 1200, pixels of it).

import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, hash, out] = process.argv.slice(2);
if (!base || !hash || !out) {
  console.error("usage: node e2e/screenshot.mjs BASE_URL '#a=…&b=…' OUT.png");
  process.exit(64);
}
const profile = mkdtempSync(join(tmpdir(), "dyad-shot-profile-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1366, height: Number(process.env.HEIGHT || 1200) },
});
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(base.replace(/\/$/, "") + "/" + hash, { waitUntil: "networkidle" });
  await page.locator("#chart canvas").waitFor();
  await page.waitForFunction(() => /\(\d+\+?\)$/.test(document.querySelector("#events-title").textContent));
  await page.screenshot({ path: out });
  console.log("saved " + out);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
