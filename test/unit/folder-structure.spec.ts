import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/*
 * One folder per feature, and no two features that need each other (issue #12 found 18 of 23
 * folders in one knot). This test reads the relative imports of src/ and fails when the folders
 * import each other in a circle, naming the files on it; a feature that reads many others' records
 * (the case file) sits above them instead.
 */
const SRC = join(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder under src/ of a path, or null for the files at the top (the two applications). */
const folderOf = (path: string) => {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? parts[0] : null;
};

/** folder → folder → the files that make the arrow */
function folderImports(): Map<string, Map<string, string[]>> {
  const arrows = new Map<string, Map<string, string[]>>();
  for (const file of sources(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(normalize(join(dirname(file), spec)));
      if (!to || to === from) continue;
      const targets = arrows.get(from) ?? new Map<string, string[]>();
      targets.set(to, [...(targets.get(to) ?? []), relative(SRC, file)]);
      arrows.set(from, targets);
    }
  }
  return arrows;
}

/** Tarjan's strongly connected components with more than one folder: the knots. */
function knots(arrows: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    for (const next of arrows.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
    }
    if (low.get(folder) === index.get(folder)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== folder);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const folder of arrows.keys()) if (!index.has(folder)) visit(folder);
  return found;
}

describe('the folders under src/', () => {
  const arrows = folderImports();

  it('import each other in no circle', () => {
    const described = knots(arrows).map((knot) =>
      knot.flatMap((from) => knot.filter((to) => arrows.get(from)?.has(to)).map((to) => `${from} → ${to} (${arrows.get(from)!.get(to)!.join(', ')})`)),
    );
    expect(described).toEqual([]);
  });

  it('are read: the petition folder is imported by the features built on it', () => {
    // a guard against a test that reads nothing (a wrong root or pattern would find no arrows)
    expect(arrows.get('routing')?.has('petitions')).toBe(true);
    expect(arrows.size).toBeGreaterThan(20);
  });
});
