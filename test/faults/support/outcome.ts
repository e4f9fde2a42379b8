import { FaultDatabase, placeholders } from './database';
import { call, engine, pollUntil } from './http';
import { Registration, SUBJECT_MARK } from './registrations';

export interface StoredPetition {
  id: string;
  number: string;
  subject: string;
  status: string;
  processInstanceId: string | null;
}

export interface RegistrationOutcome {
  /** Keys the client never got an answer for within the burst's time. */
  unanswered: string[];
  /** 4xx answers the client could not get past. */
  refused: { key: string; status: number; body: unknown }[];
  /** Keys with no petition in the database. */
  lost: string[];
  /** Keys with more than one petition. */
  duplicated: { key: string; petitions: string[] }[];
  /** Petitions whose timeline has other than exactly one `received` entry. */
  receivedNotOnce: { key: string; received: number }[];
  /** `repeat` entries on the timeline: none of these registrations repeats another. */
  repeatEntries: { key: string; repeats: number }[];
  /** Answers that are not the receipt of the stored petition (its id, number and a query code). */
  wrongReceipt: { key: string; status: number; body: unknown; stored: string | undefined }[];
}

/**
 * What became of each registration, from the database (by the key in its subject) and from the
 * answers the client kept: "lost" is a key that never got a petition, "duplicated" a key with two
 * petitions or two `received` entries.
 */
export async function registrationOutcome(
  db: FaultDatabase,
  registrations: Registration[],
): Promise<{ outcome: RegistrationOutcome; petitions: Map<string, StoredPetition> }> {
  const rows = await db.query<StoredPetition>(
    `SELECT "id", "number", "subject", "status", "processInstanceId" FROM "petition" WHERE "subject" LIKE ?`,
    [`${SUBJECT_MARK} %`],
  );
  const byKey = new Map<string, StoredPetition[]>();
  for (const row of rows) {
    const key = row.subject.slice(SUBJECT_MARK.length + 1);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const ids = registrations.flatMap((r) => (byKey.get(r.key) ?? []).map((p) => p.id));
  const counts = new Map<string, number>();
  if (ids.length > 0) {
    const events = await db.query<{ petitionId: string; kind: string; n: number | string }>(
      `SELECT "petitionId", "kind", COUNT(*) AS "n" FROM "petition_event" WHERE "petitionId" IN (${placeholders(ids)}) ` +
        `AND "kind" IN ('received', 'repeat') GROUP BY "petitionId", "kind"`,
      ids,
    );
    for (const e of events) counts.set(`${e.petitionId}|${e.kind}`, Number(e.n));
  }
  const outcome = noFindings();
  const petitions = new Map<string, StoredPetition>();
  for (const r of registrations) {
    const stored = byKey.get(r.key) ?? [];
    if (!r.answer) outcome.unanswered.push(r.key);
    else if (r.answer.status >= 400) outcome.refused.push({ key: r.key, status: r.answer.status, body: r.answer.body });
    if (stored.length === 0) outcome.lost.push(r.key);
    if (stored.length > 1) outcome.duplicated.push({ key: r.key, petitions: stored.map((p) => p.number) });
    for (const p of stored) {
      const received = counts.get(`${p.id}|received`) ?? 0;
      if (received !== 1) outcome.receivedNotOnce.push({ key: r.key, received });
      const repeats = counts.get(`${p.id}|repeat`) ?? 0;
      if (repeats > 0) outcome.repeatEntries.push({ key: r.key, repeats });
    }
    if (stored.length === 1) petitions.set(r.key, stored[0]);
    const body = r.answer?.body as { id?: string; number?: string; queryCode?: string } | undefined;
    if (
      r.answer?.status === 201 &&
      (body?.id !== stored[0]?.id || body?.number !== stored[0]?.number || typeof body?.queryCode !== 'string' || !body.queryCode)
    ) {
      outcome.wrongReceipt.push({ key: r.key, status: r.answer.status, body: r.answer.body, stored: stored[0]?.number });
    }
    if (r.answer && r.answer.status !== 201 && r.answer.status < 300) {
      // e.g. 200 {"repeat": …}: the client's retry was taken for a second visit, and it has no query code.
      outcome.wrongReceipt.push({ key: r.key, status: r.answer.status, body: r.answer.body, stored: stored[0]?.number });
    }
  }
  return { outcome, petitions };
}

/** An outcome with nothing found yet: each kind of finding, empty. */
function noFindings(): RegistrationOutcome {
  return { unanswered: [], refused: [], lost: [], duplicated: [], receivedNotOnce: [], repeatEntries: [], wrongReceipt: [] };
}

/** Every registration answered 201 with a receipt that is the stored petition's. */
export const CLEAN_REGISTRATIONS: RegistrationOutcome = noFindings();

/** The petitioner's receipt works: the public progress page opens with its number and query code. */
export async function receiptsRefused(apiUrl: string, registrations: Registration[]): Promise<{ key: string; status: number }[]> {
  const refused: { key: string; status: number }[] = [];
  for (const r of registrations) {
    const body = r.answer?.body as { number?: string; queryCode?: string } | undefined;
    if (!body?.number || !body.queryCode) continue;
    const query = new URLSearchParams({ number: body.number, code: body.queryCode });
    const reply = await call(apiUrl, 'GET', `/api/public/progress?${query}`);
    if (reply.status !== 200) refused.push({ key: r.key, status: reply.status });
  }
  return refused;
}

interface TaskItem {
  id: string;
  step: string;
  petition: { id: string; number: string } | null;
}

/** The acceptance tasks on a unit's list, as its user sees them (GET /api/tasks, every page). */
async function acceptanceTasks(apiUrl: string, token: string): Promise<TaskItem[]> {
  const items: TaskItem[] = [];
  for (let page = 0; page < 20; page++) {
    const reply = await call<{ total: number; items: TaskItem[] }>(
      apiUrl,
      'GET',
      `/api/tasks?step=accept-decision&maxResults=200&firstResult=${page * 200}`,
      { token },
    );
    if (reply.status !== 200) throw new Error(`GET /api/tasks: ${reply.status} ${reply.text.slice(0, 200)}`);
    items.push(...reply.body.items);
    if (items.length >= reply.body.total || reply.body.items.length === 0) break;
  }
  return items;
}

export interface AcceptanceOutcome {
  /** Petitions without an acceptance task on the unit's list, with what the database and the engine know of them. */
  missing: { number: string; status: string; processInstanceId: string | null; engineInstance: string }[];
  /** Petitions with more than one acceptance task, with the `petition` process instances the engine has under their number. */
  twice: { number: string; tasks: number; instances: string }[];
  /** How long it took until every petition was there (or until the bound). */
  waitedMs: number;
}

/**
 * Waits, up to `timeoutMs`, until every petition has its acceptance task on the list of the unit
 * that `token` belongs to; then reports the ones that never got there, and any that got there twice.
 */
export async function waitForAcceptance(
  options: { apiUrl: string; engineUrl: string; token: string; db: FaultDatabase },
  petitions: StoredPetition[],
  timeoutMs: number,
): Promise<AcceptanceOutcome> {
  const started = Date.now();
  const wanted = new Set(petitions.map((p) => p.id));
  let last: TaskItem[] = [];
  await pollUntil(
    async () => {
      last = await acceptanceTasks(options.apiUrl, options.token);
      const seen = new Set(last.map((t) => t.petition?.id));
      return [...wanted].every((id) => seen.has(id));
    },
    timeoutMs,
    500,
  );
  const waitedMs = Date.now() - started;
  const perPetition = new Map<string, number>();
  for (const t of last) if (t.petition) perPetition.set(t.petition.id, (perPetition.get(t.petition.id) ?? 0) + 1);
  const missingIds = [...wanted].filter((id) => !perPetition.has(id));
  const missing: AcceptanceOutcome['missing'] = [];
  if (missingIds.length > 0) {
    const rows = await options.db.query<StoredPetition>(
      `SELECT "id", "number", "subject", "status", "processInstanceId" FROM "petition" WHERE "id" IN (${placeholders(missingIds)})`,
      missingIds,
    );
    for (const row of rows) missing.push({ ...pick(row), engineInstance: await describeInstance(options.engineUrl, row) });
  }
  const twice: AcceptanceOutcome['twice'] = [];
  for (const p of petitions.filter((p) => (perPetition.get(p.id) ?? 0) > 1)) {
    twice.push({ number: p.number, tasks: perPetition.get(p.id)!, instances: await instancesOf(options.engineUrl, p.number) });
  }
  return { missing, twice, waitedMs };
}

/** The `petition` process instances under a number, with when each started. */
async function instancesOf(engineUrl: string, number: string): Promise<string> {
  try {
    const list = await engine<{ id: string; startTime: string }[]>(
      engineUrl,
      'GET',
      `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(number)}&processDefinitionKey=petition`,
    );
    return list.map((i) => `${i.id} started ${i.startTime}`).join('; ');
  } catch (error) {
    return `engine not asked: ${String(error)}`;
  }
}

function pick(row: StoredPetition) {
  return { number: row.number, status: row.status, processInstanceId: row.processInstanceId };
}

/** What the engine knows of the petition's process: the diagnosis for a petition stuck on the way. */
async function describeInstance(engineUrl: string, petition: StoredPetition): Promise<string> {
  try {
    const byKey = await engine<{ id: string }[]>(engineUrl, 'GET', `/process-instance?businessKey=${encodeURIComponent(petition.number)}`);
    const incidents = await engine<{ incidentMessage: string; activityId: string }[]>(
      engineUrl,
      'GET',
      `/incident?processInstanceId=${encodeURIComponent(petition.processInstanceId ?? byKey[0]?.id ?? 'none')}`,
    );
    if (petition.processInstanceId) {
      const known = await engine<{ id: string }[]>(engineUrl, 'GET', `/history/process-instance?processInstanceId=${petition.processInstanceId}`);
      if (known.length === 0) return `no such instance in the engine (running instances for its number: ${byKey.length})`;
    }
    const open = await engine<{ activityId: string; topicName: string; retries: number | null }[]>(
      engineUrl,
      'GET',
      `/external-task?processInstanceId=${encodeURIComponent(petition.processInstanceId ?? byKey[0]?.id ?? 'none')}`,
    );
    return (
      `running instances for its number: ${byKey.length}; ` +
      `open external tasks: ${open.map((t) => `${t.activityId} (retries ${t.retries})`).join(', ') || 'none'}; ` +
      `incidents: ${incidents.map((i) => `${i.activityId}: ${i.incidentMessage}`).join(' | ') || 'none'}`
    );
  } catch (error) {
    return `engine not asked: ${String(error)}`;
  }
}
