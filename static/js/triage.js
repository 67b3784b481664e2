// The red-flag triage in the browser: the same rules as firstaid/triage.py, evaluated offline
// on the same checklist data (see there for the rules). This is the safety path, so it uses only
// long-supported JavaScript (Safari 14, Chrome 80): no Object.hasOwn, no .at(), no replaceAll.

// 0 for no tier; the most urgent tier (first in content.TIERS) ranks highest.
function urgency(tiers, tier) {
  const index = tiers.indexOf(tier);
  return index < 0 ? 0 : tiers.length - index;
}

// data: the page's "triage-data" ({tiers, flags}); answers: {id: true | false}; admitted: the
// tiers whose stage says "Ja, eines davon" (optional).
export function evaluate(data, answers, admitted) {
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
  // A sign that is more urgent together with any other "yes" (under 16: "today" then).
  const tierOf = (flag) => (flag.with_any_other && yes.length > 1 ? moreUrgent(flag.with_any_other, flag.tier) : flag.tier);
  for (const flag of yes) atLeast = moreUrgent(tierOf(flag), atLeast);
  let askNext = null;
  // An open question that a "yes" would raise (under 16) holds the outcome too.
  for (const flag of unanswered) {
    const raised = flag.with_any_other && yes.length > 0 ? moreUrgent(flag.with_any_other, flag.tier) : flag.tier;
    if (urgency(tiers, raised) > urgency(tiers, atLeast)) askNext = moreUrgent(flag.tier, askNext);
  }
  // An admitted sign with no "yes" in its tier yet keeps that tier open, whatever its "no"s say.
  for (const tier of admitted || []) {
    if (urgency(tiers, tier) > urgency(tiers, atLeast)) askNext = moreUrgent(tier, askNext);
  }
  return {
    tier: askNext ? null : atLeast || "selfcare",
    at_least: atLeast,
    ask_next: askNext,
    reasons: yes.filter((flag) => tierOf(flag) === atLeast).map((flag) => flag.id),
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

// The answers of the check's form, as firstaid/triage.py form_answers reads them: fields is
// {name: value} of the form. The question radios hold only what the person tapped; "Nichts
// davon" and the self-tests fill in here, so taking back a stage or a test takes back its fill.
export function formAnswers(data, fields) {
  const answers = {};
  for (const flag of data.flags) {
    const value = fields[flag.id];
    if (value === "yes" || value === "no") answers[flag.id] = value === "yes";
  }
  const results = {};
  for (const test of data.selftests) results[test.id] = fields["selftest-" + test.id];
  const filled = applySelftests(data.selftests, results, answers);
  for (const flag of data.flags) {
    const open = typeof filled[flag.id] !== "boolean";
    if (open && fields["stage-" + flag.tier] === "none") filled[flag.id] = false;
  }
  return filled;
}

// The tiers whose stage the form answers "Ja, eines davon".
export function formAdmitted(data, fields) {
  return data.tiers.filter((tier) => fields["stage-" + tier] === "some");
}
