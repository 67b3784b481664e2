// An entry's data in words, in the page's language: for the list, the CSV file and the
// conflict view. The names come from the server (diary/choices.py via diary/_labels.html), so
// there is no second copy of them here; an unknown id shows as itself.
const choices = JSON.parse(document.getElementById("diary-choices")?.textContent || "null") || {};
const template = document.getElementById("diary-words");
const words = new Map(
  [...(template?.content.querySelectorAll("[data-key]") ?? [])].map((el) => [el.dataset.key, el.textContent.trim()]),
);
const dateTime = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "medium", timeStyle: "short" });

export const FIELDS = [
  "started_at",
  "intensity",
  "duration_minutes",
  "regions",
  "triggers",
  "measures",
  "intensity_after",
  "redflag",
  "notes",
];

export function word(key) {
  return words.get(key) ?? key;
}

export function label(kind, id) {
  return choices[kind]?.[id] ?? String(id);
}

export function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateTime.format(date);
}

export function measureText(measure) {
  const name = label("measures", measure.id);
  if (measure.helped === null || measure.helped === undefined) return name;
  return word("helped").replace("{measure}", name).replace("{helped}", label("helped", measure.helped));
}

function redflagText(redflag) {
  if (!redflag?.tier) return "";
  return [word(`tier-${redflag.tier}`), ...(redflag.reasons ?? []).map((id) => word(`flag-${id}`))].join("; ");
}

// [key, field name, value in words] for every field, in the order of the entry form.
export function describe(data) {
  const names = (kind) => (data[kind] ?? []).map((id) => label(kind, id)).join("; ");
  const text = {
    started_at: when(data.started_at),
    intensity: data.intensity ?? "",
    duration_minutes: data.duration_minutes ?? "",
    regions: names("regions"),
    triggers: names("triggers"),
    measures: (data.measures ?? []).map(measureText).join("; "),
    intensity_after: data.intensity_after ?? "",
    redflag: redflagText(data.redflag),
    notes: data.notes ?? "",
  };
  return FIELDS.map((key) => [key, word(key), String(text[key])]);
}
