// The live web view: a grid of channels coloured by a chosen metric and rolling charts of the global figures,
// fed by server-sent events from /events (a snapshot on opening, then deltas). No network beyond this server.
"use strict";

const METRICS = {
  snr:   { label: "SNR (dB)", min: 0, max: 25, value: c => c.snr },
  f1:    { label: "spike F1", min: 0, max: 1, value: c => c.f1 },
  ratio: { label: "ratio (log)", min: 1, max: 400, log: true, value: c => c.ratio },
  ssim:  { label: "SSIM", min: 0, max: 1, value: c => c.ssim },
  fps:   { label: "frames/s", min: 0, max: null, value: c => c.fps },
};
const MAX_POINTS = 600;
const cells = new Map();      // channel -> latest figures
const elements = [];          // channel -> div
let gridChannels = 0;
let selected = null;
const series = { t: [], ratio: [], snr: [], f1: [], bps: [], dl: [], p50: [], p99: [] };
const charts = [];

function metric() { return METRICS[document.getElementById("metric").value]; }

function scale(m, v) {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  let max = m.max;
  if (max === null) {
    max = 0;
    cells.forEach(c => { const x = m.value(c); if (x !== null && x > max) max = x; });
    if (max <= 0) max = 1;
  }
  let x = m.log ? (Math.log10(Math.max(v, m.min)) - Math.log10(m.min)) / (Math.log10(max) - Math.log10(m.min))
                : (v - m.min) / (max - m.min);
  return Math.max(0, Math.min(1, x));
}

function colour(cell, div) {
  const m = metric();
  const x = cell ? scale(m, m.value(cell)) : null;
  if (x === null) {
    div.style.background = "#bbb";
    div.dataset.state = "none";
  } else {
    div.style.background = `hsl(${Math.round(120 * x)}, 75%, ${x > 0.5 ? 40 : 45}%)`;
    div.dataset.state = x < 1 / 3 ? "bad" : x < 2 / 3 ? "fair" : "good";
  }
}

function buildGrid(n) {
  const grid = document.getElementById("grid");
  if (n < elements.length) { grid.innerHTML = ""; elements.length = 0; selected = null; }
  const columns = Math.ceil(Math.sqrt(n));
  grid.style.gridTemplateColumns = `repeat(${columns}, 1fr)`;
  for (let ch = elements.length; ch < n; ch++) {
    const div = document.createElement("div");
    div.className = "cell";
    div.dataset.channel = ch;
    div.title = "channel " + ch;
    div.addEventListener("mouseenter", () => { if (selected === null) showDetails(ch); });
    div.addEventListener("click", () => select(ch));
    grid.appendChild(div);
    elements.push(div);
    colour(cells.get(ch), div);
  }
  gridChannels = n;
  document.getElementById("cellcount").textContent = `${n} channels, ${columns} per row`;
}

function recolourAll() {
  const m = metric();
  document.getElementById("legend-min").textContent = m.min;
  document.getElementById("legend-max").textContent = m.max === null ? "max" : m.max;
  elements.forEach((div, ch) => colour(cells.get(ch), div));
}

function fmt(v, digits) { return v === null || v === undefined ? "—" : Number(v).toFixed(digits); }

function select(ch) {
  if (selected !== null && elements[selected]) elements[selected].classList.remove("selected");
  selected = selected === ch ? null : ch;
  if (selected !== null) elements[selected].classList.add("selected");
  showDetails(ch);
}

let detailRequest = 0;
function showDetails(ch) {
  const request = ++detailRequest;
  const c = cells.get(ch);
  const box = document.getElementById("details");
  if (!c) { box.innerHTML = `<p>Channel ${ch}: no metrics yet.</p>`; return; }
  box.innerHTML = `<b>Channel ${ch}</b><table>
    <tr><td>SNR</td><td>${fmt(c.snr, 2)} dB</td><td>spike F1</td><td>${fmt(c.f1, 3)}</td></tr>
    <tr><td>ratio</td><td>${fmt(c.ratio, 1)}</td><td>SSIM</td><td>${fmt(c.ssim, 3)}</td></tr>
    <tr><td>frames/s</td><td>${fmt(c.fps, 2)}</td><td>bits/sample</td><td>${fmt(c.bps, 3)}</td></tr></table>
    <div id="detail-chart"></div>`;
  fetch("/channel/" + ch).then(r => r.ok ? r.json() : null).then(h => {
    const target = document.getElementById("detail-chart");
    if (!h || !target || request !== detailRequest) return; // a newer hover or click won
    target.innerHTML = "";
    const t = h.windows.map(w => w.t / 1000);
    const data = [t, h.windows.map(w => w.snr), h.windows.map(w => w.f1 === null ? null : 25 * w.f1)];
    new uPlot({ width: 500, height: 110, legend: { show: true },
      series: [{}, { label: "SNR dB", stroke: "#1f77b4" }, { label: "spike F1 ×25", stroke: "#d62728" }],
      axes: [{ show: false }, {}] }, data, target);
  });
}

function chart(title, keys, labels, colours) {
  const box = document.createElement("div");
  box.className = "chart";
  box.innerHTML = `<h2>${title}</h2>`;
  document.getElementById("charts").appendChild(box);
  const opts = { width: 350, height: 140, legend: { show: keys.length > 1 },
    series: [{}].concat(keys.map((k, i) => ({ label: labels[i], stroke: colours[i], width: 1.5, spanGaps: true }))),
    axes: [{ space: 90, values: (u, ticks) => ticks.map(t => new Date(t * 1000).toLocaleTimeString([], { hour12: false })) }, {}] };
  const u = new uPlot(opts, [[]].concat(keys.map(() => [])), box);
  charts.push({ u, keys });
}

function redrawCharts() {
  const t = series.t.map(x => x / 1000);
  charts.forEach(c => c.u.setData([t].concat(c.keys.map(k => series[k]))));
}

const SCHEMA_VERSION = 1;

function apply(board) {
  const banner = document.getElementById("banner");
  if (board.schema_version !== SCHEMA_VERSION) {
    banner.className = "banner disconnected";
    banner.dataset.state = "incompatible";
    banner.textContent = `The server sends events of schema ${board.schema_version}; this page reads ${SCHEMA_VERSION}: reload it.`;
    return;
  }
  banner.className = "banner " + board.status.state;
  banner.textContent = board.status.message;
  banner.dataset.state = board.status.state;
  if (board.codec) {
    document.getElementById("codec").textContent =
      `codec: ${board.codec} level ${board.level} · model ${board.model || "none"}`;
  }
  if (board.type === "snapshot") { cells.clear(); Object.keys(series).forEach(k => series[k].length = 0); }
  if (board.grid_channels !== gridChannels) buildGrid(board.grid_channels);
  board.cells.forEach(c => { cells.set(c.ch, c); if (elements[c.ch]) colour(c, elements[c.ch]); });
  if (metric().max === null && board.cells.length) recolourAll();
  board.global.forEach(p => Object.keys(series).forEach(k => series[k].push(p[k])));
  Object.keys(series).forEach(k => { if (series[k].length > MAX_POINTS) series[k].splice(0, series[k].length - MAX_POINTS); });
  if (board.global.length || board.type === "snapshot") redrawCharts();
  if (selected !== null && board.cells.some(c => c.ch === selected)) showDetails(selected);
}

// "?still": take one snapshot and stop listening, so a headless browser's screenshot (the demo's) can finish.
const STILL = new URLSearchParams(location.search).has("still");

function connect() {
  const events = new EventSource("/events");
  events.addEventListener("board", e => {
    apply(JSON.parse(e.data));
    if (STILL) events.close();
  });
  events.onerror = () => {
    const banner = document.getElementById("banner");
    banner.className = "banner disconnected";
    banner.dataset.state = "disconnected";
    banner.textContent = "The web view's server does not answer; reconnecting…";
  };
}

document.getElementById("metric").addEventListener("change", recolourAll);
chart("Compression ratio", ["ratio"], ["ratio"], ["#1f77b4"]);
chart("SNR (dB)", ["snr"], ["SNR"], ["#2ca02c"]);
chart("Spike F1", ["f1"], ["F1"], ["#d62728"]);
chart("Bits per sample", ["bps"], ["bits/sample"], ["#9467bd"]);
chart("Dead letters per second", ["dl"], ["dead letters/s"], ["#8c564b"]);
chart("Latency (ms)", ["p50", "p99"], ["p50", "p99"], ["#17becf", "#ff7f0e"]);
recolourAll();
connect();
