// An entry's data in words, in the page's language: for the list, the CSV file and the
// conflict view. The entry's shape and the names come from the server (diary/schema.py via
// diary/_labels.html), so there is no second copy of them here; an unknown id shows as itself.
export const schema = JSON.parse(document.getElementById("diary-choices")?.textContent || "null") || {};
const template = document.getElementById("diary-words");
const words = new Map(
  [...(template?.content.querySelectorAll("[data-key]") ?? [])].map((el) => [el.dataset.key, el.textContent.trim()]),
);
const dateTime = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "medium", timeStyle: "short" });

// Exactly the fields the server accepts, each empty one as the server fills it in.
export function only(data) {
  return Object.fromEntries(schema.fields.map(({ name, empty = null }) => [name, data[name] ?? empty]));
}

export function word(key) {
  return words.get(key) ?? key;
}

export function label(kind, id) {
  return schema[kind]?.[id] ?? String(id);
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
  return [label("tiers", redflag.tier), ...(redflag.reasons ?? []).map((id) => word(`flag-${id}`))].join("; ");
}

// A field's value in words, by its kind in diary/schema.py.
const IN_WORDS = {
  instant: (value) => when(value),
  choices: (value, field) => (value ?? []).map((id) => label(field.choices, id)).join("; "),
  measures: (value) => (value ?? []).map(measureText).join("; "),
  redflag: redflagText,
  flag: (value) => (value ? "x" : ""), // as the server's CSV (diary/api.py FLAG_SET)
};

// [key, field name, value in words] for every field, in the order of diary/schema.py.
export function describe(data) {
  return schema.fields.map((field) => {
    const value = IN_WORDS[field.kind]?.(data[field.name], field) ?? data[field.name] ?? "";
    return [field.name, field.label, String(value)];
  });
}
