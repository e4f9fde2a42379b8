import { afterEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref, type EffectScope } from 'vue';
import { ApiError } from '@/api';
import { FieldApiError } from '@/workspaces/workbench/api';
import { useDialogSubmission } from '@/workspaces/workbench/components/use-dialog-submission';
import type { FieldError } from '@/workspaces/workbench/types';

// The submission shared by the notice resend, registered-mail and hearing request dialogs.

/** A promise settled from the outside, to hold a request under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let scope: EffectScope | undefined;
afterEach(() => scope?.stop());

function dialog(initiallyOpen = true) {
  const open = ref(initiallyOpen);
  let opened = 0;
  scope = effectScope();
  const submission = scope.run(() => useDialogSubmission(open, () => { opened += 1; }))!;
  return { open, opened: () => opened, ...submission };
}

const none = (): FieldError[] => [];

describe('useDialogSubmission', () => {
  it('ignores a second click while the first request is under way', async () => {
    const d = dialog();
    const answer = deferred<string>();
    let sent = 0;
    const done: string[] = [];
    const first = d.submit(none, () => { sent += 1; return answer.promise; }, (r) => done.push(r));
    expect(d.sending.value).toBe(true);
    await d.submit(none, () => { sent += 1; return Promise.resolve('second'); }, (r) => done.push(r));
    expect(sent).toBe(1);

    answer.resolve('first');
    await first;
    expect(done).toEqual(['first']);
    expect(d.sending.value).toBe(false);
  });

  it('sends nothing while the client finds a problem, and shows it', async () => {
    const d = dialog();
    const problem = { field: 'reason', message: 'workbench.task.required' };
    let sent = 0;
    await d.submit(() => [problem], () => { sent += 1; return Promise.resolve(1); }, () => undefined);
    expect(sent).toBe(0);
    expect(d.problems.value).toEqual([problem]);
    expect(d.sending.value).toBe(false);
    expect(d.open.value).toBe(true);
  });

  it('closes the dialog and hands the answer on once the request succeeds', async () => {
    const d = dialog();
    const done: number[] = [];
    await d.submit(none, () => Promise.resolve(42), (r) => {
      // closed before the answer goes on, as the dialogs emitted it
      expect(d.open.value).toBe(false);
      done.push(r);
    });
    expect(done).toEqual([42]);
    expect(d.error.value).toBe('');
    expect(d.sending.value).toBe(false);
  });

  it("shows the API's message and field errors, and keeps the dialog open", async () => {
    const d = dialog();
    const fields = [{ field: 'phone', message: '手机号码格式不正确' }];
    let done = 0;
    await d.submit(none, () => Promise.reject(new FieldApiError(new ApiError('请求有误', 'http', 400), fields)), () => { done += 1; });
    expect(d.error.value).toBe('请求有误');
    expect(d.serverErrors.value).toEqual(fields);
    expect(d.open.value).toBe(true);
    expect(d.sending.value).toBe(false);
    expect(done).toBe(0);

    // another failure without fields leaves none of the last one's behind
    await d.submit(none, () => Promise.reject(new ApiError('本件已有一场听证正在进行', 'http', 409)), () => undefined);
    expect(d.error.value).toBe('本件已有一场听证正在进行');
    expect(d.serverErrors.value).toEqual([]);
  });

  it("clears the API's errors when the client's check stops a new attempt", async () => {
    const d = dialog();
    await d.submit(none, () => Promise.reject(new FieldApiError(new ApiError('请求有误', 'http', 400), [{ field: 'phone', message: 'x' }])), () => undefined);
    await d.submit(() => [{ field: 'phone', message: 'workbench.task.required' }], () => Promise.resolve(1), () => undefined);
    expect(d.error.value).toBe('');
    expect(d.serverErrors.value).toEqual([]);
  });

  it('starts clean each time the dialog opens', async () => {
    const d = dialog(false);
    expect(d.opened()).toBe(0);
    d.open.value = true;
    await nextTick();
    expect(d.opened()).toBe(1);

    await d.submit(() => [{ field: 'reason', message: 'workbench.task.required' }], () => Promise.resolve(1), () => undefined);
    await d.submit(none, () => Promise.reject(new FieldApiError(new ApiError('请求有误', 'http', 400), [{ field: 'phone', message: 'x' }])), () => undefined);
    d.problems.value = [{ field: 'reason', message: 'workbench.task.required' }];

    d.open.value = false;
    await nextTick();
    expect(d.error.value).toBe('请求有误');
    d.open.value = true;
    await nextTick();
    expect(d.opened()).toBe(2);
    expect(d.problems.value).toEqual([]);
    expect(d.serverErrors.value).toEqual([]);
    expect(d.error.value).toBe('');
  });

  it('puts the form back at once when it is already open', () => {
    const d = dialog(true);
    expect(d.opened()).toBe(1);
  });
});
