import ExcelJS from 'exceljs';
import { ROLE_NAMES_ZH } from '../auth/roles';
import { ADMIN_ROLES } from '../auth/admin/role-rules';
import { KIND_LEVELS } from '../org-admin/org-rules';
import { KIND_NAMES, LEVEL_NAMES } from '../org-admin/org-admin.messages';
import { LEVELS, UNIT_KINDS } from '../org/org.types';
import { headerOf, SHEET_KEYS, sheetNameOf, SHEETS } from './org-import.format';

/**
 * The workbook an administrator fills in: one sheet per kind of row with its header row, and a
 * notes sheet with every column, level, unit kind and role the import takes. The data sheets are
 * left empty: an example row there would be imported by whoever forgot to delete it.
 */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'petition-workflow';
  for (const key of SHEET_KEYS) {
    const sheet = SHEETS[key];
    const worksheet = workbook.addWorksheet(sheetNameOf(sheet));
    worksheet.columns = sheet.columns.map((c) => ({ header: headerOf(c), key: c.key, width: Math.max(18, headerOf(c).length * 2) }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    // Codes stay text in Excel: a 12-digit village code typed into a number cell would show as 9.9E+11.
    sheet.columns.forEach((_c, i) => (worksheet.getColumn(i + 1).numFmt = '@'));
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const notes = workbook.addWorksheet('说明 notes');
  notes.columns = [
    { header: '工作表 / 项目', width: 22 },
    { header: '列 / 取值', width: 30 },
    { header: '必填', width: 8 },
    { header: '说明', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  const add = (...cells: string[]) => notes.addRow(cells);
  add('导入规则', '', '', '整个文件先全部校验，有任何问题时不写入任何数据，并逐行列出问题。可先用“试运行”（dryRun=true）检查。');
  add('导入规则', '', '', '按代码（账号按用户名）匹配：同一文件再次导入不做任何修改；修改后再次导入，只更新有变化的行并新增新行。文件中没有的单位和账号不会被删除或停用。');
  add('导入规则', '', '', '某一可选列整列不出现时，该项保持原样；单元格留空表示清除（账号的“角色”留空表示不改变）。');
  add('导入规则', '', '', '单元格中的公式不会被计算，只读取文件中保存的计算结果。CSV 文件须为 UTF-8 编码，第一行为表头。');
  for (const key of SHEET_KEYS) {
    const sheet = SHEETS[key];
    for (const column of sheet.columns) add(sheetNameOf(sheet), headerOf(column), column.required ? '是' : '否', column.note);
  }
  for (const level of LEVELS) add('层级', `${LEVEL_NAMES[level]['zh-CN']}（${level}）`, '', '');
  for (const kind of UNIT_KINDS) {
    const where = KIND_LEVELS[kind].map((l) => LEVEL_NAMES[l]['zh-CN']).join('、');
    add('单位类型', `${KIND_NAMES[kind]['zh-CN'].replace(/（.*$/, '')}（${kind}）`, '', `${KIND_NAMES[kind]['zh-CN']}；可设在：${where}`);
  }
  for (const [role, name] of Object.entries(ROLE_NAMES_ZH)) {
    if (ADMIN_ROLES.includes(role as never)) continue;
    add('角色', `${name}（${role}）`, '', '');
  }
  add('角色', '系统管理员、安全管理员、安全审计员', '', '不能通过导入授予：由安全管理员在系统内授予（三员分立）。');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
