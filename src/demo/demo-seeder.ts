import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { User } from '../auth/user.entity';
import { Clock } from '../clocks/clock';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';
import { DEMO_PASSWORD, DEMO_REGIONS, DEMO_UNITS, DEMO_USERS } from './demo-org';

/** Loads the demo city and its accounts (development only); running it again changes nothing. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(Region).values(DEMO_REGIONS).orIgnore().execute();
      await manager.createQueryBuilder().insert().into(Unit).values(DEMO_UNITS).orIgnore().execute();
    });
    const existing = new Set((await this.dataSource.getRepository(User).find({ select: { username: true } })).map((u) => u.username));
    const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
    if (missing.length === 0) return;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = this.clock.now();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(missing.map((u) => ({ ...u, id: randomUUID(), passwordHash, active: true, createdAt: now })))
      .orIgnore()
      .execute();
    this.logger.log(`Demo data loaded: ${missing.length} demo account(s), password ${DEMO_PASSWORD}`);
  }
}
