/** Where this process serves /metrics: a port of its own, never the API's published one. */
export interface MetricsConfig {
  /** METRICS_PORT (the API) or WORKER_METRICS_PORT (a worker process); null: not served. */
  port: number | null;
  /** METRICS_HOST: the address it listens on. */
  host: string;
}

export function loadMetricsConfig(service: 'api' | 'worker', env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const name = service === 'api' ? 'METRICS_PORT' : 'WORKER_METRICS_PORT';
  const raw = env[name];
  let port: number | null = null;
  if (raw !== undefined && raw !== '' && raw !== '0') {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
    port = value;
  }
  // Loopback unless told otherwise, like the engine's management port: a scraper on another host is
  // let in deliberately (docker-compose sets 0.0.0.0 on its private network and publishes nothing).
  return { port, host: env.METRICS_HOST || '127.0.0.1' };
}
