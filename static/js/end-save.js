// "Speichern & fertig" on the end screen: one diary entry from this first-aid session (what
// flow-record.js noted: steps, times, the pain before), with the pain now and the last
// warning-sign result, then home. Works offline: the diary lives on the device (diary-store.js);
// diary-autosync.js sends it when there is an account and a network.
import * as store from "./diary-store.js";

const section = document.getElementById("end-save");
const form = document.getElementById("end-save-form");
const text = section.dataset;
const choices = JSON.parse(document.getElementById("diary-choices").textContent || "null") || {};

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

const flow = read("flow");
const painBefore = Number.isInteger(flow?.pain_before) ? flow.pain_before : null;

// Diary measures of the steps used, in the diary's order; a choice's (cold or heat) is the
// measure of the option chosen.
function measures() {
  const steps = choices.step_measures ?? {};
  const used = new Set();
  for (const [step, state] of Object.entries(flow?.steps ?? {})) {
    const measure = steps[step];
    if (state?.used && measure) used.add(typeof measure === "string" ? measure : measure[flow.option]);
  }
  return Object.keys(choices.measures ?? {}).filter((id) => used.has(id));
}

function minutes() {
  const since = Date.parse(flow?.started_at);
  return Number.isNaN(since) ? null : Math.min(choices.duration_max, Math.max(0, Math.round((Date.now() - since) / 60000)));
}

// The last red-flag check of this session (redflag-check.js), if it gave an outcome.
function redflag() {
  const result = read("redflag-result");
  if (!(choices.tiers ?? []).includes(result?.tier) || !Array.isArray(result.reasons)) return null;
  return { tier: result.tier, reasons: result.reasons.filter((reason) => typeof reason === "string") };
}

// What the last emergency or "today" outcome suggested saying on the phone (handover.js), kept
// as the entry's note; the diary allows 2,000 characters.
function handover() {
  const result = redflag();
  if (!result || (result.tier !== "emergency" && result.tier !== "today")) return "";
  return (sessionStorage.getItem("handover") || "").slice(0, 2000);
}

function level(name) {
  const value = form.elements[name].value;
  return value ? Number(value) : null;
}

function show() {
  const chosen = measures();
  section.querySelector("[data-measures]").textContent = chosen.map((id) => choices.measures[id]).join(", ");
  const spent = minutes();
  section.querySelector("[data-time]").hidden = spent === null;
  const words = [text.textMinuteZero, text.textMinute][spent] ?? text.textMinutes;
  section.querySelector("[data-minutes]").textContent = words.replace("{n}", spent);
  // Asked at the start; only if skipped there is it asked here, from memory.
  section.querySelector("[data-before-missing]").hidden = painBefore !== null;
  section.hidden = false;
  document.querySelector("[data-plain-done]").hidden = true;
  if (flow?.saved) {
    form.hidden = true;
    const message = section.querySelector("[data-saved-message]");
    message.textContent = message.dataset.text;
  }
}

// The diary needs the pain before; without it the row says so and takes the focus.
function checkBefore(before) {
  const error = document.getElementById("before-error");
  error.hidden = before !== null;
  for (const input of form.querySelectorAll('[name="before"]')) {
    if (before === null) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }
  if (before === null) form.querySelector('[name="before"]').focus();
  return before !== null;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const before = painBefore ?? level("before");
  if (!checkBefore(before)) return;
  const startedAt = flow?.started_at ?? new Date().toISOString();
  const entry = await store.save({
    started_at: startedAt,
    duration_minutes: minutes(),
    intensity: before,
    intensity_after: level("now"),
    regions: [],
    triggers: [],
    measures: measures().map((id) => ({ id, helped: null })),
    redflag: redflag(),
    notes: handover(),
  });
  // Remember it, so the next first aid starts a new session.
  sessionStorage.setItem("flow", JSON.stringify({ ...(flow ?? { started_at: startedAt, steps: {} }), saved: entry.id }));
  const message = section.querySelector("[data-saved-message]");
  message.textContent = message.dataset.text;
  location.assign(text.homeUrl);
});

if ("indexedDB" in window) show();
