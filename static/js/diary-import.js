// Import of the app's own JSON backup (diary-export.js) on another phone: moving without an
// account. The whole file is checked first; a file that is not ours, or is damaged, imports
// nothing and changes nothing.
import * as store from "./diary-store.js";
import { only } from "./diary-format.js";

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LISTS = ["regions", "triggers", "measures"];
const isLevel = (value) => Number.isInteger(value) && value >= 0 && value <= 10;
const isTime = (value) => typeof value === "string" && !Number.isNaN(Date.parse(value));

// Exactly the fields an entry has (diary/schema.py, via diary-format.js), each checked; null
// for anything else.
function entryData(data) {
  if (!data || typeof data !== "object") return null;
  const clean = only(data);
  const fine =
    isTime(clean.started_at) &&
    isLevel(clean.intensity) &&
    (clean.intensity_after === null || isLevel(clean.intensity_after)) &&
    (clean.duration_minutes === null || (Number.isInteger(clean.duration_minutes) && clean.duration_minutes >= 0)) &&
    LISTS.every((key) => Array.isArray(clean[key])) &&
    clean.measures.every((measure) => typeof measure?.id === "string") &&
    (clean.redflag === null || typeof clean.redflag === "object") &&
    typeof clean.notes === "string" &&
    typeof clean.for_doctor === "boolean";
  return fine ? clean : null;
}

// The file's entries, or an error: "not-ours" (not a Krampfhilfe backup) or "damaged".
export function read(text) {
  let backup;
  try {
    backup = JSON.parse(text);
  } catch {
    return { error: /"app"\s*:\s*"Krampfhilfe"/.test(text) ? "damaged" : "not-ours" };
  }
  if (backup?.app !== "Krampfhilfe") return { error: "not-ours" };
  if (!Array.isArray(backup.entries)) return { error: "damaged" };
  const rows = [];
  for (const entry of backup.entries) {
    const data = entryData(entry?.data);
    if (!data || !ID.test(entry.id ?? "") || !isTime(entry.client_updated_at)) return { error: "damaged" };
    rows.push({ id: entry.id.toLowerCase(), client_updated_at: entry.client_updated_at, data });
  }
  return { rows };
}

const canonical = (data) => JSON.stringify(Object.keys(data).sort().map((key) => [key, data[key]]));

// The version an entry shows, as the server picks it (diary/sync.py, order): the latest stamp,
// then the greater change id.
function later(a, b) {
  const [x, y] = [Date.parse(a.client_updated_at), Date.parse(b.client_updated_at)];
  return x !== y ? x > y : a.change > b.change;
}

// Merged by entry id: an entry not here is added and queued for sync; the same content (or a
// version already kept) is skipped; a different version is added as a kept version of the entry
// ("changed on two devices") and queued as such, so the server keeps it too until the person
// chooses (finding 2). An entry deleted here stays deleted. Answers the counts.
export function merge(rows) {
  return store.importing(async ({ entries, outbox }, { done, timed, account, keptChange }) => {
    const counts = { added: 0, same: 0, conflicts: 0 };
    for (const row of rows) {
      const old = await done(entries.get(row.id));
      const known = [old?.data, ...(old?.kept ?? []).map((version) => version.data)];
      if (old?.deleted || known.some((data) => data && canonical(data) === canonical(row.data))) {
        counts.same += 1;
        continue;
      }
      const version = { change: crypto.randomUUID(), client_updated_at: row.client_updated_at, data: row.data };
      const record = old ?? { id: row.id, account, deleted: false, version: null, kept: [] };
      const change = keptChange(record, version);
      outbox.put(change);
      if (!old) {
        entries.put(timed({ ...record, data: row.data, change: version.change, client_updated_at: row.client_updated_at }));
        counts.added += 1;
        continue;
      }
      const current = { change: old.change, client_updated_at: old.client_updated_at, data: old.data };
      const [shown, other] = !old.change || !later(version, current) ? [current, version] : [version, current];
      const kept = [...old.kept, other].filter((k) => k.change);
      entries.put(timed({ ...old, data: shown.data, change: shown.change, client_updated_at: shown.client_updated_at, kept }));
      counts.conflicts += 1;
    }
    return counts;
  });
}

const section = document.getElementById("import");
const input = document.getElementById("import-file");
const status = document.getElementById("import-status");
if (section && input) {
  section.hidden = false;
  document.getElementById("import-choose").addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    const { rows, error } = read(await file.text());
    status.classList.toggle("field-error", Boolean(error));
    if (error) {
      status.textContent = status.dataset[error === "damaged" ? "damaged" : "notOurs"];
      return;
    }
    const counts = await merge(rows);
    status.textContent = status.dataset.done
      .replace("{added}", counts.added)
      .replace("{same}", counts.same)
      .replace("{conflicts}", counts.conflicts);
  });
}
