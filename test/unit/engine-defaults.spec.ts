import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The JDBC URL the engine uses when ENGINE_DB_URL is not set: the default of `url: ${ENGINE_DB_URL:…}`. */
function defaultEngineDatabaseUrl(): string {
  const match = /^\s*url:\s*\$\{ENGINE_DB_URL:(.*)\}\s*$/m.exec(read('engine/src/main/resources/application.yaml'));
  if (!match) throw new Error('application.yaml has no "url: ${ENGINE_DB_URL:…}" line');
  return match[1];
}

function settingsOf(url: string): Map<string, string> {
  const [, ...settings] = url.split(';');
  return new Map(settings.map((s) => s.split('=') as [string, string]).map(([k, v]) => [k.toUpperCase(), v]));
}

describe('the embedded engine database by default', () => {
  it('is an H2 file under data/engine that writes every commit before it returns (survives kill -9)', () => {
    const url = defaultEngineDatabaseUrl();
    expect(url.startsWith('jdbc:h2:file:./data/engine/')).toBe(true);
    const settings = settingsOf(url);
    // H2 keeps commits in memory for WRITE_DELAY ms (500 by default): a killed engine lost them.
    expect(settings.get('WRITE_DELAY')).toBe('0');
    // Nothing that would defer or drop the transaction log again.
    expect(settings.has('LOG')).toBe(false);
    expect(settings.has('UNDO_LOG')).toBe(false);
  });

  it('is the one `npm start` uses: the start script leaves the URL to the engine instead of repeating it', () => {
    expect(read('scripts/start.mjs')).not.toMatch(/jdbc:h2:/);
  });
});
