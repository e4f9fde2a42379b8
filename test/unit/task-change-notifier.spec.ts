import { TaskChangeNotifier } from '../../src/camunda/task-change-notifier';

/** A listener whose runs stay open until the test lets them finish. */
function heldListener() {
  const runs: (string | null)[] = [];
  const ids: (string | undefined)[] = [];
  const releases: (() => void)[] = [];
  const listener = (number: string | null, id?: string) => {
    runs.push(number);
    ids.push(id);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.splice(0).forEach((release) => release());
      // Let the notifier start what was waiting behind them.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { runs, ids, listener, releaseAll };
}

describe('the task change notifier (the open-task index follows the engine behind the workers)', () => {
  it('returns at once, so the worker that completed a task is not held while the index catches up', async () => {
    // given
    const notifier = new TaskChangeNotifier();
    const held = heldListener();
    notifier.subscribe(held.listener);
    // when
    const returned = notifier.changed('XF-1');
    // then
    expect(returned).toBeUndefined();
    expect(held.runs).toEqual(['XF-1']);
    expect(notifier.backlog()).toBe(1);
    await held.releaseAll();
    await notifier.idle();
    expect(notifier.backlog()).toBe(0);
  });

  it('runs a petition changed again before its turn once, and once more if it changed while running', async () => {
    // given a petition being synced
    const notifier = new TaskChangeNotifier();
    const held = heldListener();
    notifier.subscribe(held.listener);
    notifier.changed('XF-1');
    // when it changes three times more meanwhile
    notifier.changed('XF-1');
    notifier.changed('XF-1');
    notifier.changed('XF-1');
    expect(held.runs).toEqual(['XF-1']);
    await held.releaseAll();
    await notifier.idle();
    // then one more run reads the engine's state after all three
    expect(held.runs).toEqual(['XF-1', 'XF-1']);
  });

  it('hands the listener the petition id given with the number, for that run only', async () => {
    // given a petition queued with its id, and while it runs, queued again without one
    const notifier = new TaskChangeNotifier();
    const held = heldListener();
    notifier.subscribe(held.listener);
    notifier.changed('XF-1', 'id-1');
    notifier.changed('XF-1');
    await held.releaseAll();
    await notifier.idle();
    // then the first run had the id and the second looks it up itself
    expect(held.runs).toEqual(['XF-1', 'XF-1']);
    expect(held.ids).toEqual(['id-1', undefined]);
  });

  it('runs at most four petitions at once and the rest in the order they came', async () => {
    const notifier = new TaskChangeNotifier();
    const held = heldListener();
    notifier.subscribe(held.listener);
    for (const n of [1, 2, 3, 4, 5, 6]) notifier.changed(`XF-${n}`);
    expect(held.runs).toEqual(['XF-1', 'XF-2', 'XF-3', 'XF-4']);
    expect(notifier.backlog()).toBe(6);
    await held.releaseAll();
    await notifier.idle();
    expect(held.runs).toEqual(['XF-1', 'XF-2', 'XF-3', 'XF-4', 'XF-5', 'XF-6']);
  });

  it('keeps going after a listener fails, and idle() settles', async () => {
    const notifier = new TaskChangeNotifier();
    const seen: (string | null)[] = [];
    notifier.subscribe(async (number) => {
      seen.push(number);
      if (number === 'XF-bad') throw new Error('engine unreachable');
    });
    notifier.changed('XF-bad');
    notifier.changed(null);
    await notifier.idle();
    expect(seen).toEqual(['XF-bad', null]);
    expect(notifier.backlog()).toBe(0);
  });

  it('queues nothing when nobody keeps a copy (an API with its workers elsewhere)', async () => {
    const notifier = new TaskChangeNotifier();
    notifier.changed('XF-1');
    expect(notifier.backlog()).toBe(0);
    await expect(notifier.idle()).resolves.toBeUndefined();
  });
});
