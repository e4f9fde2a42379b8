import { kpisOf, rateOf } from '../../src/kpis/kpi-formulas';
import { monthsBetween } from '../../src/kpis/kpis.service';

describe('unit KPIs from fact counts', () => {
  it('computes each rate as met over all, from hand-counted facts', () => {
    // given a month: 4 acceptance decisions, 3 in time; 5 replies, 4 on time (one after an extension counted as on time); 2 returns, both late
    const kpis = kpisOf([
      { metric: 'timely-acceptance', met: 3, all: 4 },
      { metric: 'on-time-closure', met: 4, all: 5 },
      { metric: 'returned', met: 0, all: 2 },
      { metric: 'accepted', met: 3, all: 3 },
      { metric: 'declined', met: 1, all: 1 },
      { metric: 'extended', met: 1, all: 1 },
      { metric: 'supervised', met: 0, all: 2 },
    ]);
    // then
    expect(kpis.rates.timelyAcceptance).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(kpis.rates.onTimeClosure).toEqual({ numerator: 4, denominator: 5, rate: 0.8 });
    expect(kpis.rates.timelyReturn).toEqual({ numerator: 0, denominator: 2, rate: 0 });
    expect(kpis.counts).toMatchObject({ accepted: 3, declined: 1, returned: 2, extended: 1, supervised: 2, transferred: 0 });
  });

  it('has no data, not 0 % or 100 %, for a rate nothing measured', () => {
    expect(kpisOf([]).rates.timelyRouting).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(rateOf(0, 0).rate).toBeNull();
  });

  it('adds the counts of one metric given in parts', () => {
    const kpis = kpisOf([
      { metric: 'routed', met: 1, all: 2 },
      { metric: 'routed', met: 2, all: 2 },
    ]);
    expect(kpis.rates.timelyRouting).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it('counts the months of a period, both ends included', () => {
    expect(monthsBetween('2026-01', '2026-03')).toBe(3);
    expect(monthsBetween('2025-11', '2026-02')).toBe(4);
    expect(monthsBetween('2026-05', '2026-01')).toBeLessThan(1);
  });
});
