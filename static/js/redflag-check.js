// The staged warning-sign check: emergency signs first, then "today", then "soon". Each stage
// has "Nichts davon" (every open question of the stage is "no") and "Ja, eines davon" (opens its
// single questions). Evaluated offline with triage.js; a "yes" to an emergency sign shows the
// call at once.
//
// This is the safety path. It uses only long-supported JavaScript (Safari 14, Chrome 80), the
// page is staged only once the script has run, and if a handler throws, the form is sent to the
// server, which evaluates the same rules (firstaid/triage.py).
import { applySelftests, evaluate } from "./triage.js";

const data = JSON.parse(document.getElementById("triage-data").textContent);
const form = document.getElementById("redflag-form");
const questions = document.getElementById("questions");
const stages = form.querySelectorAll("[data-stage]");
const outcomes = document.querySelectorAll("[data-outcome]");

function stageOf(tier) {
  return form.querySelector('[data-stage="' + tier + '"]');
}

function given() {
  const answers = {};
  for (const flag of data.flags) {
    const value = form.elements[flag.id].value;
    if (value) answers[flag.id] = value === "yes";
  }
  const results = {};
  for (const test of data.selftests) results[test.id] = form.elements["selftest-" + test.id].value;
  return applySelftests(data.selftests, results, answers);
}

// Ticks the radios, so the page shows what the evaluation used and a POST sends the same.
function tick(answers) {
  for (const flag of data.flags) {
    if (typeof answers[flag.id] !== "boolean") continue;
    document.getElementById(flag.id + (answers[flag.id] ? "-yes" : "-no")).checked = true;
  }
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
function showStage(result, announce) {
  let reached = false;
  for (const stage of stages) {
    const tier = stage.dataset.stage;
    const missing = stage.querySelector("[data-missing]");
    missing.hidden = !announce || tier !== result.ask_next;
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
  const answers = given();
  const result = evaluate(data, answers);
  tick(answers);
  if (result.tier) showOutcome(result);
  else showStage(result, announce);
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
    if (target.value === "some") return openQuestions(stage);
    // "Nichts davon": every open question of this stage is "no"; a "yes" given stays.
    for (const fieldset of stage.querySelectorAll(".question")) {
      const no = fieldset.querySelector('input[value="no"]');
      if (!fieldset.querySelector("input:checked")) no.checked = true;
    }
    stage.querySelector("[data-questions]").hidden = true;
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
if (questions.hidden === false) showStage(evaluate(data, given()), false);
form.classList.add("staged");
