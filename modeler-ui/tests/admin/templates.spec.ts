import { describe, expect, it } from 'vitest';
import {
  chinaDateTime,
  insertVariable,
  placeholder,
  previewSegments,
  savedOf,
  templateProblems,
  usedVariables,
  withSaved,
  type NoticeTemplateRow,
  type NoticeTemplateVersion,
} from '@/workspaces/admin/templates';

// The editor's own check follows the server's checkTemplate, so that what it lets through the
// server accepts, and what the server refuses it names while the administrator types.

const DECLINE = ['number', 'unit', 'reason'];
const codes = (body: string, allowed = DECLINE, max?: number) => templateProblems(body, allowed, max).map((p) => p.code);

describe('the template check', () => {
  it('accepts the default wording of a notice', () => {
    expect(codes('您的信访事项（编号 {{number}}）经{{unit}}审查，决定不予受理。理由：{{reason}}。')).toEqual([]);
  });

  it('reads names with spaces around them as the server does', () => {
    expect(usedVariables('编号 {{ number }}，{{unit}}，{{ foo bar }}')).toEqual(['number', 'unit', 'foo bar']);
    expect(codes('编号 {{ number }}，{{  unit }}')).toEqual([]);
  });

  it('names every unknown variable once', () => {
    expect(templateProblems('{{number}} {{date}} {{ date }} {{Unit}}', DECLINE)).toEqual([{ code: 'unknown', names: ['date', 'Unit'] }]);
  });

  it('wants the petition number', () => {
    expect(codes('{{unit}}决定不予受理。')).toEqual(['missing-number']);
    // a notice without a number variable (none exists today) is not asked for one
    expect(codes('没有变量', ['unit'])).toEqual([]);
  });

  it('finds braces that do not pair', () => {
    expect(codes('编号 {{number}} {{unit')).toEqual(['unbalanced']);
    expect(codes('编号 {{number}} unit}}')).toEqual(['unbalanced']);
    expect(codes('编号 {{number}} {{unit}} }} {{')).toEqual(['unbalanced']);
    // as on the server: a single brace is text, and {{{number}}} names "{number"
    expect(codes('编号 {{number}} {a}')).toEqual([]);
    expect(codes('编号 {{number}}}')).toEqual([]);
    expect(templateProblems('{{{number}}}', DECLINE)).toEqual([{ code: 'unknown', names: ['{number'] }, { code: 'missing-number' }]);
  });

  it('refuses an empty wording, and one too long (all problems at once)', () => {
    expect(codes('')).toEqual(['empty']);
    expect(codes(' \n ')).toEqual(['empty']);
    expect(codes(`{{number}}${'字'.repeat(1990)}`)).toEqual([]);
    expect(templateProblems(`{{number}}${'字'.repeat(1991)}`, DECLINE)).toEqual([{ code: 'too-long', length: 2001, max: 2000 }]);
    expect(codes(`{{oops}}${'字'.repeat(30)}{{`, DECLINE, 20)).toEqual(['too-long', 'unknown', 'missing-number', 'unbalanced']);
  });
});

describe('inserting a variable', () => {
  it('goes at the caret, or in place of the selection, the caret after it', () => {
    expect(insertVariable('编号：。', 'number', 3)).toEqual({ body: '编号：{{number}}。', caret: 13 });
    expect(insertVariable('由XX办理', 'unit', 1, 3)).toEqual({ body: '由{{unit}}办理', caret: 9 });
    // a selection made backwards
    expect(insertVariable('由XX办理', 'unit', 3, 1)).toEqual({ body: '由{{unit}}办理', caret: 9 });
  });

  it('keeps within the text', () => {
    expect(insertVariable('ab', 'x', 99)).toEqual({ body: 'ab{{x}}', caret: 7 });
    expect(insertVariable('ab', 'x', -5)).toEqual({ body: '{{x}}ab', caret: 5 });
    expect(insertVariable('ab', 'x', Number.NaN)).toEqual({ body: 'ab{{x}}', caret: 7 });
    expect(placeholder('number')).toBe('{{number}}');
  });
});

describe('the preview', () => {
  const variables = [
    { name: 'number', description: '信访事项编号' },
    { name: 'unit', description: '决定单位' },
  ];

  it('shows each variable by what it stands for, unknown names as written', () => {
    expect(previewSegments('编号 {{ number }}，{{unit}}{{date}}。', variables)).toEqual([
      { kind: 'text', text: '编号 ' },
      { kind: 'variable', name: 'number', text: '信访事项编号' },
      { kind: 'text', text: '，' },
      { kind: 'variable', name: 'unit', text: '决定单位' },
      { kind: 'unknown', text: '{{date}}' },
      { kind: 'text', text: '。' },
    ]);
  });

  it('leaves markup as text (the page renders segments as text, never as HTML)', () => {
    expect(previewSegments('<b>{{number}}</b>', variables)).toEqual([
      { kind: 'text', text: '<b>' },
      { kind: 'variable', name: 'number', text: '信访事项编号' },
      { kind: 'text', text: '</b>' },
    ]);
    expect(previewSegments('', variables)).toEqual([]);
  });
});

describe('who saved the wording in use', () => {
  const row: NoticeTemplateRow = { kind: 'decline', title: '信访事项不予受理告知书', article: '《信访工作条例》第二十三条', version: 2, body: 'v2 {{number}}', variables: [] };
  const versions: NoticeTemplateVersion[] = [
    { id: 'b', kind: 'decline', version: 2, body: 'v2 {{number}}', createdBy: 'sysadmin', createdAt: '2026-11-26T01:30:00.000Z' },
    { id: 'a', kind: 'decline', version: 1, body: 'v1 {{number}}', createdBy: 'other', createdAt: '2026-11-20T01:30:00.000Z' },
  ];

  it('comes from the row, else from its version in the history; nobody for the default', () => {
    expect(savedOf(row)).toBeNull();
    expect(savedOf(row, versions)).toEqual({ by: 'sysadmin', at: '2026-11-26T01:30:00.000Z' });
    expect(savedOf({ ...row, savedBy: 'x', savedAt: '2026-01-01T00:00:00.000Z' }, versions)).toEqual({ by: 'x', at: '2026-01-01T00:00:00.000Z' });
    expect(savedOf({ ...row, version: 0 }, versions)).toBeNull();
  });

  it('is the saver once a new version was saved', () => {
    const saved = { id: 'c', kind: 'decline', version: 3, body: 'v3 {{number}}', createdBy: 'sysadmin', createdAt: '2026-11-27T02:00:00.000Z' };
    expect(withSaved(row, saved)).toEqual({ ...row, version: 3, body: 'v3 {{number}}', savedBy: 'sysadmin', savedAt: '2026-11-27T02:00:00.000Z' });
    expect(chinaDateTime('2026-11-27T02:00:00.000Z')).toBe('2026-11-27 10:00');
    expect(chinaDateTime(null)).toBe('');
  });
});
