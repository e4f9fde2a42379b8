import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const { checkCompose } = require('../../scripts/lib/compose-check.cjs') as {
  checkCompose(options: { composeFile: string; envFile: string }): { problems: string[]; warnings: string[]; services: string[] };
};
const { ROOT } = require('../../scripts/lib/stack.cjs') as { ROOT: string };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * `npm run check:compose` (scripts/lib/compose-check.cjs) on the real docker-compose.yml and on
 * small broken copies of a valid one: each mistake an operator or a developer could make is
 * refused with a message naming the place and what to do.
 */

/** A small valid project: an API built from ./app, a database with a mounted init directory. */
const VALID = `
name: fixture
x-secrets: &secrets
  DB_PASSWORD: \${DB_PASSWORD:?set DB_PASSWORD in .env}
services:
  db:
    image: mariadb:10.11
    environment:
      <<: *secrets
      MARIADB_DATABASE: petition
    volumes:
      - db-data:/var/lib/mysql
      - ./init:/docker-entrypoint-initdb.d:ro
    healthcheck:
      test: ["CMD", "healthcheck.sh", "--connect"]
      interval: 5s
  api:
    build: ./app
    depends_on:
      db:
        condition: service_healthy
    environment:
      <<: *secrets
      PUBLIC_URL: \${PUBLIC_URL:-https://example.org}
    ports:
      - "\${API_PORT:-3000}:3000"
volumes:
  db-data:
`;

const ENV = `# the database account\nDB_PASSWORD=\nPUBLIC_URL=https://example.org\nAPI_PORT=3000\n`;

let dir: string;

/** Writes the fixture project (compose text, env text) and checks it. */
function check(compose: string, env = ENV): { problems: string[]; warnings: string[] } {
  writeFileSync(join(dir, 'docker-compose.yml'), compose);
  writeFileSync(join(dir, '.env.example'), env);
  return checkCompose({ composeFile: join(dir, 'docker-compose.yml'), envFile: join(dir, '.env.example') });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'compose-check-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM scratch\n');
  mkdirSync(join(dir, 'init'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run check:compose', () => {
  it('passes the real docker-compose.yml with its .env.example', () => {
    const result = checkCompose({ composeFile: join(ROOT, 'docker-compose.yml'), envFile: join(ROOT, '.env.example') });
    expect(result.problems).toEqual([]);
    expect(result.services).toEqual(expect.arrayContaining(['mariadb', 'engine-1', 'engine-2', 'api', 'worker']));
  });

  it('passes a small valid project', () => {
    expect(check(VALID).problems).toEqual([]);
  });

  it('refuses a build context that does not exist', () => {
    const { problems } = check(VALID.replace('build: ./app', 'build: ./missing-app'));
    expect(problems).toEqual([expect.stringMatching(/services\.api\.build: build context \.\/missing-app does not exist/)]);
  });

  it('refuses a build context without its Dockerfile', () => {
    rmSync(join(dir, 'app', 'Dockerfile'));
    expect(check(VALID).problems).toEqual([expect.stringMatching(/services\.api\.build: Dockerfile app\/Dockerfile does not exist/)]);
  });

  it('refuses a mounted host directory that does not exist', () => {
    const { problems } = check(VALID.replace('./init:', './mysql-init:'));
    expect(problems).toEqual([expect.stringMatching(/services\.db\.volumes: mounts \.\/mysql-init, which does not exist/)]);
  });

  it('refuses a published port on any service but the API', () => {
    const { problems } = check(VALID.replace('    healthcheck:', '    ports:\n      - "3306:3306"\n    healthcheck:'));
    expect(problems).toEqual([expect.stringMatching(/services\.db\.ports: publishes 3306:3306; only api may publish a port/)]);
  });

  it('refuses host networking on any service but the API', () => {
    const { problems } = check(VALID.replace('    healthcheck:', '    network_mode: host\n    healthcheck:'));
    expect(problems).toEqual([expect.stringMatching(/services\.db\.network_mode: "host" puts every port of db on the host/)]);
  });

  it('refuses a variable that .env.example does not declare', () => {
    const { problems } = check(VALID.replace('MARIADB_DATABASE: petition', 'MARIADB_DATABASE: ${DB_NAME:-petition}'));
    expect(problems).toEqual([
      expect.stringMatching(/services\.db\.environment\.MARIADB_DATABASE: uses \$\{DB_NAME\}, which \.env\.example does not declare: add "DB_NAME="/),
    ]);
  });

  it('refuses a depends_on naming a service that does not exist', () => {
    const { problems } = check(VALID.replace('      db:\n        condition', '      database:\n        condition'));
    expect(problems).toEqual([expect.stringMatching(/services\.api\.depends_on: names service "database", which is not defined/)]);
  });

  it('refuses a secret with a literal default', () => {
    const { problems } = check(VALID.replace('${DB_PASSWORD:?set DB_PASSWORD in .env}', '${DB_PASSWORD:-changeme}'));
    // (the anchor is merged into both services)
    expect(problems).toContainEqual(expect.stringMatching(/secret DB_PASSWORD has a literal default \("changeme"\); require it instead/));
  });

  it('refuses a secret written into the file', () => {
    const { problems } = check(VALID.replace('      PUBLIC_URL:', '      JWT_SECRET: not-so-secret\n      PUBLIC_URL:'));
    expect(problems).toEqual([expect.stringMatching(/services\.api\.environment\.JWT_SECRET: secret JWT_SECRET is written in the file; set it from \.env/)]);
  });

  it('refuses a real value for a secret in .env.example', () => {
    const { problems } = check(VALID, ENV.replace('DB_PASSWORD=', 'DB_PASSWORD=hunter2'));
    expect(problems).toEqual([expect.stringMatching(/\.env\.example: line 2: secret DB_PASSWORD has a value; leave it empty/)]);
  });

  it('refuses what the Compose Specification does not allow', () => {
    const { problems } = check(VALID.replace('image: mariadb:10.11', 'imag: mariadb:10.11').replace('interval: 5s', 'interval: 5 seconds'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/services\.db: does not match the Compose Specification: must NOT have additional properties \("imag"\)/),
        expect.stringMatching(/services\.db\.healthcheck\.interval: does not match the Compose Specification: must match format "duration"/),
      ]),
    );
  });

  it('refuses a project name the specification does not allow', () => {
    const { problems } = check(VALID.replace('name: fixture', 'name: Petition Workflow'));
    expect(problems).toEqual([expect.stringMatching(/name: does not match the Compose Specification: must match pattern/)]);
  });

  it('refuses a file that is not YAML', () => {
    const { problems } = check('services:\n  api:\n    image: [unclosed\n');
    expect(problems).toEqual([expect.stringMatching(/docker-compose\.yml: is not valid YAML/)]);
  });
});
