// The entry page: a new entry, or the one named by ?id=. Logging a cramp takes three taps
// ("Neuer Eintrag", a number, "Speichern"); everything else is optional. What is typed stays
// in sessionStorage as a draft until it is saved, so a reload, a rotation, a discarded tab or a
// validation error never loses it.
import * as store from "./diary-store.js";
import { showConflict } from "./diary-conflict.js";
import { schema } from "./diary-format.js";

const form = document.getElementById("entry-form");
const text = form.dataset;
const id = new URLSearchParams(location.search).get("id");
const draftKey = `diary:draft:${id ?? "new"}`;
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const EARLIEST = Date.UTC(2000, 0, 1); // as the server's validation
const { notes_max: NOTES_MAX, duration_max: DURATION_MAX } = schema; // diary/schema.py
const startedInput = form.elements.started_at;
const notes = form.elements.notes;
let entry = null;
let tried = false;

// <input type="datetime-local"> speaks local time without a zone: "2026-11-23T14:05".
function localInput(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function radio(name) {
  const value = form.elements[name]?.value;
  return value ? Number(value) : null;
}

function checkedValues(name) {
  return [...form.querySelectorAll(`[name="${name}"]:checked`)].map((input) => input.value);
}

function setChecked(name, values) {
  const wanted = [values].flat().map((value) => String(value ?? ""));
  for (const input of form.querySelectorAll(`[name="${name}"]`)) input.checked = wanted.includes(input.value);
}

// Each field of diary/schema.py read and written by its kind, so a new field needs only its
// control in entry.html. Radio groups and inputs both have `.value`: one number reader.
const READ = {
  // Untouched: keep the stored instant to the second (the form shows minutes only).
  instant: () =>
    entry && localInput(new Date(entry.data.started_at)) === startedInput.value
      ? entry.data.started_at
      : new Date(startedInput.value).toISOString(),
  integer: (name) => {
    const value = String(form.elements[name].value).trim();
    return value === "" ? null : Number(value);
  },
  choices: checkedValues,
  measures: () => checkedValues("measures").map((measure) => ({ id: measure, helped: radio(`helped-${measure}`) })),
  redflag: () => entry?.data.redflag ?? null, // from the red-flag check; the form does not edit it
  text: (name) => form.elements[name].value,
  flag: (name) => form.elements[name].checked,
};
const WRITE = {
  instant: (name, value) => (startedInput.value = value ? localInput(new Date(value)) : ""),
  integer: (name, value) => {
    const control = form.elements[name];
    if (control instanceof RadioNodeList) setChecked(name, value);
    else control.value = value ?? "";
  },
  choices: (name, value) => setChecked(name, value ?? []),
  measures: (name, value) => {
    setChecked(name, (value ?? []).map((measure) => measure.id));
    for (const measure of value ?? []) setChecked(`helped-${measure.id}`, measure.helped);
  },
  redflag: () => {},
  text: (name, value) => (form.elements[name].value = value ?? ""),
  flag: (name, value) => (form.elements[name].checked = Boolean(value)),
};

function fill(data) {
  form.reset();
  for (const { name, kind } of schema.fields) WRITE[kind](name, data[name]);
}

function collect() {
  return Object.fromEntries(schema.fields.map(({ name, kind }) => [name, READ[kind](name)]));
}

// {field: message}; true keeps the message written in the page.
function validate() {
  const errors = {};
  if (radio("intensity") === null) errors.intensity = true;
  const started = Date.parse(startedInput.value);
  if (Number.isNaN(started)) errors.started_at = text.errorStartedMissing;
  else if (started > Date.now() + CLOCK_SKEW_MS) errors.started_at = text.errorStartedFuture;
  else if (started < EARLIEST) errors.started_at = text.errorStartedPast;
  const duration = form.elements.duration_minutes;
  const minutes = Number(duration.value);
  const durationOk = duration.value.trim() === "" || (Number.isInteger(minutes) && minutes >= 0 && minutes <= DURATION_MAX);
  if (duration.validity.badInput || !durationOk) errors.duration_minutes = text.errorDuration;
  if (notes.value.length > NOTES_MAX) errors.notes = text.errorNotes;
  return errors;
}

function showErrors(errors) {
  for (const field of form.querySelectorAll("[data-field]")) {
    const message = field.querySelector(".field-error");
    if (!message) continue;
    const error = errors[field.dataset.field];
    message.hidden = !error;
    if (typeof error === "string") message.textContent = error;
    for (const control of field.querySelectorAll("input, textarea")) {
      const described = (control.getAttribute("aria-describedby") || "").split(" ");
      const others = described.filter((ref) => ref && ref !== message.id);
      const refs = error ? [message.id, ...others] : others;
      if (refs.length) control.setAttribute("aria-describedby", refs.join(" "));
      else control.removeAttribute("aria-describedby");
      if (error) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }
}

function saveDraft() {
  sessionStorage.setItem(draftKey, JSON.stringify([...new FormData(form)]));
}

function restoreDraft(pairs) {
  form.reset();
  for (const input of form.querySelectorAll("input[type=checkbox], input[type=radio]")) input.checked = false;
  for (const [name, value] of pairs) {
    for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (control.type === "checkbox" || control.type === "radio") control.checked ||= control.value === value;
      else control.value = value;
    }
  }
}

function countNotes() {
  document.getElementById("notes-count").textContent = text.textCount
    .replace("{n}", notes.value.length)
    .replace("{max}", NOTES_MAX);
}

function leave(flash) {
  sessionStorage.removeItem(draftKey);
  if (flash) sessionStorage.setItem("diary:flash", flash);
  location.assign(text.listUrl);
}

form.addEventListener("input", () => {
  saveDraft();
  countNotes();
  if (tried) showErrors(validate());
});
form.addEventListener("change", saveDraft);
// "vor 15 Min." etc.: sets the exact time, which stays editable.
for (const button of document.querySelectorAll("[data-minutes-ago]")) {
  button.addEventListener("click", () => {
    startedInput.value = localInput(new Date(Date.now() - Number(button.dataset.minutesAgo) * 60000));
    startedInput.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  tried = true;
  const errors = validate();
  showErrors(errors);
  const first = form.querySelector("[aria-invalid=true]");
  if (first) return first.focus();
  const button = form.querySelector("[type=submit]");
  button.disabled = true;
  try {
    // Based on the version this page showed (If-Match): never saved over one it did not show.
    await store.save(collect(), id ?? undefined, id ? (entry.change ?? null) : undefined);
    leave("saved");
  } catch (error) {
    button.disabled = false;
    if (error instanceof store.Stale) return stale();
    document.getElementById("save-error").hidden = false;
  }
});

document.getElementById("discard-draft").addEventListener("click", () => {
  sessionStorage.removeItem(draftKey);
  fill(entry?.data ?? { started_at: new Date().toISOString() });
  countNotes();
  document.getElementById("draft").hidden = true;
  startedInput.focus();
});

const dialog = document.getElementById("delete-dialog");
document.getElementById("delete-button").addEventListener("click", () => {
  dialog.returnValue = "";
  dialog.showModal();
});
// The server's reasons, whatever field they are on: {data: {started_at: ["…"]}} → ["…"].
function reasons(errors) {
  if (typeof errors === "string") return [errors];
  return Object.values(errors ?? {}).flatMap(reasons);
}

async function needsAttention() {
  const errors = (await store.rejected())[id];
  if (!errors) return;
  const section = document.getElementById("attention");
  const list = document.getElementById("attention-reasons");
  list.replaceChildren(
    ...reasons(errors).map((reason) => Object.assign(document.createElement("li"), { textContent: reason })),
  );
  section.hidden = false;
  document.getElementById("attention-discard").addEventListener("click", async () => {
    await store.discard(id);
    leave("deleted");
  });
}

dialog.addEventListener("close", async () => {
  if (dialog.returnValue !== "delete") return;
  try {
    await store.remove(id, entry.change ?? null);
  } catch (error) {
    if (error instanceof store.Stale) return stale();
    throw error;
  }
  leave("deleted");
});

// The entry changed since this page loaded it (another tab synced, or saved): say so, keep what
// was typed as the draft, and offer the newer version; nothing is saved over it (finding 4).
function stale() {
  saveDraft();
  const notice = document.getElementById("stale");
  notice.hidden = false;
  notice.querySelector("button").focus();
}
document.getElementById("stale-reload").addEventListener("click", () => location.reload());

async function watch() {
  const now = await store.get(id).catch(() => null);
  if (entry && (now?.change ?? null) !== (entry.change ?? null)) document.getElementById("stale").hidden = false;
}

async function start() {
  if (id) {
    // If the browser refuses storage (some private modes), saving says so; typing still works.
    entry = await store.get(id).catch(() => null);
    if (!entry || entry.deleted) {
      document.getElementById("missing").hidden = false;
      return;
    }
    const title = document.getElementById("entry-title");
    title.textContent = title.dataset.edit;
    document.getElementById("delete").hidden = false;
    if (entry.kept?.length) showConflict(entry, () => sessionStorage.removeItem(draftKey), stale);
    await needsAttention();
    addEventListener("diary:change", watch);
    addEventListener("diary:remote", watch);
  }
  const draft = JSON.parse(sessionStorage.getItem(draftKey) || "null");
  if (draft) {
    restoreDraft(draft);
    document.getElementById("draft").hidden = false;
  } else {
    fill(entry?.data ?? { started_at: new Date().toISOString() });
  }
  startedInput.max = localInput(new Date(Date.now() + CLOCK_SKEW_MS));
  countNotes();
  form.hidden = false;
}

start();
