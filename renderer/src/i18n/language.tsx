import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, translate, type Language, type Messages, type Params } from './messages.js';

const LANGUAGE_KEY = 'thidua.language';

interface LanguageContextValue {
  lang: Language;
  setLang(lang: Language): void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

function initialLanguage(storage: Storage): Language {
  const saved = storage.getItem(LANGUAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'vi';
}

/** Vietnamese by default; the choice made in Cài đặt is kept in localStorage. */
export function LanguageProvider({ storage, children }: { storage: Storage; children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => initialLanguage(storage));
  const setLang = useCallback(
    (next: Language) => {
      storage.setItem(LANGUAGE_KEY, next);
      setLangState(next);
    },
    [storage],
  );
  // The document language drives screen readers and hyphenation, and lets non-React helpers pick a locale.
  document.documentElement.lang = lang;
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}

/** Returns `t(key, params)` for one feature's messages in the current language. */
export function useT<K extends string>(messages: Messages<K>): (key: K, params?: Params) => string {
  const { lang } = useLanguage();
  return useCallback((key: K, params?: Params) => translate(messages, lang, key, params), [messages, lang]);
}

/** The current language outside React (document.documentElement.lang is kept in sync by LanguageProvider). */
export function currentLanguage(): Language {
  return document.documentElement.lang === 'en' ? 'en' : 'vi';
}
