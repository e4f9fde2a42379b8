import { Injectable } from '@nestjs/common';
import { Clock } from '../clocks/clock';
import { periodOf } from '../clocks/deadline';
import { LocalizedHttpError } from '../common/errors';
import type { Rate } from '../kpis/kpi-formulas';
import { KpisService } from '../kpis/kpis.service';
import { OrgService } from '../org/org.service';
import { BOARD_FIGURES, BOARD_UNIT_KINDS, retentionCutoff, wellFormed } from './board-rules';
import type { BoardFiguresQueryDto } from './dto/board-figures-query.dto';

type Figure = (typeof BOARD_FIGURES)[number];

export interface BoardFigures {
  month: string;
  region: { code: string; name: string; level: string };
  /** The region as a whole first, then each unit of the board located in it; a rate without data is null, never 0. */
  rows: { code: string; name: string; kind: 'region' | 'unit'; rates: Record<Figure, Rate> }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The units' published monthly figures (公告公示): a few rates per unit, read from the assessment tallies. */
@Injectable()
export class BoardFiguresService {
  constructor(
    private readonly kpis: KpisService,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  async figures(query: BoardFiguresQueryDto): Promise<BoardFigures> {
    const now = this.clock.now();
    const month = query.month ?? previousMonth(periodOf(now));
    if (!MONTH.test(month) || month >= periodOf(now) || month < periodOf(retentionCutoff(now))) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `月份应为已结束的月份（YYYY-MM），且不早于 ${periodOf(retentionCutoff(now))}`,
        en: `The month is one that has ended (YYYY-MM), not before ${periodOf(retentionCutoff(now))}`,
      });
    }
    if (query.regionCode !== undefined && !wellFormed.regionCode(query.regionCode)) {
      throw new LocalizedHttpError(400, { 'zh-CN': '行政区划代码应为 2 至 12 位数字，请从地区列表中选择', en: 'A region code is 2 to 12 digits; pick one from the region list' });
    }
    const regions = await this.org.regions();
    const region = query.regionCode ? regions.find((r) => r.code === query.regionCode) : regions.find((r) => !r.parentCode);
    if (!region) throw new LocalizedHttpError(404, { 'zh-CN': `没有行政区划 ${query.regionCode}`, en: `There is no region ${query.regionCode}` });
    const kinds: readonly string[] = BOARD_UNIT_KINDS;
    const units = (await this.org.units())
      .filter((u) => u.active && u.regionCode === region.code && kinds.includes(u.kind))
      .sort((a, b) => a.code.localeCompare(b.code));
    const [ofRegion, ofUnits] = await Promise.all([
      this.kpis.kpisOfRegions([region.code], month, month),
      this.kpis.kpisOfUnits(
        units.map((u) => u.code),
        month,
        month,
      ),
    ]);
    const published = (rates: Record<string, Rate>) => Object.fromEntries(BOARD_FIGURES.map((f) => [f, rates[f]])) as Record<Figure, Rate>;
    return {
      month,
      region: { code: region.code, name: region.name, level: region.level },
      rows: [
        { code: region.code, name: region.name, kind: 'region', rates: published(ofRegion.get(region.code)!.rates) },
        ...units.map((u) => ({ code: u.code, name: u.name, kind: 'unit' as const, rates: published(ofUnits.get(u.code)!.rates) })),
      ],
    };
  }
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
