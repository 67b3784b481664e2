// A phone's diary as the first sync design's client wrote it (IndexedDB version 2: records with
// `version` and `conflict`, an import's other version in `history`, an outbox keyed by entry
// with `base_version`), opened by the SHIPPED diary-store.js (version 3). Prints what the
// upgrade made of it, and the change ids of first-design rows (migratedId), as JSON.
import "fake-indexeddb/auto";

globalThis.window = {};
const storage = new Map();
globalThis.localStorage = { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, String(v)), removeItem: (k) => storage.delete(k) };
globalThis.addEventListener = () => {};
globalThis.dispatchEvent = () => {};
const { ids } = JSON.parse(process.env.CONFIG);
const data = (notes) => ({ started_at: "2026-10-01T08:00:00.000Z", intensity: 4, notes });

await new Promise((resolve, reject) => {
  const open = indexedDB.open("krampfhilfe-diary", 2);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const name of ["entries", "outbox", "meta"]) db.createObjectStore(name, { keyPath: name === "meta" ? "key" : "id" });
    open.transaction.objectStore("entries").createIndex("at", "at");
  };
  open.onsuccess = () => {
    const tx = open.result.transaction(["entries", "outbox", "meta"], "readwrite");
    const at = Date.parse("2026-10-01T08:00:00.000Z");
    tx.objectStore("entries").put({ id: "11111111-1111-4111-8111-111111111111", data: data("synced"), client_updated_at: "2026-10-01T09:00:00.000Z", deleted: false, version: 3, conflict: false, at });
    tx.objectStore("entries").put({
      id: "22222222-2222-4222-8222-222222222222", data: data("edited offline"), client_updated_at: "2026-10-02T09:00:00.000Z", deleted: false, version: 5, conflict: true, at,
      history: [{ data: data("file version"), client_updated_at: "2026-10-01T10:00:00.000Z", deleted: false }],
    });
    tx.objectStore("outbox").put({ id: "22222222-2222-4222-8222-222222222222", base_version: 5, client_updated_at: "2026-10-02T09:00:00.000Z", deleted: false, data: data("edited offline") });
    tx.objectStore("meta").put({ key: "account", value: "anna@example.org" });
    tx.objectStore("meta").put({ key: "cursor", value: 9 });
    tx.oncomplete = () => {
      open.result.close();
      resolve();
    };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
});

const store = await import("../../../static/js/diary-store.js");
const all = (name) =>
  new Promise((resolve) => {
    const open = indexedDB.open("krampfhilfe-diary");
    open.onsuccess = () => {
      const request = open.result.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result);
      };
    };
  });
await store.pending(null);
const meta = Object.fromEntries((await all("meta")).filter((m) => ["holder", "cursor"].includes(m.key)).map((m) => [m.key, m.value]));
const sent = await store.outbox(10, "email:anna@example.org");
const migrated = await Promise.all(ids.map(([id, version]) => store.migratedId(id, version)));
const of5 = await store.migratedId("22222222-2222-4222-8222-222222222222", 5);
console.log(JSON.stringify({ entries: await all("entries"), outbox: await all("outbox"), meta, sent: sent.filter((c) => c.data.notes === "edited offline"), migrated, migrated_of_5: of5 }));
