import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * One owner for a petition's state (issue #12): the petition table is read and written only through
 * PetitionRepository, and the repository's writes are called only by the lifecycle (status, holder,
 * deadlines), the intake (a new petition) and the process starter (its instance id). This test reads
 * the source and fails the build when another file writes a petition row.
 */
const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

const REPOSITORY = 'src/petitions/petition.repository.ts';
const WRITERS = ['src/petitions/lifecycle/petition-lifecycle.ts', 'src/petitions/petition-intake.service.ts', 'src/petitions/process-starter.service.ts'];

/** The entity handed to TypeORM directly: the repository's business only. */
const DIRECT_ACCESS = [
  /\b(?:update|save|insert|upsert|increment|decrement|delete|softDelete|remove|find\w*|exists\w*|count\w*|createQueryBuilder)\(\s*Petition\b/,
  /\bRepository<Petition>/,
  /\bInjectRepository\(\s*Petition\s*\)/,
  /\bgetRepository\(\s*Petition\s*\)/,
  /forFeature\(\[[^\]]*\bPetition\b[^\]]*\]\)/,
  /\binto\(\s*Petition\s*\)/,
];

/** The repository's writing methods, called on a PetitionRepository held as `name`. */
function repositoryWrites(text: string): string[] {
  const held = [...text.matchAll(/(?:private|readonly|public)\s+(?:readonly\s+)?(\w+):\s*PetitionRepository\b/g)].map((m) => m[1]);
  return held.flatMap((name) =>
    [...text.matchAll(new RegExp(`this\\.${name}\\.(insert|update|updateWhere|setProcessInstance)\\(`, 'g'))].map((m) => m[0]),
  );
}

describe('who may change a petition row', () => {
  it('nobody but the repository hands the Petition entity to TypeORM', () => {
    const offenders = files
      .filter((f) => f.path !== REPOSITORY)
      .flatMap((f) => DIRECT_ACCESS.filter((pattern) => pattern.test(f.text)).map((pattern) => `${f.path}: ${pattern}`));
    expect(offenders).toEqual([]);
  });

  it('nobody but the lifecycle, the intake and the process starter calls the repository’s writes', () => {
    const offenders = files.filter((f) => !WRITERS.includes(f.path)).flatMap((f) => repositoryWrites(f.text).map((call) => `${f.path}: ${call}`));
    expect(offenders).toEqual([]);
  });

  it('the intake only inserts and the process starter only sets the instance id; status and deadlines are the lifecycle’s', () => {
    const intake = files.find((f) => f.path === 'src/petitions/petition-intake.service.ts')!;
    const starter = files.find((f) => f.path === 'src/petitions/process-starter.service.ts')!;
    expect(repositoryWrites(intake.text).every((call) => call.endsWith('.insert('))).toBe(true);
    expect(repositoryWrites(starter.text).every((call) => call.endsWith('.setProcessInstance('))).toBe(true);
  });

  it('would notice a step that writes the table itself (the check can fail)', () => {
    const step = "await manager.update(Petition, { id: petition.id }, { status: 'handling' });";
    expect(DIRECT_ACCESS.some((pattern) => pattern.test(step))).toBe(true);
    expect(repositoryWrites('constructor(private readonly rows: PetitionRepository) {}\nawait this.rows.update(manager, id, {});')).toEqual([
      'this.rows.update(',
    ]);
  });
});
