// The doctor's report: one A4 page from the diary on this device, offline and without an
// account. Printed or saved as PDF by the browser; shared as a file where the browser can.
// A long diary is cut at a "Weitere Einträge" line so that the page stays one page; never the
// warning-sign results that said "emergency" or "today": each is on the page, by date.
import * as store from "./diary-store.js";
import { insights, PERIODS } from "./diary-insights.js";
import { label, word } from "./diary-format.js";
import { chart } from "./report-chart.js";
import { chartText, countLine, date, helpedLine, items, say, summary, timeLines } from "./patterns-text.js";

// What fits on the page beside the chart (checked by printing to PDF in the tests).
const MOST = { notes: 4, helped: 9, triggers: 6 };
const NOTE_CHARS = 160;
const lang = document.documentElement.lang;
const short = new Intl.DateTimeFormat(lang, { dateStyle: "short" });
const dayMonth = new Intl.DateTimeFormat(lang, { day: "numeric", month: "numeric" });
const monthName = new Intl.DateTimeFormat(lang, { month: "short" });
const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
// Check results a doctor must see, most urgent first (the tiers of docs/medical.md).
const URGENT = ["emergency", "today"];
const report = document.getElementById("report");
const words = new Map([...document.getElementById("report-words").content.querySelectorAll("[data-key]")].map((el) => [el.dataset.key, el.textContent.trim()]));
const put = (key, values) => words.get(key).replace(/\{(\w+)\}/g, (_, name) => values[name]);
const form = document.getElementById("report-period");
const part = (name) => report.querySelector(`[data-${name}]`);
const asked = new URLSearchParams(location.search).get("period");
if (asked in PERIODS) form.elements.period.value = asked;

// At most `most` lines, then one that says how many more there are.
function cut(list, lines, most) {
  const shown = lines.length > most ? [...lines.slice(0, most - 1), say("more", { n: lines.length - most + 1 })] : lines;
  items(list, shown);
  if (lines.length > most) list.lastElementChild.className = "more";
}

const local = (iso) => new Date(iso.length === 10 ? `${iso}T12:00` : iso);

// Each "emergency" or "today" result, grouped by what it said and why, with every date, newest
// first: "3 × heute ärztlich abklären (Fieber): 20.11.26, 05.11.26, 10.10.26". The other results
// summed up: "Andere Ergebnisse: 16 × Selbsthilfe reicht".
function redflagLines(results) {
  const groups = new Map();
  for (const result of results.filter((item) => URGENT.includes(item.tier))) {
    const reasons = result.reasons.map((id) => word(`flag-${id}`)).join(", ");
    const key = `${label("tiers", result.tier)}${reasons ? ` (${reasons})` : ""}`;
    if (!groups.has(key)) groups.set(key, { tier: result.tier, dates: [] });
    groups.get(key).dates.push(short.format(local(result.started_at)));
  }
  const urgent = [...groups].sort(([, a], [, b]) => URGENT.indexOf(a.tier) - URGENT.indexOf(b.tier));
  const lines = urgent.map(([name, group]) => `${group.dates.length} × ${name}: ${group.dates.join(", ")}`);
  const rest = new Map();
  for (const result of results.filter((item) => !URGENT.includes(item.tier))) rest.set(result.tier, (rest.get(result.tier) ?? 0) + 1);
  const summed = [...rest].map(([tier, n]) => `${n} × ${label("tiers", tier)}`).join(", ");
  return { lines, rest: summed ? put("rest", { list: summed }) : "" };
}

// An entry marked for the doctor, with its note or without one.
function marked(episode) {
  const data = episode.data;
  const notes = (data.notes ?? "").trim();
  const text = notes.length > NOTE_CHARS ? `${notes.slice(0, NOTE_CHARS - 1)}…` : notes;
  const pain = Number.isInteger(data.intensity) ? put("pain", { n: data.intensity }) : "";
  return `${date(data.started_at)}: ${[pain, text].filter(Boolean).join("; ")}`;
}

function note(item) {
  const text = item.notes.length > NOTE_CHARS ? `${item.notes.slice(0, NOTE_CHARS - 1)}…` : item.notes;
  return `${date(item.started_at)}: ${text}`;
}

async function render() {
  const period = form.elements.period.value;
  const entries = await store.list();
  const figures = insights(entries, { period });
  // One period for the whole page: the chart's first bar counts from the period's first day,
  // so it is labelled with that day, not with the Monday (or the 1st) its week begins on.
  const from = figures.from ?? figures.to;
  const buckets = figures.buckets.map((bucket, index) => (index ? bucket : { ...bucket, start: from.slice(0, 10) }));
  const shown = { ...figures, buckets };
  part("period").textContent = `${date(from)} – ${date(figures.to)}`;
  part("created").textContent = date(new Date().toISOString());
  part("summary").textContent = summary(figures);
  const unit = buckets[0]?.unit ?? "week";
  const title = report.querySelector("[data-week]");
  title.textContent = title.dataset[unit];
  const names = buckets.map((bucket) => (unit === "month" ? monthName : dayMonth).format(local(bucket.start)));
  const format = (value) => number.format(value);
  chart(part("chart=count"), buckets.map((b) => b.count), names, Math.max(1, ...buckets.map((b) => b.count)), format);
  chart(part("chart=mean"), buckets.map((b) => b.mean), names, 10, format);
  part("chart-text").textContent = chartText(shown);
  const flags = redflagLines(figures.redflags);
  items(part("redflags"), flags.lines);
  part("redflags-rest").textContent = flags.rest;
  part("redflags-rest").hidden = !flags.rest;
  part("redflags-empty").hidden = figures.redflags.length > 0;
  cut(part("helped"), figures.helped.map((measure) => helpedLine(measure, "report-")), MOST.helped);
  cut(part("triggers"), figures.triggers.map((trigger) => countLine("triggers", trigger)), MOST.triggers);
  items(part("times"), timeLines(figures));
  // The entries the person marked for the doctor, with or without a note; none marked: the
  // newest notes. The same period as the figures (diary-insights.js: after `from`, up to now).
  const after = figures.from ? Date.parse(figures.from) : -Infinity;
  const until = Date.parse(figures.to);
  const chosen = entries
    .filter((item) => item.data?.for_doctor && !item.deleted)
    .map((item) => ({ ...item, time: Date.parse(item.data.started_at) }))
    .filter((item) => item.time > after && item.time <= until)
    .sort((a, b) => b.time - a.time);
  const heading = report.querySelector("#r-notes");
  heading.textContent = chosen.length ? heading.dataset.titleMarked : heading.dataset.titleNotes;
  cut(part("notes"), chosen.length ? chosen.map(marked) : figures.notes.map(note), MOST.notes);
  report.dataset.ready = period;
}

// The report as one HTML file with its styles, for the share sheet (mail, messenger, files).
async function file() {
  const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')];
  const css = await Promise.all(sheets.map((link) => fetch(link.href).then((answer) => answer.text())));
  const lang = document.documentElement.lang;
  const html = `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${document.title}</title><style>${css.join("\n")}</style><body class="report-page">${report.outerHTML}</body></html>`;
  return new File([html], `${report.dataset.filename}-${new Date().toISOString().slice(0, 10)}.html`, { type: "text/html" });
}

const share = document.getElementById("report-share");
share.hidden = !navigator.canShare?.({ files: [new File([""], "test.html", { type: "text/html" })] });
share.addEventListener("click", async () => {
  const status = document.getElementById("report-status");
  try {
    await navigator.share({ files: [await file()], title: document.title });
  } catch (error) {
    if (error.name !== "AbortError") status.textContent = status.dataset.failed;
  }
});
document.getElementById("report-print").addEventListener("click", () => print());
form.addEventListener("change", () => {
  history.replaceState(null, "", `?period=${form.elements.period.value}`);
  render();
});
addEventListener("diary:change", render);
render();
