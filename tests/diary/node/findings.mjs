// The seven findings of the sync audit (issue 17, ../shared/review/sync-security-2026-12.md) as
// fixed sequences on phones running the shipped diary code (device.mjs) against the real server,
// run by tests/diary/test_sync_findings.py. They use only what the first design's client also
// had (save, remove, discard, sync), so the same file runs on it and fails there. Prints what
// the test checks, as JSON: what each phone shows at the end (`shown`: {id: [text, others…]}).
import { entry, phones } from "./phones.mjs";

const config = JSON.parse(process.env.CONFIG);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const HOUR = 3600_000;

async function everyone(all, rounds = 2) {
  for (let round = 0; round < rounds; round += 1) for (const phone of all) await phone.sync();
  return Object.fromEntries(await Promise.all(all.map(async (phone) => [phone.name, await phone.call("shown")])));
}

const scenarios = {
  // 1: a shared phone; the first account's session ended without the logout button.
  async "account-switch"() {
    const [a] = await phones(config.phones, ["a"]);
    await a.save(entry("first account: synced entry"));
    await a.sync();
    await a.save(entry("first account: private, not yet synced"));
    await a.call("login", { cookies: config.second });
    const phase = await a.sync();
    return { phase, shown: await a.call("shown") };
  },

  // 2: a backup holds another version of an entry the phone has synced.
  async import() {
    const [a, b] = await phones(config.phones, ["a", "b"]);
    const x = await a.save(entry("phone: acknowledged text"));
    await a.sync();
    const older = new Date(Date.parse(x.client_updated_at) - HOUR).toISOString();
    const counts = await a.call("import", { rows: [{ id: x.id, client_updated_at: older, data: { ...x.data, notes: "file: other version" } }] });
    return { id: x.id, counts, shown: await everyone([a, b]) };
  },

  // 3: C saves a note on an entry marked "changed on two devices"; then A deletes the entry.
  async "ordinary-edit"() {
    const [a, b, c] = await phones(config.phones, ["a", "b", "c"]);
    const x = await a.save(entry("original"));
    await a.sync();
    await b.sync();
    await c.sync();
    await b.save(entry("B, acknowledged", x.data.started_at), x.id);
    await pause(5);
    await a.save(entry("A", x.data.started_at), x.id);
    await a.sync();
    await b.sync();
    await c.sync();
    await c.save({ ...(await c.call("get", { id: x.id })).data, notes: "C: a note" }, x.id);
    await c.sync();
    await b.sync();
    // Every phone that pulled C's note still shows B's version (the mark stays).
    const marked = { b: await b.call("shown"), c: await c.call("shown") };
    await a.remove(x.id); // A never pulled B's version: it never saw it
    await a.sync();
    return { id: x.id, marked, shown: await everyone([a, b, c]) };
  },

  // 4: B's entry page was loaded before its other tab pulled A's edit; then B saves.
  async "stale-page"() {
    const [a, b] = await phones(config.phones, ["a", "b"]);
    const x = await a.save(entry("original"));
    await a.sync();
    await b.sync();
    const loaded = await b.call("get", { id: x.id });
    await a.save(entry("A: acknowledged", x.data.started_at), x.id);
    await a.sync();
    await b.sync(); // the list tab
    const saved = await b.call("save", { data: { ...loaded.data, notes: "B: typed on the open page" }, id: x.id, seen: loaded.change });
    return { id: x.id, refused: Boolean(saved?.stale), shown: await everyone([a, b]) };
  },

  // 5: A's clock is fast; B and C stamp their edits "A's stamp + 1 ms", the same instant. B's
  // change waits as rejected (a 1970 start) when C's row with the same stamp arrives.
  async "equal-stamp"() {
    const [a, b, c] = await phones(config.phones, ["a", "b", "c"]);
    await a.call("skew", { ms: HOUR });
    const x = await a.save(entry("A: fast clock", new Date(Date.now() - HOUR).toISOString()));
    await a.sync();
    await b.sync();
    await c.sync();
    const [bx, cx] = await Promise.all([
      b.save(entry("B: edit", "1970-01-01T00:05:00.000Z"), x.id),
      c.save(entry("C: edit", x.data.started_at), x.id),
    ]);
    await c.sync();
    await b.sync();
    const waiting = await b.call("rejected");
    return { id: x.id, same: bx.client_updated_at === cx.client_updated_at, waiting: Object.keys(waiting) };
  },

  // 6: C deletes X having seen t0; A deletes it having seen B's t1. ORDER: who arrives first.
  async "double-delete"() {
    const [a, b, c] = await phones(config.phones, ["a", "b", "c"]);
    const x = await a.save(entry("t0"));
    await a.sync();
    await b.sync();
    await c.sync();
    await b.save(entry("t1 (B, acknowledged)", x.data.started_at), x.id);
    await b.sync();
    await a.sync();
    await c.remove(x.id);
    await a.remove(x.id);
    const first = process.env.ORDER === "c" ? [c, a] : [a, c];
    for (const phone of first) await phone.sync();
    return { id: x.id, shown: await everyone([a, b, c]) };
  },

  // 7: the answer to A's create is lost; A's next change is rejected; A discards it.
  async discard() {
    const [a, b] = await phones(config.phones, ["a", "b"]);
    const x = await a.save(entry("A: new entry"));
    const lost = await a.sync("response");
    await a.save(entry("A: 1970 start", "1970-01-01T00:05:00.000Z"), x.id);
    await a.sync();
    const waiting = Object.keys(await a.call("rejected"));
    await a.call("discard", { id: x.id });
    return { id: x.id, lost, waiting, shown: await everyone([a, b]) };
  },
};

const result = await scenarios[process.env.SCENARIO]();
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
