import { LIFECYCLE_EVENTS, LifecycleEvent, nextStatus } from '../../src/petitions/lifecycle/transitions';
import { transitionRefused } from '../../src/petitions/lifecycle/transition-refused';
import { PETITION_STATUSES, PetitionStatus } from '../../src/petitions/petition.types';

/*
 * The whole table, written out again by hand (not read from the module): for each event, the
 * statuses it may follow and where it leaves the petition. Every other status × event pair must be
 * refused.
 */
const EXPECTED: Record<LifecycleEvent, Partial<Record<PetitionStatus, PetitionStatus>>> = {
  register: { received: 'registered' },
  registerAtAgentStation: { received: 'awaiting-forwarding' },
  refuseConcluded: { received: 'refused' },
  forward: { 'awaiting-forwarding': 'registered' },
  route: { registered: 'awaiting-acceptance' },
  handOver: { 'awaiting-acceptance': 'awaiting-acceptance' },
  refer: { 'awaiting-acceptance': 'awaiting-decision' },
  decide: { 'awaiting-decision': 'awaiting-acceptance' },
  accept: { 'awaiting-acceptance': 'handling' },
  decline: { 'awaiting-acceptance': 'declined' },
  divert: { 'awaiting-acceptance': 'diverted' },
  recordFindings: { handling: 'handling' },
  extend: { handling: 'handling', replied: 'replied' },
  reply: { handling: 'replied' },
  approveCompletion: { replied: 'replied' },
  returnCompletion: { replied: 'handling' },
  close: { replied: 'closed', declined: 'closed', diverted: 'closed', refused: 'closed' },
  serve: { replied: 'replied' },
  serveReviewOpinion: { reviewed: 'reviewed' },
  rate: { replied: 'replied' },
  lapseRating: {
    replied: 'replied',
    'under-review': 'under-review',
    reviewed: 'reviewed',
    'under-re-review': 'under-re-review',
    concluded: 'concluded',
  },
  openReview: { replied: 'under-review' },
  decideReview: { 'under-review': 'reviewed' },
  openReReview: { reviewed: 'under-re-review' },
  decideReReview: { 'under-re-review': 'concluded' },
  revokeOnReview: { 'under-review': 'handling' },
  revokeOnReReview: { 'under-re-review': 'handling' },
  lapse: { replied: 'concluded', reviewed: 'concluded' },
  resumeAfterHearing: {
    handling: 'handling',
    replied: 'replied',
    'under-review': 'under-review',
    reviewed: 'reviewed',
    'under-re-review': 'under-re-review',
    concluded: 'concluded',
  },
  succeed: {
    received: 'received',
    registered: 'registered',
    'awaiting-forwarding': 'awaiting-forwarding',
    'awaiting-acceptance': 'awaiting-acceptance',
    'awaiting-decision': 'awaiting-decision',
    handling: 'handling',
    replied: 'replied',
    declined: 'declined',
    diverted: 'diverted',
    refused: 'refused',
    'under-review': 'under-review',
    reviewed: 'reviewed',
    'under-re-review': 'under-re-review',
  },
};

describe('the petition lifecycle’s transition table', () => {
  it('knows exactly the events written out here', () => {
    expect([...LIFECYCLE_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const pairs = LIFECYCLE_EVENTS.flatMap((event) => PETITION_STATUSES.map((status) => [event, status] as const));
  it.each(pairs)('%s from %s: allowed only where the table says, to the status it says', (event, status) => {
    expect(nextStatus(status, event)).toBe(EXPECTED[event][status] ?? null);
  });

  it('lets nothing happen to a closed petition', () => {
    for (const event of LIFECYCLE_EVENTS) expect(nextStatus('closed', event)).toBeNull();
  });

  it('lets nothing happen to a concluded matter but closing its rating and a hearing under way (Art. 36)', () => {
    expect(LIFECYCLE_EVENTS.filter((event) => nextStatus('concluded', event) !== null).sort()).toEqual(['lapseRating', 'resumeAfterHearing']);
  });

  it('says why a refused event is refused, in both languages, as a 409', () => {
    const refusal = transitionRefused({ number: 'XF-990102-2026-000001', status: 'closed' }, 'accept');
    expect(refusal.status).toBe(409);
    expect(refusal.messages['zh-CN']).toBe('信访事项 XF-990102-2026-000001 当前为「已办结」，不能受理');
    expect(refusal.messages.en).toBe('Petition XF-990102-2026-000001 is closed and cannot be accepted now');
  });
});
