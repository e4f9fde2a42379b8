'use strict';
/**
 * Preloaded into the API by `BENCH_PROFILE=<dir> npm run bench:ceiling` (NODE_OPTIONS=--require):
 * the first SIGUSR2 starts a CPU profile and an event-loop delay histogram, the second writes
 * <PERF_PROBE_DIR>/api.cpuprofile and api-event-loop.json. Only the load is measured, not start-up.
 */
const { writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { join } = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const dir = process.env.PERF_PROBE_DIR;
if (dir) {
  let session = null;
  let histogram = null;
  let startedAt = 0;
  let cpuAtStart = null;
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  process.on('SIGUSR2', async () => {
    if (!session) {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
      histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      startedAt = Date.now();
      cpuAtStart = process.cpuUsage();
      return;
    }
    histogram.disable();
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    writeFileSync(join(dir, 'api.cpuprofile'), JSON.stringify(profile));
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const cpu = process.cpuUsage(cpuAtStart);
    writeFileSync(
      join(dir, 'api-event-loop.json'),
      JSON.stringify(
        {
          seconds: (Date.now() - startedAt) / 1000,
          cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (Date.now() - startedAt)) * 100),
          rssMb: Math.round(process.memoryUsage().rss / 1048576),
          eventLoopDelayMs: { mean: ms(histogram.mean), p50: ms(histogram.percentile(50)), p95: ms(histogram.percentile(95)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
        },
        null,
        2,
      ),
    );
    session = null;
  });
}
