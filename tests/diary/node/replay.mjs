// Replays a fixed sequence of the sync property test (tests/diary/test_sync_properties.py) on
// phones running the shipped diary code (device.mjs) against the real server, with the same
// entry and device ids: STEPS is a JSON list of
//   ["create", phone, id, notes] | ["edit", phone, id, notes] | ["delete", phone, id] |
//   ["sync", phone, null | "request" | "response"]
// then every phone syncs twice round with a good network. Prints each phone's state and the
// sync requests it sent, as JSON.
import { phones } from "./phones.mjs";

const config = JSON.parse(process.env.CONFIG);
const steps = JSON.parse(process.env.STEPS);
const STARTED = "2026-11-01T00:00:00+00:00";

const names = Object.keys(config.phones);
const all = Object.fromEntries((await phones(config.phones, names)).map((phone) => [phone.name, phone]));
for (const [name, { device }] of Object.entries(config.phones)) if (device) await all[name].call("device", { id: device });

// The model's clock ticks once per write on any device: here too, no two writes share a
// millisecond (equal stamps would be ordered by content, not by the order of the steps).
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (const [op, name, ...args] of steps) {
  const phone = all[name];
  if (op !== "sync") await pause(2);
  if (op === "create") await phone.save({ started_at: STARTED, intensity: 4, notes: args[1] }, args[0]);
  else if (op === "edit") await phone.save({ ...(await phone.call("get", { id: args[0] })).data, notes: args[1] }, args[0]);
  else if (op === "delete") await phone.remove(args[0]);
  else await phone.sync(args[0]);
}
for (let round = 0; round < 2; round += 1) for (const name of names) await all[name].sync();

const states = {};
for (const name of names) states[name] = { ...(await all[name].state()), requests: await all[name].call("requests") };
process.stdout.write(`${JSON.stringify(states)}\n`, () => process.exit(0));
