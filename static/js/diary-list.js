// The list page: every entry on this device, newest first, each opening the entry page.
// It redraws when the diary changes here, in another tab, or through a sync.
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

async function render() {
  const [entries, rejected] = await Promise.all([store.list(), store.rejected()]);
  list.replaceChildren(...entries.map((entry) => item(entry, rejected)));
  section.querySelector("[data-empty]").hidden = entries.length > 0;
  document.getElementById("export").hidden = entries.length === 0;
}

// "Saved" or "deleted", left by the entry page before it came back here.
const flash = document.getElementById("flash");
const said = sessionStorage.getItem("diary:flash");
sessionStorage.removeItem("diary:flash");
// A moment later, so that screen readers notice the change of the status line.
if (said) setTimeout(() => (flash.textContent = flash.dataset[said] ?? ""), 300);

addEventListener("diary:change", render);
addEventListener("diary:remote", render);
render();
