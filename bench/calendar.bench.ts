/**
 * Due-date throughput of the calendar engine vs the day-by-day reference
 * oracle. Run: node --import tsx bench/calendar.bench.ts
 */
import {
  HOUR_MS,
  addWorkingDaysMs,
  addWorkingTimeMs,
  computeDue,
  createWorkingCalendar,
  parseInstant,
} from '../packages/domain/src/calendar/index.js';
import {
  naiveAddWorkingTime,
  naiveDueForWorkingDays,
  naiveFrom,
} from '../packages/domain/test/calendar/naiveEngine.js';

const t0 = performance.now();
const cal = createWorkingCalendar();
const buildMs = performance.now() - t0;
const naive = naiveFrom(cal);

// Deterministic inputs: random starts over 2024–2027, 1–30 working days, 1–80 working hours.
let seed = 0x2024;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const FROM = parseInstant('2024-01-01T00:00:00+07:00');
const TO = parseInstant('2027-12-31T00:00:00+07:00');
const N = 1 << 16;
const starts = new Float64Array(N);
const days = new Int32Array(N);
const hours = new Float64Array(N);
for (let i = 0; i < N; i++) {
  starts[i] = FROM + Math.floor((rand() * (TO - FROM)) / 60_000) * 60_000;
  days[i] = 1 + Math.floor(rand() * 30);
  hours[i] = (1 + Math.floor(rand() * 80)) * HOUR_MS;
}

type Case = { label: string; fn: (i: number) => number; best: number };

/** Ops/s of one ~250 ms round. */
function round(fn: (i: number) => number, ms: number): number {
  let sink = 0;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 10_000; i++) sink += fn((ops + i) & (N - 1));
    ops += 10_000;
    elapsed = performance.now() - start;
  }
  if (sink === 42) console.log('');
  return (ops / elapsed) * 1000;
}

const cases: Case[] = [
  {
    label: 'fast  working days  (SAME_TIME)',
    fn: (i) => addWorkingDaysMs(cal, starts[i]!, days[i]!, 'SAME_TIME'),
    best: 0,
  },
  {
    label: 'fast  working days  (END_OF_DAY, cut-off 15:00)',
    fn: (i) => addWorkingDaysMs(cal, starts[i]!, days[i]!, 'END_OF_DAY', 15 * HOUR_MS),
    best: 0,
  },
  { label: 'fast  working hours', fn: (i) => addWorkingTimeMs(cal, starts[i]!, hours[i]!), best: 0 },
  {
    label: 'API   computeDue, ISO strings out (days)',
    fn: (i) => computeDue(cal, starts[i]!, { value: days[i]!, unit: 'WORKING_DAYS' }).dueAt,
    best: 0,
  },
  {
    label: 'naive working days  (SAME_TIME)',
    fn: (i) => naiveDueForWorkingDays(naive, starts[i]!, days[i]!, 'SAME_TIME'),
    best: 0,
  },
  { label: 'naive working hours', fn: (i) => naiveAddWorkingTime(naive, starts[i]!, hours[i]!), best: 0 },
];

// Warm-up (JIT, and the oracle's per-day memo), then interleaved rounds; the
// best round of each case is reported, which filters out noise from other
// processes on a shared machine.
for (const c of cases) round(c.fn, 200);
const ROUNDS = 7;
for (let r = 0; r < ROUNDS; r++) for (const c of cases) c.best = Math.max(c.best, round(c.fn, 250));

console.log(`calendar build (1990–2100, default unit, cold): ${buildMs.toFixed(1)} ms`);
console.log(`inputs: ${N} random starts 2024–2027, 1–30 working days / 1–80 working hours; best of ${ROUNDS} rounds`);
for (const c of cases)
  console.log(`${c.label.padEnd(48)} ${Math.round(c.best).toLocaleString('en-US').padStart(12)} /s`);
const [fd, , fh, , nd, nh] = cases.map((c) => c.best) as [number, number, number, number, number, number];
console.log(`ratio working days  fast/naive: ${(fd / nd).toFixed(1)}×`);
console.log(`ratio working hours fast/naive: ${(fh / nh).toFixed(1)}×`);
