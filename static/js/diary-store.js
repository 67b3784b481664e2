// The diary on this device (IndexedDB): it works with no signal and no account. A local write
// puts the entry and its outbox record in ONE transaction: never one without the other (docs/architecture.md).
const NAME = "krampfhilfe-diary";
const STORES = ["entries", "outbox", "meta"];
// Set by logout (account.js) until the clearing commits: if the page was left sooner, the next
// use of the store finishes it first.
const CLEAR_OWED = "diary:clear-owed";
const channel = "BroadcastChannel" in window ? new BroadcastChannel(NAME) : null;
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 2);
    request.onupgradeneeded = ({ oldVersion }) => {
      const db = request.result;
      if (!oldVersion) for (const name of STORES) db.createObjectStore(name, { keyPath: name === "meta" ? "key" : "id" });
      // Version 2: an index in the list's order (timed).
      const entries = request.transaction.objectStore("entries");
      entries.createIndex("at", "at");
      entries.openCursor().onsuccess = ({ target: { result: cursor } }) => {
        cursor?.update(timed(cursor.value));
        cursor?.continue();
      };
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab's newer app wants to upgrade: let it.
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

// Runs work(stores) in one transaction; resolves with its result once committed, never before.
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

// The server may write times differently (+01:00, not Z): compare instants.
function sameTime(a, b) {
  return Date.parse(a) === Date.parse(b);
}

// Later than the entry's last write: two quick edits never share a timestamp.
function stamp(previous) {
  const now = Date.now();
  const last = previous ? Date.parse(previous.client_updated_at) : 0;
  return new Date(Math.max(now, last + 1)).toISOString();
}

// A live entry's start as a number, for the index "at"; a tombstone has none, so it is not listed.
function timed(record) {
  return record.deleted ? record : { ...record, at: Date.parse(record.data.started_at) || 0 };
}

function changed() {
  dispatchEvent(new Event("diary:change"));
  channel?.postMessage("change");
}

// Another tab changed the diary: tell this one.
channel?.addEventListener("message", () => dispatchEvent(new Event("diary:change")));

async function write(id, data, deleted) {
  const entry = await transact(["entries", "outbox"], "readwrite", async ({ entries, outbox }) => {
    const [old, queued] = await Promise.all([done(entries.get(id)), done(outbox.get(id))]);
    const record = timed({
      id,
      data,
      client_updated_at: stamp(old),
      deleted,
      version: old?.version ?? null,
      // Seen and saved by the person: that settles a conflict, here and on the server.
      conflict: false,
    });
    entries.put(record);
    // Offline edits collapse into one change, based on the first one's base. Saved again, a
    // rejected change goes out again (fixed, or rejected anew).
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

// A tombstone: no health data stays, yet the deletion reaches the other devices.
export function remove(id) {
  return write(id, {}, true);
}

// "Needs attention" → discard: an entry the server never had goes without a trace; else it
// becomes a deletion, so the other devices learn of it.
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

// `size` entries after the first `skip`, newest first: a screenful costs the same at any length.
export function list(skip = 0, size = Infinity) {
  const found = [];
  // A failed request aborts the transaction: transact rejects.
  return transact(["entries"], "readonly", ({ entries }) => new Promise((resolve) => {
    entries.index("at").openCursor(null, "prev").onsuccess = ({ target: { result: cursor } }) => {
      if (!cursor || found.length === size) return resolve(found);
      if (skip) cursor.advance(skip);
      else {
        found.push(cursor.value);
        cursor.continue();
      }
      skip = 0;
    };
  }));
}

// What to send: a rejected change waits for the person, not holding up the others (docs/architecture.md).
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

// {id: record}, all asked at once: one wait per batch, not per row (issue 9).
async function read(store, rows) {
  return Object.fromEntries(await Promise.all(rows.map(async ({ id }) => [id, await done(store.get(id))])));
}

// The server's answer to each change: [{id, client_updated_at, version, status, won, errors}].
export async function confirm(items) {
  let refused = false;
  await transact(["entries", "outbox"], "readwrite", async ({ entries, outbox }) => {
    const [queue, local] = await Promise.all([read(outbox, items), read(entries, items)]);
    for (const { id, client_updated_at, version, status, won, errors } of items) {
      const queued = queue[id];
      const current = queued && sameTime(queued.client_updated_at, client_updated_at);
      if (status === "rejected") {
        // Kept as typed, "needs attention" until fixed or discarded.
        if (current) outbox.put({ ...queued, rejected: errors ?? {} });
        refused ||= Boolean(current);
        continue;
      }
      if (current) {
        outbox.delete(id);
      } else if (queued && won) {
        // Edited again meanwhile: the next change builds on our own edit the server now holds.
        outbox.put({ ...queued, base_version: version });
      }
      // A change that lost keeps its base until the winner arrives, so the server keeps the
      // winner in the history when this device edits again before (issue 8, finding 1).
      if (!won) continue;
      const entry = local[id];
      if (entry && (entry.version ?? 0) < version) entries.put({ ...entry, version });
    }
  });
  if (refused) changed();
}

// Rows the server sent (other devices', or ours echoed) and the cursor after them, stored
// together: a crash never skips rows.
export async function applyRemote(rows, cursor) {
  rows = [rows].flat();
  await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    // The outbox is small next to a pull: one request.
    const [changes, local] = await Promise.all([done(outbox.getAll()), read(entries, rows)]);
    const queue = Object.fromEntries(changes.map((change) => [change.id, change]));
    for (const row of rows) {
      const queued = queue[row.id];
      // Edited here since: keep what was typed; the next push settles it.
      if (queued && !sameTime(queued.client_updated_at, row.client_updated_at)) continue;
      if (queued) outbox.delete(row.id);
      const old = local[row.id];
      if (old && (old.version ?? 0) > row.version) continue;
      entries.put(
        timed({
          id: row.id,
          data: row.deleted ? {} : row.data,
          client_updated_at: row.client_updated_at,
          deleted: row.deleted,
          version: row.version,
          conflict: Boolean(row.conflict),
        }),
      );
    }
    if (cursor !== undefined) meta.put({ key: "cursor", value: cursor });
  });
  return rows.length;
}

export async function getMeta(key) {
  const record = await transact(["meta"], "readonly", ({ meta }) => done(meta.get(key)));
  return record?.value;
}

export function setMeta(key, value) {
  return transact(["meta"], "readwrite", ({ meta }) => meta.put({ key, value }));
}

// This device's id: the server knows its own changes after a lost answer.
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

// Logout, account deletion: nothing of the diary stays, even if the page is left at once.
export async function clearAll() {
  localStorage.setItem(CLEAR_OWED, "1");
  await clearStores(await open());
  changed();
}

// Asks once, at the first save (Firefox prompts). The list page shows the answer (isPersisted).
function askToPersist() {
  if (!navigator.storage?.persist || localStorage.getItem("diary:persist-asked")) return;
  localStorage.setItem("diary:persist-asked", "1");
  navigator.storage.persisted().then((yes) => yes || navigator.storage.persist()).catch(() => {});
}

export function isPersisted() {
  return Promise.resolve(navigator.storage?.persisted?.()).then(Boolean, () => false);
}

// For diary-import.js: ONE transaction, so a file is taken whole or not at all, and every
// entry it writes is queued with it and listed (timed), as by write().
export async function importing(work) {
  const result = await transact(["entries", "outbox"], "readwrite", (stores) => work(stores, { done, stamp, timed }));
  changed();
  return result;
}
