// The test's side of device.mjs: each Phone is a worker thread running the shipped diary code.
import { Worker } from "node:worker_threads";

const DEVICE = new URL("./device.mjs", import.meta.url);

export class Phone {
  constructor(name, { url, cookies, skew = 0 }) {
    this.name = name;
    this.worker = new Worker(DEVICE, { workerData: { url, cookies, skew } });
    this.calls = new Map();
    this.next = 0;
    this.ready = new Promise((resolve, reject) => {
      // A phone that dies fails the test at once, not by a timeout.
      const died = (error) => {
        reject(error);
        for (const call of this.calls.values()) call.reject(new Error(`${name} died: ${error?.stack ?? error} ${(error?.errors ?? []).join("; ")}`));
        this.calls.clear();
      };
      this.worker.on("error", died);
      this.worker.on("exit", (code) => code && died(new Error(`exit ${code}`)));
      this.worker.on("message", (message) => {
        if (message.ready) return resolve(this);
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.error) call.reject(new Error(`${name}: ${message.error}`));
        else call.resolve(message.result);
      });
    });
  }

  call(op, args) {
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  save(data, id) {
    return this.call("save", { data, id });
  }

  remove(id) {
    return this.call("remove", { id });
  }

  sync(fault, at = 0) {
    return this.call("sync", { fault, at });
  }

  state() {
    return this.call("state");
  }

  stop() {
    return this.worker.terminate();
  }
}

export async function phones(config, names) {
  return Promise.all(names.map((name) => new Phone(name, config[name]).ready));
}

// A valid entry as the entry page saves it.
export function entry(notes, startedAt = new Date(Date.now() - 3600_000).toISOString()) {
  return { started_at: startedAt, intensity: 5, notes };
}
