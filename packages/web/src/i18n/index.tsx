import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import { setApiLanguage } from '../api/client';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { vi as viBase, type MessageKey as BaseMessageKey } from './vi';
import { en as enBase } from './en';
import { dossiersVi } from './dossiers.vi';
import { dossiersEn } from './dossiers.en';
import { citizenVi } from './citizen.vi';
import { citizenEn } from './citizen.en';

export type Lang = 'vi' | 'en';
/** Keys of vi.ts and of the area dictionaries registered here (officer workspace: dossiers.*.ts; citizen side: citizen.*.ts). */
export type MessageKey = BaseMessageKey | keyof typeof dossiersVi | keyof typeof citizenVi;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const vi: Record<MessageKey, string> = { ...viBase, ...dossiersVi, ...citizenVi };
const en: Record<MessageKey, string> = { ...enBase, ...dossiersEn, ...citizenEn };
const STORAGE_KEY = 'motcua.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    /* storage unavailable */
  }
  return 'vi';
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    dayjs.locale(l);
    setApiLanguage(l);
    return l;
  });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    dayjs.locale(next);
    setApiLanguage(next);
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
  }, []);

  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('I18nProvider missing');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLang(): [Lang, (lang: Lang) => void] {
  const { lang, setLang } = useI18n();
  return [lang, setLang];
}
