// "Das kannst du am Telefon sagen": the handover card of the emergency and "today" outcomes, in
// the order a German dispatcher asks (MEDICAL.md, five W): where, since when, every "yes" sign,
// what was done (heat or cold, from the flow record), pain now, age. Reads it aloud or copies
// it. Its own module, so that a failure here can never stop the check; old-phone JavaScript
// only (Safari 14, Chrome 80), like the rest of the safety path.
//
// "Where" and the age stay on this phone (localStorage) and never go into the diary note
// (sessionStorage "handover", end-save.js), which may sync to the server. "Since when" and the
// pain belong to this episode (sessionStorage).
import { formAnswers } from "./triage.js";

const lang = document.documentElement.lang;
const KEPT = { where: "localStorage", age: "localStorage", since: "sessionStorage", pain: "sessionStorage" };

function json(id) {
  const element = document.getElementById(id);
  try {
    return element ? JSON.parse(element.textContent) : null;
  } catch (error) {
    return null;
  }
}

function stored(storage, key) {
  try {
    return window[storage].getItem(key);
  } catch (error) {
    return null; // storage refused (private mode): the card on screen still works
  }
}

function store(storage, key, value) {
  try {
    window[storage].setItem(key, value);
  } catch (error) {
    // as above
  }
}

// One line per item; a field's line only once it has a value. Private lines (where, age) are
// left out of the copy for the diary.
function text(card, forDiary) {
  const lines = [card.querySelector("h2").textContent + ":"];
  const items = card.querySelector("[data-handover-text]").children;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (item.hidden || (forDiary && item.hasAttribute("data-private"))) continue;
    const field = item.querySelector("[data-handover-field]");
    const list = item.querySelector("ul");
    if (field) {
      const value = field.tagName === "SELECT" ? (field.value ? field.options[field.selectedIndex].text : "") : field.value.trim();
      if (value) lines.push(item.querySelector("label").textContent.trim() + " " + value);
    } else if (list) {
      const signs = [];
      for (const sign of list.children) signs.push(sign.textContent.trim());
      if (signs.length) lines.push(item.firstChild.textContent.trim() + " " + signs.join("; "));
    } else lines.push(item.textContent.replace(/\s+/g, " ").trim());
  }
  return lines.join("\n");
}

// Every "yes" of the check's form, of every tier, by its short label, with the self-tests
// applied (triage.js formAnswers, the same rules the check evaluates): a foot that drops in the
// heel-toe test is on the card like a tapped "Ja". The outcome's own reasons when the form
// cannot be read.
function yesLabels(fallback) {
  const data = json("triage-data");
  const form = document.getElementById("redflag-form");
  const labels = [];
  if (data && form) {
    const fields = {};
    const radios = form.querySelectorAll("input[type=radio]");
    for (let i = 0; i < radios.length; i += 1) if (radios[i].checked) fields[radios[i].name] = radios[i].value;
    const answers = formAnswers(data, fields);
    for (const flag of data.flags) {
      const label = document.getElementById("label-" + flag.id);
      if (answers[flag.id] === true && label) labels.push(label.textContent.trim());
    }
  }
  return labels.length ? labels : fallback || [];
}

// What was actually used in the guided flow: the steps' titles, heat or cold by name.
function done(card) {
  const titles = json("step-titles") || {};
  let flow = null;
  try {
    flow = JSON.parse(sessionStorage.getItem("flow"));
  } catch (error) {
    flow = null;
  }
  const line = card.querySelector("[data-handover-steps]");
  const used = [];
  const steps = (flow && flow.steps) || {};
  const option = flow && flow.option ? line.getAttribute("data-option-" + flow.option) : null;
  for (const id of Object.keys(steps)) {
    if (id === line.getAttribute("data-choice") && option) used.push(option);
    else if (titles[id]) used.push(titles[id]);
  }
  return used;
}

function fill(card, labels) {
  for (const field of card.querySelectorAll("[data-handover-field]")) {
    const name = field.getAttribute("data-handover-field");
    field.value = stored(KEPT[name], "handover-" + name) || "";
  }
  const used = done(card);
  const stepsLine = card.querySelector("[data-handover-steps]");
  stepsLine.querySelector("[data-steps]").textContent = used.join(", ");
  stepsLine.hidden = used.length === 0;
  if (labels) {
    const list = card.querySelector("[data-handover-reasons]");
    list.textContent = "";
    for (const label of labels) list.appendChild(document.createElement("li")).textContent = label;
  }
}

// The card without "where" and age goes into the diary entry of this episode (end-save.js).
function keep(card) {
  store("sessionStorage", "handover", text(card, true));
}

function status(card, message) {
  card.querySelector("[data-handover-status]").textContent = message;
}

const cards = document.querySelectorAll("[data-handover]");

for (const card of cards) {
  const actions = card.querySelector("[data-handover-actions]");
  const readButton = card.querySelector("[data-handover-read]");
  readButton.hidden = !("speechSynthesis" in window);
  readButton.addEventListener("click", function () {
    const utterance = new SpeechSynthesisUtterance(text(card, false));
    utterance.lang = lang;
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
  });
  const copyButton = card.querySelector("[data-handover-copy]");
  copyButton.hidden = !(navigator.clipboard && navigator.clipboard.writeText);
  copyButton.addEventListener("click", function () {
    navigator.clipboard.writeText(text(card, false)).then(function () {
      status(card, card.querySelector("[data-handover-status]").getAttribute("data-copied"));
    });
  });
  for (const field of card.querySelectorAll("[data-handover-field]")) {
    const name = field.getAttribute("data-handover-field");
    const save = function () {
      store(KEPT[name], "handover-" + name, field.value);
      keep(card);
    };
    field.addEventListener("change", save);
    field.addEventListener("input", save);
  }
  actions.hidden = false;
  fill(card);
  if (!card.closest("[hidden]")) keep(card);
}

document.addEventListener("redflag:outcome", function (event) {
  const card = event.target.querySelector("[data-handover]");
  if (card) {
    fill(card, yesLabels(event.detail && event.detail.labels));
    keep(card);
  }
});
