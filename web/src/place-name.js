// The one place where a place's name is chosen for the reader's language: the English name when the page
// speaks English and one is known, else the local name. Features (name_en), server answers (nameEn) and
// village lists all go through here, so a village is not "Baiguo Village" in one panel and 白果村 in another.

import { language } from './i18n.js';

/** The local or English name of a place ({name, name_en} or {name, nameEn}), else its code, else ''. */
export function placeName(p) {
  if (!p) return '';
  const en = p.name_en ?? p.nameEn;
  if (language() === 'en' && en) return en;
  return p.name || p.code || '';
}
