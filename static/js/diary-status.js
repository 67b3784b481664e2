// The list page's sync status: account or not, last sync, changes waiting, and what the sync
// does now (one role="status" line). Loading it starts the automatic sync here.
import * as store from "./diary-store.js";
import { account, startSync, sync } from "./diary-sync.js";

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

addEventListener("diary:sync", (event) => render(event.detail.phase));
addEventListener("diary:change", () => render());
box.querySelector("[data-sync-now]").addEventListener("click", () => sync());
render();
startSync();
