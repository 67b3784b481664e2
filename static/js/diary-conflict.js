// "Changed on two devices": the server kept the version that lost (docs/architecture.md). This shows it
// (online, with an account) and lets the user take it over or mark the conflict as settled.
// Either choice is a normal local edit: the next sync clears the conflict on the server.
import * as store from "./diary-store.js";
import { describe, only, when } from "./diary-format.js";

const section = document.getElementById("conflict");
const text = section.dataset;
const message = document.getElementById("conflict-message");
const versions = document.getElementById("conflict-versions");
async function load(entry) {
  // An import kept the other version here (diary-import.js).
  if (entry.history?.length) return { others: entry.history };
  let response;
  try {
    response = await fetch(`/api/v1/diary/entries/${encodeURIComponent(entry.id)}/`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  } catch {
    return { problem: text.textOffline };
  }
  if ([401, 403].includes(response.status)) return { problem: text.textLogin };
  if (response.status === 404) return { problem: text.textNone };
  if (!response.ok) return { problem: text.textFailed };
  const row = await response.json();
  const others = (row.history ?? []).filter((version) => !version.deleted);
  return others.length ? { others } : { problem: text.textNone };
}

function render(version, take) {
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
  node.querySelector("[data-take]").addEventListener("click", () => take(version.data));
  return node;
}

// `done` runs after a choice was saved (the entry page drops its draft), then the page reloads.
export function showConflict(entry, done) {
  section.hidden = false;
  async function settle(data, flash) {
    await store.save(only(data), entry.id);
    done();
    sessionStorage.setItem("diary:entry-flash", flash);
    location.reload();
  }
  const show = document.getElementById("conflict-show");
  show.addEventListener("click", async () => {
    message.textContent = text.textLoading;
    const { others, problem } = await load(entry);
    message.textContent = problem ?? "";
    if (others) {
      versions.replaceChildren(...others.map((version) => render(version, (data) => settle(data, "taken"))));
      versions.querySelector("h3").tabIndex = -1;
      versions.querySelector("h3").focus();
    }
  });
  document.getElementById("conflict-resolve").addEventListener("click", () => settle(entry.data, "resolved"));
}

// After the reload: say what happened.
const flash = document.getElementById("entry-flash");
const said = sessionStorage.getItem("diary:entry-flash");
sessionStorage.removeItem("diary:entry-flash");
if (said) setTimeout(() => (flash.textContent = flash.dataset[said] ?? ""), 300);
