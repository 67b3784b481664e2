// Remembers this first-aid session for the one-tap diary entry on the end screen (end-save.js):
// the pain before (one tap on the "how strong is it?" screen), and each step used (its timer
// started) or done ("Geschafft – weiter"), with the time. Shows the steps done so far.
// sessionStorage "flow": {started_at, pain_before, option: "heat"|"cold", today: "yes"|"none",
//                         steps: {<step id>: {used: true, done: true, at: <ISO time>}}}.
// A stretch says so while a "today" sign stands: "yes" on the today screen, or a check result.
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

function update(change) {
  const flow = load();
  change(flow);
  sessionStorage.setItem(KEY, JSON.stringify(flow));
  return flow;
}

function use(done) {
  update((flow) => {
    flow.steps[step.id] = { ...flow.steps[step.id], used: true, at: new Date().toISOString(), ...(done && { done }) };
    const option = step.querySelector(`input[name="${step.id}-option"]:checked`);
    if (option) flow.option = option.value;
  });
}

const flow = update(() => {});

for (const input of document.querySelectorAll('input[name="pain-before"]')) {
  input.checked = Number(input.value) === flow.pain_before;
  input.addEventListener("change", () => update((current) => (current.pain_before = Number(input.value))));
}

if (step) {
  step.addEventListener("timer:start", () => use(false));
  document.querySelector('a[rel="next"]').addEventListener("click", () => use(true));
  // Done steps, visibly: "✓ 2 geschafft" beside "Schritt 3 von 7".
  const progress = document.querySelector("[data-progress]");
  const done = Object.values(flow.steps).filter((state) => state.done).length;
  if (progress && done) {
    const mark = document.createElement("span");
    mark.className = "done-mark";
    mark.textContent = progress.dataset.textDone.replace("✓", `✓ ${done}`);
    progress.append(mark);
  }
}

// The today screen's answer, and the stretch screens' notice while a "today" sign stands.
for (const link of document.querySelectorAll("[data-today]")) {
  link.addEventListener("click", () => update((current) => (current.today = link.dataset.today)));
}
const notice = document.querySelector("[data-today-notice]");
if (notice) {
  let checked = null;
  try {
    checked = JSON.parse(sessionStorage.getItem("redflag-result"))?.tier;
  } catch {
    // no check result: only the today screen's answer counts
  }
  notice.hidden = !(flow.today === "yes" || checked === "today" || checked === "emergency");
}
