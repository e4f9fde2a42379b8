import { Controller, Get, Header, HttpCode, Post, Query, Res, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { Roles } from '../auth/auth.decorators';
import { LocalizedHttpError } from '../common/errors';
import { OrgImportQueryDto } from './dto/org-import-query.dto';
import { SHEET_KEYS, SheetKey } from './org-import.format';
import { badUpload, OrgImportUploadInterceptor } from './org-import-upload.interceptor';
import { MAX_ROWS, readCsv, ReadResult, readWorkbook, tooManyRows } from './org-import.reader';
import { reportCsv } from './org-import.report-csv';
import { ImportReport, OrgImportService } from './org-import.service';
import { templateWorkbook } from './org-import.template';

type Uploaded = Partial<Record<'file' | SheetKey, Express.Multer.File[]>>;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Regions, units and accounts from a workbook or CSV files, as the system administrator sets up a city. */
@ApiTags('org-import')
@ApiBearerAuth()
@Roles('system-admin')
@Controller('admin/org-import')
export class OrgImportController {
  constructor(private readonly imports: OrgImportService) {}

  @Get('template')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', `attachment; filename="org-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('组织机构导入模板.xlsx')}`)
  @ApiOperation({ summary: 'The import workbook: one sheet per kind (regions, units, users) with its header row, and notes' })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await templateWorkbook());
  }

  @Post()
  @HttpCode(200)
  @UseInterceptors(OrgImportUploadInterceptor)
  @Audit({
    action: 'org.import',
    resourceType: 'org',
    detail: (r) => {
      const report = r as ImportReport | string;
      return typeof report === 'string' ? { format: 'csv' } : { dryRun: report.dryRun, ok: report.ok, counts: report.counts, problemCount: report.problemCount };
    },
  })
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Import regions, units and accounts (?dryRun=true checks only)',
    description:
      'A workbook in the field "file" (sheets 区划 regions, 单位 units, 账号 users), or CSV files in the fields "regions", "units", "users". ' +
      'The whole upload is checked first: any problem answers 422 with every bad row and nothing is written. Rows are matched by code ' +
      '(user name): an unchanged file changes nothing, a changed one updates what changed. ?format=csv answers the problems as CSV.',
  })
  async import(
    @Query() query: OrgImportQueryDto,
    @UploadedFiles() files: Uploaded | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport | string> {
    const report = await this.imports.import(await readUpload(files ?? {}), query.dryRun === 'true');
    if (!report.ok) response.status(422);
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="org-import-report.csv"');
    return reportCsv(report);
  }
}

async function readUpload(files: Uploaded): Promise<ReadResult> {
  const workbook = files.file?.[0];
  const csv = SHEET_KEYS.filter((key) => files[key]?.[0]);
  if (workbook && csv.length > 0) {
    throw new LocalizedHttpError(400, {
      'zh-CN': '请上传一个工作簿，或若干 CSV 文件，不要同时上传两种',
      en: 'Upload either one workbook or CSV files, not both',
    });
  }
  if (workbook) {
    if (!workbook.buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new LocalizedHttpError(422, {
        'zh-CN': 'file 字段须为 Excel 工作簿（.xlsx）；CSV 文件请分别放在 regions、units、users 字段上传',
        en: 'The field "file" takes an Excel workbook (.xlsx); upload CSV files in the fields "regions", "units", "users"',
      });
    }
    return readWorkbook(workbook.buffer);
  }
  if (csv.length === 0) throw badUpload();
  const result: ReadResult = { rows: { regions: [], units: [], users: [] }, problems: [] };
  for (const key of csv) {
    const read = readCsv(key, files[key]![0].buffer);
    result.rows[key] = read.rows[key];
    result.problems.push(...read.problems);
  }
  if (SHEET_KEYS.reduce((n, key) => n + result.rows[key].length, 0) > MAX_ROWS) throw tooManyRows();
  return result;
}
