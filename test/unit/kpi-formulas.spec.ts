import { kpisOf, rateOf } from '../../src/kpis/kpi-formulas';
import { monthsBetween, monthsOf } from '../../src/kpis/kpis.service';

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

  it('computes the rating, repeat and resolution rates and the overdue count of a hand-counted month', () => {
    // given a month of one unit: 5 replies, 1 late; 2 replies rated (1 satisfied, 1 dissatisfied), 1 window lapsed unrated;
    // the petition office rated once, basically satisfied; 1 repeat of a matter it handled; 3 concluded, 2 without review;
    // a level skip; a late acceptance (of 2) and a late routing (of 1); a supervision notice (not a step: not overdue work)
    const kpis = kpisOf([
      { metric: 'on-time-closure', met: 4, all: 5 },
      { metric: 'rated', met: 1, all: 2 },
      { metric: 'rating-lapsed', met: 1, all: 1 },
      { metric: 'office-rated', met: 1, all: 1 },
      { metric: 'repeated', met: 1, all: 1 },
      { metric: 'concluded', met: 2, all: 3 },
      { metric: 'level-skip', met: 1, all: 1 },
      { metric: 'timely-acceptance', met: 1, all: 2 },
      { metric: 'routed', met: 0, all: 1 },
      { metric: 'supervised', met: 0, all: 1 },
    ]);
    // then participation is rated over rated + unrated, satisfaction satisfied over rated
    expect(kpis.rates.ratingParticipation).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(kpis.rates.satisfaction).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(kpis.rates.officeRatingParticipation).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(kpis.rates.officeSatisfaction).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    // and the repeat rate is repeats over replies, first-time resolution concluded without review over concluded
    expect(kpis.rates.repeatRate).toEqual({ numerator: 1, denominator: 5, rate: 0.2 });
    expect(kpis.rates.firstTimeResolution).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    // and overdue work is every step done late: 1 reply + 1 acceptance + 1 routing
    expect(kpis.counts).toMatchObject({ overdue: 3, 'level-skip': 1, repeated: 1, supervised: 1, collective: 0 });
  });

  it('has no data, not 0 % or 100 %, for a rate nothing measured', () => {
    expect(kpisOf([]).rates.timelyRouting).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(rateOf(0, 0).rate).toBeNull();
    // before any rating exists, satisfaction has no data even though replies were given
    expect(kpisOf([{ metric: 'on-time-closure', met: 3, all: 3 }]).rates.satisfaction.rate).toBeNull();
  });

  it('adds the counts of one metric given in parts', () => {
    const kpis = kpisOf([
      { metric: 'routed', met: 1, all: 2 },
      { metric: 'routed', met: 2, all: 2 },
    ]);
    expect(kpis.rates.timelyRouting).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it('lists the months of a period across a year end', () => {
    expect(monthsOf('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03', '2026-03')).toEqual(['2026-03']);
  });

  it('counts the months of a period, both ends included', () => {
    expect(monthsBetween('2026-01', '2026-03')).toBe(3);
    expect(monthsBetween('2025-11', '2026-02')).toBe(4);
    expect(monthsBetween('2026-05', '2026-01')).toBeLessThan(1);
  });
});
