import { createI18n } from 'vue-i18n';
import zhCN, { type MessageSchema } from './zh-CN';
import en from './en';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
/** localStorage key holding the chosen UI language. */
export const LOCALE_STORAGE_KEY = 'petition.ui.locale';

export const messages: Record<AppLocale, MessageSchema> = {
  'zh-CN': zhCN,
  en,
};

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

type ReadableStorage = Pick<Storage, 'getItem'>;
type WritableStorage = Pick<Storage, 'setItem'>;

function browserLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Access can throw when storage is disabled by browser policy.
    return null;
  }
}

/** The persisted language, or zh-CN when nothing valid is stored. */
export function readStoredLocale(storage: ReadableStorage | null = browserLocalStorage()): AppLocale {
  try {
    const stored = storage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
});

export function currentLocale(): AppLocale {
  const value = i18n.global.locale.value;
  return isAppLocale(value) ? value : DEFAULT_LOCALE;
}

/** Switch the UI language and remember the choice in localStorage. */
export function setLocale(
  locale: AppLocale,
  storage: WritableStorage | null = browserLocalStorage(),
): void {
  i18n.global.locale.value = locale;
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not being able to persist the choice is harmless.
  }
}

/** Translate outside of components (API client, router guards). */
export function translate(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key);
}
