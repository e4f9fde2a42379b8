import { describe, expect, it } from 'vitest';
import { allComponents, checkForm, parseFormSchema } from '@/modeler/form-checks';
import { FORM_ENTRY, formSignatures } from '@/modeler/editor-changes';
import type { FormSchema } from '@/modeler/templates';
import { diffSignatures } from '@/modeler/diff';
import { i18n } from '@/i18n';

function form(): FormSchema {
  return {
    id: 'intake',
    type: 'default',
    schemaVersion: 19,
    components: [
      { id: 'f1', type: 'textfield', key: 'name', label: '姓名' },
      { id: 'txt', type: 'text', text: '# 说明' },
      {
        id: 'g1',
        type: 'group',
        label: '地址',
        components: [
          { id: 'f2', type: 'select', key: 'county', label: '县' },
          { id: 'f3', type: 'textarea', key: 'detail', label: '详细地址' },
        ],
      },
      { id: 'b1', type: 'button', action: 'submit', label: '提交' },
    ],
  };
}

describe('form checks before deploying', () => {
  it('find nothing wrong in a complete form', () => {
    expect(checkForm(form())).toEqual([]);
    expect(checkForm(form(), 'intake')).toEqual([]);
  });

  it('require an id, the id of the deployed form, and a schema version', () => {
    const noId = { ...form(), id: '' };
    expect(checkForm(noId).map((p) => p.code)).toEqual(['formId']);
    expect(checkForm(form(), 'other').map((p) => `${p.code}:${p.value}`)).toEqual(['formIdMismatch:other']);
    const { schemaVersion: _drop, ...unversioned } = form();
    void _drop;
    expect(checkForm(unversioned).map((p) => p.code)).toEqual(['schemaVersion']);
  });

  it('require a unique non-empty key on inputs, nested ones included, not on layout components', () => {
    const schema = form();
    schema.components![2]!.components![1]!.key = 'name';
    schema.components!.push({ id: 'f4', type: 'number', label: '人数' }, { id: 'f5', type: 'checkbox', key: ' ' });
    expect(checkForm(schema).map((p) => `${p.code}:${p.componentId}:${p.label}:${p.value}`)).toEqual([
      'duplicateKey:f1:姓名:name',
      'missingKey:f4:人数:',
      'missingKey:f5:f5:',
    ]);
  });

  it('reject text that is not a JSON object', () => {
    expect(parseFormSchema('{"id":"a"}')).toEqual({ id: 'a' });
    for (const text of ['', 'nope', '[1]', 'null', '3']) expect(parseFormSchema(text), text).toBeNull();
    expect(checkForm(null).map((p) => p.code)).toEqual(['invalidJson']);
  });

  it('walk nested components in document order', () => {
    expect(allComponents(form().components).map((c) => c.id)).toEqual(['f1', 'txt', 'g1', 'f2', 'f3', 'b1']);
  });

  it('describe every problem in both languages', () => {
    for (const code of ['formId', 'formIdMismatch', 'schemaVersion', 'missingKey', 'duplicateKey', 'invalidJson']) {
      expect(i18n.global.te(`editors.form.checks.${code}`, 'zh-CN')).toBe(true);
      expect(i18n.global.te(`editors.form.checks.${code}`, 'en')).toBe(true);
    }
  });
});

describe('form changes against the deployed version', () => {
  it('mark the component that changed, not its group, and ignore the exporter stamp', () => {
    const before = formSignatures(form());
    expect([...before.keys()]).toEqual([FORM_ENTRY, 'f1', 'txt', 'g1', 'f2', 'f3', 'b1']);
    const stamped = { ...form(), exporter: { name: 'form-js', version: '1.23.0' } };
    expect(diffSignatures(before, formSignatures(stamped))).toEqual({ added: [], removed: [], changed: [] });
    const edited = form();
    edited.components![2]!.components![0]!.label = '区县';
    edited.components!.splice(1, 1);
    const diff = diffSignatures(before, formSignatures(edited));
    expect(diff).toEqual({ added: [], removed: ['txt'], changed: [FORM_ENTRY, 'f2'] });
    expect(formSignatures(null).size).toBe(0);
  });

  it('compare rows by their order, not by the random row ids form-js stamps', () => {
    const before = formSignatures(form());
    const stamped = form();
    stamped.components!.forEach((c, i) => (c.layout = { row: `Row_${i}x`, columns: null }));
    expect(diffSignatures(before, formSignatures(stamped)).changed).toEqual([]);
    // two fields put into one row is a change of the second one
    const joined = form();
    joined.components![0]!.layout = { row: 'Row_a' };
    joined.components![1]!.layout = { row: 'Row_a' };
    expect(diffSignatures(before, formSignatures(joined)).changed).toEqual(['txt']);
  });
});
