import type { Category } from './petition.types';

/** The categories' Chinese names, as reports and workbooks print them (the glossary's terms). */
export const CATEGORY_NAMES_ZH: Record<Category, string> = {
  complaint: '申诉求决类',
  suggestion: '建议意见类',
  accusation: '检举控告类',
};
