import 'reflect-metadata';
import { Repository } from 'typeorm';
import { DEMO_REGIONS, DEMO_UNITS } from '../../src/demo/demo-org';
import { OrgService } from '../../src/org/org.service';
import { Region } from '../../src/org/region.entity';
import { Unit } from '../../src/org/unit.entity';

/** The demo city's tree (plus any extra units), read by the real OrgService through in-memory repositories. */
export function demoOrg(extra: Partial<Unit>[] = []): OrgService {
  const units = [...DEMO_UNITS, ...extra].map((u) => ({ active: true, successorCode: null, parentUnitCode: null, ...u }) as Unit);
  const repo = <T extends object>(rows: T[]) => ({ find: async () => rows }) as unknown as Repository<T>;
  return new OrgService(repo(DEMO_REGIONS as Region[]), repo(units));
}
