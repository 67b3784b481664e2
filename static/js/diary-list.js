// The list page: the entries on this device, newest first; redrawn on a change here or in
// another tab, and at a sync's end.
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
  part("conflict").hidden = !entry.kept?.length; // kept versions wait for the person
  // Refused by the server: the entry page says why and how to fix it.
  part("attention").hidden = !(entry.id in rejected);
  return node;
}

// A screenful at 320 px, more a screen before the end or by the button (keyboard, screen
// reader): years of diary at once took seconds and 135,000 DOM nodes (issue 9).
const CHUNK = 30;
const more = section.querySelector("[data-more]");
const watcher = new IntersectionObserver((seen) => seen[seen.length - 1].isIntersecting && draw(CHUNK), {
  rootMargin: "100% 0px",
});
let rejected = {};
let queue = Promise.resolve();

// One at a time: a redraw never interleaves with a chunk. Gives the first new card.
function draw(count, fresh) {
  const run = async () => {
    if (fresh) rejected = await store.rejected();
    // One more: whether there are more.
    const entries = await store.list(fresh ? 0 : list.children.length, count + 1);
    const nodes = entries.slice(0, count).map((entry) => item(entry, rejected));
    list[fresh ? "replaceChildren" : "append"](...nodes);
    more.hidden = entries.length <= count;
    // Observed afresh, it says at once if the end is still near (a tall screen).
    watcher.unobserve(more);
    if (!more.hidden) watcher.observe(more);
    const some = list.children.length > 0;
    section.querySelector("[data-empty]").hidden = some;
    document.getElementById("export").hidden = !some;
    return nodes[0];
  };
  return (queue = queue.then(run, run));
}

// A redraw keeps what the person had scrolled to.
const render = () => draw(Math.max(list.children.length, CHUNK), true);
more.addEventListener("click", () => draw(CHUNK).then((card) => card?.querySelector("a").focus()));

// "Saved" or "deleted", left by the entry page before it came back here.
const flash = document.getElementById("flash");
const said = sessionStorage.getItem("diary:flash");
sessionStorage.removeItem("diary:flash");
// A moment later, so that screen readers notice the status line change.
if (said) setTimeout(() => (flash.textContent = flash.dataset[said] ?? ""), 300);

addEventListener("diary:change", render);
addEventListener("diary:remote", render);
// Another account logged in, or the first login's question: whose entries are shown changed.
addEventListener("diary:sync", ({ detail }) => ["ask", "other-account", "done"].includes(detail.phase) && render());
render();
