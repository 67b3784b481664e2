// The diary on this device (IndexedDB), so that it works with no signal and no account.
// Every local write puts the entry and its outbox record in ONE transaction: a change is never
// saved without also being queued for sync, nor queued without being saved (DESIGN.md).
const NAME = "krampfhilfe-diary";
const STORES = ["entries", "outbox", "meta"];
// Set by logout (account.js) before the diary is cleared. If the page is left before the
// clearing has committed, the next use of the store finishes it before anything reads it.
const CLEAR_OWED = "diary:clear-owed";
const channel = "BroadcastChannel" in window ? new BroadcastChannel(NAME) : null;
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("entries", { keyPath: "id" });
      db.createObjectStore("outbox", { keyPath: "id" });
      db.createObjectStore("meta", { keyPath: "key" });
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app in another tab wants to upgrade: let it.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(localStorage.getItem(CLEAR_OWED) ? clearStores(db).then(() => db) : db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// Runs work(stores) in one transaction; resolves with its result once the transaction has
// committed, so a caller never reports "saved" for something the browser then rolls back.
async function transact(names, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(names, mode);
    const stores = Object.fromEntries(names.map((name) => [name, tx.objectStore(name)]));
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onerror = tx.onabort = () => reject(tx.error);
    Promise.resolve(work(stores)).then(
      (value) => (result = value),
      (error) => {
        tx.abort();
        reject(error);
      },
    );
  });
}

// Times from the server may be written differently (+01:00 instead of Z): compare instants.
function sameTime(a, b) {
  return Date.parse(a) === Date.parse(b);
}

// Strictly later than the entry's last write, so two quick edits never share a timestamp.
function stamp(previous) {
  const now = Date.now();
  const last = previous ? Date.parse(previous.client_updated_at) : 0;
  return new Date(Math.max(now, last + 1)).toISOString();
}

function changed() {
  dispatchEvent(new Event("diary:change"));
  channel?.postMessage("change");
}

// Other tabs (say the entry page) changed the diary: tell this one.
channel?.addEventListener("message", () => dispatchEvent(new Event("diary:change")));

async function write(id, data, deleted) {
  const entry = await transact(["entries", "outbox"], "readwrite", async ({ entries, outbox }) => {
    const old = await done(entries.get(id));
    const queued = await done(outbox.get(id));
    const record = {
      id,
      data,
      client_updated_at: stamp(old),
      deleted,
      version: old?.version ?? null,
      // The user has seen and saved this entry: that settles a conflict, here and on the server.
      conflict: false,
    };
    entries.put(record);
    // Several offline edits collapse into one change, based on the version the first was based on.
    // Saved again, a change the server rejected goes out again (fixed, or rejected anew).
    const base = queued ? queued.base_version : record.version;
    outbox.put({ id, base_version: base, client_updated_at: record.client_updated_at, deleted, data });
    return record;
  });
  changed();
  return entry;
}

export function save(data, id = crypto.randomUUID()) {
  askToPersist();
  return write(id, data, false);
}

// A tombstone: no health data stays, but the deletion still reaches the other devices.
export function remove(id) {
  return write(id, {}, true);
}

// "Needs attention" → discard: an entry that never reached the server goes without a trace;
// one the server has becomes a deletion like any other, so the other devices learn of it.
export async function discard(id) {
  const gone = await transact(["entries", "outbox"], "readwrite", async ({ entries, outbox }) => {
    const entry = await done(entries.get(id));
    if (entry?.version != null) return false;
    entries.delete(id);
    outbox.delete(id);
    return true;
  });
  if (gone) changed();
  else await remove(id);
}

export async function get(id) {
  return transact(["entries"], "readonly", ({ entries }) => done(entries.get(id)));
}

export async function list() {
  const all = await transact(["entries"], "readonly", ({ entries }) => done(entries.getAll()));
  return all
    .filter((entry) => !entry.deleted)
    .sort((a, b) => Date.parse(b.data.started_at) - Date.parse(a.data.started_at));
}

// What to send: a change the server rejected waits for the person to fix or discard it, and
// does not hold up the others (DESIGN.md).
export async function outbox(limit) {
  const all = await transact(["outbox"], "readonly", ({ outbox }) => done(outbox.getAll()));
  return all.filter((change) => !change.rejected).slice(0, limit);
}

// The changes the server rejected, with its reasons: {id: errors}.
export async function rejected() {
  const all = await transact(["outbox"], "readonly", ({ outbox }) => done(outbox.getAll()));
  return Object.fromEntries(all.filter((change) => change.rejected).map((change) => [change.id, change.rejected]));
}

export function pending() {
  return transact(["outbox"], "readonly", ({ outbox }) => done(outbox.count()));
}

// The server's answer to each change: [{id, client_updated_at, version, status, won, errors}].
export async function confirm(items) {
  let refused = false;
  await transact(["entries", "outbox"], "readwrite", async ({ entries, outbox }) => {
    for (const { id, client_updated_at, version, status, won, errors } of items) {
      const queued = await done(outbox.get(id));
      const current = queued && sameTime(queued.client_updated_at, client_updated_at);
      if (status === "rejected") {
        // Kept here as the person typed it, marked "needs attention" until fixed or discarded.
        if (current) outbox.put({ ...queued, rejected: errors ?? {} });
        refused ||= Boolean(current);
        continue;
      }
      if (current) {
        outbox.delete(id);
      } else if (queued && won) {
        // Edited again while this one was on its way: the server now holds our own earlier
        // edit, so the next one builds on it.
        outbox.put({ ...queued, base_version: version });
      }
      // A change that lost keeps its base version until the winner has arrived: an edit made
      // here before then is based on what this device has seen, so the server keeps the
      // winner in the history instead of overwriting it (issue 8, finding 1).
      if (!won) continue;
      const entry = await done(entries.get(id));
      if (entry && (entry.version ?? 0) < version) entries.put({ ...entry, version });
    }
  });
  if (refused) changed();
}

// Rows the server sent (from other devices, or our own echoed back), and the cursor after them,
// stored together so a crash can never skip rows or advance the cursor without them.
export async function applyRemote(rows, cursor) {
  rows = [rows].flat();
  await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    for (const row of rows) {
      const queued = await done(outbox.get(row.id));
      // Edited here since: keep what the user typed; the server resolves it on the next push.
      if (queued && !sameTime(queued.client_updated_at, row.client_updated_at)) continue;
      if (queued) outbox.delete(row.id);
      const local = await done(entries.get(row.id));
      if (local && (local.version ?? 0) > row.version) continue;
      entries.put({
        id: row.id,
        data: row.deleted ? {} : row.data,
        client_updated_at: row.client_updated_at,
        deleted: row.deleted,
        version: row.version,
        conflict: Boolean(row.conflict),
      });
    }
    if (cursor !== undefined) meta.put({ key: "cursor", value: cursor });
  });
  if (rows.length) dispatchEvent(new Event("diary:remote"));
}

export async function getMeta(key) {
  const record = await transact(["meta"], "readonly", ({ meta }) => done(meta.get(key)));
  return record?.value;
}

export function setMeta(key, value) {
  return transact(["meta"], "readwrite", ({ meta }) => meta.put({ key, value }));
}

// This device's id, so that the server recognises its own changes after a lost answer.
export async function deviceId() {
  let id = await getMeta("device");
  if (!id) {
    id = crypto.randomUUID();
    await setMeta("device", id);
  }
  return id;
}

function clearStores(db) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORES, "readwrite");
    for (const name of STORES) tx.objectStore(name).clear();
    tx.oncomplete = () => {
      localStorage.removeItem(CLEAR_OWED);
      resolve();
    };
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

// For logout and account deletion: nothing of the diary stays on the device, even when the
// page is left at once (the clearing is owed until it has committed).
export async function clearAll() {
  localStorage.setItem(CLEAR_OWED, "1");
  await clearStores(await open());
  changed();
}

// Asks once, at the first save (Firefox shows a prompt, so never again after an answer).
// Whether the diary may be evicted shows on the list page (isPersisted).
function askToPersist() {
  if (!navigator.storage?.persist || localStorage.getItem("diary:persist-asked")) return;
  localStorage.setItem("diary:persist-asked", "1");
  navigator.storage.persisted().then((yes) => yes || navigator.storage.persist()).catch(() => {});
}

export async function isPersisted() {
  try {
    return Boolean(await navigator.storage?.persisted?.());
  } catch {
    return false;
  }
}

// For diary-import.js: ONE transaction, so a file is taken whole or not at all, and every
// entry it writes is queued with it, as by write().
export async function importing(work) {
  const result = await transact(["entries", "outbox"], "readwrite", (stores) => work(stores, { done, stamp }));
  changed();
  return result;
}
