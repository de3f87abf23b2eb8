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
  starts[i] = FROM + Math.floor(rand() * (TO - FROM) / 60_000) * 60_000;
  days[i] = 1 + Math.floor(rand() * 30);
  hours[i] = (1 + Math.floor(rand() * 80)) * HOUR_MS;
}

function measure(label: string, minMs: number, fn: (i: number) => number): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += fn(i & (N - 1)); // warm-up
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10_000; i++) sink += fn((ops + i) & (N - 1));
    ops += 10_000;
    elapsed = performance.now() - start;
  }
  const perSec = (ops / elapsed) * 1000;
  if (sink === 42) console.log('');
  console.log(`${label.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(14)} /s`);
  return perSec;
}

console.log(`calendar build (1990–2100, default unit): ${buildMs.toFixed(1)} ms`);
const fastDays = measure('fast  working days  (SAME_TIME)', 1500, (i) => addWorkingDaysMs(cal, starts[i]!, days[i]!, 'SAME_TIME'));
const fastDaysEod = measure('fast  working days  (END_OF_DAY, cut-off 15:00)', 1500, (i) =>
  addWorkingDaysMs(cal, starts[i]!, days[i]!, 'END_OF_DAY', 15 * HOUR_MS),
);
const fastHours = measure('fast  working hours', 1500, (i) => addWorkingTimeMs(cal, starts[i]!, hours[i]!));
const apiDays = measure('API   computeDue (ISO out) working days', 1000, (i) =>
  computeDue(cal, starts[i]!, { value: days[i]!, unit: 'WORKING_DAYS' }).dueAt,
);
const naiveDays = measure('naive working days  (SAME_TIME)', 1500, (i) => naiveDueForWorkingDays(naive, starts[i]!, days[i]!, 'SAME_TIME'));
const naiveHours = measure('naive working hours', 1500, (i) => naiveAddWorkingTime(naive, starts[i]!, hours[i]!));
console.log(`ratio working days  fast/naive: ${(fastDays / naiveDays).toFixed(1)}×`);
console.log(`ratio working hours fast/naive: ${(fastHours / naiveHours).toFixed(1)}×`);
void fastDaysEod;
void apiDays;
