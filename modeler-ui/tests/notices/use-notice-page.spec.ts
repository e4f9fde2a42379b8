import { describe, expect, it } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { useNoticePage, type Page } from '@/notices/use-notice-page';

// One page of a list of notices, shared by the print queue and the supervisors' deliveries.

interface Row {
  id: string;
  status: string;
  petitionNumber?: string;
}

/** A loader whose answers the test gives, in any order, one per call. */
function loaderOf() {
  const calls: { page: number; pageSize: number; answer: (page: Page<Row> | null) => void; fail: (e: unknown) => void }[] = [];
  const loader = (page: number, pageSize: number) =>
    new Promise<Page<Row> | null>((answer, fail) => {
      calls.push({ page, pageSize, answer, fail });
    });
  return { calls, loader };
}

const rowsOf = (...ids: string[]): Row[] => ids.map((id) => ({ id, status: 'pending', petitionNumber: `XF-${id}` }));

/** The composable inside a scope, as a component would hold it (its watcher lives as long). */
function pageOf(loader: (page: number, pageSize: number) => Promise<Page<Row> | null>, pageSize = 2) {
  const scope = effectScope();
  const list = scope.run(() => useNoticePage<Row>(loader, pageSize))!;
  return { list, stop: () => scope.stop() };
}

const flush = async () => {
  await nextTick();
  await Promise.resolve();
};

describe('a page of notices', () => {
  it('keeps the newer answer when an older one arrives after it', async () => {
    // given two loads under way, the first still unanswered
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    const first = list.load();
    const second = list.load();
    // when the newer answers first and the older after it
    calls[1]!.answer({ items: rowsOf('new'), total: 1 });
    await second;
    calls[0]!.answer({ items: rowsOf('old'), total: 9 });
    await first;
    // then the page shows the newer answer, no longer loading
    expect(list.items.value.map((r) => r.id)).toEqual(['new']);
    expect(list.total.value).toBe(1);
    expect(list.loading.value).toBe(false);
    stop();
  });

  it('ignores the failure of an older request, and shows the message of the latest one with an empty page', async () => {
    // given an older request and a newer one
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    const first = list.load();
    const second = list.load();
    // when the older fails after the newer answered
    calls[1]!.answer({ items: rowsOf('a'), total: 1 });
    await second;
    calls[0]!.fail(new Error('超时'));
    await first;
    // then nothing changes
    expect(list.error.value).toBe('');
    expect(list.items.value.map((r) => r.id)).toEqual(['a']);
    // and when the latest fails, its message shows over an empty page
    const third = list.load();
    calls[2]!.fail(new Error('您的账号未归属有效单位'));
    await third;
    expect([list.error.value, list.items.value, list.total.value, list.loading.value]).toEqual(['您的账号未归属有效单位', [], 0, false]);
    stop();
  });

  it('reads an odd answer as an empty page, and a missing total as the rows it has', async () => {
    // given answers without rows or without a total
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    // when / then
    const odd = list.load();
    calls[0]!.answer(null);
    await odd;
    expect([list.items.value, list.total.value]).toEqual([[], 0]);
    const untotalled = list.load();
    calls[1]!.answer({ items: rowsOf('a', 'b') } as Page<Row>);
    await untotalled;
    expect(list.total.value).toBe(2);
    stop();
  });

  it('loads the page chosen, and starts again from the first when another list is chosen', async () => {
    // given the second of three pages
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    list.page.value = 2;
    await flush();
    expect(calls.map((c) => [c.page, c.pageSize])).toEqual([[2, 2]]);
    // when another list is chosen, and again on the first page
    list.restart();
    await flush();
    list.restart();
    await flush();
    // then the first page is loaded each time
    expect(calls.map((c) => c.page)).toEqual([2, 1, 1]);
    stop();
  });

  it('replaces a row answered anew, keeping what the list adds to it', async () => {
    // given a page of two rows
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    const load = list.load();
    calls[0]!.answer({ items: rowsOf('a', 'b'), total: 2 });
    await load;
    // when the API answers one of them anew, without the case the list added
    list.replace({ id: 'b', status: 'sent' });
    // then it shows as it is now, still with its case
    expect(list.items.value).toEqual([
      { id: 'a', status: 'pending', petitionNumber: 'XF-a' },
      { id: 'b', status: 'sent', petitionNumber: 'XF-b' },
    ]);
    stop();
  });

  it('removes a row that moved on, and shows the page before once this one is empty', async () => {
    // given the last page, with one row of three
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    list.page.value = 2;
    await flush();
    calls[0]!.answer({ items: rowsOf('c'), total: 3 });
    await flush();
    // when that row moves on
    list.remove('c');
    await flush();
    // then two are left, on the page before, which is loaded
    expect(list.total.value).toBe(2);
    expect(list.page.value).toBe(1);
    expect(calls.map((c) => c.page)).toEqual([2, 1]);
    // and a row that is not on the page changes nothing
    list.remove('zz');
    expect(list.total.value).toBe(2);
    stop();
  });

  it('refills the first page when it empties while others remain', async () => {
    // given the first page with one row of two (the other came in since)
    const { calls, loader } = loaderOf();
    const { list, stop } = pageOf(loader);
    const load = list.load();
    calls[0]!.answer({ items: rowsOf('a'), total: 2 });
    await load;
    // when that row moves on
    list.remove('a');
    await flush();
    // then the first page is loaded again
    expect(calls.map((c) => c.page)).toEqual([1, 1]);
    stop();
  });
});
