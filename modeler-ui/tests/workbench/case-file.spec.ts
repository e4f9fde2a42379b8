import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { messages } from '@/i18n';
import { personName, timelineSentence } from '@/workspaces/workbench/components/case-file/case-words';
import {
  byStage,
  fileProblems,
  formatSize,
  MAX_FILE_BYTES,
  MAX_FILES_PER_UPLOAD,
  previewKind,
} from '@/workspaces/workbench/components/case-file/attachment-rules';
import { pageUploadStage, tasksForViewer } from '@/workspaces/workbench/components/case-file/case-page';
import type { CaseOpenTask } from '@/workspaces/workbench/types';

function i18nFor(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages });
  const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
  const te = (key: string) => i18n.global.te(key);
  return { t, te };
}

const routed = {
  kind: 'routed',
  at: '2026-06-01T00:00:00Z',
  unit: { code: '990102-petition-office', name: '东湖区信访局' },
  actor: 'system',
  by: { username: 'system', name: null },
  note: 'routing.dmn: complaint / county → county / handling-room',
  params: { from: '990102-petition-office', fromName: '东湖区信访局', to: '990102-room-1', toName: '东湖区第一办理室', level: 'county' },
};

describe('timeline in words', () => {
  it('words a routing entry with the unit it went to, not the rule key', () => {
    const { t, te } = i18nFor('zh-CN');
    const words = timelineSentence(routed, t, te);
    expect(words).toBe('按路由规则交由 东湖区第一办理室 办理');
    expect(words).not.toContain('routing.dmn');
    const en = i18nFor('en');
    expect(timelineSentence(routed, en.t, en.te)).toBe('Routed by the routing rules to 东湖区第一办理室');
  });

  it('names the person who claimed a task, and the engine as 系统 / System', () => {
    const { t, te } = i18nFor('zh-CN');
    const claimed = { kind: 'claimed', unit: null, actor: 'donghu.room1', by: { username: 'donghu.room1', name: '第一办理室经办人 陈晨' } };
    expect(timelineSentence(claimed, t, te)).toBe('第一办理室经办人 陈晨 签收任务');
    expect(personName({ username: 'system', name: null }, t)).toBe('系统');
    expect(personName('system', i18nFor('en').t)).toBe('System');
    // someone no longer on the register: the username rather than nothing
    expect(personName({ username: 'gone.user', name: null }, t)).toBe('gone.user');
  });

  it('words the desk’s hand-overs with the people’s names and the step', () => {
    const zh = i18nFor('zh-CN');
    const en = i18nFor('en');
    const head = { username: 'donghu.room1.head', name: '李主任' };
    const holder = { username: 'donghu.room1', name: '张三' };
    const delegate = { username: 'desk.zhao', name: '赵六' };
    const entry = (kind: string, by: typeof head, params: Record<string, string>) => ({ kind, unit: null, actor: by.username, by, params: { step: 'handle-petition', ...params } });

    const unclaimed = entry('task-unclaimed', holder, { holder: holder.username, holderName: holder.name });
    expect(timelineSentence(unclaimed, zh.t, zh.te)).toBe('张三 将「调查核实」退回任务池');
    expect(timelineSentence(unclaimed, en.t, en.te)).toBe('张三 put “Investigate” back in the pool');

    const reassigned = entry('task-reassigned', head, { assignee: 'wangwu', assigneeName: '王五' });
    expect(timelineSentence(reassigned, zh.t, zh.te)).toBe('李主任 将「调查核实」改派给 王五');
    expect(timelineSentence(reassigned, en.t, en.te)).toBe('李主任 reassigned “Investigate” to 王五');

    const delegated = entry('task-delegated', holder, { delegate: delegate.username, delegateName: delegate.name });
    expect(timelineSentence(delegated, zh.t, zh.te)).toBe('张三 委托 赵六 办理「调查核实」');
    expect(timelineSentence(delegated, en.t, en.te)).toBe('张三 delegated “Investigate” to 赵六');

    const resolved = entry('delegation-resolved', delegate, { owner: holder.username, ownerName: holder.name });
    expect(timelineSentence(resolved, zh.t, zh.te)).toBe('赵六 办理后退回 张三');
    expect(timelineSentence(resolved, en.t, en.te)).toBe('赵六 did the task and handed it back to 张三');

    // a step the UI has no name for reads as its key; an entry without one as "the task"
    expect(timelineSentence({ ...unclaimed, params: { step: 'new-step' } }, zh.t, zh.te)).toBe('张三 将「new-step」退回任务池');
    expect(timelineSentence({ ...unclaimed, params: {} }, en.t, en.te)).toBe('张三 put “the task” back in the pool');
  });

  it('falls back to the event label, then the kind, for kinds without a sentence', () => {
    const { t, te } = i18nFor('zh-CN');
    expect(timelineSentence({ kind: 'no-such-kind', unit: null, actor: null }, t, te)).toBe('no-such-kind');
    // a sentence needing a unit the entry lacks still reads as a sentence
    expect(timelineSentence({ kind: 'accepted', unit: null, actor: 'x' }, t, te)).toBe('有关单位 受理');
  });

  it('has a sentence in both languages for every event kind the UI labels', () => {
    const zh = messages['zh-CN'].workbench as unknown as { values: { event: Record<string, string> }; caseFile: { event: Record<string, string> } };
    const en = messages.en.workbench as unknown as typeof zh;
    expect(Object.keys(zh.caseFile.event).sort()).toEqual(Object.keys(zh.values.event).sort());
    expect(Object.keys(en.caseFile.event).sort()).toEqual(Object.keys(zh.caseFile.event).sort());
  });
});

describe('attachment checks before upload', () => {
  const file = (name: string, size = 1000) => ({ name, size });

  it('accepts PDFs, images and Office files within the size limit', () => {
    expect(fileProblems([file('材料.pdf'), file('photo.JPG'), file('表.xlsx'), file('说明.txt')])).toEqual([]);
  });

  it('names the over-size, empty and unsupported files', () => {
    expect(fileProblems([file('big.pdf', MAX_FILE_BYTES + 1), file('ok.pdf', MAX_FILE_BYTES), file('run.exe'), file('noext'), file('empty.png', 0)])).toEqual([
      { file: 'big.pdf', reason: 'size' },
      { file: 'run.exe', reason: 'type' },
      { file: 'noext', reason: 'type' },
      { file: 'empty.png', reason: 'empty' },
    ]);
  });

  it('refuses more files than one upload takes', () => {
    const many = Array.from({ length: MAX_FILES_PER_UPLOAD + 1 }, (_, i) => file(`f${i}.pdf`));
    expect(fileProblems(many)).toEqual([{ file: null, reason: 'count' }]);
    expect(fileProblems(many.slice(1))).toEqual([]);
  });

  it('sizes, previews and stages read at a glance', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('image/tiff')).toBeNull();
    expect(previewKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBeNull();
    const groups = byStage([{ stage: 'reply' }, { stage: 'materials' }, { stage: 'reply' }]);
    expect(groups.map((g) => [g.stage, g.items.length])).toEqual([
      ['materials', 1],
      ['reply', 2],
    ]);
  });
});

describe('the case page offers the tasks its viewer may act on', () => {
  const task = (over: Partial<CaseOpenTask>): CaseOpenTask => ({
    taskId: 't1',
    step: 'handle-petition',
    unit: { code: 'room-1', name: '第一办理室' },
    assignee: null,
    dueAt: null,
    createdAt: '2026-06-01T00:00:00Z',
    ...over,
  });

  it('offers an unclaimed task to its unit and a claimed one only to its assignee', () => {
    const handler = { username: 'a', unitCode: 'room-1', roles: ['handler'] };
    expect(tasksForViewer([task({})], handler)).toHaveLength(1);
    expect(tasksForViewer([task({ unit: { code: 'room-2', name: '' } })], handler)).toHaveLength(0);
    expect(tasksForViewer([task({ assignee: { username: 'b', name: 'B' } })], handler)).toHaveLength(0);
    expect(tasksForViewer([task({ assignee: { username: 'a', name: 'A' } })], handler)).toHaveLength(1);
  });

  it('offers none to a supervisor, who reads the case only', () => {
    expect(tasksForViewer([task({})], { username: 's', unitCode: 'room-1', roles: ['supervisor'] })).toEqual([]);
    expect(pageUploadStage(['supervisor'], false)).toBeNull();
    expect(pageUploadStage(['registrar'], false)).toBe('materials');
    expect(pageUploadStage(['handler'], true)).toBe('evidence');
    expect(pageUploadStage(['handler'], false)).toBeNull();
  });
});
