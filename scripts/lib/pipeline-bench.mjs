/**
 * What `npm run bench` and `npm run bench:ceiling` share: the sample petition, the registration
 * load over the API, the watcher that notes when each instance's acceptance task appears, and the
 * figures both print. Both measure "until the task exists" the same way, so their ratio compares
 * like with like.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { basicAuth } = require('./stack.cjs');

/** The user task a petition waits at once it has been routed to the competent unit. */
export const ACCEPTANCE_TASK = 'accept-decision';

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const fmt = (ms) => `${ms.toFixed(0)} ms`;

/** `tag` keeps another load's petitions apart: the same subject from the same petitioner is a repeat visit. */
export function samplePetition(i, tag = '') {
  return {
    channel: 'visit',
    category: i % 5 === 0 ? 'suggestion' : 'complaint',
    matterScope: i % 3 === 0 ? 'township' : 'county',
    subject: `基准测试信访事项 ${tag}${i}`,
    content: '柳岸小区3号楼外墙瓷砖多次脱落，物业和社区均未处理。'.repeat(4),
    regionCode: '990102001002',
    petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }],
  };
}

/** Engine REST calls with the service account. */
export function engineClient(engineUrl) {
  const call = async (method, path, body) => {
    const response = await fetch(engineUrl + path, {
      method,
      headers: { Authorization: basicAuth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    delete: (path) => call('DELETE', path),
  };
}

/** Calls the API as one signed-in user. */
export async function apiClient(apiUrl, username = 'donghu.registrar', password = 'Demo@2026') {
  const post = async (path, body, token) => {
    const response = await fetch(apiUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { accessToken } = await post('/api/auth/login', { username, password });
  return { post: (path, body) => post(path, body, accessToken) };
}

/**
 * Polls the engine every 20 ms for new acceptance tasks of the business keys it was given and notes
 * when each first appears (the engine's own timestamps have whole seconds on MySQL/MariaDB).
 * finish() waits for the stragglers, at most two minutes after the load ended.
 */
export function startTaskWatcher(engineUrl, taskDefinitionKey = ACCEPTANCE_TASK) {
  const engine = engineClient(engineUrl);
  const sent = new Map();
  const seenAt = new Map();
  let loading = true;
  const done = (async () => {
    let giveUpAt = Infinity;
    for (;;) {
      if (!loading && giveUpAt === Infinity) giveUpAt = Date.now() + 120_000;
      const pending = [...sent.keys()].filter((key) => !seenAt.has(key));
      if ((!loading && pending.length === 0) || Date.now() > giveUpAt) break;
      for (let i = 0; i < pending.length; i += 100) {
        const tasks = await engine.post('/task?maxResults=200', {
          taskDefinitionKey,
          processInstanceBusinessKeyIn: pending.slice(i, i + 100),
        });
        const now = Date.now();
        const ids = tasks.map((t) => t.processInstanceId);
        if (ids.length === 0) continue;
        const instances = await engine.get(`/process-instance?processInstanceIds=${ids.join(',')}&maxResults=200`);
        for (const instance of instances) if (!seenAt.has(instance.businessKey)) seenAt.set(instance.businessKey, now);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    track: (businessKey, sentAt) => sent.set(businessKey, sentAt),
    /** Created instances whose acceptance task has not been seen yet. */
    pending: () => sent.size - seenAt.size,
    async finish() {
      loading = false;
      await done;
      return { sent, seenAt };
    },
  };
}

/**
 * The API's intake pacing (src/petitions/intake-pacer.ts), for a load that starts instances over the
 * engine's REST API itself: a create waits, at most `maxMs`, while `limit` instances are between
 * their create and their acceptance task. The watcher's view stands in for the petition table's
 * count; it is up to one poll (20 ms) late, as the API's count is up to 50 ms late.
 */
function intakePacer(watcher, { limit, maxMs }) {
  let admitted = 0;
  return {
    async admit() {
      if (limit > 0) {
        const deadline = Date.now() + maxMs;
        while (admitted + watcher.pending() >= limit && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      admitted++;
    },
    /** The admitted create answered: the watcher counts its instance from now on. */
    tracked: () => admitted--,
  };
}

/**
 * Runs `create(i)` for i = 0…n-1, `concurrency` at a time, while a watcher waits for each
 * instance's acceptance task. `create` resolves to the business key it created. `pace`
 * ({ limit, maxMs }) holds each create as the API holds a registration; the time held counts
 * towards create → task, as it does for the API's clients.
 */
export async function runLoad({ engineUrl, n, concurrency, create, pace }) {
  const watcher = startTaskWatcher(engineUrl);
  const pacer = pace ? intakePacer(watcher, pace) : null;
  const createMs = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const sentAt = Date.now();
        await pacer?.admit();
        const key = await create(i);
        createMs.push(Date.now() - sentAt);
        watcher.track(key, sentAt);
        pacer?.tracked();
      }
    }),
  );
  const wallMs = Date.now() - started;
  const { sent, seenAt } = await watcher.finish();
  const reached = [...sent].filter(([key]) => seenAt.has(key));
  const toTask = reached.map(([key, sentAt]) => seenAt.get(key) - sentAt);
  const lastSeen = Math.max(started, ...reached.map(([key]) => seenAt.get(key)));
  return {
    n,
    concurrency,
    created: sent.size,
    reached: reached.length,
    createsPerSecond: (sent.size / wallMs) * 1000,
    // Sustained: from the first create sent until the last task appeared, backlog drained included.
    tasksPerSecond: (reached.length / (lastSeen - started)) * 1000,
    createMs,
    toTask,
  };
}

/** Registers petitions over the API (its workers carry them on), as `npm run bench` always has. */
export async function registrationLoad({ apiUrl, engineUrl, n, concurrency, warmup = 10, tag = '' }) {
  const api = await apiClient(apiUrl);
  for (let i = 0; i < warmup; i++) await api.post('/api/petitions', samplePetition(-i - 1, tag));
  return runLoad({
    engineUrl,
    n,
    concurrency,
    create: async (i) => (await api.post('/api/petitions', samplePetition(i, tag))).number,
  });
}
