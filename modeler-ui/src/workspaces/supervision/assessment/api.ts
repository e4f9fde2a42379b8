// The assessment calls: KPIs, their trend and cases, the scores, and the Excel exports of both tables.
import { api } from '@/api';
import { fetchBlob } from '@/api/blob';
import type { FetchLike } from '@/api/client';
import { fileNameFrom, reportQuery } from '../labels';
import type { CaseQuery, KpiCasePage, KpiQuery, KpiReport, KpiTrend, Scope, ScoreQuery, ScoreReport } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The query string of the KPI table, shared by the table and its export, so that both show the same. */
export function kpiQueryString(query: KpiQuery): string {
  return reportQuery({ from: query.from, to: query.to, by: query.by, regionCode: query.regionCode, unitCode: query.unitCode });
}

const scopeParams = (scope: Scope) =>
  'unitCode' in scope ? { unitCode: scope.unitCode } : 'level' in scope ? { regionCode: scope.regionCode, level: scope.level } : { regionCode: scope.regionCode };

export function trendQueryString(from: string, to: string, scope: Scope): string {
  return reportQuery({ from, to, ...scopeParams(scope) });
}

export function caseQueryString(query: Omit<CaseQuery, 'page' | 'pageSize'> & Partial<Pick<CaseQuery, 'page' | 'pageSize'>>): string {
  return reportQuery({
    from: query.from,
    to: query.to,
    ...scopeParams(query.scope),
    metric: query.metric,
    missed: query.missed === undefined ? undefined : String(query.missed),
    page: query.page,
    pageSize: query.pageSize,
  });
}

export function scoreQueryString(query: ScoreQuery): string {
  return reportQuery({ period: query.period, level: query.level, regionCode: query.regionCode });
}

export function fetchKpis(query: KpiQuery): Promise<KpiReport> {
  return api.get<KpiReport>(`/kpis${kpiQueryString(query)}`);
}

export function fetchKpiTrend(from: string, to: string, scope: Scope): Promise<KpiTrend> {
  return api.get<KpiTrend>(`/kpis/trend${trendQueryString(from, to, scope)}`);
}

export function fetchKpiCases(query: CaseQuery): Promise<KpiCasePage> {
  return api.get<KpiCasePage>(`/kpis/cases${caseQueryString(query)}`);
}

export function fetchScores(query: ScoreQuery): Promise<ScoreReport> {
  return api.get<ScoreReport>(`/scores${scoreQueryString(query)}`);
}

/**
 * Downloads a workbook the API draws (`path` under /api, with its query) and hands it to the browser
 * as a file: fetched with the bearer token (a bare link would carry none), named as the API's
 * Content-Disposition says. Returns the file name; failures are ApiError with the API's message.
 */
export async function downloadWorkbook(path: string, fallbackName: string, doFetch: FetchLike = (i, init) => globalThis.fetch(i, init)): Promise<string> {
  let disposition: string | null = null;
  const blob = await fetchBlob(path, {
    fetch: async (input, init) => {
      const headers = { ...(init?.headers as Record<string, string> | undefined), Accept: `${XLSX}, application/json` };
      const response = await doFetch(input, { ...init, headers });
      disposition = response.headers.get('Content-Disposition');
      return response;
    },
  });
  const name = fileNameFrom(disposition, fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // revoking at once can cancel the download in some browsers
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}

export function downloadKpisExcel(query: KpiQuery, doFetch?: FetchLike): Promise<string> {
  return downloadWorkbook(`/kpis/export${kpiQueryString(query)}`, `kpis-${query.from}-${query.to}.xlsx`, doFetch);
}

export function downloadScoresExcel(query: ScoreQuery, doFetch?: FetchLike): Promise<string> {
  return downloadWorkbook(`/scores/export${scoreQueryString(query)}`, `scores-${query.level}-${query.period}.xlsx`, doFetch);
}

/** The cases behind a figure as a workbook: the same query as the drawer, without paging. */
export function downloadKpiCasesExcel(query: Omit<CaseQuery, 'page' | 'pageSize'>, doFetch?: FetchLike): Promise<string> {
  return downloadWorkbook(`/kpis/cases/export${caseQueryString(query)}`, `kpi-cases-${query.from}-${query.to}.xlsx`, doFetch);
}
