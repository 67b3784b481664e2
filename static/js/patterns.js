// The patterns page: what the diary on this device shows for the chosen period, offline and
// without an account. Figures from diary-insights.js; it redraws when the diary changes.
import * as store from "./diary-store.js";
import { insights, PERIODS } from "./diary-insights.js";
import { bars } from "./patterns-chart.js";
import { chartText, countLine, date, helpedLine, items, summary, timeLines, weekdayLines } from "./patterns-text.js";

const form = document.getElementById("patterns");
const shown = document.getElementById("insights");
const part = (name) => shown.querySelector(`[data-${name}]`);
const asked = new URLSearchParams(location.search).get("period");
if (asked in PERIODS) form.elements.period.value = asked;

function cell(row, text, header) {
  const node = document.createElement(header ? "th" : "td");
  if (header) node.scope = "row";
  node.textContent = text;
  row.append(node);
}

function table(buckets) {
  part("table").replaceChildren(
    ...buckets.map((bucket) => {
      const row = document.createElement("tr");
      cell(row, date(bucket.start), true);
      cell(row, String(bucket.count));
      cell(row, bucket.mean === null ? "–" : bucket.mean.toLocaleString(document.documentElement.lang));
      cell(row, bucket.max === null ? "–" : String(bucket.max));
      return row;
    }),
  );
}

function safety(figures) {
  const box = document.getElementById("safety");
  // A line per reason that applies: "persistent" is true or false; the others name their window
  // (days) or the check result, or are null.
  for (const item of box.querySelectorAll("[data-reason]")) {
    item.hidden = String(figures.safety[item.dataset.reason]) !== (item.dataset.value || "true");
  }
  box.hidden = !figures.safety.check;
}

async function render() {
  const period = form.elements.period.value;
  const figures = insights(await store.list(), { period });
  document.getElementById("summary").textContent = summary(figures);
  safety(figures);
  document.getElementById("report-link").href = `${form.dataset.reportUrl}?period=${period}`;
  document.getElementById("empty").hidden = figures.count > 0;
  shown.hidden = figures.count === 0;
  if (!figures.count) return;
  const buckets = figures.buckets;
  const title = document.getElementById("chart-title");
  title.textContent = title.dataset[buckets[0].unit];
  bars(part("chart=count"), buckets, (b) => b.count, Math.max(...buckets.map((b) => b.count)));
  bars(part("chart=mean"), buckets, (b) => b.mean, 10);
  part("first").textContent = date(buckets[0].start);
  part("last").textContent = date(figures.to);
  part("chart-text").textContent = chartText(figures);
  table(buckets);
  items(part("helped"), figures.helped.map((measure) => helpedLine(measure)));
  part("helped-empty").hidden = figures.helped.length > 0;
  items(part("triggers"), figures.triggers.map((trigger) => countLine("triggers", trigger)));
  part("triggers-empty").hidden = figures.triggers.length > 0;
  items(part("times"), timeLines(figures));
  items(part("weekdays"), weekdayLines(figures));
}

form.addEventListener("change", () => {
  history.replaceState(null, "", `?period=${form.elements.period.value}`);
  render();
});
addEventListener("diary:change", render);
addEventListener("diary:remote", render);
render();
