import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationFailedException } from '../../src/common/errors';
import { describeProblem } from '../../src/common/i18n/validation-messages';
import { ALLOWED_EXPRESSION_MEMBERS } from '../../src/camunda/deployment-guard/allowed-expressions';
import {
  assertDeployable,
  checkDeployment,
  DeploymentFinding,
  toProblem,
} from '../../src/camunda/deployment-guard/deployment-guard';
import { checkExpressions } from '../../src/camunda/deployment-guard/juel';

const FIXTURES = join(__dirname, 'fixtures', 'deployment-guard');
const PROCESSES = join(__dirname, '..', '..', 'processes');

const fixture = (name: string) => ({ name, content: readFileSync(join(FIXTURES, name)) });
const refuse = (names: string[], allowCode = false) => checkDeployment(names.map(fixture), { allowCode });
const summary = (findings: DeploymentFinding[]) => findings.map((f) => ({ file: f.file, element: f.element, kind: f.kind, detail: f.detail }));

/** A minimal diagram with `inner` inside its process. */
const bpmn = (inner: string, attributes = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d"${attributes}>
  <bpmn:process id="p" isExecutable="true">${inner}</bpmn:process>
</bpmn:definitions>`;
const check = (xml: string, allowCode = false) => summary(checkDeployment([{ name: 'x.bpmn', content: Buffer.from(xml) }], { allowCode }));

describe('the deployment guard', () => {
  it('lets the shipped processes, decisions and forms through unchanged', () => {
    const files = readdirSync(PROCESSES).map((name) => ({ name, content: readFileSync(join(PROCESSES, name)) }));
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['petition.bpmn', 'unit-handling.bpmn', 'routing.dmn', 'reply-petition.form']));
    expect(checkDeployment(files, { allowCode: false })).toEqual([]);
  });

  it('refuses a timer whose expression calls System.getProperty (the reported attack)', () => {
    expect(summary(refuse(['timer-system-property.bpmn']))).toEqual([
      { file: 'timer-system-property.bpmn', element: 'every-minute-timer', kind: 'method-call', detail: 'System.getProperty()' },
    ]);
  });

  it("refuses ''.getClass().forName(…) in an attribute expression", () => {
    expect(summary(refuse(['get-class-for-name.bpmn']))).toEqual([
      {
        file: 'get-class-for-name.bpmn',
        element: 'wait',
        kind: 'method-call',
        detail: "''.getClass().forName().getMethod().invoke().exec()",
      },
    ]);
  });

  it('refuses a script task, naming the task, its format and its script', () => {
    expect(summary(refuse(['script-task.bpmn']))).toEqual([
      { file: 'script-task.bpmn', element: 'run-script', kind: 'script', detail: '<bpmn:scriptTask>' },
      { file: 'script-task.bpmn', element: 'run-script', kind: 'script', detail: 'scriptFormat="javascript"' },
      { file: 'script-task.bpmn', element: 'run-script', kind: 'script', detail: '<bpmn:script>' },
    ]);
  });

  it('refuses an execution listener with a Java class and a service task with a delegate expression', () => {
    expect(summary(refuse(['class-listener.bpmn', 'delegate-expression.bpmn']))).toEqual([
      { file: 'class-listener.bpmn', element: 'start', kind: 'java-class', detail: 'class="org.example.RunAnything"' },
      { file: 'delegate-expression.bpmn', element: 'call-bean', kind: 'delegate-expression', detail: 'camunda:delegateExpression="${someDelegate}"' },
    ]);
  });

  it('refuses a DMN entry in JUEL that calls a method', () => {
    expect(summary(refuse(['juel-decision.dmn']))).toEqual([
      { file: 'juel-decision.dmn', element: 'rule-any-category', kind: 'method-call', detail: 'category.getClass().getClassLoader()' },
    ]);
  });

  it('reads an expression written with character references (&#36;{…}) as the engine does', () => {
    expect(summary(refuse(['escaped-expression.bpmn']))).toEqual([
      {
        file: 'escaped-expression.bpmn',
        element: 'flow-yes',
        kind: 'method-call',
        detail: 'execution.getProcessEngine().getRepositoryService()',
      },
    ]);
  });

  it('refuses a form without a string id, and a form that is not JSON', () => {
    expect(summary(refuse(['form-without-id.form', 'form-not-json.form']))).toEqual([
      { file: 'form-without-id.form', element: 'form-without-id.form', kind: 'form-without-id', detail: 'no "id"' },
      { file: 'form-not-json.form', element: 'form-not-json.form', kind: 'form-not-json', detail: expect.stringContaining('JSON') },
    ]);
    const numbered = checkDeployment([{ name: 'n.form', content: '{"id": 7, "components": []}' }], { allowCode: false });
    expect(summary(numbered)).toEqual([{ file: 'n.form', element: 'n.form', kind: 'form-without-id', detail: '"id": 7' }]);
  });

  it('lets code through only when the operator allows it (DEPLOY_ALLOW_CODE), forms still need an id', () => {
    const all = ['timer-system-property.bpmn', 'get-class-for-name.bpmn', 'script-task.bpmn', 'class-listener.bpmn', 'delegate-expression.bpmn', 'juel-decision.dmn'];
    expect(refuse(all, true)).toEqual([]);
    expect(summary(refuse([...all, 'form-without-id.form'], true)).map((f) => f.kind)).toEqual(['form-without-id']);
  });

  it('refuses connectors, other task types, script conditions, script languages and form validators', () => {
    expect(check(bpmn('<bpmn:serviceTask id="call"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>'))).toEqual([
      { file: 'x.bpmn', element: 'call', kind: 'connector', detail: '<camunda:connector>' },
    ]);
    expect(check(bpmn('<bpmn:serviceTask id="mail" camunda:type="mail" />')).map((f) => [f.element, f.kind])).toEqual([['mail', 'service-type']]);
    expect(check(bpmn('<bpmn:serviceTask id="ok" camunda:type="external" camunda:topic="petition-route" />'))).toEqual([]);
    expect(check(bpmn('<bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b"><bpmn:conditionExpression language="groovy">true</bpmn:conditionExpression></bpmn:sequenceFlow>')))
      .toEqual([{ file: 'x.bpmn', element: 'f', kind: 'script', detail: 'language="groovy"' }]);
    expect(check(bpmn('<bpmn:userTask id="u"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x"><camunda:script scriptFormat="groovy" resource="deployment://x.groovy" /></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>')).map((f) => f.detail))
      .toEqual(['<camunda:script>', 'scriptFormat="groovy"', 'resource="deployment://x.groovy"']);
    expect(check(bpmn('<bpmn:userTask id="u"><bpmn:extensionElements><camunda:formData><camunda:formField id="a" type="string"><camunda:validation><camunda:constraint name="validator" config="org.example.Check" /></camunda:validation></camunda:formField></camunda:formData></bpmn:extensionElements></bpmn:userTask>')).map((f) => [f.element, f.kind]))
      .toEqual([['a', 'java-class']]);
    expect(check(bpmn('<bpmn:startEvent id="s" camunda:formHandlerClass="org.example.Handler" />')).map((f) => f.kind)).toEqual(['java-class']);
    const dmn = (language: string) =>
      `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d"><decision id="x"><literalExpression id="e" expressionLanguage="${language}"><text>1</text></literalExpression></decision></definitions>`;
    expect(summary(checkDeployment([{ name: 'js.dmn', content: dmn('javascript') }], { allowCode: false }))).toEqual([
      { file: 'js.dmn', element: 'e', kind: 'expression-language', detail: 'expressionLanguage="javascript"' },
    ]);
    expect(checkDeployment([{ name: 'feel.dmn', content: dmn('https://www.omg.org/spec/DMN/20191111/FEEL/') }], { allowCode: false })).toEqual([]);
  });

  it('finds code under any prefix, in the legacy activiti namespace, and in CDATA or split text', () => {
    expect(check(bpmn('<bpmn:serviceTask id="t" c:class="X" xmlns:c="http://camunda.org/schema/1.0/bpmn" />')).map((f) => f.kind)).toEqual(['java-class']);
    expect(check(bpmn('<bpmn:serviceTask id="t" activiti:type="shell" xmlns:activiti="http://activiti.org/bpmn" />')).map((f) => f.kind)).toEqual(['service-type']);
    expect(check(bpmn('<bpmn:sequenceFlow id="f"><bpmn:conditionExpression>$<![CDATA[{a.b()}]]></bpmn:conditionExpression></bpmn:sequenceFlow>')).map((f) => f.detail)).toEqual(['a.b()']);
    // A DOM reader (the DMN parser) joins the text around a child element.
    expect(check(bpmn('<bpmn:sequenceFlow id="f"><bpmn:conditionExpression>$<x/>{a.b()}</bpmn:conditionExpression></bpmn:sequenceFlow>')).map((f) => f.detail)).toEqual(['a.b()']);
  });

  it('ignores what the engine never evaluates: documentation', () => {
    expect(check(bpmn('<bpmn:userTask id="u"><bpmn:documentation>Example: ${a.b()}</bpmn:documentation></bpmn:userTask>'))).toEqual([]);
  });

  it('refuses what it cannot read the way the engine would: other encodings and a DTD', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bpmn('<bpmn:scriptTask id="s" />'), 'utf16le')]);
    expect(checkDeployment([{ name: 'u.bpmn', content: utf16 }], { allowCode: false }).map((f) => f.kind)).toEqual(['not-utf8']);
    const latin1 = bpmn('').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(check(latin1).map((f) => f.detail)).toEqual(['encoding="ISO-8859-1"']);
    const dtd = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "&#36;{a.b()}">]><d>&e;</d>`;
    expect(check(dtd).map((f) => f.kind)).toEqual(['doctype']);
  });

  it('leaves XML that is not well-formed to the engine, which refuses it with its own reason', () => {
    expect(check('<definitions><process id="x"></definitions>')).toEqual([]);
    // but what it found before the error is refused all the same
    expect(check('<definitions><scriptTask id="s"></definitions>').map((f) => f.kind)).toEqual(['script']);
  });

  it('answers 400 naming the file, the element and what is not allowed, in Chinese and English', () => {
    let thrown: unknown;
    try {
      assertDeployable([fixture('timer-system-property.bpmn'), fixture('form-without-id.form')], { allowCode: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationFailedException);
    const problems = (thrown as ValidationFailedException).problems;
    expect(problems.map((p) => p.code)).toEqual(['deploymentMethodCall', 'deploymentFormWithoutId']);
    expect(describeProblem(problems[0], 'zh-CN')).toBe(
      "文件「timer-system-property.bpmn」的元素「every-minute-timer」的表达式 ${System.getProperty('user.name') == 'root' ? 'PT1M' : 'PT2M'} 调用了 System.getProperty()。" +
        `表达式只能使用变量、运算符和以下成员：${ALLOWED_EXPRESSION_MEMBERS.join(', ')}，未部署。运维人员可设置 DEPLOY_ALLOW_CODE=true 明确允许`,
    );
    expect(describeProblem(problems[0], 'en')).toBe(
      "File \"timer-system-property.bpmn\", element \"every-minute-timer\": expression ${System.getProperty('user.name') == 'root' ? 'PT1M' : 'PT2M'} calls System.getProperty(), which is not allowed. " +
        `Expressions may use variables, operators and only these members: ${ALLOWED_EXPRESSION_MEMBERS.join(', ')}; nothing was deployed. An operator may allow this explicitly with DEPLOY_ALLOW_CODE=true`,
    );
    expect(describeProblem(problems[1], 'en')).toContain('Form file "form-without-id.form" has no top-level "id" text');
    expect(describeProblem(problems[1], 'zh-CN')).toContain('表单文件「form-without-id.form」缺少文本类型的顶层 id');
    for (const kind of ['script', 'java-class', 'delegate-expression', 'connector', 'service-type', 'expression-language', 'member-access', 'unreadable-expression', 'not-utf8', 'doctype', 'form-not-json'] as const) {
      const problem = toProblem({ file: 'f.bpmn', element: 'e1', kind, detail: 'DETAIL', expression: '${x}' });
      for (const lang of ['zh-CN', 'en'] as const) {
        const message = describeProblem(problem, lang);
        expect(message).toContain('f.bpmn');
        if (kind !== 'doctype') expect(message).toContain('DETAIL');
        if (!['not-utf8', 'doctype', 'form-not-json'].includes(kind)) expect(message).toContain('e1');
      }
    }
  });
});

describe('expressions in deployed diagrams', () => {
  it.each([
    ['a plain variable', '${competentUnitCode}'],
    ['operators and literals', "${decision != 'accept' && decision != 'decline' || empty x or not y and 1.5e3 >= 2}"],
    ['a condition with a string holding braces and ${', "${a == '}${b.c()}' ? \"x\\\"}\" : null}"],
    ['the clock marker', "${execution.setVariableLocal('clockKind', 'reminder')}"],
    ['the business key', '#{execution.processBusinessKey}'],
    ['a routing output', '${decisionResult.getSingleResult().competentLevel}'],
    ['text around expressions', 'R1/${a}/P${b}D'],
    ['no expression at all', 'PT15M $ { not one } #notone'],
  ])('allows %s', (_what, text) => {
    expect(checkExpressions(text)).toEqual([]);
  });

  it.each([
    ['a static call', "${System.getProperty('user.name')}", 'method-call', 'System.getProperty()'],
    ['a call on a literal', "${''.getClass()}", 'method-call', "''.getClass()"],
    ['a property of the engine', '${execution.processEngineServices}', 'member-access', 'execution.processEngineServices'],
    ['a property of a variable', '${petition.class}', 'member-access', 'petition.class'],
    ['an index', "${systemEnvironment['ENGINE_PASSWORD']}", 'member-access', 'systemEnvironment[]'],
    ['a function', '${now()}', 'method-call', 'now()'],
    ['a prefixed function', '${fn:concat(a, b)}', 'method-call', 'concat()'],
    ['a call inside allowed arguments', "${execution.setVariableLocal('x', ''.getClass())}", 'method-call', "''.getClass()"],
    ['a call after an allowed member', '${decisionResult.getSingleResult().unitKind.toString()}', 'method-call', 'decisionResult.getSingleResult().unitKind.toString()'],
    ['a call on a grouped value', '${(a).b()}', 'method-call', '(…).b()'],
    ['a call in a ternary branch', '${a ? b : c.d()}', 'method-call', 'c.d()'],
    ['a member with a keyword name', '${a.empty}', 'member-access', 'a.empty'],
    ['a deferred expression', '#{x.y()}', 'method-call', 'x.y()'],
    ['the second of two expressions', '${ok} and ${bad.call()}', 'method-call', 'bad.call()'],
  ])('refuses %s', (_what, text, kind, detail) => {
    expect(checkExpressions(text)).toEqual([expect.objectContaining({ kind, detail })]);
  });

  it.each([
    ['an unclosed expression', '${a.b', 'no closing "}"'],
    ['an unclosed string', "${'a}", 'a string is not closed'],
    ['a collection literal (EL 3)', '${ {1, 2}.stream() }', 'unexpected character "{"'],
    ['an assignment (EL 3)', '${x = 1}', 'unexpected character "="'],
    ['a lambda (EL 3)', '${(x -> x.y())}', 'method-call'],
    ['an invisible character in a name', '${get\u200BClass}', 'unexpected character "\u200B"'],
    ['unbalanced brackets', '${a(b]}', 'unmatched "]"'],
    ['a dot without a name', "${a.'b'}", '"a." is not followed by a name'],
  ])('refuses %s', (_what, text, reason) => {
    const problems = checkExpressions(text);
    expect(problems).toHaveLength(1);
    expect([problems[0].detail, problems[0].kind]).toContain(reason);
  });
});
