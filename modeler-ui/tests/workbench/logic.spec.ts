import { describe, expect, it } from 'vitest';
import {
  buildStepForm,
  checkCharacter,
  countDue,
  dueLevel,
  formatDateTime,
  missingFields,
  regionPath,
  regionTree,
  residentIdProblem,
  stepBody,
} from '@/workspaces/workbench/logic';
import { registrationBody, registrationProblems, emptyPetitioner } from '@/workspaces/workbench/registration';
import { taskQueryString, fieldErrorsOf } from '@/workspaces/workbench/api';
import { HOME_PATH, homeFor, mayOpen, safeRedirect } from '@/router/redirect';
import type { Region } from '@/workspaces/workbench/types';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

describe('resident ID check (GB 11643-1999, same rule as the API)', () => {
  it('accepts a valid number, with X in either case', () => {
    expect(residentIdProblem('11010519491231002X', NOW)).toBeNull();
    expect(residentIdProblem('11010519491231002x', NOW)).toBeNull();
  });

  it('names the format, the birth date or the check character as the problem', () => {
    expect(residentIdProblem('1101051949123100', NOW)).toBe('format');
    expect(residentIdProblem('01010519491231002X', NOW)).toBe('format');
    expect(residentIdProblem('11010519491231002Y', NOW)).toBe('format');
    expect(residentIdProblem('110105194902300021', NOW)).toBe('birth-date'); // 30 February
    expect(residentIdProblem('110105189912310021', NOW)).toBe('birth-date'); // before 1900
    expect(residentIdProblem('110105203001010021', NOW)).toBe('birth-date'); // not born yet
    expect(residentIdProblem('110105194912310021', NOW)).toBe('check-digit');
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    const first17 = '44030419900101001';
    expect(residentIdProblem(first17 + checkCharacter(first17), NOW)).toBeNull();
  });
});

describe('due colouring', () => {
  it('is red when overdue, orange within 3 days, plain later, absent without a due date', () => {
    expect(dueLevel(at(-0.01), NOW)).toBe('overdue');
    expect(dueLevel(at(0.5), NOW)).toBe('soon');
    expect(dueLevel(at(3), NOW)).toBe('soon');
    expect(dueLevel(at(3.01), NOW)).toBe('ok');
    expect(dueLevel(null, NOW)).toBe('none');
    expect(dueLevel('junk', NOW)).toBe('none');
  });

  it('counts overdue and near-due tasks', () => {
    expect(countDue([{ due: at(-1) }, { due: at(1) }, { due: at(2) }, { due: at(10) }, { due: null }], NOW)).toEqual({
      total: 5,
      overdue: 1,
      soon: 2,
    });
  });

  it('shows times in China time', () => {
    expect(formatDateTime('2026-06-01T16:30:00Z')).toBe('2026-06-02 00:30');
  });
});

describe('step forms', () => {
  it('offers exactly the decisions the API allows, and asks for what each one needs', () => {
    const form = buildStepForm('accept-decision', { decisions: ['accept', 'decline', 'transfer', 'assign-down', 'divert-legal'] });
    expect(form.fields[0]).toMatchObject({ name: 'decision', kind: 'radio', choices: ['accept', 'decline', 'transfer', 'assign-down', 'divert-legal'] });
    expect(form.initial.decision).toBe('accept');

    const accept = { ...form.initial, committedDate: '2026-06-20', simplified: true };
    expect(missingFields(form, accept)).toEqual([]);
    expect(stepBody(form, accept)).toEqual({ decision: 'accept', committedDate: '2026-06-20', simplified: true });

    const decline = { ...form.initial, decision: 'decline' };
    expect(missingFields(form, decline)).toEqual(['reason']);
    expect(stepBody(form, { ...decline, reason: ' 不属于信访事项 ', committedDate: '2026-06-20' })).toEqual({ decision: 'decline', reason: '不属于信访事项' });

    expect(missingFields(form, { ...form.initial, decision: 'transfer' })).toEqual(['reason', 'targetUnitCode']);
    expect(missingFields(form, { ...form.initial, decision: 'assign-down', reason: 'x' })).toEqual(['targetUnitCode', 'dueDate']);
    expect(missingFields(form, { ...form.initial, decision: 'divert-legal', reason: 'x' })).toEqual(['legalRoute']);
  });

  it('does not pre-select accept when the API does not allow it', () => {
    expect(buildStepForm('accept-decision', { decisions: ['return', 'dispute'] }).initial.decision).toBe('return');
    expect(buildStepForm('accept-decision', {}).fields[0]!.choices).toEqual([]);
  });

  it('builds the other steps from their form classes', () => {
    const handle = buildStepForm('handle-petition');
    expect(handle.fields.map((f) => f.name)).toEqual(['findings']);
    expect(stepBody(handle, { findings: '经核实属实' })).toEqual({ findings: '经核实属实' });

    const reply = buildStepForm('reply-petition');
    expect(missingFields(reply, reply.initial)).toEqual(['replyOutcome', 'replyText']);
    expect(stepBody(reply, { replyOutcome: 'support', replyText: '已维修' })).toEqual({ replyOutcome: 'support', replyText: '已维修' });

    for (const step of ['review-completion-report', 'approve-extension']) {
      const review = buildStepForm(step);
      expect(stepBody(review, review.initial)).toEqual({ approved: true });
      expect(missingFields(review, { approved: 'false', reason: '' })).toEqual(['reason']);
      expect(stepBody(review, { approved: 'false', reason: '材料不全' })).toEqual({ approved: false, reason: '材料不全' });
    }

    for (const step of ['decide-dispute-county', 'decide-dispute-city']) {
      expect(buildStepForm(step).fields.map((f) => [f.name, f.kind])).toEqual([
        ['unitCode', 'unit'],
        ['reason', 'textarea'],
      ]);
    }
    expect(stepBody(buildStepForm('forward-to-township'), { note: '' })).toEqual({});
    expect(buildStepForm('unknown-step').fields).toEqual([]);
  });
});

describe('regions', () => {
  const regions: Region[] = [
    { code: '990102001002', name: '柳岸社区', level: 'village', parentCode: '990102001' },
    { code: '990100', name: '示范市', level: 'city', parentCode: null },
    { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
    { code: '990102001', name: '东湖街道', level: 'township', parentCode: '990102' },
    { code: '990102001001', name: '东湖社区', level: 'village', parentCode: '990102001' },
  ];

  it('builds the four-tier tree and the path to a village', () => {
    const tree = regionTree(regions);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.label).toBe('示范市');
    const villages = tree[0]!.children![0]!.children![0]!.children!;
    expect(villages.map((v) => v.label)).toEqual(['东湖社区', '柳岸社区']);
    expect(villages[0]!.leaf).toBe(true);
    expect(regionPath(regions, '990102001002')).toEqual(['990100', '990102', '990102001', '990102001002']);
  });
});

describe('registration checks', () => {
  const valid = () => ({
    channel: 'visit',
    category: 'complaint',
    matterScope: 'county',
    subject: '外墙脱落',
    content: '3号楼外墙瓷砖脱落',
    regionCode: '990102001002',
    personCount: 1,
    petitioners: [{ ...emptyPetitioner(), name: '张三', idNumber: '11010519491231002x', phone: '138 0013 8000' }],
  });

  it('accepts a complete form and sends it trimmed', () => {
    expect(registrationProblems(valid(), NOW)).toEqual([]);
    expect(registrationBody(valid()).petitioners).toEqual([{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }]);
  });

  it('names each wrong field with a Chinese message key', () => {
    const input = valid();
    input.subject = ' ';
    input.petitioners[0]!.idNumber = '110105194912310021';
    input.petitioners[0]!.phone = '12345';
    input.petitioners.push({ ...emptyPetitioner(), name: '李四', idNumber: '110105194902300021' });
    expect(registrationProblems(input, NOW)).toEqual([
      { field: 'subject', message: 'workbench.register.required' },
      { field: 'petitioners[0].idNumber', message: 'workbench.register.idCheckDigit' },
      { field: 'petitioners[0].phone', message: 'workbench.register.phoneFormat' },
      { field: 'petitioners[1].idNumber', message: 'workbench.register.idBirthDate' },
    ]);
  });
});

describe('API helpers', () => {
  it('builds the task list query with paging, step and number', () => {
    expect(taskQueryString({ filter: 'mine' })).toBe('filter=mine&firstResult=0&maxResults=20');
    expect(taskQueryString({ filter: 'all', firstResult: 40, maxResults: 20, step: 'accept-decision', number: ' XF-1 ' })).toBe(
      'filter=all&firstResult=40&maxResults=20&step=accept-decision&number=XF-1',
    );
  });

  it('reads field errors from a 400 body, ignoring junk', () => {
    expect(fieldErrorsOf({ errors: [{ field: 'reason', code: 'isNotEmpty', message: '请填写理由' }, { nope: 1 }] })).toEqual([
      { field: 'reason', code: 'isNotEmpty', message: '请填写理由' },
    ]);
    expect(fieldErrorsOf(null)).toEqual([]);
  });
});

describe('pages restricted by role', () => {
  it('open to anyone signed in without a restriction, else only to the roles named', () => {
    expect(mayOpen(undefined, ['handler'])).toBe(true);
    expect(mayOpen([], [])).toBe(true);
    expect(mayOpen(['supervisor', 'unit-head'], ['unit-head'])).toBe(true);
    expect(mayOpen(['supervisor', 'unit-head'], ['handler'])).toBe(false);
    expect(mayOpen(['supervisor'], [])).toBe(false);
  });
});

describe('landing after sign-in', () => {
  it('sends case workers to the workbench, supervisors to supervision, system administrators to their pages, everyone else to the processes', () => {
    for (const role of ['registrar', 'agent', 'handler', 'unit-head']) expect(homeFor([role])).toBe('/workbench');
    expect(homeFor(['handler', 'registrar'])).toBe('/workbench');
    expect(homeFor(['supervisor'])).toBe('/supervision');
    expect(homeFor(['process-admin'])).toBe('/processes');
    expect(homeFor(['system-admin'])).toBe('/admin/notice-templates');
    expect(homeFor(['system-admin', 'process-admin'])).toBe('/processes');
    expect(homeFor([])).toBe('/processes');
  });

  it('keeps deep links and sends everything else to the role-based home', () => {
    expect(safeRedirect('/processes/unit-handling')).toBe('/processes/unit-handling');
    expect(safeRedirect('/workbench/tasks/abc')).toBe('/workbench/tasks/abc');
    expect(safeRedirect(undefined)).toBe(HOME_PATH);
    expect(HOME_PATH).toBe('/home');
  });
});
