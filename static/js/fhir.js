// The diary as a FHIR R4 Bundle, made on the device, for a clinic system or a health record: one
// Patient, then one Observation per entry about it: pain 0–10 as LOINC 72514-3, the episode's
// start and end as effectivePeriod, pain after the first aid and regions as components, the rest
// as notes. `label(kind, id)` gives the names in the page's language (diary-format.js).
const LOINC = "http://loinc.org";
const PAIN = { system: LOINC, code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported" };
// Pain after the first aid needs a code of its own, or practice software reads it as a second
// pain score of the same moment. LOINC has no code for "after a self-help measure", so it is the
// app's own (a URN: the app has no web address of its own to name a code system by).
const APP = "urn:krampfhilfe:fhir:diary";
const PAIN_AFTER = { system: APP, code: "pain-after-first-aid", display: "Pain severity 0-10 after self-help measures, self-reported" };

function observation(entry, label, words, subject) {
  const data = entry.data;
  const start = new Date(data.started_at);
  const period = { start: start.toISOString() };
  if (Number.isInteger(data.duration_minutes)) period.end = new Date(start.getTime() + data.duration_minutes * 60_000).toISOString();
  const component = [];
  if (Number.isInteger(data.intensity_after)) {
    component.push({ code: { coding: [PAIN_AFTER], text: words.intensity_after }, valueInteger: data.intensity_after });
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
    subject,
    effectivePeriod: period,
    valueInteger: data.intensity,
  };
  if (component.length) resource.component = component;
  const note = notes.filter(([, text]) => text).map(([key, text]) => ({ text: `${words[key]}: ${text}` }));
  if (note.length) resource.note = note;
  return { fullUrl: `urn:uuid:${entry.id}`, resource };
}

// The person: only what they typed on the phone (a name), else an anonymous Patient that only
// ties the Observations together; a new id for each file, so two files do not link one person.
function patient({ id = crypto.randomUUID(), name = "" } = {}) {
  const resource = { resourceType: "Patient", id };
  if (name.trim()) resource.name = [{ text: name.trim() }];
  return { fullUrl: `urn:uuid:${id}`, resource };
}

export function bundle(entries, label, words, now = new Date(), person = {}) {
  const found = entries.filter((entry) => entry.data && Number.isInteger(entry.data.intensity));
  const result = { resourceType: "Bundle", type: "collection", timestamp: now.toISOString() };
  // FHIR JSON allows no empty arrays: an empty diary is a bundle without entries.
  if (!found.length) return result;
  const who = patient(person);
  const subject = { reference: who.fullUrl };
  result.entry = [who, ...found.map((entry) => observation(entry, label, words, subject))];
  return result;
}
