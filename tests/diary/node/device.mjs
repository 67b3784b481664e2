// One phone, in a worker thread of its own: the SHIPPED static/js/diary-store.js and
// diary-sync.js, unchanged, on fake-indexeddb, talking to the real server over HTTP. The
// worker gives them what a browser would (window events, localStorage, navigator.onLine, the
// CSRF cookie, fetch) and a network and a clock that the test controls:
// - the clock runs `skew` ms fast or slow (Date.now, which the store stamps changes with);
// - one sync can lose its first request, or its answer, arrive twice, or come back late;
// - the sync module's retry timers never fire by themselves: the test decides when to sync.
import { parentPort, workerData } from "node:worker_threads";
import "fake-indexeddb/auto";

const { url } = workerData;
let { cookies } = workerData; // another login on this phone swaps them (see "login")
const events = new EventTarget();
const storage = new Map();
let skew = workerData.skew ?? 0;
let fault = null; // {kind, at}: what happens to the at-th sync request of the next sync
let posts = 0; // sync requests of the current sync
const sent = []; // {cursor, changes} of every sync request that left
const late = []; // requests held back, to arrive later (a duplicate that took its time)
const faults = { request: 0, response: 0, duplicate: 0, late: 0, offline: 0 };
// What the chaos test checks afterwards: every answer that reached this phone, with the change
// it answers, and every text the person saw here before changing or deleting it.
const answered = [];
const replaced = [];

globalThis.window = {}; // no BroadcastChannel: the devices are separate phones, not tabs
globalThis.addEventListener = events.addEventListener.bind(events);
globalThis.removeEventListener = events.removeEventListener.bind(events);
globalThis.dispatchEvent = events.dispatchEvent.bind(events);
globalThis.localStorage = {
  getItem: (key) => (storage.has(key) ? storage.get(key) : null),
  setItem: (key, value) => storage.set(key, String(value)),
  removeItem: (key) => storage.delete(key),
};
Object.defineProperty(globalThis, "navigator", { value: { onLine: true }, configurable: true });
globalThis.document = {
  cookie: `csrftoken=${cookies.csrftoken}`,
  visibilityState: "visible",
  addEventListener() {},
  documentElement: { lang: "de" },
  // No page: diary-import.js only merges; diary-format.js reads the schema the test gives.
  getElementById: (id) => (id === "diary-choices" && process.env.SCHEMA ? { textContent: process.env.SCHEMA } : null),
};
const realNow = Date.now;
Date.now = () => realNow() + skew;
// diary-sync.js schedules its retries as setTimeout(sync, delay): those stay parked, so that a
// seed replays the same run. Every other timer (undici's among them) runs as usual.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const parked = { parked: true, ref() {}, unref() {}, hasRef: () => false };
globalThis.setTimeout = (fn, ...rest) => (fn?.name === "sync" ? parked : realSetTimeout(fn, ...rest));
globalThis.clearTimeout = (timer) => timer === parked || realClearTimeout(timer);

const realFetch = globalThis.fetch;
function send(path, options) {
  const headers = {
    ...options?.headers,
    Cookie: `sessionid=${cookies.sessionid}; csrftoken=${cookies.csrftoken}`,
  };
  return realFetch(new URL(path, url), { ...options, headers });
}

globalThis.fetch = async (path, options) => {
  let what = null;
  if (options?.method === "POST") {
    const body = JSON.parse(options.body);
    sent.push({ cursor: body.cursor, changes: body.changes.length });
    if (fault && fault.at === posts) [what, fault] = [fault.kind, null];
    posts += 1;
  }
  if (what === "request") throw new TypeError("network down before the server");
  if (what === "late") late.push([path, options]);
  const response = await send(path, options);
  if (what === "response") {
    await response.arrayBuffer();
    throw new TypeError("network down on the way back");
  }
  const body = await response.text();
  if (what === "duplicate") await (await send(path, options)).arrayBuffer();
  if (options?.method === "POST" && response.ok) note(JSON.parse(options.body), JSON.parse(body));
  return new Response(body, { status: response.status, headers: response.headers });
};

function note(request, answer) {
  const changes = Object.fromEntries(request.changes.map((change) => [change.id, change]));
  for (const result of answer.applied) {
    const change = changes[result.id];
    answered.push({
      id: result.id,
      change: result.change,
      status: result.status,
      won: result.won,
      version: result.version,
      base_version: change.base_version,
      deleted: change.deleted,
      notes: change.deleted ? null : change.data.notes,
      client_updated_at: change.client_updated_at,
    });
  }
}

// The person changes what this phone shows: those versions (change ids) were seen, and may go.
// `kept`: the kept versions shown too (a deletion, a choice in the conflict view).
async function seen(id, kept = []) {
  const old = id && (await store.get(id));
  if (!old || old.deleted) return;
  if (old.change) replaced.push(old.change);
  replaced.push(...(old.kept ?? []).filter((k) => kept === true || kept.includes(k.change)).map((k) => k.change));
}

// DIARY_JS: another copy of static/js/ (say, an older commit's), to see the tests fail on it.
const JS = process.env.DIARY_JS ? new URL(`file://${process.env.DIARY_JS}/`) : new URL("../../../static/js/", import.meta.url);
const store = await import(new URL("diary-store.js", JS));
let sync = await import(new URL("diary-sync.js", JS));
let loads = 0;

async function dump() {
  await store.pending(); // the store creates its database first: opening it here would not
  const all = (name) =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open("krampfhilfe-diary");
      open.onsuccess = () => {
        const request = open.result.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => {
          open.result.close();
          resolve(request.result);
        };
        request.onerror = () => reject(request.error);
      };
      open.onerror = () => reject(open.error);
    });
  return { entries: await all("entries"), outbox: await all("outbox"), meta: await all("meta") };
}

const phases = [];
addEventListener("diary:sync", (event) => phases.push(event.detail.phase));

const ops = {
  // seen: the change id the page loaded (two tabs: a sync may have pulled since).
  save: async ({ data, id, seen: loaded }) => {
    const before = id && (await store.get(id));
    try {
      const record = await store.save(data, id, loaded);
      if (before && !before.deleted && before.change) replaced.push(before.change);
      return record;
    } catch (error) {
      if (store.Stale && error instanceof store.Stale) return { stale: true };
      throw error;
    }
  },
  remove: async ({ id }) => {
    await seen(id, true);
    return store.remove(id);
  },
  discard: async ({ id }) => {
    await seen(id, true);
    return store.discard ? store.discard(id) : store.remove(id); // (older code had no discard)
  },
  // The conflict view: "take" the first kept version, "keep" this one, or keep "both".
  resolve: async ({ id, choice }) => {
    const entry = await store.get(id);
    const other = entry?.kept?.[0];
    if (!other) return null;
    await seen(id, [other.change]);
    const data = choice === "take" ? other.data : entry.data;
    return store.resolve(id, data, [other.change], entry.change, choice === "both" ? [other] : []);
  },
  get: ({ id }) => store.get(id),
  list: () => store.list(),
  rejected: () => store.rejected?.() ?? {}, // (older code kept no rejected changes)
  device: async ({ id }) => void (await store.setMeta("device", id)), // a fixed id, to replay a run
  skew: ({ ms }) => {
    skew = ms;
  },
  async sync({ fault: next = null, at = 0 } = {}) {
    if (next) faults[next] += 1;
    if (next === "offline") navigator.onLine = false;
    else if (next) fault = { kind: next, at };
    phases.length = 0;
    posts = 0;
    try {
      await sync.sync();
      // "Take these entries into your account?" at the first login: this person says yes.
      if (phases.at(-1) === "ask" && sync.adoptEntries) await sync.adoptEntries();
    } finally {
      navigator.onLine = true;
      fault = null;
    }
    return phases.at(-1);
  },
  // Requests held back earlier arrive now; nobody is waiting for their answer any more.
  async arrive() {
    const now = late.splice(0);
    for (const [path, options] of now) await (await send(path, options)).arrayBuffer();
    return now.length;
  },
  // The page is loaded anew: a fresh sync module (its timers and state gone), the same diary.
  async reload() {
    loads += 1;
    sync = await import(new URL(`diary-sync.js?load=${loads}`, JS));
  },
  // Another person logs in on this phone (the session of the first ended without the button).
  login: ({ cookies: next }) => {
    cookies = next;
    globalThis.document.cookie = `csrftoken=${cookies.csrftoken}`;
  },
  import: async ({ rows }) => (await import(new URL("diary-import.js", JS))).merge(rows),
  // What the app shows: each listed entry's text and the texts of the other versions its
  // conflict view can show (the first design fetched them from the server, or an import's history).
  shown: async () => {
    const shown = {};
    for (const entry of await store.list()) {
      let others = (entry.kept ?? entry.history ?? []).map((version) => version.data.notes);
      if (!entry.kept && entry.conflict && !entry.history) {
        const response = await send(`/api/v1/diary/entries/${entry.id}/`, { headers: { Accept: "application/json" } });
        others = response.ok ? ((await response.json()).history ?? []).filter((v) => !v.deleted).map((v) => v.data.notes) : [];
      }
      shown[entry.id] = [entry.data.notes, ...others.sort()];
    }
    return shown;
  },
  requests: () => sent,
  state: dump,
  faults: () => faults,
  record: () => ({ answered, replaced, faults }),
};

parentPort.on("message", async ({ id, op, args }) => {
  try {
    parentPort.postMessage({ id, result: await ops[op](args ?? {}) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
// A failure nobody awaited would end the phone with no word on why: say it.
process.on("unhandledRejection", (error) => {
  const causes = (error?.errors ?? [error?.cause]).filter(Boolean).map(String);
  throw new Error(`${error?.stack ?? error} ${causes.join("; ")}`);
});
parentPort.postMessage({ ready: true });
