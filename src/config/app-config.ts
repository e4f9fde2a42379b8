import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { AttachmentConfig, loadAttachmentConfig } from './attachment-config';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'mysql' | 'mariadb';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      /** Connections this process may open at most; unset: 20 (the command-line tools). */
      poolSize?: number;
    };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  engine: { url: string; username: string; password: string; waitTimeoutMs: number };
  workers: {
    inProcess: boolean;
    maxParallel: number;
    lockDurationMs: number;
    maxRetries: number;
    retryBaseMs: number;
    pollTimeoutMs: number;
  };
  auth: {
    jwtSecret: string;
    /** Absolute lifetime of a session, however active. */
    tokenTtlSeconds: number;
    /** A session unused this long is over (MLPS level 3 asks for an idle timeout). */
    sessionIdleMinutes: number;
    /** Consecutive wrong passwords before an account is locked, and for how long. */
    maxFailedSignIns: number;
    lockMinutes: number;
  };
  http: {
    /** Express "trust proxy": which hops may set X-Forwarded-For (the client address audited and rate-limited). */
    trustProxy: string | false;
    /** Origins allowed to call the API from a browser; empty = same origin only. */
    corsOrigins: string[];
    rateLimits: {
      windowSeconds: number;
      /** Sign-in attempts per address and username, and per address overall. */
      signIn: number;
      signInPerAddress: number;
      /** Public progress queries per address. */
      publicQuery: number;
    };
  };
  personalData: { encryptionKeys: { id: string; key: Buffer }[]; hashKey: Buffer };
  limits: {
    /** Working days a village agent station has to forward a filed petition (local rule). */
    agentForwardingWorkingDays: number;
  };
  clocks: { reminderLeadWorkingDays: number; disciplineGraceWorkingDays: number };
  /**
   * Pacing of registrations (see petitions/intake-pacer.ts): a new registration waits while this
   * many petitions are still being registered and routed (0: never), for at most `paceMaxMs`. By
   * default 5 per core of the API's machine.
   */
  intake: { pipelineLimit: number; paceMaxMs: number };
  /** How often interrupted work is repaired (processes started, task completions recorded), in one process of the cluster; 0: never. */
  repairSweepSeconds: number;
  /** How often the open-task index is compared with the engine in full, in one process of the cluster; 0: never (only per-change updates). */
  taskIndexReconcileMinutes: number;
  /** The workers' longer budget for failures an outage causes (see camunda/worker-runtime/retry-policy.ts). */
  transientFailures: { retries: number; maxBackoffMs: number };
  /** How often incidents left by transient failures are retried, once per cluster; 0: never. */
  incidentSweepMinutes: number;
  reports: { nearDueDays: number };
  seedDemo: boolean;
  processesDir: string;
  /** DEPLOY_ALLOW_CODE: deployments may hold scripts, Java classes, delegates and any expression (off: refused). */
  deployAllowCode: boolean;
  uiDist: string;
  bodyLimit: string;
  notices: NoticeConfig;
  attachments: AttachmentConfig;
}

/** How notices reach petitioners (see notifications/channels and the README's "Notices" section). */
export interface NoticeConfig {
  /** Where the QR code on a receipt points: the public progress page. */
  publicUrl: string;
  /** Shared secret a provider's delivery-receipt callback must carry (?token=); empty: receipts refused. */
  receiptToken: string;
  sms:
    | { provider: 'none' }
    | {
        provider: 'aliyun';
        endpoint: string;
        protocol: 'https' | 'http';
        accessKeyId: string;
        accessKeySecret: string;
        signName: string;
        /** Template code per notice kind; `default` for the rest. */
        templates: Record<string, string>;
      }
    | { provider: 'http'; url: string; token: string; signName: string };
  smtp: { url: string; from: string } | null;
  dispatch: {
    /** Pause between passes when nothing was due. */
    idleMs: number;
    batchSize: number;
    /** Sends in flight at once. */
    parallel: number;
    /** A provider answering slower than this has failed this attempt. */
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    /** How long a dispatcher owns a claimed notice; a dispatcher killed mid-send releases it after this. */
    claimMs: number;
  };
}


class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A non-negative number; decimals allowed (a period of 0.05 minutes is 3 s, for tests). */
function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/petition.sqlite';

/** `sqlite:./data/x.sqlite`, `mysql://user:pass@host:3306/db`, `mariadb://…` */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/petition.sqlite');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`DATABASE_URL "${url}" is not a valid URL`);
  }
  const scheme = parsed.protocol.replace(':', '');
  if (scheme !== 'mysql' && scheme !== 'mariadb') {
    throw new ConfigError(`DATABASE_URL scheme "${scheme}" is not supported: use sqlite:, mysql:// or mariadb://`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new ConfigError('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/petition');
  return {
    type: scheme,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** External tasks a process handles at once (each holds a database connection while its handler runs). */
function workerSlots(env: NodeJS.ProcessEnv): number {
  return Math.max(1, intFrom(env, 'WORKER_MAX_PARALLEL', 24));
}

/**
 * The business database's pool: by default one connection per worker slot and 16 for the API's
 * requests and the index's sync. Fewer starved registrations of connections while the workers
 * held them (32 slots on 20 connections: the API accepted 8 registrations a second instead of 15).
 */
function withPoolSize(database: DatabaseConfig, env: NodeJS.ProcessEnv): DatabaseConfig {
  if (database.type === 'sqlite') return database;
  return { ...database, poolSize: Math.max(2, intFrom(env, 'DB_POOL_SIZE', workerSlots(env) + 16)) };
}

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError(`${name}: each key must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return key;
}

/**
 * DATA_ENCRYPTION_KEYS="k2:<base64>,k1:<base64>": the first key encrypts, all of them decrypt,
 * so a key can be rotated without re-encrypting every row at once.
 */
function parseEncryptionKeys(raw: string): { id: string; key: Buffer }[] {
  return raw.split(',').map((entry) => {
    const [id, value] = entry.trim().split(':');
    if (!id || !value || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      throw new ConfigError('DATA_ENCRYPTION_KEYS must look like "k1:<base64 32 bytes>[,k0:<base64>]"');
    }
    return { id, key: decodeKey('DATA_ENCRYPTION_KEYS', value) };
  });
}

/** Off unless set: trusting X-Forwarded-For from anyone would let a client pick its own audited address. */
function parseTrustProxy(raw: string | undefined): string | false {
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  return raw;
}

// Fixed development keys: a first run needs no setup, and production refuses to start with them.
const DEV_ENCRYPTION_KEYS = 'dev:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';
const DEV_HASH_KEY = 'ZGV2LW9ubHktaGFzaC1rZXktLS0tLS0tMzItYnl0ZXM=';

/**
 * Petitions per core the intake lets into the pipeline by default. Under a saturating load the time
 * to the acceptance task is the petitions in the system over the throughput (Little's law), so the
 * limit should be just large enough to keep every core busy. On this stack the throughput is bound
 * by CPU, about 9–10 petitions a second per core, and a petition needs about 0.45 s from create to
 * its task when nothing queues (1 client, MariaDB): about 4 in the pipeline per core keep the cores
 * busy. On 2 cores (bench:ceiling, MariaDB, two alternating rounds) a limit of 10 kept the machine
 * 91–92 % busy as 32 did, and the petitions in the system (median × throughput) fell from 23 to 16
 * at 8 clients and from 37 to 24 at 16. A fixed number would cap a larger machine or queue on a
 * smaller one.
 */
const PIPELINE_PER_CORE = 5;

/** `host`: what the defaults that depend on the machine are derived from (the cores this process may use). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, host: { cores: number } = { cores: availableParallelism() }): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const production = nodeEnv === 'production';
  const required = (name: string, devDefault: string): string => {
    const value = env[name];
    if (value) return value;
    if (production) throw new ConfigError(`${name} must be set in production`);
    return devDefault;
  };
  const encryptionKeys = parseEncryptionKeys(required('DATA_ENCRYPTION_KEYS', DEV_ENCRYPTION_KEYS));
  const devKey = decodeKey('DATA_ENCRYPTION_KEYS', DEV_ENCRYPTION_KEYS.split(':')[1]);
  if (production && encryptionKeys.some((k) => k.id === 'dev' || k.key.equals(devKey))) {
    throw new ConfigError('DATA_ENCRYPTION_KEYS still holds the development key (it is published in the source); generate your own');
  }
  const hashKey = decodeKey('DATA_HASH_KEY', required('DATA_HASH_KEY', DEV_HASH_KEY));
  if (production && hashKey.equals(decodeKey('DATA_HASH_KEY', DEV_HASH_KEY))) {
    throw new ConfigError('DATA_HASH_KEY is the published development key; generate your own');
  }
  return {
    env: nodeEnv,
    host: env.HOST ?? '0.0.0.0',
    port: intFrom(env, 'PORT', 3000),
    database: withPoolSize(parseDatabaseUrl(env.DATABASE_URL ?? DEFAULT_DATABASE_URL), env),
    engine: {
      url: (env.ENGINE_URL ?? 'http://127.0.0.1:8080/engine-rest').replace(/\/$/, ''),
      username: required('ENGINE_USER', 'demo'),
      password: required('ENGINE_PASSWORD', 'demo'),
      waitTimeoutMs: intFrom(env, 'ENGINE_WAIT_MS', 120_000),
    },
    workers: {
      inProcess: boolFrom(env, 'WORKERS_IN_PROCESS', true),
      maxParallel: workerSlots(env),
      lockDurationMs: Math.max(1000, intFrom(env, 'WORKER_LOCK_MS', 30_000)),
      maxRetries: intFrom(env, 'WORKER_MAX_RETRIES', 3),
      retryBaseMs: intFrom(env, 'WORKER_RETRY_BASE_MS', 5_000),
      pollTimeoutMs: intFrom(env, 'WORKER_POLL_TIMEOUT_MS', 10_000),
    },
    auth: {
      // A random development secret only invalidates sessions on restart; production must pin one.
      jwtSecret: required('JWT_SECRET', randomBytes(32).toString('base64')),
      tokenTtlSeconds: intFrom(env, 'TOKEN_TTL_SECONDS', 8 * 3600),
      sessionIdleMinutes: Math.max(1, intFrom(env, 'SESSION_IDLE_MINUTES', 30)),
      maxFailedSignIns: Math.max(1, intFrom(env, 'SIGN_IN_MAX_FAILURES', 5)),
      lockMinutes: Math.max(1, intFrom(env, 'SIGN_IN_LOCK_MINUTES', 15)),
    },
    http: {
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      rateLimits: {
        windowSeconds: Math.max(1, intFrom(env, 'RATE_LIMIT_WINDOW_SECONDS', 60)),
        signIn: Math.max(1, intFrom(env, 'RATE_LIMIT_SIGN_IN', 10)),
        signInPerAddress: Math.max(1, intFrom(env, 'RATE_LIMIT_SIGN_IN_PER_ADDRESS', 300)),
        publicQuery: Math.max(1, intFrom(env, 'RATE_LIMIT_PUBLIC', 60)),
      },
    },
    personalData: {
      encryptionKeys,
      hashKey,
    },
    limits: {
      agentForwardingWorkingDays: Math.max(1, intFrom(env, 'AGENT_FORWARD_WORKING_DAYS', 1)),
    },
    intake: {
      pipelineLimit: intFrom(env, 'INTAKE_PIPELINE_LIMIT', PIPELINE_PER_CORE * Math.max(1, host.cores)),
      paceMaxMs: intFrom(env, 'INTAKE_PACE_MAX_MS', 3000),
    },
    repairSweepSeconds: intFrom(env, 'REPAIR_SWEEP_SECONDS', 60),
    taskIndexReconcileMinutes: numberFrom(env, 'TASK_INDEX_RECONCILE_MINUTES', 10),
    // 11 retries at 5 s, 10 s, … doubling, capped at 5 minutes: the last one about 30 minutes after the first failure.
    transientFailures: {
      retries: intFrom(env, 'WORKER_TRANSIENT_RETRIES', 11),
      maxBackoffMs: Math.max(1000, intFrom(env, 'WORKER_TRANSIENT_MAX_BACKOFF_MS', 5 * 60_000)),
    },
    incidentSweepMinutes: numberFrom(env, 'INCIDENT_SWEEP_MINUTES', 5),
    reports: { nearDueDays: Math.max(1, intFrom(env, 'REPORT_NEAR_DUE_DAYS', 3)) },
    clocks: {
      reminderLeadWorkingDays: intFrom(env, 'CLOCK_REMINDER_LEAD_WORKING_DAYS', 2),
      disciplineGraceWorkingDays: intFrom(env, 'CLOCK_DISCIPLINE_GRACE_WORKING_DAYS', 5),
    },
    seedDemo: production ? false : boolFrom(env, 'SEED_DEMO', true),
    processesDir: resolve(env.PROCESSES_DIR ?? 'processes'),
    deployAllowCode: boolFrom(env, 'DEPLOY_ALLOW_CODE', false),
    uiDist: resolve(env.UI_DIST ?? 'modeler-ui/dist'),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    notices: loadNoticeConfig(env, required),
    attachments: loadAttachmentConfig(env, required),
  };
}

function loadNoticeConfig(env: NodeJS.ProcessEnv, required: (name: string, devDefault: string) => string): NoticeConfig {
  const provider = env.SMS_PROVIDER ?? 'none';
  let sms: NoticeConfig['sms'];
  if (provider === 'none') sms = { provider: 'none' };
  else if (provider === 'aliyun') {
    const endpoint = env.SMS_ENDPOINT ?? 'dysmsapi.aliyuncs.com';
    sms = {
      provider,
      endpoint,
      protocol: env.SMS_PROTOCOL === 'http' ? 'http' : 'https',
      accessKeyId: required('SMS_ACCESS_KEY_ID', ''),
      accessKeySecret: required('SMS_ACCESS_KEY_SECRET', ''),
      signName: required('SMS_SIGN_NAME', ''),
      templates: parseTemplates(env.SMS_TEMPLATE_CODES ?? ''),
    };
  } else if (provider === 'http') {
    sms = { provider, url: required('SMS_HTTP_URL', ''), token: env.SMS_HTTP_TOKEN ?? '', signName: env.SMS_SIGN_NAME ?? '' };
  } else throw new ConfigError(`SMS_PROVIDER must be none, aliyun or http, got "${provider}"`);
  return {
    publicUrl: (env.PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
    receiptToken: env.NOTICE_RECEIPT_TOKEN ?? '',
    sms,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM ?? 'noreply@localhost' } : null,
    dispatch: {
      idleMs: Math.max(50, intFrom(env, 'NOTICE_DISPATCH_IDLE_MS', 1_000)),
      batchSize: Math.max(1, intFrom(env, 'NOTICE_DISPATCH_BATCH', 50)),
      parallel: Math.max(1, intFrom(env, 'NOTICE_DISPATCH_PARALLEL', 8)),
      timeoutMs: Math.max(100, intFrom(env, 'NOTICE_SEND_TIMEOUT_MS', 10_000)),
      maxAttempts: Math.max(1, intFrom(env, 'NOTICE_MAX_ATTEMPTS', 6)),
      retryBaseMs: intFrom(env, 'NOTICE_RETRY_BASE_MS', 60_000),
      retryMaxMs: intFrom(env, 'NOTICE_RETRY_MAX_MS', 3_600_000),
      claimMs: Math.max(1_000, intFrom(env, 'NOTICE_CLAIM_MS', 60_000)),
    },
  };
}

/** SMS_TEMPLATE_CODES: "default=SMS_1,accept=SMS_2,reply=SMS_3". */
function parseTemplates(raw: string): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, code] = pair.split('=').map((p) => p.trim());
    if (!kind || !code) throw new ConfigError(`SMS_TEMPLATE_CODES must be kind=code pairs separated by commas, got "${pair}"`);
    templates[kind] = code;
  }
  return templates;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
