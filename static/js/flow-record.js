// Remembers which first-aid steps were used, for the one-tap diary entry on the end screen
// (end-save.js): a step counts when its timer was started or "Weiter" was tapped on it.
// sessionStorage "flow": {started_at, steps: {<step id>: {used: true}}, option: "heat"|"cold"}.
const KEY = "flow";
const STALE_MS = 6 * 60 * 60 * 1000;
const step = document.querySelector("section.step");

function load() {
  let flow = null;
  try {
    flow = JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    // unreadable: start afresh
  }
  // A new cramp: the last flow went into the diary, or was hours ago.
  const stale = !flow?.started_at || flow.saved || Date.now() - Date.parse(flow.started_at) > STALE_MS;
  return stale ? { started_at: new Date().toISOString(), steps: {} } : flow;
}

function use() {
  const flow = load();
  flow.steps[step.id] = { used: true };
  const option = step.querySelector(`input[name="${step.id}-option"]:checked`);
  if (option) flow.option = option.value;
  sessionStorage.setItem(KEY, JSON.stringify(flow));
}

sessionStorage.setItem(KEY, JSON.stringify(load()));
step.addEventListener("timer:start", use);
document.querySelector('a[rel="next"]').addEventListener("click", use);
