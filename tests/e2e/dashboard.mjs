// End-to-end check of the sukien dashboard in real headless Chromium (driven by playwright-core),
// at a desktop size (1280×900) and a phone size (390×844).
//
// Usage: BASE_URL=http://127.0.0.1:PORT SCREENSHOTS=DIR [CHROMIUM=/usr/bin/chromium] node tests/e2e/dashboard.mjs
// Run by tests/test_web_e2e.py against a server on a store built from ../shared (seed pages and
// news pages without headlines). Prints one JSON line of findings; exits 1 on the first failed check.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL;
const SHOTS = process.env.SCREENSHOTS || "out/screenshots";
const EXE = process.env.CHROMIUM || "/usr/bin/chromium";
if (!BASE || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(BASE)) {
  console.error("BASE_URL must be a loopback http URL, e.g. http://127.0.0.1:8000");
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

const SIZES = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "mobile", width: 390, height: 844 },
];
const MIN_LABEL_PX = 11;
const findings = { screenshots: [], console_errors: [], sizes: {} };
let size = null; // the viewport being checked
let found = null; // findings of that viewport

function check(cond, message) {
  if (!cond) throw new Error(`check failed (${size ? size.name : "?"}): ${message}`);
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
  const path = join(SHOTS, `${size.name}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  const png = pngStats(readFileSync(path));
  check(png.width === size.width, `${name}: the screenshot is as wide as the viewport (${png.width}px)`);
  check(png.colours >= 8, `${name}: the screenshot is not blank (${png.colours} colours)`);
  findings.screenshots.push({ path, size: size.name, width: size.width, height: size.height,
    decoded: [png.width, png.height], colours: png.colours });
}

// Width, height and the number of distinct colours (sampled) of an 8-bit RGB(A) PNG.
function pngStats(buf) {
  let pos = 8, width = 0, height = 0, color = 0;
  const idat = [];
  while (pos < buf.length) {
    const n = buf.readUInt32BE(pos), kind = buf.toString("ascii", pos + 4, pos + 8);
    if (kind === "IHDR") { width = buf.readUInt32BE(pos + 8); height = buf.readUInt32BE(pos + 12); color = buf[pos + 17]; }
    else if (kind === "IDAT") idat.push(buf.subarray(pos + 8, pos + 8 + n));
    pos += 12 + n;
  }
  const bpp = color === 6 ? 4 : 3, stride = width * bpp, raw = inflateSync(Buffer.concat(idat));
  let prev = new Uint8Array(stride);
  const colours = new Set();
  for (let y = 0; y < height; y++) {
    const kind = raw[y * (stride + 1)], line = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let add = 0;
      if (kind === 1) add = a;
      else if (kind === 2) add = b;
      else if (kind === 3) add = (a + b) >> 1;
      else if (kind === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + add) & 255;
    }
    if (y % 8 === 0) for (let i = 0; i < stride; i += bpp * 3) colours.add((line[i] << 16) | (line[i + 1] << 8) | line[i + 2]);
    prev = line;
  }
  return { width, height, colours: colours.size };
}

// The page never scrolls sideways: nothing is wider than the viewport.
async function noOverflow(page, where) {
  const m = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter((el) => {
      if (!el.offsetParent && el.tagName !== "BODY") return false;
      if (el.closest(".table-box")) return false; // its own scroll box, checked separately
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > vw + 1;
    }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, vw, wide };
  });
  check(m.scroll <= m.vw && m.wide.length === 0,
    `${where}: no horizontal overflow (page ${m.scroll}px in ${m.vw}px; too wide: ${m.wide.join(", ")})`);
}

// Every link to an article names it: a headline or a lead, never an id or a placeholder.
async function labelledLinks(page, where) {
  const texts = await page.$$eval('a[href^="#/article/"]', (as) => as.filter((a) => a.offsetParent)
    .map((a) => ({ text: a.textContent.replace(/^(Xem trong bài|Bài):\s*/, "").trim(), href: a.getAttribute("href") })));
  for (const t of texts) {
    const id = decodeURIComponent(t.href.replace("#/article/", "").split("?")[0]);
    check(t.text.length >= 8 && t.text !== id && !/#\d+$/.test(t.text) && !t.text.includes("không có tiêu đề"),
      `${where}: the link to ${id} shows a headline or lead (got "${t.text}")`);
  }
  return texts.length;
}

async function chartFonts(page, chartName) {
  return page.evaluate((name) => {
    const chart = state.charts[name];
    if (!chart) return null;
    return Object.values(chart.scales).map((s) => s.options.ticks.font.size);
  }, chartName);
}

async function timelineStep(page) {
  await page.goto(BASE + "/", { waitUntil: "load" });
  await waitReady(page, "timeline");
  const n = await page.locator("#timeline-list .event-card").count();
  check(n > 0, "the timeline lists events");
  const dates = await page.$$eval("#timeline-list .event-card .date", (els) => els.map((e) => e.textContent));
  const dated = dates.filter((d) => /^\d{4}/.test(d));
  check(dated.length > 1 && dated.every((d, i) => i === 0 || d <= dated[i - 1]), "the timeline opens on the newest events");
  const api = await page.evaluate(async () => (await fetch("/api/timeline?limit=1")).json());
  check(dates[0] === api.range.last, `the first event is the newest (${dates[0]} vs range ${api.range.last})`);
  const summary = await page.textContent("#timeline-summary");
  check(summary.includes(api.range.first) && summary.includes(api.range.last) && summary.includes("mới nhất trước"),
    `the summary shows the range and the order (${summary})`);
  check(await page.evaluate(() => Boolean(state.charts.timeline)), "the monthly chart is drawn");
  const fonts = await chartFonts(page, "timeline");
  check(fonts.every((f) => f >= MIN_LABEL_PX), `chart labels are at least ${MIN_LABEL_PX}px (${fonts})`);
  found.timeline_events = n;
  found.timeline_links = await labelledLinks(page, "timeline");
  await noOverflow(page, "timeline");
  await shot(page, "01-timeline");
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
  const sentences = await page.$$eval("#search-results .search-hit.event", (els) =>
    els.map((e) => e.dataset.articleId + "|" + e.querySelector(".snippet").textContent));
  check(new Set(sentences).size === sentences.length, "each sentence is one search result, however many events it holds");
  found.search_hits = await hits.count();
  found.search_grouped = await page.$$eval("#search-results .search-hit.event", (els) =>
    els.filter((e) => Number(e.dataset.events) > 1).length);
  found.search_links = await labelledLinks(page, "search");
  await noOverflow(page, "search");
  await shot(page, "02-search-hoi-dam");

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
  const side = await page.$$eval("#article-events .sentence-card blockquote", (els) => els.map((e) => e.textContent));
  check(side.length > 0 && new Set(side).size === side.length, "the sidebar shows each sentence once");
  found.opened = { event_id: eventId, article_id: ev.article_id, sentence: ev.sentence };
  await noOverflow(page, "article");
  await shot(page, "03-article-evidence");
}

async function untitledArticleStep(page) {
  const art = await page.evaluate(async () => {
    const res = await (await fetch("/api/articles?limit=500")).json();
    return res.items.find((a) => !a.title && a.n_events > 0) || res.items.find((a) => !a.title);
  });
  check(art, "the store holds an article without a headline");
  await navigate(page, "#/article/" + encodeURIComponent(art.article_id), "article");
  const title = (await page.textContent("#article-title")).trim();
  check(title === art.label && title.length >= 20 && !title.includes("#"), `an untitled article is named by its lead (${title})`);
  await navigate(page, "#/timeline?actor=" + encodeURIComponent((art.actors || [])[0] || "USA"), "timeline");
  found.untitled = { article_id: art.article_id, label: art.label };
  await labelledLinks(page, "timeline of an untitled article's actor");
  await shot(page, "04-untitled-article");
}

async function dyadStep(page) {
  await navigate(page, "#/dyad", "dyad");
  const selected = await page.$eval("#dyad-select", (s) => ({ value: s.value, n: s.selectedOptions[0]?.dataset.n }));
  check(selected.value && selected.n, "the dyad list opens on its most active pair");
  const count = await page.textContent("#dyad-summary .dyad-count");
  check(count.includes(`: ${selected.n} sự kiện`), `the summary gives the list's count (${count} vs ${selected.n})`);
  const chartSum = await page.evaluate(() => state.charts.dyad.data.datasets.filter((d) => d.type === "bar")
    .reduce((acc, d) => acc + d.data.reduce((x, y) => x + (y || 0), 0), 0));
  const summary = await page.textContent("#dyad-summary");
  check(summary.includes(`Biểu đồ: ${chartSum} sự kiện`), `the summary says how many events the chart holds (${chartSum})`);
  const points = await page.evaluate(() => state.charts.dyad ? state.charts.dyad.data.labels.length : 0);
  check(points > 0, "the dyad chart has monthly points");
  const fonts = await chartFonts(page, "dyad");
  check(fonts.every((f) => f >= MIN_LABEL_PX), `chart labels are at least ${MIN_LABEL_PX}px (${fonts})`);
  const fit = await page.evaluate(() => {
    const box = document.querySelector(".table-box");
    const sel = document.getElementById("dyad-select");
    return { table: box.scrollWidth <= box.clientWidth + 1, select: sel.getBoundingClientRect().right <= document.documentElement.clientWidth };
  });
  check(fit.table && fit.select, "the dyad table and the pair list fit the screen");
  found.dyad = { pair: selected.value, n: Number(selected.n), chart: chartSum, months: points };
  await noOverflow(page, "dyad");
  await shot(page, "05-dyad");
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await page.click("#dyad-summary a.dyad-timeline");
  await waitReady(page, "timeline");
  const total = await page.textContent("#timeline-summary");
  check(total.startsWith(`${selected.n} sự kiện`), `the pair's timeline has the same count (${total})`);
}

async function graphStep(page) {
  await navigate(page, "#/graph", "graph");
  await page.waitForTimeout(300);
  const g = await page.evaluate(() => {
    const cy = state.graph;
    const shown = cy.elements().filter((el) => !el.hasClass("nolabel") && el.style("label"));
    const boxes = shown.map((el) => el.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (!(a.x2 <= b.x1 || a.x1 >= b.x2 || a.y2 <= b.y1 || a.y1 >= b.y2)) overlaps++;
      }
    }
    const bodies = cy.nodes().map((n) => [n.id(), n.renderedBoundingBox({ includeLabels: false })]);
    shown.forEach((el, i) => {
      const a = boxes[i];
      for (const [id, b] of bodies) {
        if (id !== el.id() && !(a.x2 <= b.x1 || a.x1 >= b.x2 || a.y2 <= b.y1 || a.y1 >= b.y2)) overlaps++;
      }
    });
    const px = shown.map((el) => parseFloat(el.style("font-size")) * cy.zoom());
    return { nodes: cy.nodes().length, labels: shown.length, minPx: Math.min(...px), overlaps };
  });
  check(g.nodes > 1, "the actor graph has nodes");
  check(g.labels >= 2, `the graph shows labels (${g.labels})`);
  check(g.minPx >= MIN_LABEL_PX, `graph labels are at least ${MIN_LABEL_PX}px on screen (${g.minPx.toFixed(1)})`);
  check(g.overlaps === 0, `graph labels cover no other label or node (${g.overlaps} overlaps)`);
  found.graph = g;
  await noOverflow(page, "graph");
  await shot(page, "06-actor-graph");
}

async function quotesStep(page) {
  await navigate(page, "#/quotes?speaker=person:alexander-lukashenko", "quotes");
  check((await page.locator("#quotes-list .quote-card").count()) > 0, "the quote browser lists a speaker's quotes");
  found.quote_links = await labelledLinks(page, "quotes");
  await noOverflow(page, "quotes");
  await shot(page, "07-quotes-lukashenko");
}

async function emptyStatesStep(page) {
  await navigate(page, "#/timeline?actor=ZZZ", "timeline");
  check(await page.locator("#timeline-empty").isVisible(), "a timeline with no events says so");
  check(!(await page.locator("#timeline-chart").isVisible()), "no empty chart is drawn for an empty timeline");
  await noOverflow(page, "empty timeline");
  await shot(page, "08-empty-timeline");
  await navigate(page, "#/dyad?a=AAA&b=BBB", "dyad");
  check(await page.locator("#dyad-empty").isVisible(), "a pair with no events says so");
  check(!(await page.locator("#dyad-chart").isVisible()), "no empty chart is drawn for an empty pair");
  await navigate(page, "#/search?q=zzqqxx", "search");
  check(await page.locator("#search-empty").isVisible(), "a search without results says so");
  await navigate(page, "#/graph?min_events=100000", "graph");
  check(await page.locator("#graph-empty").isVisible(), "an empty graph says so");
  await navigate(page, "#/timeline?date_from=2022-13", "timeline");
  check(await page.locator("#timeline-error").isVisible(), "a bad filter shows a readable error");
}

async function checkSize(page) {
  await timelineStep(page);
  await searchAndOpenStep(page);
  await untitledArticleStep(page);
  await dyadStep(page);
  await graphStep(page);
  await quotesStep(page);
  await emptyStatesStep(page);
}

const userDir = mkdtempSync(join(tmpdir(), "sukien-chromium-"));
const context = await chromium.launchPersistentContext(userDir, {
  executablePath: EXE,
  headless: true,
  viewport: { width: SIZES[0].width, height: SIZES[0].height },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let status = 0;
const page = context.pages()[0] || (await context.newPage());
try {
  page.on("console", (msg) => { if (msg.type() === "error") findings.console_errors.push(msg.text()); });
  page.on("pageerror", (err) => findings.console_errors.push(String(err)));
  for (size of SIZES) {
    found = findings.sizes[size.name] = {};
    await page.setViewportSize({ width: size.width, height: size.height });
    await checkSize(page);
  }
  // The expected console errors are the 422 of the bad-filter checks above.
  const unexpected = findings.console_errors.filter((e) => !e.includes("422"));
  check(unexpected.length === 0, "no console errors or CSP violations: " + unexpected.join(" | "));
  findings.ok = true;
} catch (err) {
  findings.ok = false;
  findings.error = String(err && err.message ? err.message : err);
  findings.failed_at = page.url();
  await page.screenshot({ path: join(SHOTS, "99-failure.png"), fullPage: true }).catch(() => {});
  status = 1;
} finally {
  await context.close();
  rmSync(userDir, { recursive: true, force: true });
}
console.log(JSON.stringify(findings));
process.exit(status);
