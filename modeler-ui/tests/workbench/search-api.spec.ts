import { describe, expect, it } from 'vitest';
import { emptyFilters, searchFromUrl, searchQueryString, searchToUrl } from '@/workspaces/workbench/search-api';

describe('case search in the URL', () => {
  it('keeps only what differs from the default, and reads it back the same', () => {
    const search = { filters: { ...emptyFilters(), q: ' 外墙 ', category: 'complaint', overdue: 'true' }, sort: 'due' as const, page: 3, pageSize: 50 };
    const query = searchToUrl(search);
    expect(query).toEqual({ q: '外墙', category: 'complaint', overdue: 'true', sort: 'due', page: '3', pageSize: '50' });
    const back = searchFromUrl(query as Record<string, string>);
    expect(back).toEqual({ ...search, filters: { ...search.filters, q: '外墙' } });
  });

  it('falls back to newest first, page 1 of 20 for a malformed bookmark', () => {
    expect(searchFromUrl({ sort: 'oldest', page: '-2', pageSize: '7' })).toEqual({ filters: emptyFilters(), sort: '-receivedAt', page: 1, pageSize: 20 });
  });

  it('asks the API for the page as firstResult and maxResults', () => {
    const params = new URLSearchParams(searchQueryString({ filters: { ...emptyFilters(), name: '张三' }, sort: '-receivedAt', page: 2, pageSize: 20 }));
    expect(Object.fromEntries(params)).toEqual({ name: '张三', sort: '-receivedAt', firstResult: '20', maxResults: '20' });
  });
});
