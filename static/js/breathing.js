// Breathing focus mode: the step's timer opens a dimmed full screen, a shape growing (40 %)
// and shrinking (60 %), the phase with a count, "Beenden" (also Escape and back). Optional
// tone, voice, vibration (only where it exists). Reduced motion: a filling bar, no scaling.
import { keepScreenOn, allowScreenOff } from "./wake-lock.js";
import { chime } from "./tone.js";

const pacer = document.querySelector("[data-pacer]");
const focus = pacer.querySelector("[data-focus]");
const timer = pacer.querySelector("[data-timer]");
const circle = focus.querySelector(".pacer-circle");
const phase = focus.querySelector("[data-phase]");
const count = focus.querySelector("[data-count]");
const bar = focus.querySelector("[data-bar]");
const time = focus.querySelector("[data-focus-time]");
const paceSelect = focus.querySelector("[data-pace-select]");
const [tone, voice, vibrate] = ["tone", "voice", "vibrate"].map((name) => focus.querySelector(`[data-${name}]`));
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
const text = pacer.dataset;
let timeout = null;
let ticker = null;
let phaseStart = 0;
let phaseLength = 0;
let opener = null;
let ownBack = false; // the history step back that close() takes itself

focus.querySelector("[data-vibrate-label]").hidden = !navigator.vibrate;
for (const [input, key] of [[tone, "pacer:tone"], [voice, "pacer:voice"], [vibrate, "pacer:vibrate"]]) {
  input.checked = localStorage.getItem(key) === "1";
  input.addEventListener("change", () => localStorage.setItem(key, input.checked ? "1" : "0"));
}
paceSelect.value = localStorage.getItem("pacer:pace") || paceSelect.value;
paceSelect.addEventListener("change", () => localStorage.setItem("pacer:pace", paceSelect.value));

function cue(word, inhaling) {
  phase.textContent = word;
  if (tone.checked) chime([inhaling ? 440 : 330], 0.08);
  if (vibrate.checked && navigator.vibrate) navigator.vibrate(60);
  if (voice.checked && "speechSynthesis" in window) {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(word);
    utterance.lang = document.documentElement.lang;
    utterance.rate = 0.8;
    speechSynthesis.speak(utterance);
  }
}

// The count (4·3·2·1), the bar and the time left, a few times a second.
function update() {
  const left = phaseLength - (Date.now() - phaseStart);
  count.textContent = Math.max(1, Math.ceil(left / 1000));
  bar.style.width = `${Math.min(100, (100 * (phaseLength - left)) / phaseLength)}%`;
  time.textContent = timer.querySelector("[data-remaining]").textContent;
}

function breathe(inhaling) {
  const cycle = 60000 / Number(paceSelect.value);
  phaseLength = inhaling ? cycle * 0.4 : cycle * 0.6;
  phaseStart = Date.now();
  circle.style.transitionDuration = reducedMotion.matches ? "0s" : `${phaseLength}ms`;
  circle.classList.toggle("in", inhaling);
  cue(inhaling ? text.textIn : text.textOut, inhaling);
  update();
  timeout = setTimeout(() => breathe(!inhaling), phaseLength);
}

const isOpen = () => focus.hasAttribute("open");
const modal = typeof focus.showModal === "function";

// Without showModal (Safari < 15.4): the page around made inert by hand (where inert exists).
function inertAround(on) {
  for (let el = focus; el.parentElement !== document.documentElement; el = el.parentElement) {
    for (const sibling of el.parentElement.children) if (sibling !== el) sibling.inert = on;
  }
}

function open() {
  if (isOpen()) return;
  opener = document.activeElement;
  if (modal) focus.showModal();
  else {
    focus.setAttribute("open", "");
    inertAround(true);
  }
  document.body.classList.add("focus-open");
  // The back gesture closes the focus mode instead of leaving the step.
  history.pushState({ focus: true }, "");
  focus.querySelector("[data-end]").focus();
}

function close(viaHistory = false) {
  if (!isOpen()) return;
  if (modal) focus.close();
  else {
    focus.removeAttribute("open");
    inertAround(false);
  }
  document.body.classList.remove("focus-open");
  if (!viaHistory && history.state?.focus) {
    ownBack = true;
    history.back();
  }
  opener?.focus();
}

// Tab and Shift+Tab go round inside the focus mode, never out to the browser or the page.
function trapTab(event) {
  const stops = [...focus.querySelectorAll("summary, select, input, button")].filter((el) => el.offsetParent !== null);
  const at = stops.indexOf(document.activeElement);
  if (event.shiftKey ? at <= 0 : at < 0 || at === stops.length - 1) {
    event.preventDefault();
    stops[event.shiftKey ? stops.length - 1 : 0].focus();
  }
}

function begin() {
  if (timeout) return;
  keepScreenOn(pacer);
  open();
  ticker = setInterval(update, 200);
  breathe(true);
}

function stop() {
  clearTimeout(timeout);
  clearInterval(ticker);
  timeout = null;
  circle.classList.remove("in");
  phase.textContent = text.textReady;
  count.textContent = "";
  allowScreenOff(pacer);
}

function end(viaHistory = false) {
  if (timer.classList.contains("running")) timer.querySelector('[data-action="toggle"]').click();
  close(viaHistory);
}

timer.addEventListener("timer:start", begin);
for (const name of ["pause", "reset"]) timer.addEventListener(`timer:${name}`, stop);
timer.addEventListener("timer:done", () => {
  stop();
  close();
});
focus.querySelector("[data-end]").addEventListener("click", () => end());
focus.addEventListener("keydown", (event) => {
  if (event.key === "Escape") end();
  if (event.key === "Tab") trapTab(event);
});
// Escape or Android's back button would close the <dialog> by itself ("cancel"): end properly.
focus.addEventListener("cancel", (event) => {
  event.preventDefault();
  end();
});
addEventListener("popstate", () => {
  if (ownBack) ownBack = false;
  else if (isOpen()) end(true);
});
// timer.js ran first: a timer already running (a reload, or "#start") opens the focus mode now.
if (timer.classList.contains("running")) begin();
