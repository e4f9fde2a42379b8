// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { FormFields } from '@bpmn-io/form-js-viewer';
import { ZH_CN_FORM_FIELDS, localizeFormFields, renamedField } from '@/modeler/translate-form';
import { DEFAULT_LOCALE, i18n } from '@/i18n';

type Registry = { _formFields: Record<string, { config: { name?: string; type: string } }>; get(type: string): any; register(type: string, field: unknown): void };

describe('form-js palette names', () => {
  it('name every component type of form-js 1.23 in Chinese', () => {
    const registry = new FormFields() as unknown as Registry;
    const types = Object.keys(registry._formFields).filter((type) => type !== 'default');
    expect(types.length).toBeGreaterThan(15);
    // the editor adds a few types of its own (documentPreview …), covered as well
    expect(types.filter((type) => !(type in ZH_CN_FORM_FIELDS))).toEqual([]);
  });

  it('rename the registry entries in Chinese only, leaving the shared configs alone', () => {
    try {
      i18n.global.locale.value = 'zh-CN';
      const registry = new FormFields() as unknown as Registry;
      const original = registry.get('textfield');
      localizeFormFields(registry as never);
      const renamed = registry.get('textfield');
      expect(renamed.config.name).toBe('单行文本');
      expect(renamed.config.type).toBe('textfield');
      expect(original.config.name).toBe('Text field');
      expect(typeof renamed).toBe('function');

      i18n.global.locale.value = 'en';
      const english = new FormFields() as unknown as Registry;
      localizeFormFields(english as never);
      expect(english.get('textfield').config.name).toBe('Text field');
    } finally {
      i18n.global.locale.value = DEFAULT_LOCALE;
    }
  });

  it('keep the component callable as before', () => {
    const field = Object.assign((props: { x: number }) => props.x * 2, { config: { name: 'A', type: 'a' } });
    const renamed = renamedField(field, 'B');
    expect(renamed({ x: 2 })).toBe(4);
    expect(renamed.config).toEqual({ name: 'B', type: 'a' });
    expect(renamed.config).toBe(renamed.config);
  });
});
