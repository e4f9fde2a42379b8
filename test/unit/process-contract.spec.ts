import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssessCaseHandler } from '../../src/petitions/assess-case.handler';
import { DecisionKey, Message, ProcessKey, Step, Topic } from '../../src/camunda/process-contract';
import { TOPIC_HANDLER_METADATA, TopicHandlerMetadata } from '../../src/camunda/worker-runtime/topic-handler.decorator';
import { NotifyHandler } from '../../src/notifications/notify.handler';
import { LEVELS } from '../../src/org/org.types';
import { CloseHandler } from '../../src/petitions/close.handler';
import { DirectReportHandler } from '../../src/petitions/direct-report.handler';
import { CATEGORIES } from '../../src/petitions/petition.types';
import { RegisterHandler } from '../../src/petitions/register.handler';
import { PublicizeHandler } from '../../src/publicity/publicize.handler';
import { RouteHandler } from '../../src/routing/route.handler';
import { DeadlineHandler } from '../../src/supervision/deadline.handler';
import { CLOCK_NAMES, STEP_CLOCKS } from '../../src/clocks/task-clock';
import { RatingLapseHandler } from '../../src/rating/rating-lapse.handler';
import { ConcludeHandler } from '../../src/review/conclude.handler';
import { HearingClockHandlers } from '../../src/hearing/hearing-clock.handlers';
import { ReviewOpenHandler } from '../../src/review/review-open.handler';
import { CloseAssessmentPeriodHandler } from '../../src/scores/close-assessment-period.handler';

/**
 * The diagrams in processes/ and the code share names (process-contract.ts). The engine only finds
 * a mismatch at run time — a task nobody fetches, a form for a step that does not exist — so this
 * test reads the files as text and checks the contract without an engine.
 */
const PROCESSES_DIR = join(__dirname, '../../processes');
const SRC_DIR = join(__dirname, '../../src');

const bpmnFiles = readdirSync(PROCESSES_DIR).filter((f) => f.endsWith('.bpmn'));
const bpmn = Object.fromEntries(bpmnFiles.map((f) => [f, readFileSync(join(PROCESSES_DIR, f), 'utf8')]));
const dmn = readFileSync(join(PROCESSES_DIR, 'routing.dmn'), 'utf8');

function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The attributes of every start tag named `tag`, e.g. tags(xml, 'bpmn:userTask'). */
function tags(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of xml.matchAll(new RegExp(`<${tag}(\\s[^>]*?)?/?>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of (match[1] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes[name] = decodeXml(value);
    found.push(attributes);
  }
  return found;
}

/** The text content of every `<tag>…</tag>` element inside `xml`, in document order. */
function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

const textOf = (xml: string) => decodeXml(elements(xml, 'text')[0] ?? '').trim();

const allBpmn = Object.values(bpmn).join('\n');
const topicsInDiagrams = [...allBpmn.matchAll(/camunda:topic="([^"]*)"/g)].map((m) => m[1]);
const topicValues: string[] = Object.values(Topic);

describe('the BPMN diagrams and the code agree', () => {
  it('finds the five diagrams', () => {
    expect(bpmnFiles.sort()).toEqual(['close-assessment-period.bpmn', 'hearing.bpmn', 'petition.bpmn', 'review.bpmn', 'unit-handling.bpmn']);
  });

  it('uses only external-task topics the code knows', () => {
    expect(topicsInDiagrams.length).toBeGreaterThan(0);
    expect(topicsInDiagrams.filter((t) => !topicValues.includes(t))).toEqual([]);
  });

  it('uses every topic the code declares', () => {
    expect(topicValues.filter((t) => !topicsInDiagrams.includes(t))).toEqual([]);
  });

  it('names every user task after a Step, and has a user task for every Step', () => {
    const userTaskIds = Object.values(bpmn).flatMap((xml) => tags(xml, 'bpmn:userTask').map((a) => a.id));
    const steps: string[] = Object.values(Step);
    expect(userTaskIds.filter((id) => !steps.includes(id))).toEqual([]);
    expect(steps.filter((step) => !userTaskIds.includes(step))).toEqual([]);
  });

  it('declares a history time to live on every process (Camunda 7.20+ refuses to deploy without one)', () => {
    const processes = Object.values(bpmn).flatMap((xml) => tags(xml, 'bpmn:process'));
    expect(processes).toHaveLength(5);
    for (const process of processes) {
      expect({ id: process.id, ttl: process['camunda:historyTimeToLive'] }).toEqual({ id: process.id, ttl: expect.stringMatching(/^\d+$/) });
    }
  });

  it('gives the processes the keys the code starts them by', () => {
    const ids = Object.values(bpmn).flatMap((xml) => tags(xml, 'bpmn:process').map((a) => a.id));
    expect(ids.sort()).toEqual(Object.values(ProcessKey).sort());
  });

  it('calls the unit-handling and review processes and the routing decision by their keys', () => {
    const called = tags(bpmn['petition.bpmn'], 'bpmn:callActivity').map((a) => a.calledElement);
    expect(called.sort()).toEqual([ProcessKey.review, ProcessKey.review, ProcessKey.unitHandling, ProcessKey.unitHandling, ProcessKey.unitHandling]);
    const decisions = tags(bpmn['petition.bpmn'], 'bpmn:businessRuleTask').map((a) => a['camunda:decisionRef']);
    expect(decisions).toEqual([DecisionKey.routing]);
  });

  it('lets the steps that may hold a hearing call the hearing process, and the hearing stop their clock', () => {
    for (const file of ['unit-handling.bpmn', 'review.bpmn']) {
      const calls = tags(bpmn[file], 'bpmn:callActivity');
      expect({ file, called: calls.map((a) => a.calledElement) }).toEqual({ file, called: [ProcessKey.hearing] });
      expect(bpmn[file]).toContain(`name="${Message.hearingRequested}"`);
    }
    expect(topicsInDiagrams).toEqual(expect.arrayContaining([Topic.hearingOpen, Topic.hearingClose]));
  });
});

describe('every topic has exactly one handler', () => {
  const handlerClasses = [
    RegisterHandler,
    DirectReportHandler,
    RouteHandler,
    NotifyHandler,
    PublicizeHandler,
    AssessCaseHandler,
    CloseHandler,
    DeadlineHandler,
    RatingLapseHandler,
    ReviewOpenHandler,
    ConcludeHandler,
    HearingClockHandlers,
    CloseAssessmentPeriodHandler,
  ];

  const handled = handlerClasses.flatMap((cls) => {
    const prototype = cls.prototype as unknown as Record<string, object>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => ({
        handler: `${cls.name}.${name}`,
        metadata: Reflect.getMetadata(TOPIC_HANDLER_METADATA, prototype[name]) as TopicHandlerMetadata | undefined,
      }))
      .filter((entry) => entry.metadata !== undefined)
      .map((entry) => ({ handler: entry.handler, topic: entry.metadata!.topic as string }));
  });

  it.each(topicValues)('%s', (topic) => {
    expect(handled.filter((h) => h.topic === topic).map((h) => h.handler)).toHaveLength(1);
  });

  it('has no handler for a topic the contract does not declare', () => {
    expect(handled.filter((h) => !topicValues.includes(h.topic))).toEqual([]);
  });

  it('has no @TopicHandler outside these handler classes', () => {
    const sources = readdirSync(SRC_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const uses = sources.flatMap((file) =>
      [...readFileSync(join(SRC_DIR, file), 'utf8').matchAll(/^\s*@TopicHandler\(/gm)].map(() => file),
    );
    expect(uses).toHaveLength(handled.length);
  });
});

// ---------------------------------------------------------------------------------------------
// routing.dmn, evaluated here with a tiny interpreter for the FEEL unary tests the table uses.

/** `"a"`, `"a","b"`, `not("a")`, `not("a","b")`, empty or `-` (anything). Anything else is refused. */
function unaryTest(expression: string): (value: string) => boolean {
  const text = expression.trim();
  if (text === '' || text === '-') return () => true;
  const negated = /^not\((.*)\)$/s.exec(text);
  if (negated) {
    const inner = unaryTest(negated[1]);
    return (value) => !inner(value);
  }
  const literals = text.split(',').map((part) => {
    const literal = /^\s*"([^"]*)"\s*$/.exec(part);
    if (!literal) throw new Error(`FEEL unary test not understood by this test: ${expression}`);
    return literal[1];
  });
  return (value) => literals.includes(value);
}

const stringList = (text: string) => text.split(',').map((v) => JSON.parse(v.trim()) as string);

describe('the routing decision (routing.dmn)', () => {
  const [decision] = tags(dmn, 'decision');
  const [table] = tags(dmn, 'decisionTable');
  const inputs = elements(dmn, 'input');
  const outputs = tags(dmn, 'output');
  const rules = elements(dmn, 'rule').map((rule, index) => ({
    id: tags(dmn, 'rule')[index].id,
    when: elements(rule, 'inputEntry').map((entry) => unaryTest(textOf(entry))),
    then: elements(rule, 'outputEntry').map((entry) => JSON.parse(textOf(entry)) as string),
  }));

  function evaluate(category: string, matterScope: string, countyCode: string) {
    const matching = rules.filter((rule) => rule.when[0](category) && rule.when[1](matterScope) && rule.when[2](countyCode));
    return {
      ids: matching.map((r) => r.id),
      results: matching.map((r) => ({ competentLevel: r.then[0], unitKind: r.then[1] })),
    };
  }

  it('is the decision the process calls, with a history time to live', () => {
    expect(decision.id).toBe(DecisionKey.routing);
    expect(decision['camunda:historyTimeToLive']).toMatch(/^\d+$/);
  });

  it('reads category, matter scope and county, and gives level then unit kind', () => {
    expect(inputs.map((input) => textOf(elements(input, 'inputExpression')[0]))).toEqual(['category', 'matterScope', 'countyCode']);
    expect(outputs.map((o) => o.name)).toEqual(['competentLevel', 'unitKind']);
    for (const rule of rules) {
      expect(rule.when).toHaveLength(3);
      expect(rule.then).toHaveLength(2);
    }
  });

  it('lists as allowed inputs exactly the categories and levels of the code', () => {
    const allowed = inputs.slice(0, 2).map((input) => stringList(textOf(elements(input, 'inputValues')[0])));
    expect(allowed[0].sort()).toEqual([...CATEGORIES].sort());
    expect(allowed[1].sort()).toEqual([...LEVELS].sort());
  });

  it('uses the UNIQUE hit policy', () => {
    expect(table.hitPolicy).toBe('UNIQUE');
  });

  // The two demo counties: 东湖区 follows the general rules, 青山县 has its own rule for suggestions.
  const COUNTIES = ['990102', '990121'];
  const combinations = CATEGORIES.flatMap((category) =>
    LEVELS.flatMap((scope) => COUNTIES.map((county) => [category, scope, county] as const)),
  );

  it('has 24 category × scope × county combinations to cover', () => {
    expect(combinations).toHaveLength(24);
  });

  it.each(combinations)('matches exactly one rule for %s at %s scope in county %s', (category, scope, county) => {
    expect(evaluate(category, scope, county).ids).toHaveLength(1);
  });

  it.each([
    ['accusation', 'city', '990102', 'city', 'discipline-inspection'],
    ['accusation', 'county', '990102', 'county', 'discipline-inspection'],
    ['accusation', 'township', '990121', 'county', 'discipline-inspection'],
    ['accusation', 'village', '990102', 'county', 'discipline-inspection'],
    ['suggestion', 'village', '990102', 'township', 'petition-office'],
    ['suggestion', 'township', '990121', 'township', 'petition-office'],
    ['complaint', 'village', '990121', 'township', 'petition-office'],
    ['complaint', 'township', '990102', 'township', 'petition-office'],
    ['suggestion', 'county', '990102', 'county', 'handling-room'],
    ['suggestion', 'county', '990121', 'county', 'petition-office'],
    ['complaint', 'county', '990102', 'county', 'handling-room'],
    ['complaint', 'county', '990121', 'county', 'handling-room'],
    ['suggestion', 'city', '990102', 'city', 'petition-office'],
    ['complaint', 'city', '990121', 'city', 'department'],
  ])('sends a %s at %s scope in county %s to the %s %s', (category, scope, county, competentLevel, unitKind) => {
    expect(evaluate(category, scope, county).results).toEqual([{ competentLevel, unitKind }]);
  });

  it('only gives outputs the output columns allow', () => {
    const allowed = tags(dmn, 'output').map((_, i) => stringList(textOf(elements(elements(dmn, 'output')[i], 'outputValues')[0])));
    for (const rule of rules) {
      expect(allowed[0]).toContain(rule.then[0]);
      expect(allowed[1]).toContain(rule.then[1]);
    }
  });

  describe('the tiny FEEL interpreter itself', () => {
    it('understands the forms used in the table', () => {
      expect(unaryTest('"a"')('a')).toBe(true);
      expect(unaryTest('"a"')('b')).toBe(false);
      expect(unaryTest('"a","b"')('b')).toBe(true);
      expect(unaryTest('not("a")')('a')).toBe(false);
      expect(unaryTest('not("a")')('b')).toBe(true);
      expect(unaryTest('-')('anything')).toBe(true);
      expect(unaryTest('')('anything')).toBe(true);
    });

    it('refuses a form it does not understand instead of guessing', () => {
      expect(() => unaryTest('> 3')).toThrow('not understood');
    });
  });
});

describe('every user task runs on a statutory clock', () => {
  it('passes the acceptance clock, and the handling clock of a revoked reply, into each call of unit-handling', () => {
    const calls = elements(bpmn['petition.bpmn'], 'bpmn:callActivity').filter((call) => call.includes('target="competentUnitCode"'));
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const passed = tags(call, 'camunda:in').map((a) => a.source);
      expect(passed).toEqual(
        expect.arrayContaining(['acceptDueDate', 'acceptRemindAt', 'acceptDisciplineAt', 'rehandle', 'handleDueDate', 'handleRemindAt', 'handleDisciplineAt']),
      );
    }
  });

  const userTasks = Object.values(bpmn).flatMap((xml) => tags(xml, 'bpmn:userTask').map((attributes) => ({ xml, attributes })));

  it.each(userTasks.map((t) => [t.attributes.id, t] as const))('%s', (id, { xml, attributes }) => {
    // given its due date comes from one of the clocks
    const clock = /^\$\{(\w+)DueDate\}$/.exec(attributes['camunda:dueDate'] ?? '')?.[1];
    expect(CLOCK_NAMES).toContain(clock);
    expect(STEP_CLOCKS[id]).toBe(clock);
    // then it carries the reminder, supervision and discipline timers of that clock, none interrupting it
    const boundaries = tags(xml, 'bpmn:boundaryEvent').filter((b) => b.attachedToRef === id);
    expect(boundaries.map((b) => b.cancelActivity)).toEqual(['false', 'false', 'false']);
    const timeDates = boundaries.map((b) => {
      const body = new RegExp(`<bpmn:boundaryEvent id="${b.id}"[\\s\\S]*?</bpmn:boundaryEvent>`).exec(xml)![0];
      return decodeXml(elements(body, 'bpmn:timeDate')[0]).trim();
    });
    expect(timeDates).toEqual([`\${${clock}RemindAt}`, `\${${clock}DueDate}`, `\${${clock}DisciplineAt}`]);
    // and each leads, naming its kind as it is taken, to the one deadline worker task of the step
    const flows = boundaries.map((b) => {
      const flow = new RegExp(`<bpmn:sequenceFlow id="[^"]+" sourceRef="${b.id}"[\\s\\S]*?</bpmn:sequenceFlow>`).exec(xml)![0];
      return { target: tags(flow, 'bpmn:sequenceFlow')[0].targetRef, listener: tags(flow, 'camunda:executionListener')[0] };
    });
    expect(flows.map((f) => f.listener)).toEqual(
      ['reminder', 'supervision', 'discipline'].map((kind) => ({ event: 'take', expression: `\${execution.setVariableLocal('clockKind', '${kind}')}` })),
    );
    expect(new Set(flows.map((f) => f.target))).toEqual(new Set([`${id}-clock`]));
    const service = new RegExp(`<bpmn:serviceTask id="${id}-clock"[\\s\\S]*?</bpmn:serviceTask>`).exec(xml)![0];
    expect(service).toContain(`camunda:topic="${Topic.deadline}"`);
    const inputs = Object.fromEntries(
      [...service.matchAll(/<camunda:inputParameter name="(\w+)">([^<]*)<\/camunda:inputParameter>/g)].map((m) => [m[1], decodeXml(m[2])]),
    );
    expect(inputs).toEqual({
      clockStep: id,
      clockName: clock,
      clockDueDate: `\${${clock}DueDate}`,
      clockUnitCode: attributes['camunda:candidateGroups'],
    });
  });
});
