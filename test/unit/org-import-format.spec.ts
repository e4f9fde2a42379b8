import { columnKeyOf, kindOf, levelOf, rolesOf, sheetKeyOf, SHEETS } from '../../src/org-import/org-import.format';
import { csvCell } from '../../src/org-import/org-import.report-csv';
import { readCsv } from '../../src/org-import/org-import.reader';

describe('the organisation import format', () => {
  it('knows sheets and columns by the template’s name, the Chinese label or the key', () => {
    expect(['区划 regions', '区划', 'Regions', 'units', '账号 users', '说明 notes'].map(sheetKeyOf)).toEqual(['regions', 'regions', 'regions', 'units', 'users', null]);
    expect(['单位代码 (code)', '单位代码', 'code', '上级单位代码（parentUnitCode）', '备注'].map((h) => columnKeyOf(SHEETS.units, h))).toEqual([
      'code',
      'code',
      'code',
      'parentUnitCode',
      null,
    ]);
  });

  it('takes levels, kinds and roles by key or Chinese name', () => {
    expect(['市级', '县', 'township', 'VILLAGE', '省级'].map(levelOf)).toEqual(['city', 'county', 'township', 'village', null]);
    expect(['信访工作机构', '办理室', 'member-body', '部委'].map(kindOf)).toEqual(['petition-office', 'handling-room', 'member-body', null]);
    expect(rolesOf('经办人、登记员, handler；局长')).toEqual({ roles: ['handler', 'registrar'], unknown: ['局长'] });
  });

  it('escapes report cells a spreadsheet would run as a formula, and quotes every cell', () => {
    expect(['=1+1', '+cmd', '-2', '@SUM(A1)', '\t=x', '正常', 'a"b', null].map(csvCell)).toEqual([
      `"'=1+1"`,
      `"'+cmd"`,
      `"'-2"`,
      `"'@SUM(A1)"`,
      `"'\t=x"`,
      '"正常"',
      '"a""b"',
      '""',
    ]);
  });

  it('reads a CSV file: a BOM, quoted fields with commas, quotes and line breaks, blank lines skipped', () => {
    const csv = '\uFEFF单位代码 (code),名称 (name),单位类型 (kind),所属区划代码 (regionCode)\r\n"980102-a","甲,""乙""\n丙",department,980102\r\n\r\n,,,\n980102-b,丁,department,980102';
    const read = readCsv('units', Buffer.from(csv));
    expect(read.problems).toEqual([]);
    expect(read.rows.units.map((r) => [r.row, r.values.code, r.values.name])).toEqual([
      [2, '980102-a', '甲,"乙"\n丙'],
      [5, '980102-b', '丁'],
    ]);
  });
});
