// The doctor's report: one A4 page from the diary on this device, offline and without an
// account. Printed or saved as PDF by the browser; shared as a file where the browser can.
// A long diary is cut at a "Weitere Einträge" line so that the page stays one page.
import * as store from "./diary-store.js";
import { insights, PERIODS } from "./diary-insights.js";
import { label, word } from "./diary-format.js";
import { bars } from "./patterns-chart.js";
import { chartText, countLine, date, helpedLine, items, say, summary, timeLines } from "./patterns-text.js";

// What fits on the page beside the chart (checked by printing to PDF in the tests).
const MOST = { redflags: 5, notes: 4, helped: 9, triggers: 6 };
const NOTE_CHARS = 160;
const report = document.getElementById("report");
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

function redflagLine(result) {
  const reasons = result.reasons.map((id) => word(`flag-${id}`)).join(", ");
  return `${date(result.started_at)}: ${label("tiers", result.tier)}${reasons ? ` (${reasons})` : ""}`;
}

function note(item) {
  const text = item.notes.length > NOTE_CHARS ? `${item.notes.slice(0, NOTE_CHARS - 1)}…` : item.notes;
  return `${date(item.started_at)}: ${text}`;
}

async function render() {
  const period = form.elements.period.value;
  const figures = insights(await store.list(), { period });
  part("period").textContent = `${date(figures.from)} – ${date(figures.to)}`;
  part("created").textContent = date(new Date().toISOString());
  part("summary").textContent = summary(figures);
  const title = report.querySelector("[data-week]");
  title.textContent = title.dataset[figures.buckets[0]?.unit ?? "week"];
  const buckets = figures.buckets;
  bars(part("chart=count"), buckets, (b) => b.count, Math.max(1, ...buckets.map((b) => b.count)));
  bars(part("chart=mean"), buckets, (b) => b.mean, 10);
  part("chart-text").textContent = chartText(figures);
  cut(part("redflags"), figures.redflags.map(redflagLine), MOST.redflags);
  part("redflags-empty").hidden = figures.redflags.length > 0;
  cut(part("helped"), figures.helped.map((measure) => helpedLine(measure, "report-")), MOST.helped);
  cut(part("triggers"), figures.triggers.map((trigger) => countLine("triggers", trigger)), MOST.triggers);
  items(part("times"), timeLines(figures));
  // The notes the person marked for the doctor; none marked: the newest notes.
  const marked = figures.notes.filter((item) => item.for_doctor);
  cut(part("notes"), (marked.length ? marked : figures.notes).map(note), MOST.notes);
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
