import { chinaDate } from '../../src/clocks/deadline';
import { ratingClosesAt, replyWindows, requestWindow, servedOnDay } from '../../src/clocks/request-windows';

describe('the windows that open with a reply’s service (Art. 35)', () => {
  it('reads a service day as noon in China, so the day is the same wherever it is read', () => {
    expect(servedOnDay('2026-11-29').toISOString()).toBe('2026-11-29T04:00:00.000Z');
    expect(chinaDate(servedOnDay('2026-12-31'))).toBe('2026-12-31');
  });

  it('gives petition.bpmn’s two timers their instants from the service, later service closing later', () => {
    // given two service days, the second five days later
    const early = replyWindows(servedOnDay('2026-11-02'));
    const late = replyWindows(servedOnDay('2026-11-07'));

    // then each is the rating and review window of its own day
    expect(early).toEqual({ ratingClosesAt: ratingClosesAt(servedOnDay('2026-11-02')), reviewRequestClosesAt: requestWindow('review', servedOnDay('2026-11-02')).closesAt });
    // and the later service closes both windows later, the rating never after the review window
    expect(late.reviewRequestClosesAt.getTime()).toBeGreaterThan(early.reviewRequestClosesAt.getTime());
    expect(late.ratingClosesAt.getTime()).toBeGreaterThan(early.ratingClosesAt.getTime());
    expect(late.ratingClosesAt.getTime()).toBeLessThanOrEqual(late.reviewRequestClosesAt.getTime());
  });
});
