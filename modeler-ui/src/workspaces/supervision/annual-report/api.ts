// The annual report's calls: the figures, and the PDF and the workbook the API draws from the same figures.
import { api } from '@/api';
import type { FetchLike } from '@/api/client';
import { downloadWorkbook } from '../assessment/api';
import { reportQuery } from '../labels';
import type { AnnualQuery, AnnualReport } from './types';

/** The query string shared by the figures and both downloads, so that all three show the same region and year. */
export function annualQueryString(query: AnnualQuery): string {
  return reportQuery({ regionCode: query.regionCode, year: query.year });
}

export function fetchAnnualReport(query: AnnualQuery): Promise<AnnualReport> {
  return api.get<AnnualReport>(`/reports/annual${annualQueryString(query)}`);
}

/** Downloads the PDF or the workbook, named as the API's Content-Disposition says; returns the file name. */
export function downloadAnnualReport(query: AnnualQuery, format: 'pdf' | 'xlsx', doFetch?: FetchLike): Promise<string> {
  const fallback = `annual-report-${query.regionCode ?? 'own'}-${query.year}.${format}`;
  return downloadWorkbook(`/reports/annual.${format}${annualQueryString(query)}`, fallback, doFetch);
}
