// The diary as a FHIR R4 Bundle of Observations, made on the device, for a clinic system or a
// health record: one Observation per entry, pain 0–10 as LOINC 72514-3, the episode's start and
// end as effectivePeriod, pain afterwards and regions as components, the rest as notes.
// `label(kind, id)` gives the names in the page's language (diary-format.js).
const LOINC = "http://loinc.org";
const PAIN = { system: LOINC, code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported" };

function observation(entry, label, words) {
  const data = entry.data;
  const start = new Date(data.started_at);
  const period = { start: start.toISOString() };
  if (Number.isInteger(data.duration_minutes)) period.end = new Date(start.getTime() + data.duration_minutes * 60_000).toISOString();
  const component = [];
  if (Number.isInteger(data.intensity_after)) {
    component.push({ code: { coding: [PAIN], text: words.intensity_after }, valueInteger: data.intensity_after });
  }
  for (const region of data.regions ?? []) component.push({ code: { text: words.regions }, valueString: label("regions", region) });
  const notes = [
    ["triggers", (data.triggers ?? []).map((id) => label("triggers", id)).join(", ")],
    ["measures", (data.measures ?? []).map((measure) => label("measures", measure.id)).join(", ")],
    ["redflag", data.redflag?.tier ? label("tiers", data.redflag.tier) : ""],
    ["notes", data.notes ?? ""],
  ];
  const resource = {
    resourceType: "Observation",
    id: entry.id,
    status: "final",
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey" }] }],
    code: { coding: [PAIN], text: words.intensity },
    effectivePeriod: period,
    valueInteger: data.intensity,
  };
  if (component.length) resource.component = component;
  const note = notes.filter(([, text]) => text).map(([key, text]) => ({ text: `${words[key]}: ${text}` }));
  if (note.length) resource.note = note;
  return { fullUrl: `urn:uuid:${entry.id}`, resource };
}

export function bundle(entries, label, words, now = new Date()) {
  const found = entries.filter((entry) => entry.data && Number.isInteger(entry.data.intensity));
  const result = { resourceType: "Bundle", type: "collection", timestamp: now.toISOString() };
  // FHIR JSON allows no empty arrays: an empty diary is a bundle without entries.
  if (found.length) result.entry = found.map((entry) => observation(entry, label, words));
  return result;
}
