// Fixed sequences of issue 8, run by tests/diary/test_sync_js.py: the shipped diary code on
// phones (device.mjs) against the real server. Prints what the test checks, as JSON.
import { entry, phones } from "./phones.mjs";

const config = JSON.parse(process.env.CONFIG);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const scenarios = {
  // Finding 1: A edits X (acknowledged); A logs 500 more entries; B's older offline edit of X
  // comes back "conflict"; B's pull returns 500 rows with `more` and the next round fails;
  // B edits X again. A's acknowledged text must stay (current or in X's history).
  async "lost-conflict"() {
    const [a, b] = await phones(config.phones, ["a", "b"]);
    const x = await a.save(entry("original"));
    await a.sync();
    await b.sync();
    await b.save(entry("B offline, older", x.data.started_at), x.id);
    await pause(5);
    await a.save(entry("A acknowledged", x.data.started_at), x.id);
    await a.sync();
    for (let n = 0; n < 500; n += 1) await a.save(entry(`A ${n}`));
    await a.sync();
    const cut = await b.sync("request", 1);
    await b.save(entry("B again", x.data.started_at), x.id);
    await b.sync();
    await a.sync();
    await b.sync();
    return { id: x.id, cut, a: await a.state(), b: await b.state() };
  },

  // Finding 4: a phone 10 minutes fast, and one whose clock says 1970.
  async rejected() {
    const [phone] = await phones(config.phones, ["a"]);
    await phone.call("skew", { ms: 10 * 60_000 });
    const fast = await phone.save(entry("fast phone", new Date(Date.now() + 10 * 60_000).toISOString()));
    const old = await phone.save(entry("clock reset", "1970-01-01T00:05:00.000Z"));
    const gone = await phone.save(entry("discard me", "1970-01-01T00:06:00.000Z"));
    const fine = await phone.save(entry("fine"));
    const first = await phone.sync();
    const waiting = await phone.call("rejected");
    const afterFirst = await phone.state();
    await phone.save(entry("clock reset, fixed"), old.id);
    await phone.call("discard", { id: gone.id });
    const second = await phone.sync();
    return {
      ids: { fast: fast.id, old: old.id, gone: gone.id, fine: fine.id },
      first,
      waiting,
      afterFirst,
      second,
      end: await phone.state(),
    };
  },

  // Finding 5: the answer to an edit is lost; the phone edits again, and a request arrives twice.
  async self() {
    const [phone] = await phones(config.phones, ["a"]);
    const x = await phone.save(entry("original"));
    await phone.sync();
    await phone.save(entry("first edit", x.data.started_at), x.id);
    const lost = await phone.sync("response");
    await phone.save(entry("second edit", x.data.started_at), x.id);
    await phone.sync("duplicate");
    await phone.save(entry("third edit", x.data.started_at), x.id);
    await phone.sync("response");
    await phone.sync();
    return { id: x.id, lost, end: await phone.state() };
  },

  // Finding 6: a new phone and a diary of 26,000 rows (50 rounds of 500 were the limit); its
  // sync is cut off in the second round and goes on to the end after the page loads anew.
  async "big-diary"() {
    const [phone] = await phones(config.phones, ["a"]);
    const cut = await phone.sync("request", 1);
    await phone.call("reload");
    const resumed = await phone.sync();
    const { entries, outbox } = await phone.state();
    return { cut, resumed, requests: await phone.call("requests"), entries: entries.length, outbox };
  },
};

const result = await scenarios[process.env.SCENARIO]();
// Exit only once all of it is out: a pipe takes big answers in parts.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
