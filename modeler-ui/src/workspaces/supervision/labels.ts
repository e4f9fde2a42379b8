import type { AgeingBucket, OrgRegion, OrgUnit, OverdueItem, OverdueReport } from './types';
import { STEPS } from './types';

type T = (key: string, params?: Record<string, unknown>) => string;

const AGEING_KEYS: Record<AgeingBucket, string> = {
  '0-3': 'b0_3',
  '4-7': 'b4_7',
  '8-15': 'b8_15',
  '16-30': 'b16_30',
  '>30': 'b31',
};

/** The step's name in the UI language; unknown keys are shown as they are. */
export function stepLabel(t: T, step: string): string {
  return (STEPS as readonly string[]).includes(step) ? t(`supervision.steps.${step}`) : step;
}

export function ageingLabel(t: T, bucket: AgeingBucket): string {
  return t(`supervision.ageing.${AGEING_KEYS[bucket]}`);
}

export function levelLabel(t: T, level: string): string {
  return ['city', 'county', 'township', 'village'].includes(level) ? t(`supervision.levels.${level}`) : level;
}

/** The case page of a petition (the workbench's route workbench-petition), linked by path. */
export function petitionPath(petitionId: string): string {
  return `/workbench/petitions/${encodeURIComponent(petitionId)}`;
}

/**
 * The days column of a report row: "超期 N 天" past due, "剩余 N 天" near-due (the API's daysOverdue
 * is negative for near-due rows, minus the days left).
 */
export function daysText(t: T, item: Pick<OverdueItem, 'status' | 'daysOverdue'>): string {
  return item.status === 'overdue'
    ? t('supervision.overdue.table.daysPast', { days: Math.max(0, item.daysOverdue) })
    : t('supervision.overdue.table.daysLeft', { days: Math.max(0, -item.daysOverdue) });
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** "2026-11-26 09:30", China time (Asia/Shanghai, UTC+8 all year). */
export function chinaDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Query string of the report's filters (empty values left out), starting with "?" or empty. */
export function reportQuery(filters: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The file name from a Content-Disposition header (RFC 5987 filename* first), or the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]!.trim() : fallback;
}

/**
 * The units a report's scope covers, for the unit filter: a unit head's own unit; a supervisor's
 * region and every region below it (following parentCode); everything when the scope is unknown.
 */
export function unitsInScope(units: OrgUnit[], regions: OrgRegion[], scope: OverdueReport['scope'] | null): OrgUnit[] {
  let within: Set<string> | null = null;
  if (scope?.regionCode && regions.length) {
    const parent = new Map(regions.map((r) => [r.code, r.parentCode]));
    within = new Set(
      regions
        .map((r) => r.code)
        .filter((code) => {
          for (let at: string | null | undefined = code, hops = 0; at && hops < 10; at = parent.get(at), hops++) {
            if (at === scope.regionCode) return true;
          }
          return false;
        }),
    );
  }
  return units
    .filter((u) => u.active !== false)
    .filter((u) => !scope?.unitCode || u.code === scope.unitCode)
    .filter((u) => !within || !u.regionCode || within.has(u.regionCode))
    .sort((a, b) => a.code.localeCompare(b.code));
}
