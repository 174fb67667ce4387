// Every string the viewer shows, in Chinese (first) and English, and the language switch. The strings live in
// i18n/, one part per mode or panel, joined by i18n/index.js.
// Elements carry data-i18n="key" (text), data-i18n-title / data-i18n-aria-label / data-i18n-placeholder
// (attributes); applyTranslations() fills them, and modules that build text themselves listen with onLanguageChange.

import { dictionary } from './i18n/index.js';

export const LANGUAGES = Object.freeze(['zh', 'en']);
const STORAGE_KEY = 'gridmap.lang';
const listeners = new Set();
let current = initialLanguage();

function initialLanguage() {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode): fall back to the default
  }
  return 'zh';
}

/** The current language: 'zh' or 'en'. */
export function language() {
  return current;
}

/** The text for key in the current language; the key itself when no language has it. */
export function t(key) {
  const own = dictionary[current][key];
  if (own !== undefined) return own;
  const zh = dictionary.zh[key];
  return zh !== undefined ? zh : key;
}

/** The text for key with {name} placeholders filled from vars. */
export function tf(key, vars = {}) {
  return t(key).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** True when the dictionary knows key. */
export function has(key) {
  return key in dictionary[current] || key in dictionary.zh;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still works for this page
  }
  applyTranslations();
  for (const fn of listeners) fn(lang);
}

export function toggleLanguage() {
  setLanguage(current === 'zh' ? 'en' : 'zh');
}

export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const ATTRIBUTES = ['title', 'aria-label', 'placeholder'];

/** Fills every data-i18n* element under root with the current language's text. */
export function applyTranslations(root = document) {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  if (root === document) document.title = `${t('app.title')} · ${t('app.subtitle')}`;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
    }
  }
}
