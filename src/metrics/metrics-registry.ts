import { collectDefaultMetrics, Gauge, GaugeConfiguration, Registry } from 'prom-client';

/**
 * Everything this process reports at /metrics. One per process, made on first import, so that the
 * worker runtime and the HTTP layer can record into it without being handed it; the series that read
 * Nest services when scraped are added by those services (see registerGauge).
 */
export const metricsRegistry = new Registry();

let processMetricsStarted = false;

/**
 * Node's own series (CPU, memory, GC, event-loop delay: `nodejs_eventloop_lag_*`), under their
 * standard names so that stock Node dashboards read them, and a `service` label on every series
 * (`api`, `worker`) for telling the processes apart behind one job.
 */
export function startProcessMetrics(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 20 });
}

/**
 * A gauge computed when scraped. A second application built in the same process (tests boot the API
 * and the worker side by side) replaces the first one's, instead of failing on a duplicate name.
 */
export function registerGauge<T extends string>(config: Omit<GaugeConfiguration<T>, 'registers'>): Gauge<T> {
  metricsRegistry.removeSingleMetric(config.name);
  return new Gauge<T>({ ...config, registers: [metricsRegistry] });
}
