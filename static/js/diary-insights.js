// Every figure of the patterns page and the doctor's report, from plain diary entries
// ({id, data} as diary-store.js lists them). Pure: no DOM, no storage, so the same numbers show
// on the page, in the report and in the tests (Node). Times are the device's local time.
const DAY = 86_400_000;
export const PERIODS = { "4w": 28, "3m": 91, "12m": 365, all: null };
// No average from fewer episodes than this: one good day would read as "it helps".
export const MIN_EPISODES = 3;
// MEDICAL.md, scales: a change of 2 points on the 0–10 scale is meaningful.
const MEANINGFUL = 2;
// Hours at which each part of the day begins; the night runs past midnight.
const PARTS = [
  ["night", 0],
  ["morning", 5],
  ["afternoon", 12],
  ["evening", 17],
  ["night", 22],
];

const isLevel = (value) => Number.isInteger(value) && value >= 0 && value <= 10;
const round1 = (value) => Math.round(value * 10) / 10;
const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

function partOfDay(hour) {
  let part = PARTS[0][0];
  for (const [name, from] of PARTS) if (hour >= from) part = name;
  return part;
}

// Local calendar fields from one time-zone lookup per episode: V8's local-time getters are
// slow, and 5,000 entries must take well under 200 ms. `day` counts local days since 1970.
function local(time) {
  const shifted = time - new Date(time).getTimezoneOffset() * 60_000;
  const day = Math.floor(shifted / DAY);
  // 1 January 1970 was a Thursday: 0 is Monday.
  return { day, weekday: (day + 3) % 7, hour: Math.floor((shifted - day * DAY) / 3_600_000) };
}

// "2026-06-15" for a local day number.
function isoDay(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function monthOf(day) {
  const date = new Date(day * DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

// [{id, time, day, weekday, hour, data}] with a readable start, oldest first.
function episodes(entries) {
  const out = [];
  for (const entry of entries) {
    const data = entry?.data;
    const time = Date.parse(data?.started_at);
    if (!data || Number.isNaN(time)) continue;
    out.push({ id: entry.id, time, ...local(time), data });
  }
  return out.sort((a, b) => a.time - b.time);
}

// Weeks (or months, for a long diary, so that a chart stays readable at 320 px) from the first
// day of the period to now, each with its number of episodes and their mean and highest pain.
function buckets(list, from, now) {
  const first = local(from ?? list[0]?.time ?? now).day;
  const last = local(now).day;
  const byMonth = last - first > 60 * 7;
  const keyOf = byMonth ? monthOf : (day) => day - ((day + 3) % 7);
  const startOf = (day) => (byMonth ? day - new Date(day * DAY).getUTCDate() + 1 : keyOf(day));
  const out = [];
  const index = new Map();
  for (let day = first; day <= last; day += 1) {
    const key = keyOf(day);
    if (index.has(key)) continue;
    index.set(key, out.length);
    out.push({ start: isoDay(startOf(day)), count: 0, levels: [] });
  }
  for (const episode of list) {
    const bucket = out[index.get(keyOf(episode.day))];
    if (!bucket) continue;
    bucket.count += 1;
    if (isLevel(episode.data.intensity)) bucket.levels.push(episode.data.intensity);
  }
  const unit = byMonth ? "month" : "week";
  return out.map(({ start, count, levels }) => ({
    unit,
    start,
    count,
    mean: levels.length ? round1(mean(levels)) : null,
    max: levels.length ? Math.max(...levels) : null,
  }));
}

// For each measure: how much the pain dropped on average from before to after, over the
// episodes that recorded both; an observation, not a cause (other things change too).
function helped(list) {
  const drops = new Map();
  const used = new Map();
  for (const { data } of list) {
    const drop = isLevel(data.intensity) && isLevel(data.intensity_after) ? data.intensity - data.intensity_after : null;
    for (const id of new Set((data.measures ?? []).map((measure) => measure?.id).filter(Boolean))) {
      used.set(id, (used.get(id) ?? 0) + 1);
      if (drop === null) continue;
      if (!drops.has(id)) drops.set(id, []);
      drops.get(id).push(drop);
    }
  }
  return [...used]
    .map(([id, times]) => {
      const values = drops.get(id) ?? [];
      const enough = values.length >= MIN_EPISODES;
      return { id, used: times, episodes: values.length, drop: enough ? round1(mean(values)) : null };
    })
    .sort((a, b) => (b.drop ?? -Infinity) - (a.drop ?? -Infinity) || b.used - a.used || a.id.localeCompare(b.id));
}

function counts(list, pick) {
  const found = new Map();
  for (const episode of list) {
    for (const key of new Set(pick(episode))) found.set(key, (found.get(key) ?? 0) + 1);
  }
  return [...found].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || String(a.id).localeCompare(String(b.id)));
}

// The one part of the day that has clearly the most episodes (at least two, more than any other).
function mostly(times) {
  const [top, next] = times;
  return top && top.count >= 2 && top.count > (next?.count ?? 0) ? top.id : null;
}

// The diary's safety signal: the rules, their thresholds and why are in docs/medical.md, "The
// diary's safety signal" (change them there first). Judged on local days up to now, whatever
// period is shown; a diary is taken to begin on the day of its first entry.
const LOOK_BACK = 28; // days: pain on most days, and saved check results (NVL: 4 weeks)
const MOST_DAYS = 16; // of those 28 with pain
// Recent windows, each compared with up to BEFORE days of diary before it, from a week of them
// on (so from a diary of 2 weeks). A count is too noisy in one week (2 cramps a week make a week
// of 4 now and then), so frequency is compared from the 2-week window on.
const STRONGER_WINDOWS = [7, 14, 28];
const OFTEN_WINDOWS = [14, 28];
const BEFORE = 28;
const MIN_BEFORE = 7;
// Check results that mean "see a doctor": most urgent first.
const URGENT = ["emergency", "today"];

// The middle value: one bad day among three does not move it, as it would move a mean.
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

// Each local day's strongest pain, and the days with pain; several cramps on one day are one day.
function byDay(list) {
  const worst = new Map();
  const pain = new Set();
  for (const { day, data } of list) {
    if (isLevel(data.intensity)) worst.set(day, Math.max(worst.get(day) ?? 0, data.intensity));
    if (data.intensity > 0) pain.add(day);
  }
  return { worst, pain };
}

function safety(all, now) {
  const today = local(now).day;
  const list = all.filter((episode) => episode.time <= now);
  const first = list.length ? list[0].day : today;
  const { worst, pain } = byDay(list);
  const within = (set, from, to) => [...set].filter((day) => day >= from && day <= to);
  const persistent = within(pain, today - LOOK_BACK + 1, today).length >= MOST_DAYS;
  // The shortest window (the most recent change) that shows a rise, or null.
  const compare = (windows, rose) => {
    for (const length of windows) {
      const start = today - length + 1;
      const from = Math.max(first, start - BEFORE);
      if (start - from < MIN_BEFORE) continue;
      if (rose(start, from, length, start - from)) return length;
    }
    return null;
  };
  const level = (from, to) => [...worst].filter(([day]) => day >= from && day <= to).map(([, value]) => value);
  // Stronger: the median of the daily worst pain rose by 2 points or more (MEDICAL.md, scales),
  // from at least 3 days with an entry in the window and 2 before it.
  const stronger = compare(STRONGER_WINDOWS, (start, from) => {
    const [recent, before] = [level(start, today), level(from, start - 1)];
    return recent.length >= MIN_EPISODES && before.length >= 2 && median(recent) - median(before) >= MEANINGFUL;
  });
  // More often: at least 3 days with pain in the window and at least twice as many per day as before.
  const moreOften = compare(OFTEN_WINDOWS, (start, from, length, span) => {
    const recent = within(pain, start, today).length;
    const before = within(pain, from, start - 1).length;
    return recent >= MIN_EPISODES && recent * span >= 2 * before * length;
  });
  const tiers = new Set(list.filter((episode) => episode.day > today - LOOK_BACK).map((episode) => episode.data.redflag?.tier));
  const redflag = URGENT.find((tier) => tiers.has(tier)) ?? null;
  return { persistent, stronger, moreOften, redflag, check: persistent || stronger !== null || moreOften !== null || redflag !== null };
}

export function insights(entries, { period = "4w", now = Date.now() } = {}) {
  const all = episodes(entries ?? []);
  const days = PERIODS[period] === undefined ? PERIODS["4w"] : PERIODS[period];
  const from = days === null ? null : now - days * DAY;
  const list = from === null ? all.filter((e) => e.time <= now) : all.filter((e) => e.time > from && e.time <= now);
  const levels = list.map((episode) => episode.data.intensity).filter(isLevel);
  const times = counts(list, (episode) => [partOfDay(episode.hour)]);
  const weekdays = [0, 0, 0, 0, 0, 0, 0];
  for (const episode of list) weekdays[episode.weekday] += 1;
  const measures = helped(list);
  return {
    period: days === null ? "all" : period,
    from: from === null ? (list[0] ? new Date(list[0].time).toISOString() : null) : new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    count: list.length,
    mean: levels.length ? round1(mean(levels)) : null,
    max: levels.length ? Math.max(...levels) : null,
    buckets: buckets(list, from, now),
    helped: measures,
    triggers: counts(list, (episode) => episode.data.triggers ?? []),
    times,
    weekdays,
    mostly: mostly(times),
    best: measures.find((measure) => measure.drop !== null && measure.drop > 0) ?? null,
    redflags: list
      .filter((episode) => episode.data.redflag?.tier)
      .map(({ id, data }) => ({ id, started_at: data.started_at, tier: data.redflag.tier, reasons: data.redflag.reasons ?? [] }))
      .reverse(),
    notes: list
      .filter((episode) => (episode.data.notes ?? "").trim())
      .map(({ id, data }) => ({ id, started_at: data.started_at, notes: data.notes.trim(), for_doctor: Boolean(data.for_doctor) }))
      .reverse(),
    safety: safety(all, now),
  };
}
