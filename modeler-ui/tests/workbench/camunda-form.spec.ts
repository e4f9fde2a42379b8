// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import CamundaTaskForm from '@/workspaces/workbench/components/CamundaTaskForm.vue';
import {
  camundaFormFields,
  completionBody,
  hasErrors,
  labelledErrors,
  localizedValidationMessage,
} from '@/workspaces/workbench/components/camunda-form';

// The form shipped with the processes, as the API serves it from the engine.
const replyForm = JSON.parse(
  readFileSync(resolve(__dirname, '../../../processes/reply-petition.form'), 'utf8'),
) as Record<string, unknown>;

afterEach(() => {
  i18n.global.locale.value = DEFAULT_LOCALE;
  document.body.innerHTML = '';
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('mapping a Camunda Form to a completion body', () => {
  it('finds the fields of the shipped reply form, which are the reply step’s form properties', () => {
    expect(camundaFormFields(replyForm)).toEqual([
      { key: 'replyOutcome', label: '处理意见' },
      { key: 'replyText', label: '答复内容' },
      { key: 'serviceMethod', label: '送达方式' },
      // a date field is drawn with its dateLabel
      { key: 'servedOn', label: '送达日期（默认今天）' },
      { key: 'note', label: '备注' },
    ]);
    const service = (replyForm.components as { key: string; values?: { value: string }[] }[]).find((c) => c.key === 'serviceMethod');
    expect(service?.values?.map((v) => v.value)).toEqual(['in-person', 'post', 'sms', 'online']);
    const outcome = (replyForm.components as { key: string; values?: { value: string }[] }[]).find((c) => c.key === 'replyOutcome');
    expect(outcome?.values?.map((v) => v.value)).toEqual(['support', 'explain', 'reject']);
  });

  it('finds fields inside groups, and skips buttons, texts and dynamic lists', () => {
    const schema = {
      components: [
        { type: 'text', text: '# 标题' },
        { type: 'group', components: [{ type: 'textfield', key: 'a', label: '甲' }, { type: 'checkbox', key: 'b' }] },
        { type: 'dynamiclist', key: 'rows', components: [{ type: 'textfield', key: 'x' }] },
        { type: 'button', key: 'submit', label: '提交' },
      ],
    };
    expect(camundaFormFields(schema)).toEqual([
      { key: 'a', label: '甲' },
      { key: 'b', label: 'b' },
    ]);
  });

  it('sends only the form’s fields, trimmed, and leaves empty ones out', () => {
    expect(completionBody(replyForm, { replyOutcome: 'support', replyText: '  已维修  ', note: '', extra: 'x' })).toEqual({
      replyOutcome: 'support',
      replyText: '已维修',
    });
    expect(completionBody(replyForm, { replyOutcome: null, replyText: '答复', note: ' 电话告知 ' })).toEqual({
      replyText: '答复',
      note: '电话告知',
    });
    expect(completionBody({ components: [{ type: 'checkbox', key: 'approved' }] }, { approved: false })).toEqual({ approved: false });
    expect(completionBody(replyForm, { replyOutcome: 'reject', replyText: '答复', serviceMethod: 'post', servedOn: '2026-11-30' })).toEqual({
      replyOutcome: 'reject',
      replyText: '答复',
      serviceMethod: 'post',
      servedOn: '2026-11-30',
    });
  });

  it('names the API’s field errors by the labels the form draws', () => {
    expect(
      labelledErrors(replyForm, [
        { field: 'replyText', message: '不能为空' },
        { field: 'other', message: '未知字段' },
      ]),
    ).toEqual([
      { label: '答复内容', message: '不能为空' },
      { label: 'other', message: '未知字段' },
    ]);
  });

  it('tells form-js errors apart from none, and says its messages in the workbench’s language', () => {
    expect(hasErrors({})).toBe(false);
    expect(hasErrors({ 'reply-petition-text': [] })).toBe(false);
    expect(hasErrors({ 'reply-petition-text': ['Field is required.'] })).toBe(true);
    const t = i18n.global.t as (key: string, params?: Record<string, unknown>) => string;
    expect(localizedValidationMessage('Field is required.', t)).toBe('请填写此项');
    expect(localizedValidationMessage('Field must have maximum length of 500.', t)).toBe('最多 500 个字');
    expect(localizedValidationMessage('Something else.', t)).toBe('Something else.');
  });
});

describe('CamundaTaskForm', () => {
  const mountForm = (props: Record<string, unknown> = {}) =>
    mount(CamundaTaskForm, {
      props: { formKey: 'reply-petition', schema: replyForm, fieldErrors: [], ...props },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });

  it('draws the schema with form-js, keeps it open on its own errors, and submits the mapped body', async () => {
    const wrapper = mountForm();
    await vi.waitFor(() => expect(wrapper.find('.fjs-form').exists()).toBe(true));
    expect(wrapper.text()).toContain('处理意见');
    expect(wrapper.text()).toContain('答复内容');

    // nothing filled in: form-js marks the required fields and nothing is sent
    await wrapper.get('[data-testid="task-submit"]').trigger('click');
    await settle();
    expect(wrapper.emitted('submit')).toBeUndefined();
    await vi.waitFor(() => expect(wrapper.text()).toContain('请填写此项'));

    // form-js names its radios by position: 解释说明 is the second
    (wrapper.findAll('input[type="radio"]')[1]!.element as HTMLInputElement).click();
    await wrapper.get('textarea').setValue(' 已向您解释相关政策。 ');
    await settle();
    await wrapper.get('[data-testid="task-submit"]').trigger('click');
    await settle();
    // 送达方式 defaults to 直接送达; 送达日期 left empty (today) is not sent
    expect(wrapper.emitted('submit')).toEqual([[{ replyOutcome: 'explain', replyText: '已向您解释相关政策。', serviceMethod: 'in-person' }]]);
  });

  it('shows the API’s field errors with the form’s labels', async () => {
    const wrapper = mountForm({ fieldErrors: [{ field: 'replyOutcome', message: '处理意见不在可选范围内' }] });
    await settle();
    expect(wrapper.get('[data-testid="camunda-form-errors"]').text()).toContain('处理意见：处理意见不在可选范围内');
  });
});
