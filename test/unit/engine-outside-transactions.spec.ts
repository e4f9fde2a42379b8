import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * No engine call inside an open database transaction (issue #12): a slow engine would hold database
 * locks, and an engine success followed by a failed commit would leave the two stores apart. This test
 * reads the source: no engine client call inside a Transactions.write block, nor in a task step's
 * apply() (which runs inside one).
 */
const ROOT = join(__dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const files = sources(join(ROOT, 'src')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

const ENGINE_CALL = /\b(?:camunda|engine|deadlines)\.\w+\(/;

/** The text of every call's argument list that starts at `opening` (balanced parentheses). */
function argumentsOf(text: string, opening: RegExp): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(opening.source, 'g'))) {
    let depth = 1;
    let i = match.index! + match[0].length;
    const start = i;
    while (depth > 0 && i < text.length) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
      i++;
    }
    found.push(text.slice(start, i - 1));
  }
  return found;
}

/** The body of a method `name(...) {...}`. */
function methodBodies(text: string, name: string): string[] {
  const bodies: string[] = [];
  for (const match of text.matchAll(new RegExp(`\\n  (?:async )?${name}\\(`, 'g'))) {
    const open = text.indexOf('{\n', match.index!);
    let depth = 1;
    let i = open + 1;
    while (depth > 0 && i < text.length) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
      i++;
    }
    bodies.push(text.slice(open, i));
  }
  return bodies;
}

describe('engine calls and database transactions', () => {
  it('makes no engine call inside a Transactions.write block', () => {
    const offenders = files.flatMap((f) =>
      argumentsOf(f.text, /\.write\(/)
        .filter((block) => ENGINE_CALL.test(block))
        .map((block) => `${f.path}: ${ENGINE_CALL.exec(block)![0]}`),
    );
    expect(offenders).toEqual([]);
  });

  it('makes no engine call in a task step’s apply(), which runs inside the completion’s transaction', () => {
    const steps = files.filter((f) => f.path.startsWith('src/tasks/steps/') && f.path.endsWith('.step.ts'));
    expect(steps.length).toBeGreaterThan(5);
    const offenders = steps.flatMap((f) => methodBodies(f.text, 'apply').filter((body) => ENGINE_CALL.test(body)).map(() => f.path));
    expect(offenders).toEqual([]);
  });

  it('would notice one (the check can fail)', () => {
    const bad = 'await this.tx.write(async (manager) => {\n  await manager.insert(X, x);\n  await this.camunda.completeTask(id, {});\n});';
    expect(argumentsOf(bad, /\.write\(/).some((block) => ENGINE_CALL.test(block))).toBe(true);
    const step = '\n  async apply(context: StepContext) {\n    await this.camunda.correlateMessage("m", id, {});\n    return {};\n  }\n';
    expect(methodBodies(step, 'apply').some((body) => ENGINE_CALL.test(body))).toBe(true);
  });
});
