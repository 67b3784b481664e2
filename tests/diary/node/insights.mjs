// Runs the SHIPPED static/js/diary-insights.js on the diaries that tests/diary/test_insights.py
// gives in CONFIG ({name: {entries, period, now}}), or on a generated diary of `generate`
// entries, timed. Prints {name: result} as JSON.
import { performance } from "node:perf_hooks";
import { insights } from "../../../static/js/diary-insights.js";

const config = JSON.parse(process.env.CONFIG);
const answer = {};
for (const [name, { entries, period, now, generate }] of Object.entries(config)) {
  const diary = entries ?? generated(generate, Date.parse(now));
  // Timed five times: the first run includes compiling the module and collecting the garbage
  // left by building the diary; the median is what a phone doing this again would see.
  const runs = [];
  let result;
  for (let n = 0; n < (generate ? 5 : 1); n += 1) {
    const start = performance.now();
    result = insights(diary, { period, now: Date.parse(now) });
    runs.push(performance.now() - start);
  }
  answer[name] = { ...result, first_ms: runs[0], ms: runs.toSorted((a, b) => a - b)[runs.length >> 1] };
}
console.log(JSON.stringify(answer));

// A diary of `count` entries over the last three years, every field used.
function generated(count, now) {
  const measures = ["movement", "heat", "cold", "stufenlagerung", "breathing", "stretching"];
  const triggers = ["lifting", "sitting", "sport", "cold", "stress"];
  return Array.from({ length: count }, (_, n) => ({
    id: `id-${n}`,
    data: {
      started_at: new Date(now - ((n * 7919) % (3 * 365 * 24 * 60)) * 60_000).toISOString(),
      intensity: n % 11,
      intensity_after: n % 3 ? Math.max(0, (n % 11) - (n % 4)) : null,
      measures: [{ id: measures[n % 6], helped: null }, { id: measures[(n + 2) % 6], helped: 1 }],
      triggers: [triggers[n % 5]],
      regions: ["lower-left"],
      redflag: n % 50 ? null : { tier: "soon", reasons: ["leg"] },
      notes: n % 20 ? "" : `note ${n}`,
    },
  }));
}
