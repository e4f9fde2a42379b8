import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The dashboard in deploy/grafana reads series by name: a series renamed or dropped in the code
 * would leave a panel silently empty. This reads every query of the dashboard and checks each
 * petition_* series against the names the code registers.
 */
const ROOT = join(__dirname, '..', '..');

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy', 'grafana', 'petition-dashboard.json'), 'utf8')) as { panels: Panel[]; uid: string };
  const queried = dashboard.panels.filter((p) => p.type !== 'row');
  const registered = new Set(
    // the series are declared in these two folders (metrics/ for the process's own, health/ for the cluster's work)
    [...sources(join(ROOT, 'src', 'metrics')), ...sources(join(ROOT, 'src', 'health'))].flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/name: '(petition_[a-z_]+)'/g)].map((m) => m[1])),
  );

  it('queries, in every panel, the Prometheus chosen when it is imported', () => {
    expect(queried.length).toBeGreaterThanOrEqual(15);
    for (const panel of queried) {
      expect([panel.title, panel.datasource?.uid, panel.targets?.length ? 'has queries' : 'none']).toEqual([panel.title, '${datasource}', 'has queries']);
      for (const target of panel.targets!) expect(target.datasource?.uid).toBe('${datasource}');
    }
  });

  it('reads only series the API and workers register', () => {
    expect([...registered]).toEqual(expect.arrayContaining(['petition_http_request_duration_seconds', 'petition_worker_task_duration_seconds']));
    const used = new Set(
      queried.flatMap((p) => p.targets!.flatMap((t) => [...t.expr.matchAll(/\b(petition_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum)$/, '')))),
    );
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
    // and it shows every one of them somewhere
    expect([...registered].filter((name) => !used.has(name))).toEqual([]);
  });
});
