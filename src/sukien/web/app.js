// sukien dashboard: plain JS over the read-only JSON API (/api/...).
// Views are chosen by the URL hash: #/timeline, #/dyad, #/graph, #/quotes,
// #/search?q=..., #/article/<article id>?event=<event id>.
// Every piece of data is put in the page with textContent (never innerHTML).
"use strict";

const ROOTS = {
  "01": "Tuyên bố công khai", "02": "Kêu gọi", "03": "Bày tỏ ý định hợp tác", "04": "Tham vấn, hội đàm",
  "05": "Hợp tác ngoại giao", "06": "Hợp tác thực chất", "07": "Viện trợ", "08": "Nhượng bộ",
  "09": "Điều tra", "10": "Yêu cầu", "11": "Phản đối", "12": "Bác bỏ", "13": "Đe dọa",
  "14": "Biểu tình", "15": "Phô trương lực lượng", "16": "Hạ cấp quan hệ", "17": "Cưỡng ép",
  "18": "Tấn công", "19": "Giao tranh", "20": "Bạo lực quy mô lớn",
};
const QUAD = { 1: "Hợp tác lời nói", 2: "Hợp tác thực chất", 3: "Xung đột lời nói", 4: "Xung đột thực chất" };
const QUAD_COLORS = { 1: "#7fb3d5", 2: "#1f6fa8", 3: "#f0a35e", 4: "#c0392b" };
const MODALITY = { asserted: "khẳng định", intended: "dự định", conditional: "có điều kiện", reported_claim: "cáo buộc" };
const PAGE = 50;

const state = { actors: new Map(), charts: {}, graph: null };

// ---------------------------------------------------------------- helpers

function $(id) { return document.getElementById(id); }

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
  }
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(describeError(res.status, body));
  return body;
}

function describeError(status, body) {
  if (Array.isArray(body.detail)) {
    return "Tham số không hợp lệ: " + body.detail.map((d) => `${(d.loc || []).slice(-1)[0]} — ${d.msg}`).join("; ");
  }
  if (status === 404) return "Không tìm thấy: " + (body.detail || "");
  return `Lỗi ${status}: ${body.detail || "máy chủ không trả lời được"}`;
}

function showError(id, err) {
  const el = $(id);
  if (!el) return;
  el.hidden = !err;
  el.textContent = err ? String(err.message || err) : "";
}

function formParams(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") { if (el.checked) out[el.name] = "true"; }
    else if (el.value.trim() !== "") out[el.name] = el.value.trim();
  }
  return out;
}

function fillForm(form, params, defaults = {}) {
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") el.checked = params[el.name] === "true";
    else el.value = params[el.name] || "";
  }
  const box = form.closest("details.filter-box");
  if (box) {
    const n = Object.entries(formParams(form)).filter(([k, v]) => defaults[k] !== v).length;
    box.querySelector(".filter-count").textContent = n ? `(${n} đang dùng)` : "";
  }
}

function actorName(id) {
  if (!id) return "—";
  const a = state.actors.get(id);
  return a ? `${a.name} (${id})` : id;
}

function articleHref(articleId, eventId) {
  return "#/article/" + encodeURIComponent(articleId) + (eventId ? "?event=" + encodeURIComponent(eventId) : "");
}

function go(view, params) {
  const qs = new URLSearchParams(params || {}).toString();
  location.hash = "#/" + view + (qs ? "?" + qs : "");
}

function pager(id, page, onPage) {
  const box = $(id);
  box.replaceChildren();
  const cur = Math.floor(page.offset / page.limit);
  const last = page.has_more !== undefined ? cur + (page.has_more ? 1 : 0) : Math.max(0, Math.ceil(page.total / page.limit) - 1);
  if (last === 0) return;
  box.append(
    h("button", { type: "button", disabled: cur === 0, onclick: () => onPage((cur - 1) * page.limit) }, "← Trang trước"),
    h("span", {}, page.has_more !== undefined ? ` Trang ${cur + 1} ` : ` Trang ${cur + 1} / ${last + 1} `),
    h("button", { type: "button", disabled: cur >= last, onclick: () => onPage((cur + 1) * page.limit) }, "Trang sau →"),
  );
}

function quadBadge(q) {
  return h("span", { class: "badge quad-" + q, title: QUAD[q] }, "Q" + q + " · " + QUAD[q]);
}

function eventCard(ev, { withArticle = true } = {}) {
  const flags = [];
  if (ev.n_sources > 1) flags.push(h("span", { class: "flag sources", title: (ev.outlets || []).join(", ") }, `${ev.n_sources} nguồn`));
  if (ev.negated) flags.push(h("span", { class: "flag negated" }, "bị phủ định"));
  if (ev.modality && ev.modality !== "asserted") flags.push(h("span", { class: "flag" }, MODALITY[ev.modality] || ev.modality));
  return h("li", { class: "event-card", dataset: { eventId: ev.event_id } },
    h("div", { class: "event-head" },
      h("span", { class: "date" }, ev.date || "không rõ ngày"),
      h("span", { class: "dyad" }, actorName(ev.source), " → ", actorName(ev.target)),
      h("span", { class: "cameo", title: ROOTS[ev.root] || "" }, `CAMEO ${ev.cameo} · ${ROOTS[ev.root] || ev.plover}`),
      quadBadge(ev.quad_class),
      h("span", { class: "goldstein " + (ev.goldstein < 0 ? "neg" : "pos") }, "Goldstein " + ev.goldstein),
      flags),
    h("blockquote", { class: "sentence" }, ev.sentence),
    withArticle ? h("a", { class: "open-article", href: articleHref(ev.article_id, ev.focus_event_id || ev.event_id) },
      "Xem trong bài: ", articleLabel(ev)) : null);
}

// An article's name in a link: its headline, or its lead when it has none (never its id).
function articleLabel(item) {
  return item.article_label || item.label || item.article_title || item.title || "bài báo";
}

// A real empty state: what happened and what to try, in place of a bare "0".
function emptyState(id, message, hint) {
  const el = $(id);
  if (!el) return;
  el.hidden = !message;
  el.replaceChildren(...(message ? [h("b", {}, message), hint ? h("span", {}, " " + hint) : null] : []));
}

function showBox(canvasId, visible) {
  const box = $(canvasId).closest(".chart-box");
  if (box) box.hidden = !visible;
}

function rangeText(range) {
  if (!range) return "";
  return range.first === range.last ? `ngày ${range.first}` : `từ ${range.first} đến ${range.last}`;
}

// ---------------------------------------------------------------- timeline

async function showTimeline(params) {
  const form = $("timeline-filters");
  fillForm(form, params);
  showError("timeline-error", null);
  const offset = Number(params.offset || 0);
  try {
    const query = formParams(form);
    const page = await api("timeline", { ...query, limit: PAGE, offset });
    const order = page.order === "oldest" ? "cũ nhất trước" : "mới nhất trước";
    $("timeline-summary").textContent = page.total
      ? `${page.total} sự kiện${page.range ? ", " + rangeText(page.range) : ""} · ${order} · hiển thị ${offset + 1}–${offset + page.items.length}`
      : "";
    const filtered = Object.keys(query).some((k) => k !== "order");
    emptyState("timeline-empty", page.total ? null : "Không có sự kiện nào" + (filtered ? " khớp bộ lọc này." : " trong kho dữ liệu."),
      filtered ? "Thử bỏ bớt bộ lọc hoặc mở rộng khoảng ngày." : "Chạy `sukien run` để thêm bài báo.");
    const list = $("timeline-list");
    list.replaceChildren(...page.items.map((ev) => eventCard(ev)));
    pager("timeline-pager", page, (o) => go("timeline", { ...query, offset: o }));
    showBox("timeline-chart", page.months.length > 0);
    drawMonthChart(page.months);
  } catch (err) {
    showError("timeline-error", err);
  }
}

function drawMonthChart(months) {
  if (!window.Chart) return;
  const labels = months.map((m) => m.period);
  const data = { labels, datasets: [{ label: "Số sự kiện theo tháng", data: months.map((m) => m.n_happened), backgroundColor: "#1f6fa8" }] };
  if (state.charts.timeline) { state.charts.timeline.data = data; state.charts.timeline.update(); return; }
  state.charts.timeline = new Chart($("timeline-chart"), {
    type: "bar", data,
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
      scales: { x: { ticks: { autoSkip: true, maxRotation: 0, font: { size: 12 } } }, y: { beginAtZero: true, ticks: { precision: 0, font: { size: 12 } } } } },
  });
}

// ---------------------------------------------------------------- dyad chart

async function showDyad(params) {
  const form = $("dyad-form");
  showError("dyad-error", null);
  const select = $("dyad-select");
  if (!select.options.length) {
    try {
      const top = await api("dyads", { limit: 30 });
      select.append(h("option", { value: "" }, top.items.length ? "— chọn —" : "— chưa có cặp nào —"),
        ...top.items.map((d) => h("option", { value: d.a + "," + d.b, dataset: { n: d.n } }, `${shortName(d.a)} – ${shortName(d.b)} · ${d.n} sự kiện`)));
      if (!params.a && top.items.length) params = { a: top.items[0].a, b: top.items[0].b };
    } catch (err) { showError("dyad-error", err); }
  }
  fillForm(form, params);
  const pair = [params.a, params.b].sort().join(",");
  select.value = [...select.options].some((o) => o.value === pair) ? pair : "";
  if (!params.a || !params.b) {
    emptyState("dyad-empty", "Chưa chọn cặp chủ thể.", "Chọn một cặp trong danh sách hoặc nhập hai mã (VD: RUS và BLR).");
    showBox("dyad-chart", false);
    return;
  }
  try {
    const res = await api("dyads/series", { a: params.a, b: params.b, directed: params.directed || "" });
    const pairLink = "#/timeline?" + new URLSearchParams({ dyad: res.a + "," + res.b });
    const summary = $("dyad-summary");
    summary.replaceChildren(
      h("b", { class: "dyad-count" }, `${actorName(res.a)} ${res.directed ? "→" : "↔"} ${actorName(res.b)}: ${res.n_events} sự kiện`),
      ` (mỗi sự kiện tính một lần dù nhiều bài đưa tin). Biểu đồ: ${res.n_events - res.left_out} sự kiện có ngày tới tháng`,
      res.left_out ? `; ${res.left_out} sự kiện không rõ tháng chỉ có trong dòng thời gian` : "",
      res.n_negated ? `. Không tính ${res.n_negated} sự kiện bị phủ định (tin nói điều đó không xảy ra)` : "",
      ". ", res.n_events ? h("a", { href: pairLink, class: "dyad-timeline" }, `Xem ${res.n_events} sự kiện trong dòng thời gian`) : null);
    emptyState("dyad-empty", res.n_events ? null : `Không có sự kiện nào giữa ${actorName(res.a)} và ${actorName(res.b)}.`,
      "Thử một cặp khác trong danh sách, hoặc kiểm tra mã chủ thể (VD: RUS, USA, EU).");
    showBox("dyad-chart", res.series.length > 0);
    drawDyadChart(res);
    dyadTable(res);
  } catch (err) { showError("dyad-error", err); }
}

function drawDyadChart(res) {
  if (!window.Chart) return;
  const labels = res.series.map((s) => s.period);
  const bars = [1, 2, 3, 4].map((q) => ({
    type: "bar", label: `Q${q} ${QUAD[q]}`, data: res.series.map((s) => s.quad_class[q]),
    backgroundColor: QUAD_COLORS[q], stack: "quad", yAxisID: "count",
  }));
  const line = { type: "line", label: "Goldstein trung bình", data: res.series.map((s) => s.goldstein_mean),
    borderColor: "#222", backgroundColor: "#222", yAxisID: "goldstein", tension: 0.2 };
  const data = { labels, datasets: [line, ...bars] };
  if (state.charts.dyad) state.charts.dyad.destroy();
  state.charts.dyad = new Chart($("dyad-chart"), {
    data,
    options: {
      animation: false, maintainAspectRatio: false,
      scales: {
        count: { position: "left", stacked: true, beginAtZero: true, ticks: { precision: 0, font: { size: 12 } }, title: { display: true, text: "Số sự kiện", font: { size: 12 } } },
        goldstein: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, ticks: { font: { size: 12 } }, title: { display: true, text: "Goldstein", font: { size: 12 } } },
        x: { stacked: true, ticks: { autoSkip: true, maxRotation: 0, font: { size: 12 } } },
      },
    },
  });
}

function dyadTable(res) {
  if (!res.series.length) { $("dyad-table").replaceChildren(); return; }
  const head = h("tr", {}, h("th", {}, "Tháng"), h("th", { title: "Số sự kiện" }, "Sự kiện"), h("th", { title: "Điểm Goldstein trung bình" }, "Goldstein"),
    [1, 2, 3, 4].map((q) => h("th", { title: QUAD[q] }, "Q" + q)));
  const rows = res.series.map((s) => h("tr", {},
    h("td", {}, h("a", { href: "#/timeline?" + new URLSearchParams({ dyad: res.a + "," + res.b, date_from: s.period, date_to: s.period }) }, s.period)),
    h("td", {}, s.n), h("td", {}, s.goldstein_mean), [1, 2, 3, 4].map((q) => h("td", {}, s.quad_class[q]))));
  $("dyad-table").replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
}

// ---------------------------------------------------------------- actor graph

async function showGraph(params) {
  const form = $("graph-form");
  const defaults = { level: "affiliation", min_events: "1" };
  fillForm(form, { ...defaults, ...params }, defaults);
  showError("graph-error", null);
  try {
    const g = await api("graph", { ...formParams(form), limit: 300 });
    emptyState("graph-empty", g.edges.length ? null : "Không có quan hệ nào để vẽ.", "Thử giảm số sự kiện tối thiểu hoặc mở rộng khoảng ngày.");
    $("graph-canvas").hidden = !g.edges.length;
    drawGraph(g);
  } catch (err) { showError("graph-error", err); }
}

function drawGraph(g) {
  if (!window.cytoscape) return;
  if (state.graph) state.graph.destroy();
  const maxN = Math.max(1, ...g.edges.map((e) => e.n));
  const elements = [
    ...g.nodes.map((n) => ({ data: { id: n.id, label: n.name === n.id ? n.id : `${n.name}\n${n.id}`, n: n.n, kind: n.kind } })),
    ...g.edges.map((e) => ({ data: { id: e.source + "|" + e.target, source: e.source, target: e.target, n: e.n,
      w: 1 + 9 * (e.n / maxN), color: e.goldstein_mean >= 0 ? "#2e8b57" : "#c0392b", g: e.goldstein_mean } })),
  ];
  state.graph = cytoscape({
    container: $("graph-canvas"), elements,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 120 },
    style: [
      { selector: "node", style: { label: "data(label)", "text-wrap": "wrap", "font-size": 12, "text-valign": "center", "min-zoomed-font-size": 0,
        "background-color": "#dbe8f5", "border-color": "#1f6fa8", "border-width": 2, width: "mapData(n, 1, 60, 30, 80)", height: "mapData(n, 1, 60, 30, 80)" } },
      { selector: "node[kind = 'org']", style: { shape: "round-rectangle", "background-color": "#f5ecd8" } },
      { selector: "edge", style: { width: "data(w)", "line-color": "data(color)", "curve-style": "bezier", label: "data(n)", "font-size": 12, "text-background-color": "#fff", "text-background-opacity": 1 } },
      { selector: ".nolabel", style: { label: "" } },
    ],
  });
  tidyLabels(state.graph);
  let pending = null;
  state.graph.on("zoom", () => { clearTimeout(pending); pending = setTimeout(() => tidyLabels(state.graph), 120); });
  state.graph.on("tap", "edge", (evt) => go("timeline", { dyad: evt.target.data("source") + "," + evt.target.data("target") }));
  state.graph.on("tap", "node", (evt) => go("timeline", { actor: evt.target.id() }));
}

// Labels of the actor graph: at least 11 px on screen at any zoom, and never on top of each
// other (bigger nodes win; a hidden label shows again when zooming in makes room).
const MIN_LABEL_PX = 11.5;
function tidyLabels(cy) {
  if (!cy || cy.destroyed()) return;
  const size = Math.max(12, MIN_LABEL_PX / cy.zoom());
  cy.batch(() => {
    cy.elements().removeClass("nolabel");
    cy.elements().style("font-size", size);
  });
  const placed = [];
  const apart = (b, p) => b.x2 < p.x1 || b.x1 > p.x2 || b.y2 < p.y1 || b.y1 > p.y2;
  // a label may cover its own node, never another node or another label
  const bodies = cy.nodes().map((n) => ({ id: n.id(), box: n.boundingBox({ includeLabels: false, includeOverlays: false }) }));
  const free = (b, own) => placed.every((p) => apart(b, p)) && bodies.every((n) => n.id === own || apart(b, n.box));
  const byWeight = (a, b) => (b.data("n") || 0) - (a.data("n") || 0);
  const hidden = [];
  for (const el of [...cy.nodes().toArray().sort(byWeight), ...cy.edges().toArray().sort(byWeight)]) {
    const bb = el.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
    if (bb.w > 0 && free(bb, el.isNode() ? el.id() : null)) placed.push(bb);
    else hidden.push(el);
  }
  cy.batch(() => { for (const el of hidden) el.addClass("nolabel"); });
  const note = $("graph-note");
  if (note) note.textContent = hidden.length ? `${hidden.length} nhãn được ẩn để khỏi chồng lên nhau; phóng to để xem thêm.` : "";
}

function shortName(id) {
  const a = state.actors.get(id);
  return a && a.name && a.name.length <= 18 ? a.name : id;
}

// ---------------------------------------------------------------- search

async function showSearch(params) {
  const q = (params.q || "").trim();
  $("search-input").value = q;
  showError("search-error", null);
  const list = $("search-results");
  list.replaceChildren();
  if (q.length < 2) { $("search-summary").textContent = "Gõ ít nhất 2 ký tự để tìm."; return; }
  const offset = Number(params.offset || 0);
  try {
    const res = await api("search", { q, limit: PAGE, offset });
    const count = res.has_more ? `Hơn ${res.total}` : String(res.total);
    $("search-summary").textContent = res.total ? `${count} kết quả cho “${q}” (tìm không phân biệt dấu; các sự kiện cùng một câu gộp làm một).` : "";
    emptyState("search-empty", res.total ? null : `Không tìm thấy “${q}”.`, "Thử từ khác, ít từ hơn, hoặc gõ không dấu (VD: hoi dam).");
    list.replaceChildren(...res.items.map(searchHit));
    pager("search-pager", res, (o) => go("search", { q, offset: o }));
  } catch (err) { showError("search-error", err); }
}

function highlighted(text, ranges) {
  const out = [];
  let pos = 0;
  for (const [a, b] of ranges || []) {
    if (a < pos) continue;
    out.push(text.slice(pos, a), h("b", { class: "hit" }, text.slice(a, b)));
    pos = b;
  }
  out.push(text.slice(pos));
  return out;
}

function searchHit(hit) {
  const isEvent = hit.kind === "event";
  const label = { event: "Sự kiện", article: "Bài báo", quote: "Trích dẫn" }[hit.kind] || hit.kind;
  const events = isEvent ? (hit.events || [hit]) : [];
  return h("li", { class: "search-hit " + hit.kind, dataset: { articleId: hit.article_id, eventId: hit.event_id || "", events: events.length } },
    h("div", { class: "hit-head" },
      h("span", { class: "kind" }, isEvent && events.length > 1 ? `${events.length} sự kiện cùng một câu` : label),
      isEvent ? h("span", { class: "date" }, hit.date || "không rõ ngày") : h("span", { class: "meta" }, hit.outlet || "")),
    isEvent ? h("ul", { class: "hit-events" }, events.map((e) => h("li", { class: "dyad" },
      actorName(e.source), " → ", actorName(e.target), ` · CAMEO ${e.cameo} · ${ROOTS[(e.cameo || "").slice(0, 2)] || ""}`))) : null,
    h("a", { class: "result-link", href: articleHref(hit.article_id, hit.event_id) }, articleLabel(hit)),
    h("p", { class: "snippet" }, highlighted(hit.snippet, hit.highlights || (hit.match ? [hit.match] : []))));
}

// ---------------------------------------------------------------- article reader

async function showArticle(articleId, params) {
  showError("article-error", null);
  $("article").hidden = false;
  try {
    const art = await api("articles/" + encodeURIComponent(articleId));
    renderArticle(art, params.event || null);
  } catch (err) {
    $("article").hidden = true;
    showError("article-error", err);
  }
}

function renderArticle(art, focusEvent) {
  $("article-title").textContent = art.title || art.label;
  $("article-title").classList.toggle("untitled", !art.title);
  $("article-title").title = art.title ? "" : "Bài không có tiêu đề: hiển thị đoạn mở đầu";
  const meta = [art.outlet, art.published ? "ngày " + art.published : "không rõ ngày đăng", art.author,
    art.wire_sources && art.wire_sources.length ? "theo " + art.wire_sources.join(", ") : null].filter(Boolean);
  $("article-meta").textContent = meta.join(" · ");
  $("article-chips").replaceChildren(...art.actor_chips.map((c) =>
    h("a", { class: "chip kind-" + c.kind, href: "#/timeline?actor=" + encodeURIComponent(c.id), title: c.id }, c.name)));
  const events = new Map(art.events.map((e) => [e.event_id, e]));
  const body = $("article-body");
  body.replaceChildren(...art.blocks.map((b) => renderBlock(b, events, focusEvent)));
  const groups = art.sentences || art.events.map((e) => ({ sentence: e.sentence, event_ids: [e.event_id] }));
  $("article-events").replaceChildren(...groups.map((g) => sentenceCard(g, events)));
  emptyState("article-events-empty", groups.length ? null : "Bài này không có sự kiện nào được mã hóa.", "");
  $("article-quotes").replaceChildren(...art.quotes.map((q) => h("li", {},
    h("b", {}, actorName(q.speaker) + ": "), (q.direct ? "“" : "") + q.text + (q.direct ? "”" : ""))));
  if (focusEvent) focusEvidence(focusEvent);
}

// One card per sentence, listing every event coded from it (the sentence is shown once).
function sentenceCard(group, events) {
  const evs = group.event_ids.map((id) => events.get(id)).filter(Boolean);
  const li = h("li", { class: "event-card sentence-card", dataset: { eventId: group.event_ids[0], events: group.event_ids.join(" ") } },
    h("ul", { class: "hit-events" }, evs.map((ev) => h("li", { class: "event-head" },
      h("span", { class: "date" }, ev.date || "không rõ ngày"),
      h("span", { class: "dyad" }, actorName(ev.source), " → ", actorName(ev.target)),
      h("span", { class: "cameo", title: ROOTS[ev.root] || "" }, `CAMEO ${ev.cameo} · ${ROOTS[ev.root] || ev.plover}`),
      quadBadge(ev.quad_class),
      ev.negated ? h("span", { class: "flag negated" }, "bị phủ định") : null,
      ev.modality && ev.modality !== "asserted" ? h("span", { class: "flag" }, MODALITY[ev.modality] || ev.modality) : null))),
    h("blockquote", { class: "sentence" }, group.sentence));
  li.addEventListener("click", () => focusEvidence(group.event_ids[0]));
  return li;
}

function renderBlock(block, events, focusEvent) {
  const parts = block.parts.map((p) => {
    const cls = [p.actor ? "mention" : "", p.quotes.length ? "quote-span" : ""].filter(Boolean).join(" ");
    return cls ? h("span", { class: cls, title: p.actor ? actorName(p.actor) : "lời trích dẫn" }, p.text) : p.text;
  });
  if (!block.events.length) return h("span", {}, parts);
  const title = block.events.map((id) => {
    const ev = events.get(id);
    return ev ? `${ev.source || "?"} → ${ev.target || "—"} · CAMEO ${ev.cameo} (${ev.date || "không rõ ngày"})` : id;
  }).join("\n");
  const focused = focusEvent && block.events.includes(focusEvent);
  return h("mark", { class: "evidence" + (focused ? " evidence-focus" : ""), title, dataset: { events: block.events.join(" ") } }, parts);
}

function focusEvidence(eventId) {
  const marks = [...document.querySelectorAll("#article-body mark.evidence")];
  for (const m of marks) m.classList.remove("evidence-focus");
  const mark = marks.find((m) => (m.dataset.events || "").split(" ").includes(eventId));
  if (mark) { mark.classList.add("evidence-focus"); mark.scrollIntoView({ block: "center" }); }
}

// ---------------------------------------------------------------- quotes

async function showQuotes(params) {
  const form = $("quotes-form");
  const select = $("speaker-select");
  showError("quotes-error", null);
  if (select.options.length <= 1) {
    try {
      const sp = await api("quotes/speakers", { limit: 200 });
      select.append(...sp.items.map((s) => h("option", { value: s.id }, `${s.name} (${s.n_quotes})`)));
    } catch (err) { showError("quotes-error", err); }
  }
  fillForm(form, params);
  const offset = Number(params.offset || 0);
  try {
    const page = await api("quotes", { ...formParams(form), limit: PAGE, offset });
    $("quotes-summary").textContent = page.total ? `${page.total} trích dẫn` : "";
    emptyState("quotes-empty", page.total ? null : "Không có trích dẫn nào khớp bộ lọc.", "Chọn người phát ngôn khác hoặc bỏ điều kiện nội dung.");
    $("quotes-list").replaceChildren(...page.items.map((q) => h("li", { class: "quote-card" },
      h("div", { class: "hit-head" }, h("b", {}, q.speaker_name || q.speaker_text || "không rõ người nói"),
        h("span", { class: "date" }, q.date || "không rõ ngày"), h("span", { class: "kind" }, q.direct ? "trực tiếp" : "gián tiếp")),
      h("blockquote", {}, q.text),
      h("a", { href: articleHref(q.article_id) }, "Bài: ", articleLabel(q)))));
    pager("quotes-pager", page, (o) => go("quotes", { ...formParams(form), offset: o }));
  } catch (err) { showError("quotes-error", err); }
}

// ---------------------------------------------------------------- routing and start-up

function route() {
  const raw = location.hash.replace(/^#\/?/, "") || "timeline";
  const [path, query] = raw.split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const [view, ...rest] = path.split("/");
  const name = ["timeline", "dyad", "graph", "search", "article", "quotes"].includes(view) ? view : "timeline";
  for (const sec of document.querySelectorAll(".view")) sec.hidden = sec.id !== "view-" + name;
  for (const a of document.querySelectorAll("#nav a[data-view]")) a.classList.toggle("active", a.dataset.view === name);
  document.body.dataset.view = name;
  const done = {
    timeline: () => showTimeline(params), dyad: () => showDyad(params), graph: () => showGraph(params),
    search: () => showSearch(params), quotes: () => showQuotes(params),
    article: () => showArticle(decodeURIComponent(rest.join("/")), params),
  }[name]();
  done.finally(() => { document.body.dataset.ready = name; });
}

async function loadActors() {
  try {
    const res = await api("actors", { limit: 500 });
    for (const a of res.items) state.actors.set(a.id, a);
    $("actor-list").replaceChildren(...res.items.map((a) => h("option", { value: a.id }, a.name)));
  } catch (err) { /* names are a nicety: ids are shown instead */ }
}

function wireForms() {
  const rootSelect = $("root-select");
  rootSelect.append(...Object.entries(ROOTS).map(([code, label]) => h("option", { value: code }, `${code} · ${label}`)));
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); go("search", { q: $("search-input").value.trim() }); });
  $("timeline-filters").addEventListener("submit", (e) => { e.preventDefault(); go("timeline", formParams(e.target)); });
  $("timeline-filters").addEventListener("reset", (e) => { e.preventDefault(); go("timeline", {}); });
  $("dyad-form").addEventListener("submit", (e) => { e.preventDefault(); go("dyad", formParams(e.target)); });
  $("dyad-select").addEventListener("change", (e) => {
    const [a, b] = e.target.value.split(",");
    if (a && b) go("dyad", { a, b });
  });
  $("graph-form").addEventListener("submit", (e) => { e.preventDefault(); go("graph", formParams(e.target)); });
  $("quotes-form").addEventListener("submit", (e) => { e.preventDefault(); go("quotes", formParams(e.target)); });
  $("speaker-select").addEventListener("change", () => go("quotes", formParams($("quotes-form"))));
  $("article-back").addEventListener("click", (e) => { e.preventDefault(); history.back(); });
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", async () => {
  // On a phone the filters fold away, so a view opens on its data (the news), not on a form.
  if (window.matchMedia("(max-width: 800px)").matches) {
    for (const box of document.querySelectorAll("details.filter-box")) box.open = false;
  }
  wireForms();
  await loadActors();
  route();
});
