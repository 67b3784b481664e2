// The breathing pacer: a circle that grows while breathing in and shrinks while breathing out
// (about 40 % in, 60 % out), with optional vibration and spoken cues. It runs with the
// step's timer. With reduced motion the circle does not move; the words still change.
import { keepScreenOn, allowScreenOff } from "./wake-lock.js";

const pacer = document.querySelector("[data-pacer]");
const circle = pacer.querySelector(".pacer-circle");
const phase = pacer.querySelector("[data-phase]");
const paceSelect = pacer.querySelector("[data-pace-select]");
const vibrate = pacer.querySelector("[data-vibrate]");
const voice = pacer.querySelector("[data-voice]");
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
const text = pacer.dataset;
let timeout = null;

for (const [input, key] of [[vibrate, "pacer:vibrate"], [voice, "pacer:voice"]]) {
  input.checked = localStorage.getItem(key) === "1";
  input.addEventListener("change", () => localStorage.setItem(key, input.checked ? "1" : "0"));
}
paceSelect.value = localStorage.getItem("pacer:pace") || paceSelect.value;
paceSelect.addEventListener("change", () => localStorage.setItem("pacer:pace", paceSelect.value));

function cue(word) {
  phase.textContent = word;
  if (vibrate.checked && navigator.vibrate) navigator.vibrate(60);
  if (voice.checked && "speechSynthesis" in window) {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(word);
    utterance.lang = document.documentElement.lang;
    utterance.rate = 0.8;
    speechSynthesis.speak(utterance);
  }
}

function breathe(inhaling) {
  const cycle = 60000 / Number(paceSelect.value);
  const length = inhaling ? cycle * 0.4 : cycle * 0.6;
  circle.style.transitionDuration = reducedMotion.matches ? "0s" : `${length}ms`;
  circle.classList.toggle("in", inhaling);
  cue(inhaling ? text.textIn : text.textOut);
  timeout = setTimeout(() => breathe(!inhaling), length);
}

function stop() {
  clearTimeout(timeout);
  timeout = null;
  circle.classList.remove("in");
  phase.textContent = text.textReady;
  allowScreenOff(pacer);
}

const step = pacer.closest(".step");
step.addEventListener("timer:start", () => {
  if (timeout) return;
  keepScreenOn(pacer);
  breathe(true);
});
for (const name of ["pause", "reset", "done"]) step.addEventListener(`timer:${name}`, stop);
