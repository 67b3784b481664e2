// One phone, in a worker thread of its own: the SHIPPED static/js/diary-store.js and
// diary-sync.js, unchanged, on fake-indexeddb, talking to the real server over HTTP. The
// worker gives them what a browser would (window events, localStorage, navigator.onLine, the
// CSRF cookie, fetch) and a network and a clock that the test controls:
// - the clock runs `skew` ms fast or slow (Date.now, which the store stamps changes with);
// - one sync can lose its first request, or its answer, arrive twice, or come back late;
// - the sync module's retry timers never fire by themselves: the test decides when to sync.
import { parentPort, workerData } from "node:worker_threads";
import "fake-indexeddb/auto";

const { url, cookies } = workerData;
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

// The person changes what this phone shows: that text was seen, and may go.
async function seen(id) {
  const old = id && (await store.get(id));
  if (old && !old.deleted) replaced.push(old.data.notes);
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
  save: async ({ data, id }) => {
    await seen(id);
    return store.save(data, id);
  },
  remove: async ({ id }) => {
    await seen(id);
    return store.remove(id);
  },
  discard: async ({ id }) => {
    await seen(id);
    return store.discard ? store.discard(id) : store.remove(id); // (older code had no discard)
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
