// Drives the shipped warning-sign check (static/js/redflag-check.js with triage.js) on the page
// the server rendered, in jsdom, with real click, change and submit events: one tap sequence
// after another, each on a freshly loaded page. Used by tests/firstaid/test_check_sequences.py.
//
// stdin: {html, url, module, sequences: [[step, …], …]}; a step is one of
//   ["stage", tier, "none" | "some"]  ["answer", flag id, "yes" | "no"]
//   ["test", test id, result id or ""]  ["submit"]  ["change"]  ["reload"]
// stdout: per sequence, per step {applied, outcome, radios, threw}: whether the tap was possible
// (its target was on the screen), the outcome shown, every checked radio, and whether a handler
// threw (the page then sends the form to the server).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { JSDOM } from "jsdom";

const input = JSON.parse(readFileSync(0, "utf8"));
const dom = new JSDOM(input.html, { url: input.url });
const { window } = dom;
const moduleUrl = pathToFileURL(input.module).href;
let loads = 0;
let threw = false;

window.Element.prototype.scrollIntoView = function () {};
window.HTMLFormElement.prototype.submit = function () {
  threw = true;
};
globalThis.window = window;
globalThis.document = window.document;
globalThis.sessionStorage = window.sessionStorage;
globalThis.CustomEvent = window.CustomEvent;
globalThis.scrollTo = function () {};

// A fresh page costs 50 ms in jsdom (parse or clone); 2,000 sequences need it faster. So the one
// page is put back as the server sent it: the listeners the last run of the module added are
// removed, every attribute and radio is restored, and the lists it filled are emptied.
// load() checks that the result is the page as parsed.
const listeners = [];
const addEventListener = window.EventTarget.prototype.addEventListener;
window.EventTarget.prototype.addEventListener = function (type, handler, options) {
  listeners.push([this, type, handler, options]);
  return addEventListener.call(this, type, handler, options);
};
const elements = [...window.document.querySelectorAll("*")];
const attributes = elements.map((element) => [...element.attributes].map((a) => [a.name, a.value]));
const filled = [...window.document.querySelectorAll("[data-reasons]")].map((list) => [list, list.innerHTML]);
const pristine = window.document.documentElement.outerHTML;
// The same elements all along (the page is reset, not parsed again), so they are looked up once.
const allRadios = [...window.document.querySelectorAll('input[type="radio"]')];
const sections = [...window.document.querySelectorAll("[data-outcome]")];

function reset() {
  for (const [target, type, handler, options] of listeners.splice(0)) target.removeEventListener(type, handler, options);
  elements.forEach((element, index) => {
    const wanted = attributes[index];
    for (const name of element.getAttributeNames()) {
      if (!wanted.some((a) => a[0] === name)) element.removeAttribute(name);
    }
    for (const [name, value] of wanted) if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    if (element.type === "radio") element.checked = element.defaultChecked;
  });
  for (const [list, html] of filled) if (list.innerHTML !== html) list.innerHTML = html;
}

// The page as a reload or Back gives it: the given radios checked (the browser restores a
// form), then the module run on it as the browser would.
async function load(checked) {
  reset();
  if (loads % 100 === 0 && window.document.documentElement.outerHTML !== pristine) throw new Error("page not reset");
  for (const name in checked) {
    radio(name, checked[name]).checked = true;
  }
  loads += 1;
  await import(moduleUrl + "?load=" + loads);
}

// On the screen: no hidden ancestor, and not inside a closed <details> (but its summary).
function visible(element) {
  for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
    if (node.hidden) return false;
    const details = node.parentElement && node.parentElement.closest("details");
    if (details && !details.open && !(node.tagName === "SUMMARY" && node.parentElement === details)) return false;
  }
  return true;
}

function radios() {
  const checked = {};
  for (const radio of allRadios) if (radio.checked) checked[radio.name] = radio.value;
  return checked;
}

function radio(name, value) {
  return allRadios.find((r) => r.name === name && r.value === value);
}

function tap(element) {
  if (!element || !visible(element)) return false;
  element.click(); // a radio's click checks it and fires input and change, as a tap does
  return true;
}

function shown() {
  const section = sections.find((s) => !s.hidden);
  return section ? section.dataset.outcome : null;
}

async function step(kind, target, value) {
  const document = window.document;
  if (kind === "stage") return tap(radio("stage-" + target, value));
  if (kind === "answer") return tap(radio(target, value));
  if (kind === "test") {
    const details = document.getElementById("selftests");
    if (!visible(details)) return false;
    if (!details.open) details.open = true; // the tap on its summary
    return tap(radio("selftest-" + target, value));
  }
  if (kind === "submit") {
    const button = document.getElementById("show-result");
    if (!visible(button)) return false;
    const event = new window.Event("submit", { bubbles: true, cancelable: true });
    document.getElementById("redflag-form").dispatchEvent(event);
    if (!event.defaultPrevented) threw = true; // the form went to the server
    return true;
  }
  if (kind === "change") {
    const link = [...document.querySelectorAll('[data-action="change"]')].find(visible);
    if (!link) return false;
    link.click();
    return true;
  }
  if (kind === "reload") {
    await load(radios());
    return true;
  }
  throw new Error("unknown step " + kind);
}

const results = [];
for (const sequence of input.sequences) {
  threw = false;
  await load({});
  const observed = [];
  for (const [kind, target, value] of sequence) {
    const applied = await step(kind, target, value);
    observed.push({ applied: applied, outcome: shown(), radios: radios(), threw: threw });
  }
  results.push(observed);
}
process.stdout.write(JSON.stringify(results));
