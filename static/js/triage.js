// The red-flag triage in the browser: the same rules as firstaid/triage.py, evaluated offline
// on the same checklist data. The most urgent "yes" wins; unanswered questions never lower the
// outcome, so self-care needs every answer to be "no".
const URGENCY = { soon: 1, today: 2, emergency: 3 };

export function evaluate(flags, answers) {
  const yes = flags.filter((flag) => answers[flag.id] === true);
  const unanswered = flags.filter((flag) => !Object.hasOwn(answers, flag.id)).map((flag) => flag.id);
  let tier = unanswered.length ? null : "selfcare";
  for (const flag of yes) if (!URGENCY[tier] || URGENCY[flag.tier] > URGENCY[tier]) tier = flag.tier;
  const reasons = yes.filter((flag) => flag.tier === tier).map((flag) => flag.id);
  return { tier, reasons, unanswered };
}
