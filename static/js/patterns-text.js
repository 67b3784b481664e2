// The sentences of the patterns page and the doctor's report, from diary-insights.js's figures,
// in the page's language (diary/_insight_words.html holds the words, diary-format.js the names).
import { label } from "./diary-format.js";

const lang = document.documentElement.lang;
const template = document.getElementById("insight-words");
const words = new Map([...template.content.querySelectorAll("[data-key]")].map((el) => [el.dataset.key, el.textContent.trim()]));
const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
const weekday = new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" });

export function say(key, values = {}) {
  return (words.get(key) ?? key).replace(/\{(\w+)\}/g, (_, name) => (typeof values[name] === "number" ? number.format(values[name]) : values[name] ?? ""));
}

export function date(iso) {
  return iso ? day.format(new Date(iso.length === 10 ? `${iso}T12:00` : iso)) : "";
}

// "In den letzten 4 Wochen: 5 Krämpfe, meist morgens, mit Wärme sank der Schmerz im Schnitt um 3 Punkte (6 Mal)."
export function summary(figures) {
  const count = figures.count;
  const parts = [count === 0 ? say("episodes-0") : count === 1 ? say("episodes-1") : say("episodes", { n: count })];
  if (figures.mostly) parts.push(say(`mostly-${figures.mostly}`));
  const best = figures.best;
  if (best) parts.push(say("best", { measure: label("measures", best.id), n: best.drop, count: best.episodes }));
  return `${say(`period-${figures.period}`)}: ${parts.join(", ")}.`;
}

// `short` ("report-"): the report's terser wording, so that it stays one page.
export function helpedLine(measure, short = "") {
  const name = label("measures", measure.id);
  if (measure.drop === null) return say(`${short}helped-few`, { measure: name, used: measure.used });
  if (measure.drop <= 0) return say(`${short}helped-same`, { measure: name, count: measure.episodes });
  return say(`${short}helped-drop`, { measure: name, n: measure.drop, count: measure.episodes });
}

export function countLine(kind, item) {
  return say("count", { name: kind ? label(kind, item.id) : item.name, n: item.count });
}

export function timeLines(figures) {
  const counts = Object.fromEntries(figures.times.map((time) => [time.id, time.count]));
  return ["morning", "afternoon", "evening", "night"].map((id) => say("count", { name: say(`time-${id}`), n: counts[id] ?? 0 }));
}

// Monday first; 5 January 1970 was a Monday.
export function weekdayLines(figures) {
  return figures.weekdays.map((n, index) => say("count", { name: weekday.format(new Date(Date.UTC(1970, 0, 5 + index))), n }));
}

export function chartText(figures) {
  const buckets = figures.buckets;
  const unit = buckets[0]?.unit ?? "week";
  return say(`chart-${unit}`, {
    from: date(buckets[0]?.start),
    to: date(figures.to),
    max: Math.max(0, ...buckets.map((bucket) => bucket.count)),
    mean: figures.mean ?? "–",
  });
}

export function items(list, lines) {
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
}
