// Case search (卷宗检索): GET /api/petitions with the filters of the search page, kept in the URL so
// that a search can be bookmarked. Apart from api.ts so the search page owns its own query shape.
import { api } from '@/api';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { PetitionHits } from './types';

export const SEARCH_SORTS = ['-receivedAt', 'receivedAt', 'due', '-due', 'number'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Text and choice filters, as they stand in the URL query (flags as 'true'). */
export const SEARCH_FIELDS = [
  'q',
  'name',
  'idNumber',
  'status',
  'category',
  'channel',
  'tier',
  'unitCode',
  'receivedFrom',
  'receivedTo',
  'overdue',
  'repeat',
  'collective',
  'levelSkip',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchFilters = Record<SearchField, string>;

export interface SearchQuery {
  filters: SearchFilters;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50, 100];

export function emptyFilters(): SearchFilters {
  return Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ''])) as SearchFilters;
}

/** The search a URL query stands for; anything unknown or malformed falls back to the default. */
export function searchFromUrl(query: LocationQuery): SearchQuery {
  const one = (key: string): string => {
    const value = query[key];
    return typeof value === 'string' ? value : '';
  };
  const filters = emptyFilters();
  for (const field of SEARCH_FIELDS) filters[field] = one(field);
  const sort = (SEARCH_SORTS as readonly string[]).includes(one('sort')) ? (one('sort') as SearchSort) : '-receivedAt';
  const page = Math.max(1, Number.parseInt(one('page'), 10) || 1);
  const size = Number.parseInt(one('pageSize'), 10);
  return { filters, sort, page, pageSize: PAGE_SIZES.includes(size) ? size : 20 };
}

/** The URL query of a search: only what differs from the default, so a plain list has a plain URL. */
export function searchToUrl(search: SearchQuery): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const field of SEARCH_FIELDS) if (search.filters[field].trim()) query[field] = search.filters[field].trim();
  if (search.sort !== '-receivedAt') query.sort = search.sort;
  if (search.page > 1) query.page = String(search.page);
  if (search.pageSize !== 20) query.pageSize = String(search.pageSize);
  return query;
}

/** The API's query string for a search. */
export function searchQueryString(search: SearchQuery): string {
  const params = new URLSearchParams();
  for (const field of SEARCH_FIELDS) if (search.filters[field].trim()) params.set(field, search.filters[field].trim());
  params.set('sort', search.sort);
  params.set('firstResult', String((search.page - 1) * search.pageSize));
  params.set('maxResults', String(search.pageSize));
  return params.toString();
}

export const searchApi = {
  petitions: (search: SearchQuery) => api.get<PetitionHits>(`/petitions?${searchQueryString(search)}`),
};
