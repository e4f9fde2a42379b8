import type { CountName, Rate, RateName, rateDescriptions, UnitKpis } from '../kpis/kpi-formulas';
import type { Level } from '../org/org.types';
import type { Category, Channel, PetitionStatus, ReviewStage } from '../petitions/petition.types';

/** The first year a report can be asked for; an earlier one is a typing mistake. */
export const FIRST_YEAR = 2000;

/**
 * How the petitions of the year ended so far, read from their columns (a petition can count in several:
 * accepted, then replied with "explain", then concluded):
 * - accepted / declined / diverted / refused: its acceptance decision (`decision`: accept, decline,
 *   divert-legal, refuse-concluded);
 * - replied, and the reply's outcome support / explain / reject (`repliedAt`, `replyOutcome`);
 * - concluded (终结, `concludedAt` or status concluded); closed (办结归档, `closedAt`).
 */
export const OUTCOMES = ['accepted', 'declined', 'diverted', 'refused', 'replied', 'support', 'explain', 'reject', 'concluded', 'closed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A petition whose entry tier was not recorded (rows from before the tier was kept). */
export type EntryTier = Level | 'unknown';

export interface ReviewFigures {
  /** Requests received in the year. */
  requested: number;
  /** Opinions given in the year, and how they came out. */
  decided: number;
  uphold: number;
  change: number;
  revoke: number;
  /** Requests of the year with no opinion yet when the report was drawn. */
  pending: number;
}

export interface OverdueUnit {
  code: string;
  name: string;
  level: Level | null;
  overdue: number;
}

/** 信访工作年度报告 (信访工作条例 第四十一条): the figures of one region (with everything below it) and calendar year. */
export interface AnnualReport {
  region: { code: string; name: string; level: Level };
  year: number;
  /** The first and last day of the year (China dates): petitions are counted by when they were received, in China time. */
  from: string;
  to: string;
  /** YYYY-MM of each month of the year: the index of every `byMonth` and trend array. */
  months: string[];
  generatedAt: string;
  /** False while the year is still running: its figures are those so far. */
  complete: boolean;
  petitions: {
    total: number;
    byCategory: Record<Category, number>;
    byChannel: Record<Channel, number>;
    byEntryTier: Record<EntryTier, number>;
    byOutcome: Record<Outcome, number>;
    /** Where each petition of the year stands now. */
    byStatus: Record<PetitionStatus, number>;
    byMonth: number[];
  };
  kpis: {
    /** The year's KPIs of the region's units (assessment tallies `r:<region>`, via KpisService). */
    year: UnitKpis;
    /** Month by month (the index of `months`): each rate with its parts, so that the months add up to the year. */
    trend: { rates: Record<RateName, Rate[]>; counts: Record<CountName, number[]> };
    formulas: ReturnType<typeof rateDescriptions>;
  };
  /** The units of the region with the most steps done after their limit in the year (at most 10, none with 0). */
  overdueUnits: OverdueUnit[];
  levelSkip: { total: number; byMonth: number[] };
  collective: { total: number; persons: number; byMonth: number[] };
  matters: {
    /** Categories, most frequent first. */
    byCategory: { category: Category; count: number }[];
    /** The most frequent words of the subjects (accusations excluded), with how many subjects use each. */
    words: { word: string; count: number }[];
    /** How many subjects the words were counted over. */
    subjects: number;
  };
  reviews: Record<ReviewStage, ReviewFigures>;
}
