// The red-flag triage in the browser: the same rules as firstaid/triage.py, evaluated offline
// on the same checklist data (see there for the rules). This is the safety path, so it uses only
// long-supported JavaScript (Safari 14, Chrome 80): no Object.hasOwn, no .at(), no replaceAll.

// 0 for no tier; the most urgent tier (first in content.TIERS) ranks highest.
function urgency(tiers, tier) {
  const index = tiers.indexOf(tier);
  return index < 0 ? 0 : tiers.length - index;
}

// data: the page's "triage-data" ({tiers, flags}); answers: {id: true | false}.
export function evaluate(data, answers) {
  const tiers = data.tiers;
  const moreUrgent = (a, b) => (urgency(tiers, a) > urgency(tiers, b) ? a : b);
  const yes = [];
  const unanswered = [];
  let atLeast = null;
  for (const flag of data.flags) {
    const answer = answers[flag.id];
    // Only a real true or false is an answer: "no", 0 or null stay open, never "no".
    if (typeof answer !== "boolean") unanswered.push(flag);
    else if (answer) {
      yes.push(flag);
      atLeast = moreUrgent(flag.tier, atLeast);
    }
  }
  let askNext = null;
  for (const flag of unanswered) {
    if (urgency(tiers, flag.tier) > urgency(tiers, atLeast)) askNext = moreUrgent(flag.tier, askNext);
  }
  return {
    tier: askNext ? null : atLeast || "selfcare",
    at_least: atLeast,
    ask_next: askNext,
    reasons: yes.filter((flag) => flag.tier === atLeast).map((flag) => flag.id),
    unanswered: unanswered.map((flag) => flag.id),
  };
}

// The answers with the self-tests' results ({test id: result id}) filled in; "yes" wins.
export function applySelftests(selftests, results, answers) {
  const filled = {};
  for (const id in answers) if (Object.prototype.hasOwnProperty.call(answers, id)) filled[id] = answers[id];
  for (const test of selftests) {
    const result = test.results.filter((r) => r.id === results[test.id])[0];
    if (!result) continue;
    for (const id in result.answers) {
      if (result.answers[id] === true || filled[id] !== true) filled[id] = result.answers[id];
    }
  }
  return filled;
}
