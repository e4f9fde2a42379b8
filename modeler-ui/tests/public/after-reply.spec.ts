// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, type Mock } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { i18n } from '@/i18n';
import ProgressView from '@/workspaces/public/ProgressView.vue';
import { requestReview, submitRating, type AfterReply, type PublicProgress } from '@/workspaces/public/api';
import { json, settle, silenceValidatorWarnings, stubFetch, submitForm, until, usePageTests } from '../helpers/page';

// The public page after the reply is served: rating (满意度评价), review request (复查 / 复核), reviews, conclusion.

const NUMBER = 'XF-990102-2026-000042';
const CODE = 'ABCDEFGHJKMN';

const OPEN: AfterReply = {
  servedAt: '2026-11-20T16:30:00.000Z', // 2026-11-21 in China
  serviceMethod: 'post',
  rating: { open: true, closesAt: '2026-11-28T15:59:59.000Z', given: null, lapsed: false },
  reviewRequest: { stage: 'review', open: true, closesAt: '2026-12-21T15:59:59.000Z', article: '信访工作条例 第三十五条' },
  reviews: [],
  conclusion: null,
};

function progressWith(afterReply: AfterReply | null, status = 'replied'): PublicProgress {
  return {
    number: NUMBER,
    status,
    receivedAt: '2026-11-01T02:00:00.000Z',
    currentUnit: '东湖区第一办理室',
    committedDate: null,
    deadlines: [],
    timeline: [
      { step: 'replied', at: '2026-11-19T02:00:00.000Z', unit: '东湖区第一办理室' },
      { step: 'served', at: '2026-11-20T16:30:00.000Z', unit: '东湖区第一办理室' },
    ],
    result: null,
    afterReply,
  };
}

usePageTests();
let fetchMock: Mock;
beforeEach(() => {
  fetchMock = stubFetch();
  silenceValidatorWarnings();
});

async function lookUp(): Promise<VueWrapper> {
  const wrapper = mount(ProgressView, { global: { plugins: [i18n] }, attachTo: document.body });
  await wrapper.get('[data-testid="progress-number"]').setValue(NUMBER.toLowerCase());
  await wrapper.get('[data-testid="progress-code"]').setValue('abcd-efgh-jkmn');
  await submitForm(wrapper, 'progress-form');
  await until(() => wrapper.get('[data-testid="progress-result"]'));
  return wrapper;
}

const choose = async (wrapper: VueWrapper, field: string, value: string) => {
  await wrapper.get(`[data-testid="rating-${field}-${value}"] input`).setValue(true);
  await settle();
};

const calls = () => fetchMock.mock.calls.map(([url, init]) => ({ url: String(url), method: (init as RequestInit | undefined)?.method ?? 'GET', body: (init as RequestInit | undefined)?.body }));

describe('the public page after the reply', () => {
  it('shows nothing of it before the reply is served', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith(null, 'handling')));
    const wrapper = await lookUp();
    expect(wrapper.find('[data-testid="after-reply"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the reply opinion (答复意见) under the service as plain text, and nothing when the API withholds it', async () => {
    const text = '经核实，物业已于11月15日修复外墙。\n<b>如有异议</b>可申请复查。';
    fetchMock.mockResolvedValue(json(200, progressWith({ ...OPEN, replyText: text })));
    const wrapper = await lookUp();
    const reply = wrapper.get('[data-testid="reply-text"]');
    expect(reply.element.textContent).toBe(text);
    expect(reply.find('b').exists()).toBe(false);
    expect(wrapper.text()).toContain('答复意见');
    wrapper.unmount();

    for (const replyText of [null, undefined, '  ']) {
      fetchMock.mockResolvedValue(json(200, progressWith({ ...OPEN, replyText })));
      const page = await lookUp();
      expect(page.find('[data-testid="reply-text"]').exists()).toBe(false);
      expect(page.get('[data-testid="service-method"]').text()).toBe('邮寄送达');
      page.unmount();
    }
  });

  it('shows the service in China time, and labels the new statuses and steps', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith(OPEN)));
    const wrapper = await lookUp();
    expect(wrapper.get('[data-testid="service-date"]').text()).toBe('2026-11-21');
    expect(wrapper.get('[data-testid="service-method"]').text()).toBe('邮寄送达');
    expect(wrapper.get('[data-testid="progress-timeline"]').text()).toContain('已送达');
    expect(wrapper.get('[data-testid="rating-form"]').text()).toContain('2026-11-28');
    wrapper.unmount();

    for (const [status, text] of [
      ['under-review', '复查中'],
      ['reviewed', '已复查'],
      ['under-re-review', '复核中'],
      ['concluded', '已终结'],
    ]) {
      fetchMock.mockResolvedValue(json(200, progressWith(OPEN, status)));
      const page = await lookUp();
      expect(page.get('[data-testid="progress-status"]').text()).toBe(text);
      page.unmount();
    }
  });

  it('posts the rating with the number and code of the lookup, then reloads the progress and shows the rating given', async () => {
    const rated = progressWith({ ...OPEN, rating: { ...OPEN.rating, open: false, given: { handlingUnit: 'satisfied', petitionOffice: 'basically-satisfied', ratedAt: '2026-11-22T01:00:00.000Z' } } });
    fetchMock
      .mockResolvedValueOnce(json(200, progressWith(OPEN)))
      .mockResolvedValueOnce(json(201, { ratedAt: '2026-11-22T01:00:00.000Z' }))
      .mockResolvedValueOnce(json(200, rated));
    const wrapper = await lookUp();

    // both groups are named for assistive technology
    const groups = wrapper.get('[data-testid="rating-form"]').findAll('[role="radiogroup"]');
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group.attributes('aria-label') ?? group.attributes('aria-labelledby')).toBeTruthy();
    expect(groups.map((g) => g.attributes('aria-label'))).toEqual(['办理单位', '信访部门']);

    await choose(wrapper, 'handlingUnit', 'satisfied');
    await choose(wrapper, 'petitionOffice', 'basically-satisfied');
    await wrapper.get('[data-testid="rating-comment"]').setValue('  办理及时  ');
    await wrapper.get('[data-testid="rating-form"]').trigger('submit');

    await until(() => expect(wrapper.find('[data-testid="rating-given"]').exists()).toBe(true));
    const sent = calls();
    expect(sent).toHaveLength(3);
    expect(sent[1]).toMatchObject({ url: '/api/public/rating', method: 'POST' });
    expect(JSON.parse(String(sent[1]!.body))).toEqual({ number: NUMBER, code: CODE, handlingUnit: 'satisfied', petitionOffice: 'basically-satisfied', comment: '办理及时' });
    expect(JSON.stringify(fetchMock.mock.calls[1]![1].headers)).not.toContain('Authorization');
    expect(sent[2]).toMatchObject({ url: `/api/public/progress?number=${NUMBER}&code=${CODE}`, method: 'GET' });

    expect(wrapper.find('[data-testid="rating-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rating-given-handlingUnit"]').text()).toBe('满意');
    expect(wrapper.get('[data-testid="rating-given-petitionOffice"]').text()).toBe('基本满意');
    expect(wrapper.get('[data-testid="rating-given"]').text()).toContain('2026-11-22');
    expect(wrapper.get('[data-testid="rating-thanks"]').text()).toBe('感谢您的评价');
    // satisfied: no review offer
    expect(wrapper.find('[data-testid="review-offer"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('sends no rating until both groups are answered, and says so in an alert', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith(OPEN)));
    const wrapper = await lookUp();
    await choose(wrapper, 'handlingUnit', 'satisfied');
    await wrapper.get('[data-testid="rating-form"]').trigger('submit');
    await until(() => expect(wrapper.findAll('.el-form-item__error').map((e) => e.text())).toEqual(['请选择评价']));
    expect(wrapper.get('.el-form-item__error').attributes('role')).toBe('alert');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('offers a review as soon as 不满意 is chosen, and when a given rating is 不满意', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith(OPEN)));
    const wrapper = await lookUp();
    expect(wrapper.find('[data-testid="review-offer"]').exists()).toBe(false);
    await choose(wrapper, 'handlingUnit', 'basically-satisfied');
    expect(wrapper.find('[data-testid="review-offer"]').exists()).toBe(false);
    await choose(wrapper, 'petitionOffice', 'dissatisfied');
    await until(() => expect(wrapper.get('[data-testid="review-offer"]').text()).toContain('不服处理意见？可在 2026-12-21 前申请复查'));
    expect(wrapper.get('[data-testid="rating"]').find('[data-testid="review-offer"]').exists()).toBe(true);
    // the request itself is on the page as well
    expect(wrapper.get('[data-testid="review-request"]').text()).toContain('信访工作条例 第三十五条');
    await choose(wrapper, 'petitionOffice', 'satisfied');
    expect(wrapper.find('[data-testid="review-offer"]').exists()).toBe(false);
    wrapper.unmount();

    fetchMock.mockResolvedValue(
      json(200, progressWith({ ...OPEN, rating: { ...OPEN.rating, open: false, given: { handlingUnit: 'dissatisfied', petitionOffice: 'satisfied', ratedAt: '2026-11-22T01:00:00.000Z' } } })),
    );
    const given = await lookUp();
    expect(given.get('[data-testid="rating-given-handlingUnit"]').text()).toBe('不满意');
    expect(given.get('[data-testid="review-offer"]').text()).toContain('2026-12-21');
    given.unmount();

    // no offer once no request may be made
    fetchMock.mockResolvedValue(
      json(200, progressWith({ ...OPEN, rating: { ...OPEN.rating, open: false, given: { handlingUnit: 'dissatisfied', petitionOffice: 'dissatisfied', ratedAt: '2026-11-22T01:00:00.000Z' } }, reviewRequest: { stage: null, open: false, closesAt: null, article: '信访工作条例 第三十五条' } })),
    );
    const closed = await lookUp();
    expect(closed.find('[data-testid="review-offer"]').exists()).toBe(false);
    expect(closed.find('[data-testid="review-request"]').exists()).toBe(false);
    closed.unmount();
  });

  it("shows a refused rating's message from the API in an alert and keeps the form", async () => {
    fetchMock.mockResolvedValueOnce(json(200, progressWith(OPEN))).mockResolvedValueOnce(json(409, { statusCode: 409, message: '评价期限已于 2026-11-28 届满' }));
    const wrapper = await lookUp();
    await choose(wrapper, 'handlingUnit', 'dissatisfied');
    await choose(wrapper, 'petitionOffice', 'dissatisfied');
    await wrapper.get('[data-testid="rating-form"]').trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="rating-error"]').text()).toContain('评价期限已于 2026-11-28 届满'));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(wrapper.find('[data-testid="rating-form"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('takes the petitioner from the offer to the request', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith(OPEN)));
    const wrapper = await lookUp();
    await choose(wrapper, 'handlingUnit', 'dissatisfied');
    await wrapper.get('[data-testid="review-offer-go"]').trigger('click');
    await settle();
    expect(document.activeElement).toBe(wrapper.get('[data-testid="review-reasons"]').element);
    wrapper.unmount();
  });

  it('shows 未评价 when the rating window lapsed', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith({ ...OPEN, rating: { ...OPEN.rating, open: false, lapsed: true } })));
    const wrapper = await lookUp();
    expect(wrapper.find('[data-testid="rating-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rating-lapsed"]').text()).toContain('未评价');
    wrapper.unmount();
  });

  it("shows the server's 409 message as is, in an alert", async () => {
    const message = '申请复查的期限已于 2026-12-21 届满（信访工作条例 第三十五条）';
    fetchMock.mockResolvedValueOnce(json(200, progressWith(OPEN))).mockResolvedValueOnce(json(409, { statusCode: 409, message }));
    const wrapper = await lookUp();
    await wrapper.get('[data-testid="review-reasons"]').setValue('处理意见认定事实不清');
    await wrapper.get('[data-testid="review-request-form"]').trigger('submit');
    const alert = await until(() => wrapper.get('[data-testid="review-request-error"]'));
    expect(alert.text()).toContain(message);
    // announced: the message is inside an element with role="alert" (the alert itself in the browser)
    expect(wrapper.findAll('[role="alert"]').some((a) => a.text().includes(message))).toBe(true);
    const [url, init] = fetchMock.mock.calls[1]!;
    expect(url).toBe('/api/public/review-request');
    expect(JSON.parse(String(init.body))).toEqual({ number: NUMBER, code: CODE, reasons: '处理意见认定事实不清' });
    // the form stays for another try
    expect(wrapper.find('[data-testid="review-request-form"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('asks for reasons before sending a review request', async () => {
    fetchMock.mockResolvedValue(json(200, progressWith(OPEN)));
    const wrapper = await lookUp();
    await wrapper.get('[data-testid="review-reasons"]').setValue('   ');
    await wrapper.get('[data-testid="review-request-form"]').trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="review-request"] .el-form-item__error').text()).toBe('请填写申请理由'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('tells the stage, the reviewing unit and the due date once the request is made, and reloads', async () => {
    const underReview = progressWith(
      {
        ...OPEN,
        reviewRequest: { stage: 're-review', open: false, closesAt: null, article: '信访工作条例 第三十五条' },
        reviews: [{ stage: 'review', requestedAt: '2026-11-23T02:00:00.000Z', dueAt: '2027-01-22T15:59:59.000Z', reviewingUnit: '东湖区人民政府', outcome: null, opinion: null, decidedAt: null }],
      },
      'under-review',
    );
    fetchMock
      .mockResolvedValueOnce(json(200, progressWith(OPEN)))
      .mockResolvedValueOnce(json(201, { stage: 'review', dueAt: '2027-01-22T15:59:59.000Z', reviewingUnit: '东湖区人民政府' }))
      .mockResolvedValueOnce(json(200, underReview));
    const wrapper = await lookUp();
    expect(wrapper.get('[data-testid="review-request"] h2').text()).toBe('申请复查');
    await wrapper.get('[data-testid="review-reasons"]').setValue('处理意见认定事实不清');
    await wrapper.get('[data-testid="review-request-form"]').trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="review-requested"]').text()).toContain('复查申请已提交，东湖区人民政府应于 2027-01-22 前作出答复'));
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(wrapper.get('[data-testid="progress-status"]').text()).toBe('复查中');
    expect(wrapper.get('[data-testid="progress-reviews"]').text()).toContain('审查中');
    wrapper.unmount();
  });

  it('shows the reviews with their opinions as text, and the conclusion', async () => {
    fetchMock.mockResolvedValue(
      json(
        200,
        progressWith(
          {
            ...OPEN,
            rating: { ...OPEN.rating, open: false, lapsed: true },
            reviewRequest: { stage: null, open: false, closesAt: null, article: '信访工作条例 第三十五条' },
            reviews: [
              { stage: 'review', requestedAt: '2026-11-23T02:00:00.000Z', dueAt: '2027-01-22T15:59:59.000Z', reviewingUnit: '东湖区人民政府', outcome: 'uphold', opinion: '经复查，<b>原处理意见</b>正确。\n予以维持。', decidedAt: '2027-01-10T02:00:00.000Z' },
              { stage: 're-review', requestedAt: '2027-01-15T02:00:00.000Z', dueAt: '2027-03-16T15:59:59.000Z', reviewingUnit: '示范市人民政府', outcome: 'revoke', opinion: '撤销复查意见，责令重新办理。', decidedAt: '2027-02-20T02:00:00.000Z' },
            ],
            conclusion: { at: '2027-02-20T02:00:00.000Z', ground: 're-reviewed' },
          },
          'concluded',
        ),
      ),
    );
    const wrapper = await lookUp();
    const reviews = wrapper.get('[data-testid="progress-reviews"]');
    const items = reviews.findAll('li');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('复查');
    expect(items[0]!.text()).toContain('东湖区人民政府');
    expect(items[0]!.text()).toContain('维持');
    expect(items[0]!.text()).toContain('2027-01-10');
    expect(items[1]!.text()).toContain('复核');
    expect(items[1]!.text()).toContain('撤销并责令重新办理');
    expect(items[0]!.get('[data-testid="review-opinion"]').text()).toContain('<b>原处理意见</b>');
    expect(reviews.find('b').exists()).toBe(false);
    const conclusion = wrapper.get('[data-testid="progress-conclusion"]').text();
    expect(conclusion).toContain('2027-02-20');
    expect(conclusion).toContain('已作出复核意见');
    expect(wrapper.find('[data-testid="review-request"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('switches to English', async () => {
    i18n.global.locale.value = 'en';
    fetchMock.mockResolvedValue(json(200, progressWith(OPEN)));
    const wrapper = await lookUp();
    expect(wrapper.get('[data-testid="rating"]').text()).toContain('Petition office');
    expect(wrapper.get('[data-testid="rating"]').text()).toContain('Basically satisfied');
    await choose(wrapper, 'handlingUnit', 'dissatisfied');
    await until(() => expect(wrapper.get('[data-testid="review-offer"]').text()).toContain('You may request a review until 2026-12-21'));
    wrapper.unmount();
  });
});

describe('the public POST calls', () => {
  it('leave out an empty comment and normalise the number and code', async () => {
    const seen: [string, RequestInit | undefined][] = [];
    const fake = async (input: string, init?: RequestInit) => {
      seen.push([input, init]);
      return json(201, { ratedAt: '2026-11-22T01:00:00.000Z' });
    };
    await submitRating(' xf-990102-2026-000042 ', 'abcd efgh jkmn', { handlingUnit: 'dissatisfied', petitionOffice: 'satisfied', comment: '  ' }, fake);
    expect(JSON.parse(String(seen[0]![1]!.body))).toEqual({ number: NUMBER, code: CODE, handlingUnit: 'dissatisfied', petitionOffice: 'satisfied' });
    expect((seen[0]![1]!.headers as Record<string, string>)['Accept-Language']).toBe('zh-CN');
  });

  it("reject with the API's localized message", async () => {
    const fake = async () => json(400, { statusCode: 400, message: ['评价须为满意、基本满意或不满意'] });
    await expect(submitRating(NUMBER, CODE, { handlingUnit: 'satisfied', petitionOffice: 'satisfied' }, fake)).rejects.toMatchObject({ status: 400, message: '评价须为满意、基本满意或不满意' });
    const conflict = async () => json(409, { statusCode: 409, message: '已经评价过' });
    await expect(requestReview(NUMBER, CODE, '理由', conflict)).rejects.toMatchObject({ status: 409, message: '已经评价过' });
  });
});
