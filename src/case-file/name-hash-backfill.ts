import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { petitionerNameHash } from '../petitions/name-hash';
import { Petitioner } from '../petitions/petitioner.entity';

const BATCH = 500;

/**
 * Gives petitioners registered before the name hash existed (migration 1765800000000) theirs. A
 * migration cannot: the HMAC key is configuration, not schema. Runs once per API start in the
 * background; a row already hashed is never read again, so later starts find nothing to do.
 */
@Injectable()
export class NameHashBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(NameHashBackfill.name);

  constructor(
    @InjectRepository(Petitioner) private readonly petitioners: Repository<Petitioner>,
    private readonly cipher: PersonalDataCipher,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a large register must not hold up the API's start; name search of an older row
    // simply finds it once its batch is done.
    void this.run().catch((error: unknown) => this.logger.warn(`Name hash backfill stopped: ${String(error)}`));
  }

  async run(): Promise<number> {
    let filled = 0;
    for (;;) {
      const batch = await this.petitioners.find({ select: { id: true, name: true }, where: { nameHash: IsNull() }, take: BATCH });
      if (batch.length === 0) break;
      for (const row of batch) {
        await this.petitioners.update({ id: row.id, nameHash: IsNull() }, { nameHash: petitionerNameHash(this.cipher, row.name) });
        filled++;
      }
    }
    if (filled > 0) this.logger.log(`Name hash filled in for ${filled} petitioners`);
    return filled;
  }
}
