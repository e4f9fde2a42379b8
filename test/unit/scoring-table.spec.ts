import 'reflect-metadata';
import { CamundaError, CamundaRestClient } from '../../src/camunda/camunda-rest.client';
import type { ExternalTaskContext } from '../../src/camunda/worker-runtime/topic-handler.decorator';
import { LocalizedHttpError } from '../../src/common/errors';
import { CloseAssessmentPeriodHandler } from '../../src/scores/close-assessment-period.handler';
import { ScoringTableError } from '../../src/scores/score-formula';
import { previousMonth, ScoresService } from '../../src/scores/scores.service';
import { ScoringTables } from '../../src/scores/scoring-table';

/**
 * The scoring table as the engine answers it, without an engine: the latest version is pinned and
 * evaluated by its id; a table naming an unknown indicator is an error the administrator can act on
 * (the API answers 409, the close's incident carries the same words); the close's month.
 */
const typed = (indicator: unknown, kind: unknown, points: unknown) => ({
  indicator: { value: indicator, type: 'String' },
  kind: { value: kind, type: 'String' },
  points: { value: points, type: 'Double' },
});

function engineWith(rows: ReturnType<typeof typed>[], calls: string[] = []) {
  return {
    latestDecisionDefinition: async (key: string) => {
      calls.push(`latest ${key}`);
      return { id: 'assessment-scoring:3:abc', key, version: 3 };
    },
    evaluateDecision: async (id: string, variables: { tier: string }) => {
      calls.push(`evaluate ${id} ${variables.tier}`);
      return rows;
    },
  } as unknown as CamundaRestClient;
}

describe('the scoring table read from the engine', () => {
  it('pins the latest version, then evaluates that version for each tier', async () => {
    const calls: string[] = [];
    const table = await new ScoringTables(engineWith([typed('timelyAcceptance', 'weight', 30), typed('supervised', 'deduction', 2)], calls)).latest();
    expect(calls).toEqual(['latest assessment-scoring', 'evaluate assessment-scoring:3:abc county', 'evaluate assessment-scoring:3:abc township']);
    expect(table).toEqual({
      decisionDefinitionId: 'assessment-scoring:3:abc',
      version: 3,
      rules: {
        county: [
          { indicator: 'timelyAcceptance', kind: 'weight', points: 30 },
          { indicator: 'supervised', kind: 'deduction', points: 2 },
        ],
        township: [
          { indicator: 'timelyAcceptance', kind: 'weight', points: 30 },
          { indicator: 'supervised', kind: 'deduction', points: 2 },
        ],
      },
    });
  });

  it('reports an unknown indicator with the version and tier, in both languages', async () => {
    const error = await new ScoringTables(engineWith([typed('timelyAcceptnce', 'weight', 30)])).latest(['township']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScoringTableError);
    const { messages, message } = error as ScoringTableError;
    expect(messages.en).toContain('(assessment-scoring version 3) for tier township');
    expect(messages.en).toContain('"timelyAcceptnce" is not a known indicator');
    expect(messages['zh-CN']).toContain('第 3 版');
    expect(messages['zh-CN']).toContain('乡镇（街道）');
    // the words an incident records: both languages in one message
    expect(message).toContain('timelyAcceptnce');
    expect(message).toContain('不是已知的考核指标');
  });

  it('says so when no table is deployed, and passes other engine failures on', async () => {
    const missing = { latestDecisionDefinition: async () => Promise.reject(new CamundaError(404, 'RestException', 'no decision')) } as unknown as CamundaRestClient;
    await expect(new ScoringTables(missing).latest()).rejects.toThrow('is not deployed');
    const refused = { latestDecisionDefinition: async () => Promise.reject(new CamundaError(401, 'AuthenticationException', 'no')) } as unknown as CamundaRestClient;
    await expect(new ScoringTables(refused).latest()).rejects.toBeInstanceOf(CamundaError);
  });

  it('answers 409 with the message when the API computes an open month with a wrong table', async () => {
    const service = new ScoresService(
      { getRepository: () => ({ find: async () => [] }) } as never,
      {} as never,
      {
        regions: async () => [{ code: '990121', name: '青山县', level: 'county', parentCode: '990100' }],
        region: async (code: string) => ({ code, name: code, level: code === '990100' ? 'city' : 'county', parentCode: null }),
        regionsWithin: async () => ['990100', '990121'],
      } as never,
      { reach: async () => ({ regionCode: '990100', regionCodes: null }) } as never,
      {} as never,
      new ScoringTables(engineWith([typed('timelyAcceptnce', 'weight', 30)])),
      {} as never,
      { now: () => new Date() } as never,
    );
    const error = await service.report({ roles: ['supervisor'] } as never, { period: '2019-01', level: 'county' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalizedHttpError);
    expect((error as LocalizedHttpError).status).toBe(409);
    expect((error as LocalizedHttpError).messages['zh-CN']).toContain('timelyAcceptnce');
  });
});

describe('the month a close is for', () => {
  const task = (period?: string) => ({ variable: () => period }) as unknown as ExternalTaskContext;
  const handlerAt = (now: string) => {
    const closed: string[] = [];
    const scores = { closePeriod: async (period: string) => closed.push(period) } as unknown as ScoresService;
    return { handler: new CloseAssessmentPeriodHandler(scores, { now: () => new Date(now) }), closed };
  };

  it('is the month before, in China time, when the timer started it', async () => {
    // 2026-11-30T17:00Z is 01:00 on 1 December in China: November is over
    const { handler, closed } = handlerAt('2026-11-30T17:00:00Z');
    expect(await handler.close(task())).toEqual({ period: '2026-11' });
    // and across a year
    const january = handlerAt('2027-01-01T01:00:00Z');
    await january.handler.close(task());
    expect([...closed, ...january.closed]).toEqual(['2026-11', '2026-12']);
  });

  it('is the month asked for, which must have ended', async () => {
    const { handler, closed } = handlerAt('2026-11-29T12:00:00Z');
    await handler.close(task('2019-01'));
    await expect(handler.close(task('2026-11'))).rejects.toThrow('has not ended');
    await expect(handler.close(task('2026-13'))).rejects.toThrow('YYYY-MM');
    expect(closed).toEqual(['2019-01']);
  });

  it('counts months back across a year', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });
});
