import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The router mounts the workspaces' pages, so a workspace that imported the router (even lazily,
 * with import()) closed a circle router → workspaces → workspace → router. Workspaces hand their
 * routes to the router and report an expired session through @/api; only the router's pure
 * helpers (@/router/redirect) are theirs to use.
 */
const SRC = join(__dirname, '..', 'src');
const WORKSPACES = join(SRC, 'workspaces');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

const ROUTER_IMPORT = /(?:from\s+|import\s*\(\s*)['"](?:@\/router(?:\/index)?|(?:\.\.\/)+router(?:\/index)?)['"]/;

describe('the workspaces', () => {
  const files = sources(WORKSPACES);

  it('never import the router that mounts them', () => {
    const offenders = files.filter((file) => ROUTER_IMPORT.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it('are read (a wrong root would find nothing to check)', () => {
    expect(files.some((file) => file.endsWith(join('workbench', 'index.ts')))).toBe(true);
    expect(ROUTER_IMPORT.test("const { router } = await import('@/router');")).toBe(true);
    expect(ROUTER_IMPORT.test("import { homeFor } from '@/router/redirect';")).toBe(false);
  });
});
