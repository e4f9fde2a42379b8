import { tallyChanges, tallyKeys } from '../../src/tasks/index/tally-keeper';

/** An open task of 东湖区第一办理室 at `step`, due at `due` (UTC). */
function task(step: string, due: string | null, unitCode = '990102-handling-room-1') {
  return { regionCode: '990102', unitCode, level: 'county' as const, step, due: due ? new Date(due) : null };
}

describe('a write’s change to the overdue tally', () => {
  it('adds a new task to its unit, step and due day', () => {
    // given a petition without tasks, when its acceptance task appears
    const changes = tallyChanges([], [task('accept-decision', '2026-12-10T09:00:00Z')]);
    // then its group gains one
    expect(changes).toEqual([{ key: { regionCode: '990102', unitCode: '990102-handling-room-1', level: 'county', step: 'accept-decision', dueDay: '2026-12-10' }, by: 1 }]);
  });

  it('moves a completed step’s task to the next step’s group', () => {
    const changes = tallyChanges([task('accept-decision', '2026-12-10T09:00:00Z')], [task('handle-petition', '2027-01-08T09:00:00Z')]);
    expect(changes.map((c) => [c.key.step, c.key.dueDay, c.by])).toEqual([
      ['accept-decision', '2026-12-10', -1],
      ['handle-petition', '2027-01-08', 1],
    ]);
  });

  it('leaves out a group whose count does not change: the same task synced again, or a due moment moved within its day', () => {
    const before = [task('accept-decision', '2026-12-10T09:00:00Z')];
    expect(tallyChanges(before, before)).toEqual([]);
    expect(tallyChanges(before, [task('accept-decision', '2026-12-10T23:59:59Z')])).toEqual([]);
  });

  it('counts by the UTC day, so a deadline moved past midnight UTC changes group', () => {
    const changes = tallyChanges([task('accept-decision', '2026-12-10T23:00:00Z')], [task('accept-decision', '2026-12-11T01:00:00Z')]);
    expect(changes.map((c) => [c.key.dueDay, c.by])).toEqual([
      ['2026-12-10', -1],
      ['2026-12-11', 1],
    ]);
  });

  it('counts several tasks of one group together, and none without a deadline', () => {
    const changes = tallyChanges([task('review', null)], [task('review', '2026-12-10T09:00:00Z'), task('review', '2026-12-10T10:00:00Z'), task('review', null)]);
    expect(changes.map((c) => c.by)).toEqual([2]);
  });

  it('gives the groups in one order whatever order the rows came in, as tallyKeys does, so writers lock them alike', () => {
    const a = task('accept-decision', '2026-12-10T09:00:00Z', 'b-unit');
    const b = task('accept-decision', '2026-12-10T09:00:00Z', 'a-unit');
    const c = task('review', '2026-12-09T09:00:00Z', 'a-unit');
    const order = (rows: ReturnType<typeof task>[]) => tallyChanges([], rows).map((x) => `${x.key.unitCode}/${x.key.step}`);
    expect(order([a, b, c])).toEqual(order([c, b, a]));
    expect(order([a, b, c])).toEqual(tallyKeys([c, a, b]).map((k) => `${k.unitCode}/${k.step}`));
  });
});
