// The chaos run of issue 8 (tests/diary/test_sync_chaos.py checks what it leaves behind):
// phones of two users, each running the shipped diary code (device.mjs), make random creates,
// edits, deletes and syncs against the real server, with lost requests, lost answers, requests
// that arrive twice or late, offline periods and clocks minutes to hours off. Then everybody
// fixes what the server rejected and syncs on a good network, and the phones' diaries and
// the record of every answer go to RESULT for the checks.
import fs from "node:fs";
import { phones } from "./phones.mjs";

const config = JSON.parse(process.env.CONFIG);
const SEED = Number(process.env.CHAOS_SEED ?? 1);
const OPS = Number(process.env.CHAOS_OPS ?? 500);

// mulberry32: a small seeded generator, so that a seed names one run.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
function weighted(table) {
  let roll = random() * table.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of table) if ((roll -= weight) < 0) return value;
  return table.at(-1)[0];
}

const names = Object.keys(config.phones);
const all = await phones(config.phones, names);
const byName = Object.fromEntries(all.map((phone) => [phone.name, phone]));
let typed = 0;

function started(phone) {
  // Mostly an ordinary past start; now and then what a phone with a wrong clock stamps.
  const skew = config.phones[phone.name].skew ?? 0;
  return weighted([
    [new Date(Date.now() + skew - random() * 30 * 86400_000).toISOString(), 95],
    ["1970-01-01T00:00:00.000Z", 3],
    [new Date(Date.now() + 3 * 86400_000).toISOString(), 2],
  ]);
}

async function alive(phone) {
  const { entries } = await phone.state();
  return entries.filter((e) => !e.deleted).map((e) => e.id).sort();
}

const counts = { create: 0, edit: 0, delete: 0, sync: 0, burst: 0, arrive: 0, attend: 0, fix: 0, discard: 0, resolve: 0, tabs: 0, stale: 0 };
const FAULTS = [
  [null, 45],
  ["request", 12],
  ["response", 15],
  ["duplicate", 10],
  ["late", 10],
  ["offline", 8],
];

async function operate(phone) {
  const op = weighted([
    ["create", 18],
    ["edit", 30],
    ["delete", 8],
    ["sync", 34],
    ["burst", 4],
    ["arrive", 3],
    ["attend", 3],
    ["resolve", 4],
    ["tabs", 5],
  ]);
  counts[op] += 1;
  if (op === "create") {
    typed += 1;
    await phone.save({ started_at: started(phone), intensity: typed % 11, notes: `${phone.name}-${typed}` });
  } else if (op === "edit" || op === "delete") {
    const ids = await alive(phone);
    if (!ids.length) return;
    const id = pick(ids);
    if (op === "delete") return phone.remove(id);
    const old = await phone.call("get", { id });
    typed += 1;
    await phone.save({ ...old.data, started_at: random() < 0.9 ? old.data.started_at : started(phone), notes: `${phone.name}-${typed}` }, id);
  } else if (op === "sync") {
    await phone.sync(weighted(FAULTS), random() < 0.8 ? 0 : 1);
  } else if (op === "burst") {
    // Several phones of the same person sync at the same moment.
    const together = all.filter((other) => config.phones[other.name].user === config.phones[phone.name].user);
    await Promise.all(together.map((other) => other.sync(weighted(FAULTS))));
  } else if (op === "resolve") {
    // The conflict view: take the other version, keep this one, or keep both.
    const { entries } = await phone.state();
    const marked = entries.filter((e) => !e.deleted && e.kept?.length).map((e) => e.id).sort();
    if (marked.length) await phone.call("resolve", { id: pick(marked), choice: pick(["take", "keep", "both"]) });
  } else if (op === "tabs") {
    // Two tabs: the entry page loaded a version, the list tab syncs, then the page saves.
    const ids = await alive(phone);
    if (!ids.length) return;
    const id = pick(ids);
    const old = await phone.call("get", { id });
    await phone.sync(weighted(FAULTS));
    typed += 1;
    const saved = await phone.call("save", { data: { ...old.data, notes: `${phone.name}-${typed}` }, id, seen: old.change });
    if (saved?.stale) counts.stale += 1;
  } else if (op === "arrive") {
    await phone.call("arrive");
  } else {
    await settle(phone, random() < 0.7);
  }
}

// The person opens what needs attention: fixes it (a valid start) or discards it.
async function settle(phone, fix) {
  const waiting = await phone.call("rejected");
  for (const id of Object.keys(waiting).sort()) {
    const entry = await phone.call("get", { id });
    if (fix && entry && !entry.deleted) {
      typed += 1;
      const startedAt = new Date(Date.now() - 3600_000).toISOString();
      await phone.save({ ...entry.data, started_at: startedAt, notes: `${phone.name}-${typed}` }, id);
      counts.fix += 1;
    } else {
      await phone.call("discard", { id });
      counts.discard += 1;
    }
  }
}

const began = Date.now();
for (let n = 0; n < OPS; n += 1) await operate(pick(all));

// The end: late requests arrive, and everybody syncs on a good network and settles what needs
// attention (a sync can bring up one more), until nothing moves any more; then all sync twice
// round more, as phones come back one by one.
for (const phone of all) await phone.call("arrive");
for (let round = 0; round < 5; round += 1) {
  for (const phone of all) {
    await phone.sync();
    await settle(phone, true);
  }
}
for (let round = 0; round < 2; round += 1) {
  for (const phone of all) {
    const phase = await phone.sync();
    if (phase !== "done") throw new Error(`${phone.name}: last sync ended in ${phase}`);
  }
}

const result = { seed: SEED, ops: OPS, counts, seconds: (Date.now() - began) / 1000, phones: {} };
for (const phone of all) {
  result.phones[phone.name] = { ...(await phone.state()), ...(await phone.call("record")) };
}
fs.writeFileSync(process.env.RESULT, JSON.stringify(result));
await Promise.all(all.map((phone) => phone.stop()));
console.log(JSON.stringify({ done: true }));
