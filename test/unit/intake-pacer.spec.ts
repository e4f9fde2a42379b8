import 'reflect-metadata';
import { SystemClock } from '../../src/clocks/clock';
import type { AppConfig } from '../../src/config/app-config';
import { IntakePacer } from '../../src/petitions/intake-pacer';
import type { PetitionRepository } from '../../src/petitions/petition.repository';

/** The pipeline as the database counts it; the test moves it. */
class Pipeline {
  n = 0;
  reads = 0;
  failing = false;
  countInPipeline = async (): Promise<number> => {
    this.reads++;
    if (this.failing) throw new Error('ECONNREFUSED');
    return this.n;
  };
}

function pacer(pipeline: Pipeline, pipelineLimit: number, paceMaxMs = 60_000): IntakePacer {
  const config = { intake: { pipelineLimit, paceMaxMs } } as AppConfig;
  return new IntakePacer(pipeline as unknown as PetitionRepository, new SystemClock(), config);
}

/** Starts admit() and tells whether it has resolved, and to which release. */
function request(p: IntakePacer) {
  const state: { release?: () => void } = {};
  void p.admit().then((release) => (state.release = release));
  return {
    get admitted() {
      return state.release !== undefined;
    },
    release: () => state.release!(),
  };
}

describe('pacing registrations to the pipeline (IntakePacer)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets everything through at once when switched off, without counting', async () => {
    const pipeline = new Pipeline();
    pipeline.n = 1_000;
    const requests = Array.from({ length: 5 }, () => request(pacer(pipeline, 0)));
    await jest.advanceTimersByTimeAsync(0);
    expect(requests.every((r) => r.admitted)).toBe(true);
    expect(pipeline.reads).toBe(0);
  });

  it('holds registrations beyond the limit, counting those it let through whose process has not started, until the pipeline drains', async () => {
    // given a pipeline holding one petition, and a limit of three
    const pipeline = new Pipeline();
    pipeline.n = 1;
    const p = pacer(pipeline, 3);

    // when three registrations arrive at once
    const [a, b, c] = [request(p), request(p), request(p)];
    await jest.advanceTimersByTimeAsync(0);

    // then two go ahead and the third waits, recount after recount
    expect([a.admitted, b.admitted, c.admitted]).toEqual([true, true, false]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(c.admitted).toBe(false);

    // when the first one's process starts: the database now counts it instead of the pacer — still full
    a.release();
    pipeline.n = 2;
    await jest.advanceTimersByTimeAsync(100);
    expect(c.admitted).toBe(false);

    // then when the workers route two petitions, the third goes ahead
    pipeline.n = 0;
    await jest.advanceTimersByTimeAsync(100);
    expect(c.admitted).toBe(true);
  });

  it('lets a held registration through at its deadline even when the pipeline does not move (workers down)', async () => {
    const pipeline = new Pipeline();
    pipeline.n = 10;
    const p = pacer(pipeline, 3, 2_000);
    const held = request(p);
    await jest.advanceTimersByTimeAsync(1_900);
    expect(held.admitted).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(held.admitted).toBe(true);
  });

  it('does not hold the desk when the pipeline cannot be counted: the registration meets the database itself', async () => {
    const pipeline = new Pipeline();
    pipeline.failing = true;
    const r = request(pacer(pipeline, 3));
    await jest.advanceTimersByTimeAsync(0);
    expect(r.admitted).toBe(true);
  });

  it('reads the count once for registrations arriving together, not once each', async () => {
    const pipeline = new Pipeline();
    const p = pacer(pipeline, 100);
    const requests = Array.from({ length: 20 }, () => request(p));
    await jest.advanceTimersByTimeAsync(0);
    expect(requests.every((r) => r.admitted)).toBe(true);
    expect(pipeline.reads).toBe(1);
  });
});
