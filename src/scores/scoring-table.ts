import { Injectable } from '@nestjs/common';
import { CamundaError, CamundaRestClient } from '../camunda/camunda-rest.client';
import { DecisionKey } from '../camunda/process-contract';
import { rulesOf, ScoreRule, ScoringTableError } from './score-formula';

/** The tiers that are scored, and the input the scoring table distinguishes them by. */
export const TIERS = ['county', 'township'] as const;
export type Tier = (typeof TIERS)[number];

const TIER_NAMES_ZH: Record<Tier, string> = { county: '县（区）', township: '乡镇（街道）' };

/** One version of the scoring table, pinned by its engine id, and its checked rules per tier. */
export interface ScoringTable {
  decisionDefinitionId: string;
  version: number;
  rules: Partial<Record<Tier, ScoreRule[]>>;
}

/**
 * The scoring table (processes/assessment-scoring.dmn) as the engine holds it. The latest version is
 * looked up first and then evaluated by its id, so that every tier is scored with the same version
 * even when an administrator deploys a new one in between, and the version stored is the one used.
 * Engine calls only: callers make them before they open a database transaction.
 */
@Injectable()
export class ScoringTables {
  constructor(private readonly camunda: CamundaRestClient) {}

  async latest(tiers: readonly Tier[] = TIERS): Promise<ScoringTable> {
    let definition: { id: string; version: number };
    try {
      definition = await this.camunda.latestDecisionDefinition(DecisionKey.assessmentScoring);
    } catch (error) {
      if (error instanceof CamundaError && error.status === 404) {
        throw new ScoringTableError({
          'zh-CN': `考核评分表（${DecisionKey.assessmentScoring}）尚未部署，请在流程建模器中部署`,
          en: `The scoring table (${DecisionKey.assessmentScoring}) is not deployed; deploy it from the modeler`,
        });
      }
      throw error;
    }
    const rules: ScoringTable['rules'] = {};
    for (const tier of tiers) {
      const where = {
        'zh-CN': `考核评分表（${DecisionKey.assessmentScoring} 第 ${definition.version} 版）${TIER_NAMES_ZH[tier]}的规则`,
        en: `The rules of the scoring table (${DecisionKey.assessmentScoring} version ${definition.version}) for tier ${tier}`,
      };
      let rows;
      try {
        rows = await this.camunda.evaluateDecision(definition.id, { tier });
      } catch (error) {
        // The engine answered, and could not evaluate this version: an expression in the table is wrong.
        if (error instanceof CamundaError && (error.status === 400 || error.status === 500)) {
          throw new ScoringTableError({ 'zh-CN': `${where['zh-CN']}无法计算：${error.message}`, en: `${where.en} cannot be evaluated: ${error.message}` });
        }
        throw error;
      }
      rules[tier] = rulesOf(
        rows.map((row) => ({ indicator: row.indicator?.value, kind: row.kind?.value, points: row.points?.value })),
        where,
      );
    }
    return { decisionDefinitionId: definition.id, version: definition.version, rules };
  }
}
