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

// Merged by entry id: an entry not here is added and queued for sync; the same content (or a
// version already kept) is skipped; a different version keeps the newer as the entry, marked as
// a conflict, and the other in its `history` (as the server keeps the version that lost; the
// entry page shows it offline). An entry deleted here stays deleted. Answers the counts.
export function merge(rows) {
  return store.importing(async ({ entries, outbox }, { done, stamp, timed }) => {
    const counts = { added: 0, same: 0, conflicts: 0 };
    for (const row of rows) {
      const old = await done(entries.get(row.id));
      const known = [old?.data, ...(old?.history ?? []).map((version) => version.data)];
      if (old?.deleted || known.some((data) => data && canonical(data) === canonical(row.data))) {
        counts.same += 1;
        continue;
      }
      const queued = old && (await done(outbox.get(row.id)));
      const newer = !old || Date.parse(row.client_updated_at) > Date.parse(old.client_updated_at);
      const record = {
        id: row.id,
        data: newer ? row.data : old.data,
        client_updated_at: old ? stamp(old) : row.client_updated_at,
        deleted: false,
        version: old?.version ?? null,
        conflict: Boolean(old),
      };
      const other = newer ? old : row;
      if (old) record.history = [{ data: other.data, client_updated_at: other.client_updated_at, deleted: false }];
      entries.put(timed(record));
      const base = queued ? queued.base_version : record.version;
      outbox.put({ id: row.id, base_version: base, client_updated_at: record.client_updated_at, deleted: false, data: record.data });
      counts[old ? "conflicts" : "added"] += 1;
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
