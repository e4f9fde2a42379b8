import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength, validate } from 'class-validator';
import { problemsFrom } from '../../src/common/errors';
import { describeProblem, FieldProblem } from '../../src/common/i18n/validation-messages';
import { CreatePetitionDto } from '../../src/petitions/dto/create-petition.dto';

const VALID = {
  channel: 'visit',
  category: 'complaint',
  matterScope: 'county',
  subject: '小区外墙脱落无人维修',
  content: '柳岸小区3号楼外墙瓷砖多次脱落，物业和社区均未处理。',
  regionCode: '990102001002',
  personCount: 1,
  petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }],
};

async function problemsOf(body: Record<string, unknown>): Promise<FieldProblem[]> {
  const dto = plainToInstance(CreatePetitionDto, body);
  return problemsFrom(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
}

const byField = (problems: FieldProblem[]) => Object.fromEntries(problems.map((p) => [p.field, p]));

describe('validation problems of a new petition', () => {
  it('finds nothing wrong with a complete petition', async () => {
    expect(await problemsOf(VALID)).toEqual([]);
  });

  it('reports a missing required field as "required", not as "too long" or "wrong type"', async () => {
    const { subject: _subject, ...body } = VALID;
    const problems = await problemsOf(body);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'subject', code: 'isNotEmpty' });
  });

  it('reports one problem per field', async () => {
    const problems = await problemsOf({});
    const fields = problems.map((p) => p.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(byField(problems)).toMatchObject({
      channel: { code: 'isNotEmpty' },
      category: { code: 'isNotEmpty' },
      subject: { code: 'isNotEmpty' },
      content: { code: 'isNotEmpty' },
      regionCode: { code: 'isNotEmpty' },
      petitioners: { code: 'isArray' },
    });
  });

  it('names nested petitioner fields by their position', async () => {
    const problems = await problemsOf({
      ...VALID,
      petitioners: [VALID.petitioners[0], { name: '李四', idNumber: '11010519491231002' }],
    });
    expect(problems).toEqual([expect.objectContaining({ field: 'petitioners[1].idNumber', code: 'residentIdFormat' })]);
  });

  it('tells which part of an ID number is wrong', async () => {
    const problems = await problemsOf({
      ...VALID,
      petitioners: [
        { name: '张三', idNumber: '110105194912310021' },
        { name: '李四', idNumber: '990102199002300014' },
      ],
    });
    expect(byField(problems)).toMatchObject({
      'petitioners[0].idNumber': { code: 'residentIdCheckDigit' },
      'petitioners[1].idNumber': { code: 'residentIdBirthDate' },
    });
  });

  it('extracts the limit of a length rule', async () => {
    const problems = await problemsOf({ ...VALID, subject: '长'.repeat(201) });
    expect(problems).toEqual([expect.objectContaining({ field: 'subject', code: 'maxLength', params: { max: 200 } })]);
  });

  it('extracts the limit of a nested length rule', async () => {
    const problems = await problemsOf({ ...VALID, petitioners: [{ ...VALID.petitioners[0], name: '名'.repeat(65) }] });
    expect(problems).toEqual([expect.objectContaining({ field: 'petitioners[0].name', code: 'maxLength', params: { max: 64 } })]);
  });

  it('extracts the minimum and maximum of a number rule', async () => {
    expect(await problemsOf({ ...VALID, personCount: 0 })).toEqual([
      expect.objectContaining({ field: 'personCount', code: 'min', params: { min: 1 } }),
    ]);
    expect(await problemsOf({ ...VALID, personCount: 100_001 })).toEqual([
      expect.objectContaining({ field: 'personCount', code: 'max', params: { max: 100_000 } }),
    ]);
  });

  it('lists the allowed values of a choice', async () => {
    const problems = await problemsOf({ ...VALID, category: 'praise' });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'category', code: 'isIn', params: { values: 'suggestion, accusation, complaint' } }),
    ]);
  });

  it('extracts the limits on the number of representatives', async () => {
    const six = Array.from({ length: 6 }, () => VALID.petitioners[0]);
    expect(await problemsOf({ ...VALID, petitioners: six })).toEqual([
      expect.objectContaining({ field: 'petitioners', code: 'arrayMaxSize', params: { max: 5 } }),
    ]);
    expect(await problemsOf({ ...VALID, petitioners: [] })).toEqual([
      expect.objectContaining({ field: 'petitioners', code: 'arrayMinSize', params: { min: 1 } }),
    ]);
  });

  it('reports an unknown field before anything else', async () => {
    const problems = await problemsOf({ ...VALID, secret: 'x' });
    expect(problems).toEqual([expect.objectContaining({ field: 'secret', code: 'whitelistValidation' })]);
  });

  it('reports a phone number that is neither a mobile nor a landline', async () => {
    const problems = await problemsOf({ ...VALID, petitioners: [{ ...VALID.petitioners[0], phone: '12345' }] });
    expect(problems).toEqual([expect.objectContaining({ field: 'petitioners[0].phone', code: 'phone' })]);
  });

  it('accepts a landline with area code and a mobile written with spaces', async () => {
    for (const phone of ['0571-88886666', '057188886666', '138 0013 8000']) {
      expect(await problemsOf({ ...VALID, petitioners: [{ ...VALID.petitioners[0], phone }] })).toEqual([]);
    }
  });
});

describe('priority between rules on a small DTO', () => {
  class NoteDto {
    @MaxLength(3)
    @IsIn(['a', 'b'])
    @IsString()
    @IsNotEmpty()
    note!: string;
  }

  it('asks for the field first, whatever order the decorators are in', async () => {
    const problems = problemsFrom(await validate(plainToInstance(NoteDto, {})));
    expect(problems.map((p) => p.code)).toEqual(['isNotEmpty']);
  });

  it('asks for the right type before the right value, and the right value before the length', async () => {
    expect(problemsFrom(await validate(plainToInstance(NoteDto, { note: 12345 }))).map((p) => p.code)).toEqual(['isString']);
    expect(problemsFrom(await validate(plainToInstance(NoteDto, { note: 'long' }))).map((p) => p.code)).toEqual(['isIn']);
  });

  it('keeps class-validator’s own text as the fallback', async () => {
    const [problem] = problemsFrom(await validate(plainToInstance(NoteDto, { note: 'long' })));
    expect(problem.fallback).toBe('note must be one of the following values: a, b');
  });
});

describe('putting a problem into words', () => {
  it('says in Chinese which petitioner’s ID number has a wrong check digit', () => {
    const problem = { field: 'petitioners[0].idNumber', code: 'residentIdCheckDigit' };
    expect(describeProblem(problem, 'zh-CN')).toBe('第1位信访人的身份证号码校验位不正确，请核对是否输错');
    expect(describeProblem(problem, 'en')).toBe('Petitioners 1: ID number has a wrong check digit; it was probably mistyped');
  });

  it('fills in the limit of a rule', () => {
    const problem = { field: 'subject', code: 'maxLength', params: { max: 200 } };
    expect(describeProblem(problem, 'zh-CN')).toBe('信访主题不能超过200个字');
    expect(describeProblem(problem, 'en')).toBe('Subject must be at most 200 characters');
  });

  it('lists the allowed values', () => {
    const problem = { field: 'category', code: 'isIn', params: { values: 'suggestion, accusation, complaint' } };
    expect(describeProblem(problem, 'zh-CN')).toBe('信访类别必须是以下之一：suggestion, accusation, complaint');
  });

  it('counts representatives in Chinese', () => {
    expect(describeProblem({ field: 'petitioners', code: 'arrayMinSize', params: { min: 1 } }, 'zh-CN')).toBe('请至少填写1位信访人');
  });

  it('asks to remove an unknown field', () => {
    expect(describeProblem({ field: 'secret', code: 'whitelistValidation' }, 'zh-CN')).toBe('不认识的字段「secret」，请删除后重试');
  });

  it('falls back to class-validator’s text for a rule it has no template for', () => {
    const problem = { field: 'subject', code: 'isCreditCard', fallback: 'subject must be a credit card' };
    expect(describeProblem(problem, 'zh-CN')).toBe('subject must be a credit card');
  });

  it('falls back to field and code when there is no text at all', () => {
    expect(describeProblem({ field: 'subject', code: 'isCreditCard' }, 'en')).toBe('Subject: isCreditCard');
  });

  it('uses the raw field name when it has no label', () => {
    expect(describeProblem({ field: 'nickname', code: 'isNotEmpty' }, 'zh-CN')).toBe('nickname不能为空');
  });

  it('renders every problem of a real request in both languages without leaking codes', async () => {
    const problems = await problemsOf({ ...VALID, subject: '', petitioners: [{ name: '张三', idNumber: '990102199013010012' }] });
    const zh = problems.map((p) => describeProblem(p, 'zh-CN'));
    expect(zh).toEqual(['信访主题不能为空', '第1位信访人的身份证号码中的出生日期不存在，请核对第7至14位']);
    const en = problems.map((p) => describeProblem(p, 'en'));
    expect(en).toEqual(['Subject is required', 'Petitioners 1: ID number contains a birth date that does not exist; check characters 7 to 14']);
  });
});
