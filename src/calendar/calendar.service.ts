import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { LocalizedHttpError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { calendar, PUBLISHED_THROUGH } from '../clocks/business-calendar';
import { Clock } from '../clocks/clock';
import { CalendarDay } from './calendar-day.entity';
import type { CalendarDayDto } from './dto/calendar-year.dto';
import { AuditLog } from '../audit/audit-log.service';

// The API and separate worker processes each hold the calendar in memory; a change made through one
// reaches the others within this time.
const REFRESH_MS = 60_000;

export interface CalendarYearView {
  year: number;
  /** published: the State Council schedule shipped with chinese-days; loaded: an administrator's; none: weekends only. */
  source: 'published' | 'loaded' | 'none';
  publishedThrough: number;
  /** Holidays on weekdays and working weekend days, as deadlines count them now. */
  days: { date: string; workday: boolean; name: string; source: string }[];
}

@Injectable()
export class CalendarService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CalendarService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(CalendarDay) private readonly days: Repository<CalendarDay>,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      // Before the schema is migrated there is nothing to load yet; the next refresh picks it up.
      this.logger.warn(`Calendar overrides not loaded yet: ${String(error)}`);
    }
    this.timer = setInterval(() => this.refresh().catch((e: unknown) => this.logger.warn(String(e))), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    calendar.replaceOverrides(await this.days.find());
  }

  async year(year: number): Promise<CalendarYearView> {
    assertSupportedYear(year);
    await this.refresh();
    const loaded = await this.days.count({ where: { date: Like(`${year}-%`) } });
    const special = [];
    for (let day = Date.UTC(year, 0, 1); new Date(day).getUTCFullYear() === year; day += 86_400_000) {
      const described = calendar.describe(new Date(day).toISOString().slice(0, 10));
      if (described.name || described.source === 'override') special.push(described);
    }
    return {
      year,
      source: loaded > 0 ? 'loaded' : year <= PUBLISHED_THROUGH ? 'published' : 'none',
      publishedThrough: PUBLISHED_THROUGH,
      days: special,
    };
  }

  /** Replaces what was loaded for a year; deadlines computed from now on count by it. */
  async loadYear(principal: Principal, year: number, days: CalendarDayDto[]): Promise<CalendarYearView> {
    assertSupportedYear(year);
    const foreign = days.filter((d) => !d.date.startsWith(`${year}-`) || Number.isNaN(Date.parse(`${d.date}T00:00:00Z`)));
    if (foreign.length > 0) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `以下日期不属于 ${year} 年或不是有效日期：${foreign.map((d) => d.date).join('、')}`,
        en: `These dates are not valid days of ${year}: ${foreign.map((d) => d.date).join(', ')}`,
      });
    }
    const seen = new Set<string>();
    const repeated = days.filter((d) => seen.size === seen.add(d.date).size).map((d) => d.date);
    if (repeated.length > 0) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `日期重复：${repeated.join('、')}`,
        en: `Dates given twice: ${repeated.join(', ')}`,
      });
    }
    const now = this.clock.now();
    await this.tx.write(async (manager) => {
      await manager.delete(CalendarDay, { date: Like(`${year}-%`) });
      if (days.length > 0) {
        await manager.insert(
          CalendarDay,
          days.map((d) => ({ ...d, updatedBy: principal.username, updatedAt: now })),
        );
      }
      await this.audit.recordRequest(manager);
    });
    return this.year(year);
  }
}

function assertSupportedYear(year: number): void {
  if (year < 2000 || year > 2100) {
    throw new LocalizedHttpError(400, { 'zh-CN': '年份须在 2000–2100 之间', en: 'The year must be between 2000 and 2100' });
  }
}
