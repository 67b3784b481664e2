// "Im Tagebuch speichern" on the end screen: one diary entry from this first-aid session
// (what flow-record.js noted), with the pain before and now. Works offline: the diary lives on
// the device (diary-store.js); diary-autosync.js sends it when there is an account and a network.
import * as store from "./diary-store.js";

const section = document.getElementById("end-save");
const form = document.getElementById("end-save-form");
const text = section.dataset;
const choices = JSON.parse(document.getElementById("diary-choices").textContent || "null") || {};
const TIERS = ["emergency", "today", "soon", "selfcare"];

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

const flow = read("flow");

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
  return Number.isNaN(since) ? null : Math.min(1440, Math.max(0, Math.round((Date.now() - since) / 60000)));
}

// The last red-flag check of this session (redflag-check.js), if it gave an outcome.
function redflag() {
  const result = read("redflag-result");
  if (!TIERS.includes(result?.tier) || !Array.isArray(result.reasons)) return null;
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

function saved(id, announce) {
  form.hidden = true;
  const link = section.querySelector("[data-saved-link]");
  link.href = `${text.entryUrl}?id=${encodeURIComponent(id)}`;
  link.hidden = false;
  const message = section.querySelector("[data-saved-message]");
  message.textContent = message.dataset.text;
  if (announce) link.focus();
}

function show() {
  const list = section.querySelector("[data-measures]");
  const chosen = measures();
  list.replaceChildren(
    ...chosen.map((id) => {
      const item = document.createElement("li");
      item.textContent = choices.measures[id];
      return item;
    }),
  );
  list.hidden = !chosen.length;
  section.querySelector("[data-no-measures]").hidden = chosen.length > 0;
  const spent = minutes();
  section.querySelector("[data-time]").hidden = spent === null;
  const words = [text.textMinuteZero, text.textMinute][spent] ?? text.textMinutes;
  section.querySelector("[data-minutes]").textContent = words.replace("{n}", spent);
  section.hidden = false;
  if (flow?.saved) saved(flow.saved, false);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const before = level("before");
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
  if (before === null) return form.querySelector('[name="before"]').focus();
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
  // Remember it, so a reload shows "saved" and the next first aid starts a new session.
  sessionStorage.setItem("flow", JSON.stringify({ ...(flow ?? { started_at: startedAt, steps: {} }), saved: entry.id }));
  saved(entry.id, true);
});

if ("indexedDB" in window) show();
