// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { mount } from '@vue/test-utils';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import ProgressView from '@/workspaces/public/ProgressView.vue';
import { fetchProgress, type PublicProgress } from '@/workspaces/public/api';
import { formatQueryCode, isCompleteQueryCode, normalizePetitionNumber, normalizeQueryCode, retryAfterSeconds } from '@/workspaces/public/queryCode';
import { json, silenceValidatorWarnings, stubFetch, submitForm } from '../helpers/page';

const PROGRESS: PublicProgress = {
  number: 'XF-990102-2026-000042',
  status: 'handling',
  receivedAt: '2026-11-01T02:00:00.000Z',
  currentUnit: '东湖区第一办理室',
  committedDate: null,
  deadlines: [{ name: 'handling', dueAt: '2026-12-31T15:59:59.000Z', article: '信访工作条例 第三十四条', metAt: null }],
  timeline: [
    { step: 'registered', at: '2026-11-01T02:00:00.000Z', unit: '东湖区信访局' },
    { step: 'accepted', at: '2026-11-03T02:00:00.000Z', unit: '东湖区第一办理室' },
  ],
  result: null,
};

describe('the query code field', () => {
  it('groups what is typed as XXXX-XXXX-XXXX, upper case, at most twelve characters', () => {
    expect(formatQueryCode('abcd')).toBe('ABCD');
    expect(formatQueryCode('abcde')).toBe('ABCD-E');
    expect(formatQueryCode('abcd efgh jkmn pqr')).toBe('ABCD-EFGH-JKMN');
    expect(formatQueryCode(' ab-cd_ef.gh/jk mn ')).toBe('ABCD-EFGH-JKMN');
    expect(formatQueryCode('')).toBe('');
  });

  it('folds full-width characters and the letters the receipts never use', () => {
    expect(formatQueryCode('ＡＢＣＤ－１２３４')).toBe('ABCD-1234');
    expect(formatQueryCode('oOiIlL')).toBe('0011-11');
  });

  it('knows a complete code', () => {
    expect(isCompleteQueryCode('ABCD-EFGH-JKMN')).toBe(true);
    expect(isCompleteQueryCode('abcdefghjkmn')).toBe(true);
    expect(isCompleteQueryCode('ABCD-EFGH-JKM')).toBe(false);
    expect(normalizeQueryCode('abcd-efgh jkmn')).toBe('ABCDEFGHJKMN');
  });

  it('normalises the petition number and reads Retry-After', () => {
    expect(normalizePetitionNumber(' xf-990102-2026-000042 ')).toBe('XF-990102-2026-000042');
    expect(retryAfterSeconds('42')).toBe(42);
    expect(retryAfterSeconds(new Date(1_000_000 + 30_000).toUTCString(), 1_000_000)).toBe(30);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
  });
});

describe('looking up a petition', () => {
  afterEach(() => {
    i18n.global.locale.value = DEFAULT_LOCALE;
  });

  it('sends the normalised number and code without a token', async () => {
    const seen: [string, RequestInit | undefined][] = [];
    const fake = (async (input: string, init?: RequestInit) => {
      seen.push([input, init]);
      return json(200, PROGRESS);
    }) as unknown as typeof fetch;
    await expect(fetchProgress('xf-990102-2026-000042', 'abcd efgh jkmn', fake)).resolves.toEqual(PROGRESS);
    expect(seen[0]![0]).toBe('/api/public/progress?number=XF-990102-2026-000042&code=ABCDEFGHJKMN');
    expect(JSON.stringify(seen[0]![1]?.headers)).not.toContain('Authorization');
  });

  it('explains a wrong number or code with the API’s message, and too many attempts with the wait', async () => {
    const notFound = (async () => json(404, { statusCode: 404, message: '信访事项编号或查询码不正确，请核对回执后重试' })) as unknown as typeof fetch;
    await expect(fetchProgress('x', 'y', notFound)).rejects.toMatchObject({ status: 404, message: '信访事项编号或查询码不正确，请核对回执后重试' });
    const limited = (async () => json(429, { statusCode: 429, message: 'Too Many Requests' }, { 'Retry-After': '60' })) as unknown as typeof fetch;
    await expect(fetchProgress('x', 'y', limited)).rejects.toMatchObject({ status: 429, retryAfter: 60, message: '查询次数过多，请 60 秒后再试' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(fetchProgress('x', 'y', offline)).rejects.toMatchObject({ status: null, kind: 'network' });
  });
});

describe('the public progress page', () => {
  let fetchMock: Mock;
  beforeEach(() => {
    fetchMock = stubFetch();
    silenceValidatorWarnings();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    i18n.global.locale.value = DEFAULT_LOCALE;
  });

  async function lookUp(number: string, code: string) {
    const wrapper = mount(ProgressView, { global: { plugins: [i18n] }, attachTo: document.body });
    await wrapper.get('[data-testid="progress-number"]').setValue(number);
    await wrapper.get('[data-testid="progress-code"]').setValue(code);
    await submitForm(wrapper, 'progress-form');
    return wrapper;
  }

  it('shows status, unit, deadlines with their articles and the timeline in Chinese', async () => {
    fetchMock.mockResolvedValue(json(200, PROGRESS));
    const wrapper = await lookUp('XF-990102-2026-000042', 'abcdefghjkmn');
    expect((wrapper.get('[data-testid="progress-code"]').element as HTMLInputElement).value).toBe('ABCD-EFGH-JKMN');
    expect(wrapper.get('[data-testid="progress-status"]').text()).toBe('办理中');
    expect(wrapper.get('[data-testid="progress-unit"]').text()).toBe('东湖区第一办理室');
    expect(wrapper.get('[data-testid="progress-deadlines"]').text()).toContain('信访工作条例 第三十四条');
    expect(wrapper.get('[data-testid="progress-deadlines"]').text()).toContain('2026-12-31');
    const timeline = wrapper.get('[data-testid="progress-timeline"]').text();
    expect(timeline).toContain('登记');
    expect(timeline).toContain('受理');
    expect(wrapper.get('[data-testid="progress-published"]').text()).toContain('办理结果尚未公开');
    wrapper.unmount();
  });

  it('does not send an incomplete code', async () => {
    const wrapper = await lookUp('XF-990102-2026-000042', 'ABCD');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(wrapper.find('.el-form-item.is-error').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows the API’s message for a wrong number or code and the wait after too many attempts', async () => {
    fetchMock.mockResolvedValueOnce(json(404, { statusCode: 404, message: '信访事项编号或查询码不正确，请核对回执后重试' }));
    const wrapper = await lookUp('XF-990102-2026-000042', 'ABCD-EFGH-JKMN');
    expect(wrapper.get('[data-testid="progress-error"]').text()).toContain('信访事项编号或查询码不正确');
    expect(wrapper.find('[data-testid="progress-result"]').exists()).toBe(false);
    fetchMock.mockResolvedValueOnce(json(429, { statusCode: 429, message: 'Too Many Requests' }, { 'Retry-After': '30' }));
    await submitForm(wrapper, 'progress-form');
    expect(wrapper.get('[data-testid="progress-error"]').text()).toContain('请 30 秒后再试');
    wrapper.unmount();
  });
});
