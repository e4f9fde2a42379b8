import { deadlineFor } from '../../src/clocks/deadline';
import { factsOf, StepChange } from '../../src/petitions/lifecycle/assessment-facts';

const NOW = new Date('2026-11-20T02:00:00Z');
const EARLIER = new Date('2026-11-10T02:00:00Z');

function change(event: StepChange['event'], overrides: Partial<StepChange> = {}): StepChange {
  return {
    event,
    before: {
      status: 'replied',
      competentUnitCode: 'room-1',
      receivingUnitCode: 'office',
      registeredAt: EARLIER,
      holderSince: EARLIER,
      acceptDueAt: NOW,
      handleDueAt: NOW,
      returnCount: 0,
      collective: false,
    },
    columns: {},
    unitCode: 'actor',
    now: NOW,
    ...overrides,
  };
}

describe('the assessment facts of a lifecycle step', () => {
  it('counts the registering unit as the one that received it, or the receiving unit when no one acted', () => {
    expect(factsOf(change('register'))).toEqual([{ unitCode: 'actor', metric: 'received', dueAt: null }]);
    expect(factsOf(change('registerAtAgentStation', { unitCode: null }))).toEqual([{ unitCode: 'office', metric: 'received', dueAt: null }]);
  });

  it('measures routing against 15 days from registration (Art. 22)', () => {
    expect(factsOf(change('route', { columns: { competentUnitCode: 'room-1', levelSkip: false } }))).toEqual([
      { unitCode: 'actor', metric: 'routed', dueAt: deadlineFor('routing', EARLIER) },
    ]);
  });

  it('counts a level-skipping visit and a collective petition for the competent unit the routing names', () => {
    const collective = { ...change('route').before, collective: true };
    expect(factsOf(change('route', { before: collective, columns: { competentUnitCode: 'township', levelSkip: true } }))).toEqual([
      { unitCode: 'actor', metric: 'routed', dueAt: deadlineFor('routing', EARLIER) },
      { unitCode: 'township', metric: 'level-skip', dueAt: null },
      { unitCode: 'township', metric: 'collective', dueAt: null },
    ]);
  });

  it('rates the handling unit and the petition office apart, satisfied and basically satisfied counting as met', () => {
    const rating = (handlingUnit: string, petitionOffice: string) => change('rate', { data: { handlingUnit, petitionOffice, petitionOfficeCode: 'office-9' } });
    expect(factsOf(rating('dissatisfied', 'basically-satisfied'))).toEqual([
      { unitCode: 'room-1', metric: 'rated', dueAt: null, met: false },
      { unitCode: 'office-9', metric: 'office-rated', dueAt: null, met: true },
    ]);
    expect(factsOf(rating('satisfied', 'dissatisfied')).map((f) => f.met)).toEqual([true, false]);
    // a rating window that closed unrated counts for both, as not rated
    expect(factsOf(change('lapseRating', { data: { petitionOfficeCode: 'office-9' } }))).toEqual([
      { unitCode: 'room-1', metric: 'rating-lapsed', dueAt: null },
      { unitCode: 'office-9', metric: 'office-rating-lapsed', dueAt: null },
    ]);
  });

  it('counts a conclusion as resolved the first time only when no review was asked for', () => {
    expect(factsOf(change('lapse'))).toEqual([{ unitCode: 'room-1', metric: 'concluded', dueAt: null, met: true }]);
    expect(factsOf(change('lapse', { before: { ...change('lapse').before, status: 'reviewed' } }))).toEqual([
      { unitCode: 'room-1', metric: 'concluded', dueAt: null, met: false },
    ]);
    expect(factsOf(change('decideReReview', { unitCode: 'province' }))).toEqual([
      { unitCode: 'province', metric: 'review-decided', dueAt: null },
      { unitCode: 'room-1', metric: 'concluded', dueAt: null, met: false },
    ]);
  });

  it('tells a return (5 working days from receipt, Art. 23) from a transfer (within the acceptance window), for the unit that held it', () => {
    expect(factsOf(change('handOver', { columns: { returnCount: 1 } }))).toEqual([{ unitCode: 'room-1', metric: 'returned', dueAt: deadlineFor('return', EARLIER) }]);
    expect(factsOf(change('handOver'))).toEqual([{ unitCode: 'room-1', metric: 'transferred', dueAt: NOW }]);
  });

  it('measures the acceptance decision of the holder, and counts the decision itself', () => {
    for (const [event, decision] of [
      ['accept', 'accepted'],
      ['decline', 'declined'],
      ['divert', 'diverted'],
    ] as const) {
      expect(factsOf(change(event))).toEqual([
        { unitCode: 'room-1', metric: 'timely-acceptance', dueAt: NOW },
        { unitCode: 'room-1', metric: decision, dueAt: null },
      ]);
    }
  });

  it('measures the reply against the handling deadline as the step found it (an extension already moved it)', () => {
    expect(factsOf(change('reply'))).toEqual([{ unitCode: 'room-1', metric: 'on-time-closure', dueAt: NOW }]);
  });

  it('on a revoking review, counts the opinion for the reviewing body and the revoked reply against the unit that gave it', () => {
    expect(factsOf(change('revokeOnReview', { unitCode: 'city' }))).toEqual([
      { unitCode: 'city', metric: 'review-decided', dueAt: null },
      { unitCode: 'room-1', metric: 'reply-revoked', dueAt: null },
    ]);
  });

  it('records nothing for a step no one is assessed on, or for a unit that is not known', () => {
    expect(factsOf(change('serve'))).toEqual([]);
    expect(factsOf(change('decide', { unitCode: null }))).toEqual([]);
  });
});
