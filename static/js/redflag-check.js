// The staged warning-sign check: emergency signs first, then "today", then "soon". Each stage
// has "Nichts davon" (every open question of the stage is "no") and "Ja, eines davon" (opens its
// single questions). Evaluated offline with triage.js; a "yes" to an emergency sign shows the
// call at once.
//
// This is the safety path. It uses only long-supported JavaScript (Safari 14, Chrome 80), the
// page is staged only once the script has run, and if a handler throws, the form is sent to the
// server, which evaluates the same rules (firstaid/triage.py).
import { evaluate, formAdmitted, formAnswers } from "./triage.js";

const data = JSON.parse(document.getElementById("triage-data").textContent);
const form = document.getElementById("redflag-form");
const questions = document.getElementById("questions");
const outcomes = document.querySelectorAll("[data-outcome]");
const radios = form.querySelectorAll("input[type=radio]");
// Each stage's parts, looked up once: an old phone redraws the check on every tap.
const stages = Array.prototype.map.call(form.querySelectorAll("[data-stage]"), (stage) => {
  const missing = stage.querySelector("[data-missing]");
  return {
    stage: stage,
    tier: stage.dataset.stage,
    heading: stage.querySelector("h2"),
    questions: stage.querySelector("[data-questions]"),
    missing: missing,
    which: missing.querySelector("[data-which]"),
    answer: missing.querySelector("[data-answer]"),
    atLeast: missing.querySelector("[data-at-least]"),
    lines: missing.querySelectorAll("[data-at-least-tier]"),
    fresh: false, // shown anew since the last tap: its heading gets the focus
  };
});

function partOf(tier) {
  return stages.filter((part) => part.tier === tier)[0];
}

// The form as it is now, as a POST would send it. The question radios hold only what the person
// tapped: "Nichts davon" and the self-tests fill in from their own radios (triage.js formAnswers),
// so taking one back takes back exactly what it filled, also after Back or a reload.
function fields() {
  const values = {};
  for (const radio of radios) if (radio.checked) values[radio.name] = radio.value;
  return values;
}

function given() {
  const state = fields();
  return { answers: formAnswers(data, state), admitted: formAdmitted(data, state) };
}

function remember(result) {
  try {
    // The diary's one-tap save after first aid records the outcome (end-save.js).
    sessionStorage.setItem("redflag-result", JSON.stringify({ tier: result.tier, reasons: result.reasons }));
  } catch (error) {
    // Storage can be full or refused (private mode): the outcome matters more than the note.
  }
}

function showOutcome(result) {
  remember(result);
  questions.hidden = true;
  for (const section of outcomes) {
    section.hidden = section.dataset.outcome !== result.tier;
    if (section.hidden) continue;
    const labels = result.reasons.map((id) => document.getElementById("label-" + id).textContent);
    const reasons = section.querySelector("[data-reasons]");
    if (reasons) {
      reasons.textContent = "";
      for (const label of labels) reasons.appendChild(document.createElement("li")).textContent = label;
    }
    section.dispatchEvent(new CustomEvent("redflag:outcome", { bubbles: true, detail: { labels: labels } }));
    scrollTo(0, 0);
    section.focus();
  }
}

// Leads to the most urgent stage with open questions, saying what is already certain.
function showStage(result, announce, state) {
  let reached = false;
  for (const part of stages) {
    const tier = part.tier;
    part.missing.hidden = !announce || tier !== result.ask_next;
    // "Ja, eines davon" with no "yes" in the stage yet: ask which one, not for the rest.
    const which = state.admitted.indexOf(tier) >= 0 && !data.flags.some((f) => f.tier === tier && state.answers[f.id] === true);
    part.which.hidden = !which;
    part.answer.hidden = which;
    for (const line of part.lines) line.hidden = line.dataset.atLeastTier !== result.at_least;
    part.atLeast.hidden = !result.at_least;
    // Stages up to the one asked next stay visible, so earlier answers can be changed.
    part.stage.hidden = reached;
    if (tier === result.ask_next) reached = true;
  }
  const next = partOf(result.ask_next);
  if (next && (announce || next.fresh)) {
    next.fresh = false;
    next.heading.focus();
    next.heading.scrollIntoView({ block: "start" }); // under the sticky bar, thanks to scroll-margin-top
  }
}

function update(announce) {
  const state = given();
  const result = evaluate(data, state.answers, state.admitted);
  if (result.tier) showOutcome(result);
  else showStage(result, announce, state);
  return result;
}

function openQuestions(part) {
  part.questions.hidden = false;
  part.questions.querySelector("input").focus();
}

function answered(event) {
  const target = event.target;
  const part = partOf(target.name.replace("stage-", ""));
  if (part && target.name === "stage-" + part.tier) {
    // "Nichts davon" ticks no radio: it answers "no" for the open questions of its stage as
    // long as it is chosen (formAnswers), and "Ja, eines davon" takes that back by replacing it.
    if (target.value === "some") openQuestions(part);
    else part.questions.hidden = true;
  }
  for (const later of stages) if (later.stage.hidden) later.fresh = true;
  update(false);
}

form.addEventListener("change", (event) => {
  try {
    answered(event);
  } catch (error) {
    form.submit(); // the server evaluates the same rules; a "yes" must never go unseen
  }
});

form.addEventListener("submit", (event) => {
  let result;
  try {
    result = update(true);
  } catch (error) {
    return; // the server evaluates the form instead
  }
  event.preventDefault();
  // The open questions show, but focus and scroll stay on the stage's heading and its notice
  // (showStage): on the first question the person saw no reason why nothing happened.
  if (!result.tier) partOf(result.ask_next).questions.hidden = false;
});

for (const link of document.querySelectorAll('[data-action="change"]')) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    for (const section of outcomes) section.hidden = true;
    for (const part of stages) part.stage.hidden = false;
    questions.hidden = false;
    stages[0].heading.focus();
  });
}

// Staged only once everything above has worked: until then the whole form stays visible. After
// Back or a reload the browser has put the radios back; the stages open from them alone.
const restored = fields();
for (const part of stages) {
  const yes = data.flags.some((f) => f.tier === part.tier && restored[f.id] === "yes");
  part.questions.hidden = !(restored["stage-" + part.tier] === "some" || yes);
}
if (questions.hidden === false) {
  const state = given();
  showStage(evaluate(data, state.answers, state.admitted), false, state);
}
form.classList.add("staged");
