import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types';
import type { en } from './resources';
import { auth } from './en/auth';
import { common } from './en/common';
import { enums } from './en/enums';
import { nav } from './en/nav';
import { workbench } from './en/workbench';
import * as zh from './zh-CN/core';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

const STORAGE_KEY = 'casedesk.language';

/** The language before sign-in: the last one chosen in this browser, else the browser's own. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export const i18n = i18next;

void i18next.use(initReactI18next).init({
  // The frame and the workbench; the other pages bring their catalogues along (areas.ts).
  resources: {
    en: { translation: { common, nav, auth, enums, workbench } },
    'zh-CN': { translation: { ...zh } },
  },
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;
