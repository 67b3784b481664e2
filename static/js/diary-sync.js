// Syncs the diary with the account (docs/architecture.md, "Sync protocol"): pushes the outbox, pulls other
// devices' changes. By itself (page load, back online, page shown, after a change) and on
// demand; one sync at a time, across tabs too. On error all local stays: only the server's
// answer empties the outbox.
import { csrfToken } from "./csrf.js";
import * as store from "./diary-store.js";

const ME_URL = "/api/v1/auth/me/";
const SYNC_URL = "/api/v1/diary/sync/";
const FIRST_RETRY_MS = 2000;
const LAST_RETRY_MS = 5 * 60 * 1000;

class Retry extends Error {}
class LoggedOut extends Error {}
class Rejected extends Error {}

let running = null;
let again = false;
let failures = 0;
let retryTimer = null;
let debounceTimer = null;
let pulled = 0;

// The server's last answer: offline, is there an account? sync_batch: most changes per request.
export function account() {
  return JSON.parse(localStorage.getItem("diary:auth") || "null") ?? { authenticated: false };
}

function remember(answer) {
  const known = {
    authenticated: answer.authenticated === true,
    email: answer.email || "",
    account: answer.account == null ? null : String(answer.account),
    sync_batch: answer.sync_batch,
  };
  localStorage.setItem("diary:auth", JSON.stringify(known));
  return known;
}

function report(phase, extra) {
  dispatchEvent(new CustomEvent("diary:sync", { detail: { phase, ...extra } }));
}

async function request(url, options) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...options });
  } catch {
    throw new Retry(); // no network
  }
  if (response.status === 401 || response.status === 403) throw new LoggedOut();
  if (response.status >= 500 || response.status === 429) throw new Retry();
  return response;
}

async function whoAmI() {
  const response = await request(ME_URL, { headers: { Accept: "application/json" } });
  // 404: a server without accounts (yet): the diary stays on this device.
  return remember(response.ok ? await response.json() : { authenticated: false });
}

async function push(cursor, changes) {
  const response = await request(SYNC_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify({ cursor, changes }),
  });
  if (!response.ok) throw new Rejected(String(response.status));
  try {
    return await response.json();
  } catch {
    throw new Retry(); // cut off on the way
  }
}

// Whose diary this phone holds decides whether it syncs at all (docs/architecture.md): another
// account's is neither uploaded nor shown; entries of no account go up only after a yes.
async function owned(me) {
  let holder = await store.holder();
  // A diary of the first design names its account by address: the same account takes it.
  if (holder && holder === `email:${me.email}`) {
    await store.adopt(me.account, holder);
    holder = me.account;
  }
  if (holder === me.account) return true;
  if (holder) {
    report("other-account", { email: (await store.getMeta("holderEmail")) ?? "" });
    return false;
  }
  const count = await store.unowned();
  if (count && localStorage.getItem(ADOPT) !== me.account) {
    report("ask", { count });
    return false;
  }
  localStorage.removeItem(ADOPT);
  await store.adopt(me.account);
  return true;
}

async function run() {
  if (!navigator.onLine) return report("offline");
  const me = await whoAmI();
  if (!me.authenticated) return report("local");
  if (!(await owned(me))) return;
  await store.setMeta("holderEmail", me.email);
  report("syncing");
  // As many rounds as it takes: a new phone pulls a big diary to the end. Each round stores
  // its rows with the cursor after them, so a sync cut short (page closed) goes on from there.
  for (;;) {
    const changes = await store.outbox(me.sync_batch, me.account);
    const answer = await push((await store.getMeta("cursor")) ?? 0, changes);
    await store.confirm(answer.applied);
    pulled += await store.applyRemote(answer.changes, answer.cursor, me.account);
    if (answer.more) continue;
    // Nothing more to pull: stop when nothing is left to send (a rejected change waits for the
    // person), or when the server answered none of it: the next trigger tries again.
    if (!(await store.outbox(1, me.account)).length || !answer.applied.length) break;
  }
  await store.setMeta("lastSync", new Date().toISOString());
  failures = 0;
  report("done");
}

// The person's yes to "take these entries into your account" (the first login): for this
// account only, then the sync runs.
const ADOPT = "diary:adopt";
export function adoptEntries() {
  localStorage.setItem(ADOPT, account().account);
  return sync();
}

// "Remove it from this phone": the other account's diary goes, then this account's syncs.
export async function removeOtherDiary() {
  const holder = await store.holder();
  if (holder && holder !== account().account) await store.removeAccount(holder);
  return sync();
}

function failed(error) {
  if (error instanceof LoggedOut) {
    remember({ authenticated: false });
    return report("local");
  }
  if (error instanceof Rejected) return report("error"); // a 400 will not heal by repeating it
  if (!navigator.onLine) return report("offline"); // the online event brings it back
  const delay = Math.min(FIRST_RETRY_MS * 2 ** failures, LAST_RETRY_MS);
  failures += 1;
  retryTimer = setTimeout(sync, delay);
  report("retry");
}

export function sync() {
  clearTimeout(retryTimer);
  if (running) {
    again = true;
    return running;
  }
  const locked = navigator.locks ? navigator.locks.request("krampfhilfe-diary-sync", run) : run();
  running = locked.catch(failed).finally(() => {
    running = null;
    // One redraw per sync, not per round (that grew with N², issue 9).
    if (pulled) dispatchEvent(new Event("diary:remote"));
    pulled = 0;
    if (again) {
      again = false;
      sync();
    }
  });
  return running;
}

function soon() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(sync, 1000);
}

export function startSync() {
  addEventListener("diary:change", soon);
  addEventListener("online", () => {
    failures = 0;
    sync();
  });
  addEventListener("offline", () => report("offline"));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sync();
  });
  sync();
}
