// Import of the app's own JSON backup (diary-export.js) on another phone: moving without an
// account. The whole file is checked first; a file that is not ours, or is damaged, imports
// nothing and changes nothing. diary-store.js merges by entry id.
import * as store from "./diary-store.js";

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LISTS = ["regions", "triggers", "measures"];
const isLevel = (value) => Number.isInteger(value) && value >= 0 && value <= 10;
const isTime = (value) => typeof value === "string" && !Number.isNaN(Date.parse(value));

// Exactly the fields an entry has, each checked; null for anything else.
function entryData(data) {
  if (!data || typeof data !== "object") return null;
  const clean = {
    started_at: data.started_at,
    duration_minutes: data.duration_minutes ?? null,
    intensity: data.intensity,
    intensity_after: data.intensity_after ?? null,
    regions: data.regions ?? [],
    triggers: data.triggers ?? [],
    measures: data.measures ?? [],
    redflag: data.redflag ?? null,
    notes: data.notes ?? "",
  };
  const fine =
    isTime(clean.started_at) &&
    isLevel(clean.intensity) &&
    (clean.intensity_after === null || isLevel(clean.intensity_after)) &&
    (clean.duration_minutes === null || (Number.isInteger(clean.duration_minutes) && clean.duration_minutes >= 0)) &&
    LISTS.every((key) => Array.isArray(clean[key])) &&
    clean.measures.every((measure) => typeof measure?.id === "string") &&
    (clean.redflag === null || typeof clean.redflag === "object") &&
    typeof clean.notes === "string";
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
    const counts = await store.importEntries(rows);
    status.textContent = status.dataset.done
      .replace("{added}", counts.added)
      .replace("{same}", counts.same)
      .replace("{conflicts}", counts.conflicts);
  });
}
