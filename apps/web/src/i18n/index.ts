import { createInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

const STORAGE_KEY = 'envol.language';

export const resources = {
  fr: { translation: fr },
  en: { translation: en },
} as const;

// Typed keys: a typo in t('…') fails the type check instead of showing a raw key to the user.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['fr'];
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

// Storage can throw (privacy modes, disabled cookies); the language choice is a comfort, not a need.
function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered: the next visit opens in French, which is the default anyway.
  }
}

export const i18n = createInstance();

export function initI18n(): typeof i18n {
  i18n.on('languageChanged', (language: string) => {
    if (!isLanguage(language)) return;
    document.documentElement.lang = language;
    storeLanguage(language);
  });
  void i18n.use(initReactI18next).init({
    resources,
    lng: readStoredLanguage() ?? DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    // React escapes on render; escaping here too would show entities.
    interpolation: { escapeValue: false },
    // Resources are bundled, so initialise synchronously and never render untranslated keys.
    initAsync: false,
  });
  return i18n;
}
