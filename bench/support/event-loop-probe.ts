/**
 * Loaded into the bench server with `--import` when BENCH_EVENT_LOOP=1: prints, every 5 s, how busy the main
 * thread was and the event-loop delay, so a run shows whether answers wait for a saturated event loop.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let last = performance.eventLoopUtilization();
setInterval(() => {
  const now = performance.eventLoopUtilization();
  const busy = performance.eventLoopUtilization(now, last).utilization;
  last = now;
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  process.stderr.write(
    `[event loop] busy ${(busy * 100).toFixed(0)}%, delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms\n`,
  );
  delay.reset();
}, 5000).unref();
