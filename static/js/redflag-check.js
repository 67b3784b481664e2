// The warning-sign check on the page: evaluates the answers offline with triage.js and shows
// one outcome. A "yes" to an emergency sign shows the emergency outcome at once.
import { evaluate } from "./triage.js";

const flags = JSON.parse(document.getElementById("triage-data").textContent);
const form = document.getElementById("redflag-form");
const questions = document.getElementById("questions");
const missing = document.getElementById("missing");
const outcomes = document.querySelectorAll("[data-outcome]");

function answers() {
  const given = {};
  for (const flag of flags) {
    const value = form.elements[flag.id].value;
    if (value) given[flag.id] = value === "yes";
  }
  return given;
}

function show(result) {
  // The diary's one-tap save after first aid records the outcome (diary-entry "redflag").
  sessionStorage.setItem("redflag-result", JSON.stringify({ tier: result.tier, reasons: result.reasons }));
  questions.hidden = true;
  for (const section of outcomes) {
    section.hidden = section.dataset.outcome !== result.tier;
    if (section.hidden) continue;
    const reasons = section.querySelector("[data-reasons]");
    if (reasons) {
      reasons.replaceChildren(
        ...result.reasons.map((id) => {
          const item = document.createElement("li");
          item.textContent = document.getElementById(`q-${id}`).dataset.label;
          return item;
        }),
      );
    }
    section.querySelector("[data-unanswered]").hidden = result.unanswered.length === 0;
    scrollTo(0, 0);
    section.focus();
  }
}

function showQuestions() {
  for (const section of outcomes) section.hidden = true;
  questions.hidden = false;
  missing.hidden = true;
  form.querySelector("input").focus();
}

form.addEventListener("change", (event) => {
  if (event.target.value === "yes" && event.target.closest('[data-tier="emergency"]')) {
    show(evaluate(flags, answers()));
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const result = evaluate(flags, answers());
  if (result.tier) return show(result);
  const count = result.unanswered.length;
  const text = missing.dataset[count === 1 ? "one" : "many"].replace("{n}", count);
  missing.querySelector("[data-missing-count]").textContent = text;
  missing.hidden = false;
  document.getElementById(`q-${result.unanswered[0]}`).querySelector("input").focus();
});

for (const link of document.querySelectorAll('[data-action="change"]')) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    showQuestions();
  });
}
