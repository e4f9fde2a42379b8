// Chinese names of the form-js components in the editor's palette. form-js 1.23 has no translate
// service: the palette's group titles, its search box and the whole properties panel are fixed
// English strings in its Preact components. What its API does allow is replacing the `formFields`
// registry entries, whose `config.name` the palette shows; each entry is wrapped (not mutated,
// the configs are shared module-level objects) with a translated name.
import { i18n } from '@/i18n';

/** Palette names by form-js component type. */
export const ZH_CN_FORM_FIELDS: Record<string, string> = {
  textfield: '单行文本',
  textarea: '多行文本',
  number: '数字',
  datetime: '日期时间',
  expression: '表达式',
  filepicker: '文件选择',
  checkbox: '复选框',
  checklist: '复选框组',
  radio: '单选按钮组',
  select: '下拉选择',
  taglist: '标签列表',
  text: '文本',
  html: 'HTML 内容',
  image: '图片',
  table: '表格',
  documentPreview: '文档预览',
  spacer: '间距',
  separator: '分隔线',
  group: '分组',
  dynamiclist: '动态列表',
  iframe: '内嵌网页',
  button: '按钮',
};

interface FormFieldDefinition {
  config: { name?: string; label?: string; [key: string]: unknown };
}
interface FormFieldsRegistry {
  _formFields: Record<string, FormFieldDefinition>;
  register(type: string, field: unknown): void;
}

/** The field component with another palette name; rendering and everything else unchanged. */
export function renamedField<T extends FormFieldDefinition>(field: T, name: string): T {
  const config = { ...field.config, name };
  return new Proxy(field, {
    get: (target, property, receiver) => (property === 'config' ? config : Reflect.get(target, property, receiver)),
  });
}

/** Renames the registered fields for the current UI language (the palette reads them once). */
export function localizeFormFields(formFields: FormFieldsRegistry): void {
  if (i18n.global.locale.value !== 'zh-CN') return;
  for (const [type, field] of Object.entries(formFields._formFields)) {
    const name = ZH_CN_FORM_FIELDS[type];
    if (name && field?.config) formFields.register(type, renamedField(field, name));
  }
}
localizeFormFields.$inject = ['formFields'];

/** A form-js editor module (additionalModules) applying the names when the editor is created. */
export const FormTranslateModule = {
  __init__: [localizeFormFields],
};
