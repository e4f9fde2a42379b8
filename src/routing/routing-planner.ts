import { Injectable } from '@nestjs/common';
import { OrgService } from '../org/org.service';
import type { Unit } from '../org/unit.entity';
import type { HandOverKind } from './hand-over.entity';

export interface PlannedHop {
  kind: Extract<HandOverKind, 'escalate' | 'route'>;
  from: Unit;
  to: Unit;
}

/**
 * The tiers a petition passes on its way from the office that has it to the competent unit: it is
 * reported up office by office until it reaches the region that contains both, then sent to the
 * unit. Every hop becomes a hand-over on the petition's chain.
 */
@Injectable()
export class RoutingPlanner {
  constructor(private readonly org: OrgService) {}

  async plan(origin: Unit, competent: Unit): Promise<PlannedHop[]> {
    const hops: PlannedHop[] = [];
    const competentChain = new Set((await this.org.regionChain(competent.regionCode)).map((r) => r.code));
    let current = origin;
    // Up until the current office's region also contains the competent unit.
    while (!competentChain.has(current.regionCode)) {
      const next = await this.org.reportUpTarget(current);
      if (!next) break;
      hops.push({ kind: 'escalate', from: current, to: next });
      current = next;
    }
    if (current.code !== competent.code) hops.push({ kind: 'route', from: current, to: competent });
    return hops;
  }
}
