/**
 * Loaded into the bench server with `--import` when BENCH_EVENT_LOOP=1: prints, every 5 s, how busy the main
 * thread was, the event-loop delay and the garbage collector's pauses, so a run shows whether answers wait for a
 * saturated event loop and how much of it is collection. Plain JavaScript: the bench server runs the production
 * bundle, without a TypeScript loader.
 */
import { monitorEventLoopDelay, performance, PerformanceObserver, constants } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const gc = { minor: 0, major: 0, count: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor += e.duration;
    else gc.major += e.duration;
    gc.count++;
  }
}).observe({ entryTypes: ['gc'] });
let last = performance.eventLoopUtilization();
setInterval(() => {
  const now = performance.eventLoopUtilization();
  const busy = performance.eventLoopUtilization(now, last).utilization;
  last = now;
  const ms = (ns) => (ns / 1e6).toFixed(1);
  process.stderr.write(
    `[event loop] busy ${(busy * 100).toFixed(0)}%, delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms; gc ${gc.count} pauses, minor ${gc.minor.toFixed(0)} ms, other ${gc.major.toFixed(0)} ms\n`,
  );
  delay.reset();
  gc.minor = gc.major = gc.count = 0;
}, 5000).unref();
