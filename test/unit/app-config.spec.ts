import { resolve } from 'node:path';
import { loadConfig, parseDatabaseUrl } from '../../src/config/app-config';

const b64 = (n: number) => Buffer.alloc(32, n).toString('base64');

/** Everything production insists on, with keys of our own. */
const PRODUCTION: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-long-production-secret',
  DATA_ENCRYPTION_KEYS: `k1:${b64(1)}`,
  DATA_HASH_KEY: b64(2),
  ENGINE_USER: 'engine',
  ENGINE_PASSWORD: 'engine-password',
};

describe('DATABASE_URL', () => {
  it('reads a sqlite file path and makes it absolute', () => {
    expect(parseDatabaseUrl('sqlite:./data/petition.sqlite')).toEqual({
      type: 'sqlite',
      path: resolve('./data/petition.sqlite'),
    });
  });

  it('keeps an in-memory sqlite database as it is', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it('refuses sqlite: without a path', () => {
    expect(() => parseDatabaseUrl('sqlite:')).toThrow('needs a file path');
  });

  it('reads a MySQL URL and decodes a percent-encoded password', () => {
    expect(parseDatabaseUrl('mysql://petition:p%40ss%3Aw%2Frd@db.example:3307/petition')).toEqual({
      type: 'mysql',
      host: 'db.example',
      port: 3307,
      username: 'petition',
      password: 'p@ss:w/rd',
      database: 'petition',
    });
  });

  it('reads a MariaDB URL and defaults the port to 3306', () => {
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1/petition')).toEqual({
      type: 'mariadb',
      host: '127.0.0.1',
      port: 3306,
      username: 'root',
      password: '',
      database: 'petition',
    });
  });

  it('needs a database name', () => {
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1:3306/')).toThrow('must name a database');
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1:3306')).toThrow('must name a database');
  });

  it('refuses other databases, naming the scheme', () => {
    expect(() => parseDatabaseUrl('postgres://u:p@localhost:5432/petition')).toThrow('scheme "postgres" is not supported');
  });

  it('refuses something that is not a URL', () => {
    expect(() => parseDatabaseUrl('petition.sqlite')).toThrow('is not a valid URL');
  });
});

describe('loading the configuration', () => {
  describe('in development', () => {
    it('starts with an empty environment', () => {
      const config = loadConfig({});
      expect(config.env).toBe('development');
      expect(config.port).toBe(3000);
      expect(config.database).toEqual({ type: 'sqlite', path: resolve('./data/petition.sqlite') });
      expect(config.engine).toEqual({
        url: 'http://127.0.0.1:8080/engine-rest',
        username: 'demo',
        password: 'demo',
        waitTimeoutMs: 120_000,
      });
      expect(config.workers).toEqual({
        inProcess: true,
        maxParallel: 24,
        lockDurationMs: 30_000,
        maxRetries: 3,
        retryBaseMs: 5_000,
        pollTimeoutMs: 10_000,
      });
      expect(config.seedDemo).toBe(true);
      expect(config.personalData.encryptionKeys).toHaveLength(1);
      expect(config.personalData.encryptionKeys[0].id).toBe('dev');
      expect(config.personalData.encryptionKeys[0].key).toHaveLength(32);
      expect(config.personalData.hashKey).toHaveLength(32);
      expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    });

    it('gives a MariaDB pool one connection per worker slot and 16 for requests, unless DB_POOL_SIZE says', () => {
      const url = 'mariadb://root@127.0.0.1/petition';
      expect(loadConfig({ DATABASE_URL: url }).database).toMatchObject({ type: 'mariadb', poolSize: 40 });
      expect(loadConfig({ DATABASE_URL: url, WORKER_MAX_PARALLEL: '4' }).database).toMatchObject({ poolSize: 20 });
      expect(loadConfig({ DATABASE_URL: url, DB_POOL_SIZE: '64' }).database).toMatchObject({ poolSize: 64 });
      expect(loadConfig({ DATABASE_URL: url, DB_POOL_SIZE: '0' }).database).toMatchObject({ poolSize: 2 });
      expect(loadConfig({}).database).not.toHaveProperty('poolSize');
    });

    it('closes CORS, trusts no proxy and limits sign-in and public queries by default', () => {
      const config = loadConfig({});
      expect(config.http).toEqual({
        trustProxy: false,
        corsOrigins: [],
        rateLimits: { windowSeconds: 60, signIn: 10, signInPerAddress: 300, publicQuery: 60 },
      });
      expect(config.auth).toMatchObject({ tokenTtlSeconds: 8 * 3600, sessionIdleMinutes: 30, maxFailedSignIns: 5, lockMinutes: 15 });
    });

    it('reminds 2 working days ahead, recommends discipline 5 working days late and gives agents 1 working day', () => {
      const config = loadConfig({});
      expect(config.clocks).toEqual({ reminderLeadWorkingDays: 2, disciplineGraceWorkingDays: 5 });
      expect(config.limits).toEqual({ agentForwardingWorkingDays: 1 });
    });

    it('takes the clock policy and the forwarding period from the environment', () => {
      const config = loadConfig({
        CLOCK_REMINDER_LEAD_WORKING_DAYS: '3',
        CLOCK_DISCIPLINE_GRACE_WORKING_DAYS: '10',
        AGENT_FORWARD_WORKING_DAYS: '2',
      });
      expect(config.clocks).toEqual({ reminderLeadWorkingDays: 3, disciplineGraceWorkingDays: 10 });
      expect(config.limits).toEqual({ agentForwardingWorkingDays: 2 });
    });

    it('paces registrations to 5 petitions in the pipeline per core, each held 3 s at most; 0 switches pacing off', () => {
      expect(loadConfig({}, { cores: 2 }).intake).toEqual({ pipelineLimit: 10, paceMaxMs: 3000 });
      expect(loadConfig({}, { cores: 8 }).intake).toEqual({ pipelineLimit: 40, paceMaxMs: 3000 });
      expect(loadConfig({ INTAKE_PIPELINE_LIMIT: '32' }, { cores: 2 }).intake.pipelineLimit).toBe(32);
      expect(loadConfig({ INTAKE_PIPELINE_LIMIT: '0', INTAKE_PACE_MAX_MS: '500' }).intake).toEqual({ pipelineLimit: 0, paceMaxMs: 500 });
      expect(() => loadConfig({ INTAKE_PIPELINE_LIMIT: '-1' })).toThrow('INTAKE_PIPELINE_LIMIT must be a non-negative integer, got "-1"');
    });

    it('reads allowed origins and the trusted proxy hops', () => {
      const config = loadConfig({ CORS_ORIGINS: 'https://xf.example.gov.cn, https://m.xf.example.gov.cn', TRUST_PROXY: 'loopback' });
      expect(config.http.corsOrigins).toEqual(['https://xf.example.gov.cn', 'https://m.xf.example.gov.cn']);
      expect(config.http.trustProxy).toBe('loopback');
      expect(loadConfig({ TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    });

    it('draws a fresh JWT secret on each start when none is set', () => {
      expect(loadConfig({}).auth.jwtSecret).not.toBe(loadConfig({}).auth.jwtSecret);
    });

    it('strips a trailing slash from the engine URL', () => {
      expect(loadConfig({ ENGINE_URL: 'http://engine:8080/engine-rest/' }).engine.url).toBe('http://engine:8080/engine-rest');
    });

    it('lets SEED_DEMO switch the demo data off', () => {
      expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    });

    it('refuses an unknown NODE_ENV', () => {
      expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow('NODE_ENV must be development, production or test');
    });
  });

  describe('in production', () => {
    it('starts with every secret set', () => {
      const config = loadConfig(PRODUCTION);
      expect(config.env).toBe('production');
      expect(config.auth.jwtSecret).toBe('a-long-production-secret');
      expect(config.personalData.encryptionKeys).toEqual([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
      expect(config.personalData.hashKey).toEqual(Buffer.alloc(32, 2));
      expect(config.engine.password).toBe('engine-password');
    });

    it.each(['JWT_SECRET', 'DATA_ENCRYPTION_KEYS', 'DATA_HASH_KEY', 'ENGINE_USER', 'ENGINE_PASSWORD'])(
      'refuses to start without %s and says so',
      (name) => {
        const env = { ...PRODUCTION, [name]: undefined };
        expect(() => loadConfig(env)).toThrow(`${name} must be set in production`);
        // an empty value counts as missing
        expect(() => loadConfig({ ...PRODUCTION, [name]: '' })).toThrow(`${name} must be set in production`);
      },
    );

    it('refuses the development encryption key', () => {
      const env = { ...PRODUCTION, DATA_ENCRYPTION_KEYS: 'dev:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=' };
      expect(() => loadConfig(env)).toThrow('still holds the development key');
    });

    it('refuses the development key even when it is kept as an old key for decrypting', () => {
      const env = { ...PRODUCTION, DATA_ENCRYPTION_KEYS: `k1:${b64(1)},dev:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=` };
      expect(() => loadConfig(env)).toThrow('still holds the development key');
    });

    // Regression: only a key whose id was "dev" used to be refused, not the same key bytes under
    // another id, nor the development hash key.
    it('refuses the published development keys under any id, the hash key included', () => {
      const devKey = 'ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';
      const devHashKey = 'ZGV2LW9ubHktaGFzaC1rZXktLS0tLS0tMzItYnl0ZXM=';
      expect(() => loadConfig({ ...PRODUCTION, DATA_ENCRYPTION_KEYS: `k1:${devKey}` })).toThrow(/development key/);
      expect(() => loadConfig({ ...PRODUCTION, DATA_HASH_KEY: devHashKey })).toThrow(/development key/);
    });

    it('never seeds demo accounts, even when SEED_DEMO=true', () => {
      expect(loadConfig({ ...PRODUCTION, SEED_DEMO: 'true' }).seedDemo).toBe(false);
    });
  });

  describe('encryption keys', () => {
    it('reads several keys, the first one encrypting', () => {
      const config = loadConfig({ DATA_ENCRYPTION_KEYS: ` k2:${b64(2)} , k1:${b64(1)}` });
      expect(config.personalData.encryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
      expect(config.personalData.encryptionKeys[0].key).toEqual(Buffer.alloc(32, 2));
    });

    it('refuses a key that is not 32 bytes', () => {
      const short = Buffer.alloc(16, 1).toString('base64');
      expect(() => loadConfig({ DATA_ENCRYPTION_KEYS: `k1:${short}` })).toThrow('DATA_ENCRYPTION_KEYS: each key must be 32 bytes');
      expect(() => loadConfig({ DATA_HASH_KEY: short })).toThrow('DATA_HASH_KEY: each key must be 32 bytes');
    });

    it.each(['k1', `:${b64(1)}`, `bad id!:${b64(1)}`])('refuses the malformed entry "%s"', (raw) => {
      expect(() => loadConfig({ DATA_ENCRYPTION_KEYS: raw })).toThrow('DATA_ENCRYPTION_KEYS must look like');
    });
  });

  describe('numbers and switches', () => {
    it('reads integers and booleans', () => {
      const config = loadConfig({ PORT: '8081', WORKER_MAX_RETRIES: '0', WORKERS_IN_PROCESS: 'no', SEED_DEMO: 'ON' });
      expect(config.port).toBe(8081);
      expect(config.workers.maxRetries).toBe(0);
      expect(config.workers.inProcess).toBe(false);
      expect(config.seedDemo).toBe(true);
    });

    it('keeps the worker pool and lock duration at sensible minimums', () => {
      const config = loadConfig({ WORKER_MAX_PARALLEL: '0', WORKER_LOCK_MS: '10' });
      expect(config.workers.maxParallel).toBe(1);
      expect(config.workers.lockDurationMs).toBe(1000);
    });

    it.each([
      ['PORT', 'abc'],
      ['PORT', '80.5'],
      ['WORKER_MAX_RETRIES', '-1'],
      ['TOKEN_TTL_SECONDS', '8h'],
    ])('refuses %s="%s", naming the variable', (name, value) => {
      expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be a non-negative integer, got "${value}"`);
    });

    it.each([
      ['WORKERS_IN_PROCESS', 'maybe'],
      ['SEED_DEMO', '2'],
    ])('refuses %s="%s", naming the variable', (name, value) => {
      expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be true or false, got "${value}"`);
    });
  });
});
