// The list page's sync status: account or not, last sync, changes waiting, and what the sync
// does now (one role="status" line). Loading it starts the automatic sync here.
import * as store from "./diary-store.js";
import { account, adoptEntries, removeOtherDiary, startSync, sync } from "./diary-sync.js";

const box = document.getElementById("sync");
const text = box.dataset;
const message = box.querySelector("[data-sync-message]");
const MESSAGES = {
  syncing: text.textSyncing,
  done: text.textDone,
  offline: text.textOffline,
  retry: text.textRetry,
  error: text.textError,
};
const dateTime = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "medium", timeStyle: "short" });

// Whose diary this phone holds (diary-sync.js): the first login's question, or another account's.
const ask = box.querySelector("[data-ask]");
const other = box.querySelector("[data-other]");
function owner({ phase, count, email } = {}) {
  ask.hidden = phase !== "ask";
  other.hidden = phase !== "other-account";
  if (phase === "ask") ask.querySelector("[data-ask-text]").textContent = (count === 1 ? ask.dataset.textOne : ask.dataset.textMany).replace("{n}", count);
  if (phase === "other-account") other.querySelector("[data-other-email]").textContent = email;
}
ask.querySelector("[data-adopt]").addEventListener("click", () => {
  ask.hidden = true;
  adoptEntries();
});
other.querySelector("[data-remove-other]").addEventListener("click", async () => {
  // The other account's unsynced changes go only after a yes.
  const holder = await store.holder();
  if ((await store.pending(holder)) > 0 && !confirm(other.dataset.confirm)) return;
  other.hidden = true;
  removeOtherDiary();
});

async function render(phase) {
  const me = account();
  box.querySelector("[data-local]").hidden = me.authenticated;
  box.querySelector("[data-remote]").hidden = !me.authenticated;
  // Without an account, server trouble is none of the user's business.
  if (phase) message.textContent = me.authenticated ? (MESSAGES[phase] ?? "") : "";
  if (!me.authenticated) {
    // The diary lives only here: say so where the browser may evict it.
    box.querySelector("[data-persist-hint]").hidden = await store.isPersisted();
    return;
  }
  box.querySelector("[data-email]").textContent = me.email;
  const last = await store.getMeta("lastSync");
  box.querySelector("[data-last]").hidden = !last;
  if (last) {
    const time = box.querySelector("[data-last-time]");
    time.dateTime = last;
    time.textContent = dateTime.format(new Date(last));
  }
  const waiting = await store.pending();
  const pending = box.querySelector("[data-pending]");
  pending.hidden = waiting === 0;
  pending.textContent = (waiting === 1 ? text.textPendingOne : text.textPendingMany).replace("{n}", waiting);
}

addEventListener("diary:sync", (event) => {
  if (["ask", "other-account", "syncing", "local"].includes(event.detail.phase)) owner(event.detail);
  render(event.detail.phase);
});
addEventListener("diary:change", () => render());
box.querySelector("[data-sync-now]").addEventListener("click", () => sync());
render();
startSync();
