// "Changed on two devices": the entry has kept versions (docs/architecture.md), which every
// pull brings along, so this works offline too. They stay until the person chooses: take the
// other, keep this one, or keep both (the other becomes an entry of its own). A choice replaces
// exactly the versions shown here; an ordinary save of the entry leaves them be.
import * as store from "./diary-store.js";
import { describe, only, when } from "./diary-format.js";

const section = document.getElementById("conflict");
const text = section.dataset;
const message = document.getElementById("conflict-message");
const versions = document.getElementById("conflict-versions");

function render(version, choose) {
  const node = document.getElementById("version-template").content.firstElementChild.cloneNode(true);
  const title = node.querySelector("[data-title]");
  title.textContent += ` · ${when(version.client_updated_at)}`;
  const list = node.querySelector("[data-values]");
  for (const [, name, value] of describe(version.data)) {
    if (value === "") continue;
    const term = document.createElement("dt");
    const detail = document.createElement("dd");
    term.textContent = name;
    detail.textContent = value;
    list.append(term, detail);
  }
  node.querySelector("[data-take]").addEventListener("click", () => choose("take", version));
  node.querySelector("[data-both]").addEventListener("click", () => choose("both", version));
  return node;
}

// `done` runs after a choice was saved (the entry page drops its draft), then the page reloads.
// `stale` runs when the entry changed since the page showed it: nothing is saved.
export function showConflict(entry, done, stale) {
  section.hidden = false;
  const kept = entry.kept ?? [];
  async function choose(how, version) {
    const taken = how === "keep" ? kept : [version];
    const data = how === "take" ? version.data : entry.data;
    try {
      await store.resolve(entry.id, only(data), taken.map((k) => k.change), entry.change ?? null, how === "both" ? [version] : []);
    } catch (error) {
      if (error instanceof store.Stale) return stale();
      throw error;
    }
    done();
    sessionStorage.setItem("diary:entry-flash", { take: "taken", keep: "resolved", both: "both" }[how]);
    location.reload();
  }
  document.getElementById("conflict-show").addEventListener("click", () => {
    message.textContent = kept.length ? "" : text.textNone;
    versions.replaceChildren(...kept.map((version) => render(version, choose)));
    const first = versions.querySelector("h3");
    if (!first) return;
    first.tabIndex = -1;
    first.focus();
  });
  document.getElementById("conflict-resolve").addEventListener("click", () => choose("keep"));
}

// After the reload: say what happened.
const flash = document.getElementById("entry-flash");
const said = sessionStorage.getItem("diary:entry-flash");
sessionStorage.removeItem("diary:entry-flash");
if (said) setTimeout(() => (flash.textContent = flash.dataset[said] ?? ""), 300);
