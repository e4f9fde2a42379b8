// The shape of GET /api/reports/annual (信访工作年度报告, Art. 41), as the API names it.
import type { PetitionCategory } from '@/api/petition-values';
import type { Level, Rate } from '../assessment/types';

export const ENTRY_TIERS = ['city', 'county', 'township', 'village', 'unknown'] as const;
export const OUTCOMES = ['accepted', 'declined', 'diverted', 'refused', 'replied', 'support', 'explain', 'reject', 'concluded', 'closed'] as const;
export const REVIEW_STAGES = ['review', 're-review'] as const;
export const REVIEW_FIGURES = ['requested', 'decided', 'uphold', 'change', 'revoke', 'pending'] as const;

export type Category = PetitionCategory;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export type ReviewFigure = (typeof REVIEW_FIGURES)[number];

export interface AnnualReport {
  region: { code: string; name: string; level: Level };
  year: number;
  from: string;
  to: string;
  /** YYYY-MM of each month: the index of every monthly array. */
  months: string[];
  generatedAt: string;
  complete: boolean;
  petitions: {
    total: number;
    byCategory: Record<string, number>;
    byChannel: Record<string, number>;
    byEntryTier: Record<string, number>;
    byOutcome: Record<string, number>;
    byStatus: Record<string, number>;
    byMonth: number[];
  };
  kpis: {
    year: { rates: Record<string, Rate>; counts: Record<string, number> };
    trend: { rates: Record<string, Rate[]>; counts: Record<string, number[]> };
    formulas: Record<string, { name: string; formula: string; source: string }>;
  };
  overdueUnits: { code: string; name: string; level: Level | null; overdue: number }[];
  levelSkip: { total: number; byMonth: number[] };
  collective: { total: number; persons: number; byMonth: number[] };
  matters: { byCategory: { category: Category; count: number }[]; words: { word: string; count: number }[]; subjects: number };
  reviews: Record<ReviewStage, Record<ReviewFigure, number>>;
}

export interface AnnualQuery {
  year: number;
  /** Empty: the caller's own region. */
  regionCode?: string;
}
