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
const stages = form.querySelectorAll("[data-stage]");
const outcomes = document.querySelectorAll("[data-outcome]");
const radios = form.querySelectorAll("input[type=radio]");

function stageOf(tier) {
  return form.querySelector('[data-stage="' + tier + '"]');
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
  for (const stage of stages) {
    const tier = stage.dataset.stage;
    const missing = stage.querySelector("[data-missing]");
    missing.hidden = !announce || tier !== result.ask_next;
    // "Ja, eines davon" with no "yes" in the stage yet: ask which one, not for the rest.
    const which = state.admitted.indexOf(tier) >= 0 && !data.flags.some((f) => f.tier === tier && state.answers[f.id] === true);
    missing.querySelector("[data-which]").hidden = !which;
    missing.querySelector("[data-answer]").hidden = which;
    for (const line of missing.querySelectorAll("[data-at-least-tier]")) line.hidden = line.dataset.atLeastTier !== result.at_least;
    missing.querySelector("[data-at-least]").hidden = !result.at_least;
    // Stages up to the one asked next stay visible, so earlier answers can be changed.
    stage.hidden = reached;
    if (tier === result.ask_next) reached = true;
  }
  const next = stageOf(result.ask_next);
  if (next && (announce || next.querySelector("[data-stage-new]"))) {
    next.removeAttribute("data-stage-new");
    const heading = next.querySelector("h2");
    heading.focus();
    heading.scrollIntoView({ block: "start" }); // under the sticky bar, thanks to scroll-margin-top
  }
}

function update(announce) {
  const state = given();
  const result = evaluate(data, state.answers, state.admitted);
  if (result.tier) showOutcome(result);
  else showStage(result, announce, state);
  return result;
}

function openQuestions(stage) {
  stage.querySelector("[data-questions]").hidden = false;
  stage.querySelector(".question input").focus();
}

function answered(event) {
  const target = event.target;
  const stage = target.closest("[data-stage]");
  if (stage && target.name === "stage-" + stage.dataset.stage) {
    // "Nichts davon" ticks no radio: it answers "no" for the open questions of its stage as
    // long as it is chosen (formAnswers), and "Ja, eines davon" takes that back by replacing it.
    if (target.value === "some") openQuestions(stage);
    else stage.querySelector("[data-questions]").hidden = true;
  }
  for (const later of stages) if (later.hidden) later.setAttribute("data-stage-new", "");
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
  if (!result.tier) openQuestions(stageOf(result.ask_next));
});

for (const link of document.querySelectorAll('[data-action="change"]')) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    for (const section of outcomes) section.hidden = true;
    for (const stage of stages) stage.hidden = false;
    questions.hidden = false;
    stages[0].querySelector("h2").focus();
  });
}

// Staged only once everything above has worked: until then the whole form stays visible.
for (const stage of stages) {
  const open = stage.querySelector('input[value="some"]:checked') || stage.querySelector('.question input[value="yes"]:checked');
  stage.querySelector("[data-questions]").hidden = !open;
}
if (questions.hidden === false) {
  const state = given();
  showStage(evaluate(data, state.answers, state.admitted), false, state);
}
form.classList.add("staged");
