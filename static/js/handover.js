// "Das kannst du am Telefon sagen": fills the handover card of the emergency and "today"
// outcomes with what this device knows (when the first aid started, the steps used), and reads
// it aloud or copies it. Its own module, so that a failure here can never stop the check.
const steps = JSON.parse(document.getElementById("step-titles").textContent);
const lang = document.documentElement.lang;

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch (error) {
    return null;
  }
}

function text(card) {
  const lines = [card.querySelector("h2").textContent + ":"];
  for (const item of card.querySelectorAll("[data-handover-text] > li")) {
    if (item.hidden) continue;
    const pain = item.querySelector("select");
    if (pain) {
      if (pain.value) lines.push(item.querySelector("label").textContent.trim() + " " + pain.value);
    } else lines.push(item.textContent.replace(/\s+/g, " ").trim());
  }
  return lines.join("\n");
}

function fill(card, labels) {
  const flow = read("flow") || {};
  const since = new Date(flow.started_at);
  const sinceLine = card.querySelector("[data-handover-since]");
  if (!isNaN(since)) {
    sinceLine.querySelector("[data-since]").textContent = since.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    sinceLine.hidden = false;
  }
  const used = Object.keys(flow.steps || {}).filter((id) => steps[id]).map((id) => steps[id]);
  const stepsLine = card.querySelector("[data-handover-steps]");
  stepsLine.querySelector("[data-steps]").textContent = used.join(", ");
  stepsLine.hidden = used.length === 0;
  if (labels) card.querySelector("[data-handover-reasons]").textContent = labels.join("; ");
  const pain = card.querySelector("[data-handover-pain]");
  pain.value = sessionStorage.getItem("handover-pain") || "";
}

// The card goes into the diary entry of this episode as its note (end-save.js).
function keep(card) {
  try {
    sessionStorage.setItem("handover", text(card));
  } catch (error) {
    // Storage refused (private mode): the card on screen still works.
  }
}

function status(card, message) {
  card.querySelector("[data-handover-status]").textContent = message;
}

for (const card of document.querySelectorAll("[data-handover]")) {
  const actions = card.querySelector("[data-handover-actions]");
  const readButton = card.querySelector("[data-handover-read]");
  readButton.hidden = !("speechSynthesis" in window);
  readButton.addEventListener("click", () => {
    const utterance = new SpeechSynthesisUtterance(text(card));
    utterance.lang = lang;
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
  });
  const copyButton = card.querySelector("[data-handover-copy]");
  copyButton.hidden = !(navigator.clipboard && navigator.clipboard.writeText);
  copyButton.addEventListener("click", () => {
    navigator.clipboard.writeText(text(card)).then(() => status(card, card.querySelector("[data-handover-status]").dataset.copied));
  });
  card.querySelector("[data-handover-pain]").addEventListener("change", (event) => {
    sessionStorage.setItem("handover-pain", event.target.value);
    keep(card);
  });
  actions.hidden = false;
  fill(card);
  if (!card.closest("[hidden]")) keep(card);
}

document.addEventListener("redflag:outcome", (event) => {
  const card = event.target.querySelector("[data-handover]");
  if (card) {
    fill(card, event.detail.labels);
    keep(card);
  }
});
