// End-to-end check of the sukien dashboard in real headless Chromium (driven by playwright-core).
//
// Usage: BASE_URL=http://127.0.0.1:PORT SCREENSHOTS=DIR [CHROMIUM=/usr/bin/chromium] node tests/e2e/dashboard.mjs
// Run by tests/test_web_e2e.py against a server on a store built from ../shared/seeds.
// Prints one JSON line of findings; exits 1 on the first failed check.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL;
const SHOTS = process.env.SCREENSHOTS || "out/screenshots";
const EXE = process.env.CHROMIUM || "/usr/bin/chromium";
if (!BASE || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(BASE)) {
  console.error("BASE_URL must be a loopback http URL, e.g. http://127.0.0.1:8000");
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

const findings = { screenshots: [], console_errors: [] };

function check(cond, message) {
  if (!cond) throw new Error("check failed: " + message);
}

async function waitReady(page, view) {
  await page.waitForSelector(`body[data-ready="${view}"]`, { timeout: 15000 });
}

async function navigate(page, hash, view) {
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await page.evaluate((h) => { location.hash = h; }, hash);
  await waitReady(page, view);
}

async function shot(page, name) {
  const path = join(SHOTS, name);
  await page.screenshot({ path, fullPage: true });
  findings.screenshots.push(path);
}

async function timelineStep(page) {
  await page.goto(BASE + "/", { waitUntil: "load" });
  await waitReady(page, "timeline");
  const n = await page.locator("#timeline-list .event-card").count();
  check(n > 0, "the timeline lists events");
  check(await page.evaluate(() => Boolean(state.charts.timeline)), "the monthly chart is drawn");
  findings.timeline_events = n;
  await shot(page, "01-timeline.png");
}

async function searchAndOpenStep(page) {
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await page.fill("#search-input", "hoi dam");
  await page.press("#search-input", "Enter");
  await waitReady(page, "search");
  const hits = page.locator("#search-results .search-hit");
  check((await hits.count()) > 0, "searching 'hoi dam' finds results");
  const bold = await page.locator("#search-results b.hit").first().textContent();
  check(bold.toLowerCase() === "hội đàm", `the match is shown with its diacritics (got ${bold})`);
  const eventHit = page.locator("#search-results .search-hit.event").first();
  check((await eventHit.count()) === 1, "an event sentence matches 'hoi dam'");
  findings.search_hits = await hits.count();
  await shot(page, "02-search-hoi-dam.png");

  const eventId = await eventHit.getAttribute("data-event-id");
  const ev = await page.evaluate(async (id) => (await fetch("/api/events/" + id)).json(), eventId);
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await eventHit.locator("a.result-link").click();
  await waitReady(page, "article");
  const focus = page.locator("#article-body mark.evidence.evidence-focus");
  check((await focus.count()) === 1, "the event's evidence is highlighted once");
  const text = await focus.textContent();
  check(text.includes(ev.sentence), "the highlighted evidence contains the event's sentence");
  const bg = await focus.evaluate((el) => getComputedStyle(el).backgroundColor);
  check(bg !== "rgba(0, 0, 0, 0)", "the highlight is visible");
  check((await page.locator("#article-chips .chip").count()) > 0, "the article shows actor chips");
  check((await page.locator("#article-body mark.evidence").count()) >= 1, "evidence marks are drawn");
  findings.opened = { event_id: eventId, article_id: ev.article_id, sentence: ev.sentence };
  await shot(page, "03-article-evidence.png");
}

async function otherViewsStep(page) {
  await navigate(page, "#/dyad?a=RUS&b=BLR", "dyad");
  const points = await page.evaluate(() => state.charts.dyad ? state.charts.dyad.data.labels.length : 0);
  check(points > 0, "the dyad chart has monthly points");
  findings.dyad_months = points;
  await shot(page, "04-dyad-RUS-BLR.png");

  await navigate(page, "#/graph", "graph");
  const nodes = await page.evaluate(() => state.graph ? state.graph.nodes().length : 0);
  check(nodes > 1, "the actor graph has nodes");
  findings.graph_nodes = nodes;
  await page.waitForTimeout(300);
  await shot(page, "05-actor-graph.png");

  await navigate(page, "#/quotes?speaker=person:alexander-lukashenko", "quotes");
  check((await page.locator("#quotes-list .quote-card").count()) > 0, "the quote browser lists a speaker's quotes");
  await shot(page, "06-quotes-lukashenko.png");

  await navigate(page, "#/timeline?date_from=2022-13", "timeline");
  check(await page.locator("#timeline-error").isVisible(), "a bad filter shows a readable error");
}

const userDir = mkdtempSync(join(tmpdir(), "sukien-chromium-"));
const context = await chromium.launchPersistentContext(userDir, {
  executablePath: EXE,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let status = 0;
const page = context.pages()[0] || (await context.newPage());
try {
  page.on("console", (msg) => { if (msg.type() === "error") findings.console_errors.push(msg.text()); });
  page.on("pageerror", (err) => findings.console_errors.push(String(err)));
  await timelineStep(page);
  await searchAndOpenStep(page);
  await otherViewsStep(page);
  // The one expected console error is the 422 of the bad-filter check above.
  const unexpected = findings.console_errors.filter((e) => !e.includes("422"));
  check(unexpected.length === 0, "no console errors or CSP violations: " + unexpected.join(" | "));
  findings.ok = true;
} catch (err) {
  findings.ok = false;
  findings.error = String(err && err.message ? err.message : err);
  findings.failed_at = page.url();
  await shot(page, "99-failure.png").catch(() => {});
  status = 1;
} finally {
  await context.close();
  rmSync(userDir, { recursive: true, force: true });
}
console.log(JSON.stringify(findings));
process.exit(status);
