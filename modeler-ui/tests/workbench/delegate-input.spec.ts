import { describe, expect, it } from 'vitest';
import { prefilledModel } from '@/workspaces/workbench/components/delegate-input';
import { buildStepForm, stepBody } from '@/workspaces/workbench/logic';

// 委托: the owner's form starts from what the delegate sent, and sends the same body back.
describe('the delegate’s input in the owner’s form', () => {
  it('fills the investigation’s findings', () => {
    const form = buildStepForm('handle-petition');
    const model = prefilledModel(form.initial, { findings: '受托核实：井盖缺失' });
    expect(model).toEqual({ findings: '受托核实：井盖缺失' });
    expect(stepBody(form, model)).toEqual({ findings: '受托核实：井盖缺失' });
  });

  it('gives each field the shape its input binds, and the same body back', () => {
    const form = buildStepForm('accept-decision', { decisions: ['accept', 'transfer'] });
    const sent = { decision: 'accept', committedDate: '2026-12-20', simplified: true };
    const model = prefilledModel(form.initial, sent);
    expect(model).toMatchObject({ decision: 'accept', committedDate: '2026-12-20', simplified: true, reason: '' });
    expect(stepBody(form, model)).toEqual(sent);

    const approval = buildStepForm('approve-extension');
    const refused = { approved: false, reason: '理由不充分' };
    expect(prefilledModel(approval.initial, refused)).toEqual({ approved: 'false', reason: '理由不充分' });
    expect(stepBody(approval, prefilledModel(approval.initial, refused))).toEqual(refused);
  });

  it('keeps the form’s own start without input, and ignores fields the form does not have', () => {
    const form = buildStepForm('handle-petition');
    expect(prefilledModel(form.initial, null)).toEqual(form.initial);
    expect(prefilledModel(form.initial, { findings: null, other: 'x' })).toEqual(form.initial);
  });
});
