// The list page: every entry on this device, newest first, each opening the entry page.
// It redraws when the diary changes here, in another tab, or at the end of a sync.
import * as store from "./diary-store.js";
import { label, measureText, when } from "./diary-format.js";

const section = document.getElementById("diary");
const text = section.dataset;
const list = section.querySelector("[data-entries]");
const template = document.getElementById("entry-template");

function fill(el, value) {
  if (value) el.textContent = value;
  else el.remove();
}

function item(entry, rejected) {
  const node = template.content.firstElementChild.cloneNode(true);
  const data = entry.data;
  const part = (name) => node.querySelector(`[data-${name}]`);
  node.querySelector("a").href = `${text.entryUrl}?id=${encodeURIComponent(entry.id)}`;
  part("pain").textContent = `${data.intensity}/10`;
  const minutes = data.duration_minutes ?? null;
  part("when").textContent =
    when(data.started_at) + (minutes === null ? "" : ` · ${text.textMinutes.replace("{n}", minutes)}`);
  fill(part("after"), Number.isInteger(data.intensity_after) && text.textAfter.replace("{n}", data.intensity_after));
  const regions = (data.regions ?? []).map((id) => label("regions", id)).join(", ");
  fill(part("where"), regions && text.textWhere.replace("{list}", regions));
  const measures = (data.measures ?? []).map(measureText).join(", ");
  fill(part("measures"), measures && text.textMeasures.replace("{list}", measures));
  part("conflict").hidden = !entry.conflict;
  // The server refused this change: the entry page says why and how to fix it.
  part("attention").hidden = !(entry.id in rejected);
  return node;
}

// A screenful and more at 320 px. The list draws this many, then the next ones as the person
// scrolls near its end (or taps "older entries", for keyboards and screen readers): with years
// of diary, drawing every entry at once took seconds and 135,000 DOM nodes (issue 9).
const CHUNK = 30;
const more = section.querySelector("[data-more]");
let ids = [];
let rejected = {};
let shown = 0;
let queue = Promise.resolve();

// One drawing at a time, in the order asked for: a redraw never interleaves with a chunk.
function inTurn(job) {
  return (queue = queue.then(job, job));
}

async function append(count, fresh) {
  const entries = await store.getMany(ids.slice(shown, shown + count));
  const nodes = entries.map((entry) => item(entry, rejected));
  if (fresh) list.replaceChildren(...nodes);
  else list.append(...nodes);
  shown += count;
  more.hidden = shown >= ids.length;
  // Asked afresh: the observer says at once whether the end is still near (a tall screen).
  watcher.unobserve(more);
  if (!more.hidden) watcher.observe(more);
  return nodes[0];
}

function render() {
  return inTurn(async () => {
    [ids, rejected] = await Promise.all([store.list().then((all) => all.map((e) => e.id)), store.rejected()]);
    // A redraw keeps what the person had scrolled to.
    const count = Math.max(shown, CHUNK);
    shown = 0;
    await append(count, true);
    section.querySelector("[data-empty]").hidden = ids.length > 0;
    document.getElementById("export").hidden = ids.length === 0;
  });
}

// Within a screen of the end: the next chunk.
const watcher = new IntersectionObserver((seen) => seen[seen.length - 1].isIntersecting && inTurn(() => append(CHUNK)), {
  rootMargin: "100% 0px",
});
// Tapped: the first new entry gets the focus, so that the keyboard goes on where it was.
more.addEventListener("click", () => inTurn(() => append(CHUNK)).then((node) => node?.querySelector("a").focus()));

// "Saved" or "deleted", left by the entry page before it came back here.
const flash = document.getElementById("flash");
const said = sessionStorage.getItem("diary:flash");
sessionStorage.removeItem("diary:flash");
// A moment later, so that screen readers notice the change of the status line.
if (said) setTimeout(() => (flash.textContent = flash.dataset[said] ?? ""), 300);

addEventListener("diary:change", render);
addEventListener("diary:remote", render);
render();
