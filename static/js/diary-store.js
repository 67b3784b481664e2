// The diary on this device (IndexedDB): it works with no signal and no account. A local write
// puts the entry and its outbox record in ONE transaction: never one without the other (docs/architecture.md).
const NAME = "krampfhilfe-diary";
const STORES = ["entries", "outbox", "meta"];
const HOLDER = "holder"; // meta: the account whose diary this phone holds (absent: none yet)
// Set by logout (account.js) until the clearing commits: if the page was left sooner, the next
// use of the store finishes it first.
const CLEAR_OWED = "diary:clear-owed";
const channel = "BroadcastChannel" in window ? new BroadcastChannel(NAME) : null;
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 3);
    request.onupgradeneeded = ({ oldVersion }) => {
      const db = request.result;
      const tx = request.transaction;
      if (!oldVersion) for (const name of ["entries", "meta"]) db.createObjectStore(name, { keyPath: name === "meta" ? "key" : "id" });
      // Version 2: an index in the list's order (timed).
      if (oldVersion < 2) tx.objectStore("entries").createIndex("at", "at");
      // Version 3 (issue 17): changes have ids (the outbox is keyed by them, several may wait
      // for one entry), and records carry their account. A diary of the first design: see upgrade().
      const old = oldVersion ? tx.objectStore("outbox") : null;
      const queued = old ? old.getAll() : null;
      const account = tx.objectStore("meta").get("account");
      const cursor = tx.objectStore("entries").openCursor();
      account.onsuccess = () => {
        // (The requests of one transaction answer in order: the outbox was read by now.)
        const owner = account.result?.value ? `email:${account.result.value}` : null;
        const changes = (queued?.result ?? []).map((change) => upgradeChange(change, owner));
        const waiting = Object.fromEntries(changes.map((change) => [change.id, change.change]));
        cursor.onsuccess = ({ target: { result } }) => {
          if (result) {
            const record = upgrade(result.value, owner, waiting[result.value.id]);
            result.update(record);
            // An import's other version goes to the server as a kept version (finding 2).
            for (const version of record.kept ?? []) changes.push(keptChange(record, version));
            return result.continue();
          }
          if (old) db.deleteObjectStore("outbox");
          const outbox = db.createObjectStore("outbox", { keyPath: "change" });
          outbox.createIndex("entry", "id");
          for (const change of changes) outbox.put(change);
          if (!oldVersion) return;
          const meta = tx.objectStore("meta");
          if (owner) meta.put({ key: HOLDER, value: owner });
          meta.put({ key: "cursor", value: 0 }); // pull everything again, now with change ids
        };
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

// A record of the first design: its account is the one it last synced with (or none yet); the
// other version an import kept locally becomes a kept version, queued for the server.
// `waiting`: the id given to its queued change, which is what the record shows.
function upgrade(record, owner, waiting) {
  if ("kept" in record) return record;
  const kept = (record.history ?? []).filter((version) => !version.deleted);
  const { history, conflict, ...rest } = record;
  const versions = kept.map(({ data, client_updated_at }) => ({ data, client_updated_at, change: crypto.randomUUID() }));
  return timed({ ...rest, account: owner, change: waiting ?? null, legacy: record.version, kept: versions });
}

// A version of an entry that replaces nothing: the server keeps it beside the others.
export function keptChange(record, version) {
  const { change, client_updated_at, data } = version;
  return { change, id: record.id, account: record.account ?? null, replaces: [], client_updated_at, deleted: false, data, legacy: null };
}

function upgradeChange(change, owner) {
  const { base_version, ...rest } = change;
  return { ...rest, change: crypto.randomUUID(), replaces: [], legacy: base_version ?? null, account: owner };
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

// A hybrid logical clock per entry: later than every version of it this phone knows, so two
// quick edits never share a stamp; equal stamps from two phones are ordered by change id.
function stamp(previous) {
  const now = Date.now();
  const times = [previous, ...(previous?.kept ?? [])].filter(Boolean).map((v) => Date.parse(v.client_updated_at) || 0);
  return new Date(Math.max(now, ...times.map((time) => time + 1))).toISOString();
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

// The entry changed since the page showed it (another tab pulled a sync): nothing is saved.
export class Stale extends Error {}

async function holderIn(meta) {
  return (await done(meta.get(HOLDER)))?.value ?? null;
}

// Whose entries this phone shows and writes: the account it holds, unless another account is
// logged in (the sync's last answer, diary-sync.js): then only that one's, never the holder's
// (finding 1), until the person has chosen what becomes of the other diary. Holding none yet,
// a logged-in person's new entries are theirs; those made before any login wait for the
// person's yes (adopt) and are shown meanwhile.
function viewer(holder) {
  const me = JSON.parse(localStorage.getItem("diary:auth") || "null");
  const account = me?.authenticated && me.account ? me.account : null;
  return holder === null || (account && account !== holder) ? account ?? holder : holder;
}

function visible(record, holder) {
  const account = record?.account ?? null;
  return Boolean(record) && (account === viewer(holder) || (holder === null && account === null));
}

// Queues a change that replaces `shown` (change ids the person saw), and this phone's waiting
// changes among them with what they replace: one that never left is replaced before it arrives.
// legacy: the version of the first design the person saw (no change id yet, see outbox()).
async function queue(outbox, record, shown, deleted, data, legacy) {
  const waiting = await done(outbox.index("entry").getAll(record.id));
  const replaces = new Set(shown);
  for (const change of waiting) {
    if (!replaces.has(change.change)) continue;
    for (const id of change.replaces) replaces.add(id);
    legacy ??= change.legacy;
    outbox.delete(change.change);
  }
  const change = { change: crypto.randomUUID(), id: record.id, account: record.account, replaces: [...replaces], client_updated_at: record.client_updated_at, deleted, data, legacy: legacy ?? null };
  outbox.put(change);
  return change.change;
}

// seen: the change id of the version the page showed (undefined: whatever is current).
async function write(id, data, deleted, { seen, taken = [] } = {}) {
  const entry = await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    const [old, account] = await Promise.all([done(entries.get(id)), holderIn(meta)]);
    if (seen !== undefined && (old?.change ?? null) !== seen) throw new Stale();
    // What the person saw: the version shown; a deletion (or a choice) also the kept ones shown.
    const shown = [old?.change, ...(deleted ? (old?.kept ?? []).map((k) => k.change) : taken)].filter(Boolean);
    const kept = deleted ? [] : (old?.kept ?? []).filter((k) => !shown.includes(k.change));
    const record = { id, account: old?.account ?? viewer(account), data, client_updated_at: stamp(old), deleted, version: old?.version ?? null, kept };
    const legacy = old && !old.change ? old.legacy : null;
    record.change = await queue(outbox, record, shown, deleted, deleted ? {} : data, legacy);
    if (deleted) record.change = null;
    entries.put(timed(record));
    return record;
  });
  changed();
  return entry;
}

// seen: the version the page loaded (record.change), so a save never goes over an unseen one.
export function save(data, id = crypto.randomUUID(), seen) {
  askToPersist();
  return write(id, data, false, { seen });
}

// A tombstone: no health data stays, yet the deletion reaches the other devices. It takes along
// the kept versions this phone shows; one it never saw stays on the server.
export function remove(id, seen) {
  return write(id, {}, true, { seen });
}

// The conflict view's choice: `data` becomes the entry, replacing the version shown and the kept
// versions `taken` (their change ids). "Keep both" saves the other as a new entry first.
export async function resolve(id, data, taken, seen, both = []) {
  for (const version of both) await save(version.data);
  return write(id, data, false, { seen, taken });
}

// "Needs attention" → discard: always a tombstone; the server may have the entry even if this
// phone never heard so (a lost answer), and takes a tombstone for an id it never had.
export function discard(id) {
  return remove(id);
}

export async function get(id) {
  return transact(["entries", "meta"], "readonly", async ({ entries, meta }) => {
    const [record, holder] = await Promise.all([done(entries.get(id)), holderIn(meta)]);
    return visible(record, holder) ? record : undefined;
  });
}

// `size` entries after the first `skip`, newest first: a screenful costs the same at any length.
// Only the entries of the account this phone holds (or of none yet): never another's.
export function list(skip = 0, size = Infinity) {
  const found = [];
  // A failed request aborts the transaction: transact rejects.
  return transact(["entries", "meta"], "readonly", async ({ entries, meta }) => {
    const account = await holderIn(meta);
    return new Promise((resolve) => {
      entries.index("at").openCursor(null, "prev").onsuccess = ({ target: { result: cursor } }) => {
        if (!cursor || found.length === size) return resolve(found);
        if (!visible(cursor.value, account)) return cursor.continue();
        if (skip) skip -= 1;
        else found.push(cursor.value);
        cursor.continue();
      };
    });
  });
}

// The change ids the server gave the rows of the first design (diary/migrations/0005): UUID 5
// of "<entry id>/<version>" in its namespace, so that a change queued before the upgrade still
// names the version it was based on.
const MIGRATED = "0b7d7a4e-64a1-4f8e-9d43-6c1f1b1c5e05";
export async function migratedId(entryId, version) {
  const space = MIGRATED.replace(/-/g, "").match(/../g).map((hex) => parseInt(hex, 16));
  const name = new TextEncoder().encode(`${entryId}/${version}`);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", new Uint8Array([...space, ...name]))).slice(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = [...hash].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function allOf(account) {
  const all = await transact(["outbox"], "readonly", ({ outbox }) => done(outbox.getAll()));
  return all.filter((change) => (change.account ?? null) === account);
}

// What to send, as the server takes it: a rejected change waits for the person, not holding
// up the others (docs/architecture.md).
export async function outbox(limit, account = null) {
  const waiting = (await allOf(account)).filter((change) => !change.rejected).slice(0, limit);
  return Promise.all(
    waiting.map(async ({ id, change, replaces, client_updated_at, deleted, data, legacy }) => ({
      id,
      change,
      replaces: legacy ? [...replaces, await migratedId(id, legacy)] : replaces,
      client_updated_at,
      deleted,
      data,
    })),
  );
}

// The changes the server rejected, with its reasons: {entry id: errors}.
export async function rejected(account) {
  if (account === undefined) account = await holder();
  const all = await allOf(account);
  return Object.fromEntries(all.filter((change) => change.rejected).map((change) => [change.id, change.rejected]));
}

export async function pending(account) {
  if (account === undefined) account = await holder();
  return (await allOf(account)).length;
}

// {id: record}, all asked at once: one wait per batch, not per row (issue 9).
async function read(store, rows) {
  return Object.fromEntries(await Promise.all(rows.map(async ({ id }) => [id, await done(store.get(id))])));
}

// The server's answer to each change: [{id, change, version, status, won, errors}]. A change is
// known by its id, never by a timestamp (issue 17, finding 5).
export async function confirm(items) {
  let refused = false;
  await transact(["outbox"], "readwrite", async ({ outbox }) => {
    const queued = await Promise.all(items.map((item) => item.change && done(outbox.get(item.change))));
    items.forEach(({ status, errors }, n) => {
      const change = queued[n];
      if (!change) return;
      if (status !== "rejected") return outbox.delete(change.change);
      // Kept as typed, "needs attention" until fixed or discarded.
      outbox.put({ ...change, rejected: errors ?? {} });
      refused = true;
    });
  });
  if (refused) changed();
}

// Rows the server sent (other devices', or ours echoed) and the cursor after them, stored
// together: a crash never skips rows. A row that holds this phone's waiting change (as its
// version or a kept one) is its echo; one that does not leaves what was typed here.
export async function applyRemote(rows, cursor, account = null) {
  rows = [rows].flat();
  await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    const [changes, local] = await Promise.all([done(outbox.getAll()), read(entries, rows)]);
    for (const row of rows) {
      const versions = [row.change, ...(row.kept ?? []).map((k) => k.change)];
      const waiting = changes.filter((change) => change.id === row.id);
      for (const change of waiting) if (versions.includes(change.change)) outbox.delete(change.change);
      if (waiting.some((change) => !versions.includes(change.change))) continue;
      const old = local[row.id];
      if (old && (old.version ?? 0) > row.version) continue;
      entries.put(
        timed({
          id: row.id,
          account,
          data: row.deleted ? {} : row.data,
          change: row.change ?? null,
          client_updated_at: row.client_updated_at,
          deleted: row.deleted,
          version: row.version,
          kept: row.kept ?? [],
        }),
      );
    }
    if (cursor !== undefined) meta.put({ key: "cursor", value: cursor });
  });
  return rows.length;
}

// The account whose diary this phone holds, or null: none yet.
export async function holder() {
  return (await getMeta(HOLDER)) ?? null;
}

// Entries made here without an account, waiting for the person's yes at the first login.
export async function unowned() {
  const all = await transact(["entries"], "readonly", ({ entries }) => done(entries.getAll()));
  return all.filter((record) => !record.deleted && (record.account ?? null) === null).length;
}

// The phone's diary becomes this account's: records of no account (the person said yes at the
// first login), or of the same account known by its address (a diary of the first design).
// The cursor starts over: the account's diary is pulled whole.
export async function adopt(account, from = null) {
  await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    const [records, changes] = await Promise.all([done(entries.getAll()), done(outbox.getAll())]);
    for (const record of records) if ((record.account ?? null) === from) entries.put({ ...record, account });
    for (const change of changes) if ((change.account ?? null) === from) outbox.put({ ...change, account });
    meta.put({ key: HOLDER, value: account });
    meta.put({ key: "cursor", value: 0 });
  });
  changed();
}

// "Remove it from this phone": the other account's diary goes (the person was asked first if
// some of it never reached the server); entries of no account stay.
export async function removeAccount(account) {
  await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    const [records, changes] = await Promise.all([done(entries.getAll()), done(outbox.getAll())]);
    for (const record of records) if (record.account === account) entries.delete(record.id);
    for (const change of changes) if (change.account === account) outbox.delete(change.change);
    meta.delete(HOLDER);
    meta.delete("holderEmail");
    meta.put({ key: "cursor", value: 0 });
  });
  changed();
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
  const result = await transact(["entries", "outbox", "meta"], "readwrite", async (stores) =>
    work(stores, { done, stamp, timed, keptChange, account: viewer(await holderIn(stores.meta)) }),
  );
  changed();
  return result;
}
