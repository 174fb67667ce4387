// The server explains refusals and side effects in English sentences for API users. The planner's panels speak
// the reader's language: known sentences are rewritten from their parts, role codes become the vocabulary's
// names (网格长, not grid_leader), and what is not known is shown as sent, in English mode only.

import { formatValue } from './format.js';
import { has, language, t, tf } from './i18n.js';
import { wordIds } from './vocabulary.js';

/** Whether a word is a staff role's code: one the vocabulary lists (before it loaded, one the dictionary names). */
function isRole(word) {
  const codes = wordIds('staffRoles');
  return codes.length ? codes.includes(word) : has(`role.${word}`) && word.includes('_');
}

/** Role codes in a text replaced by their names in the current language (grid_leader → 网格长). */
export function withRoleNames(text) {
  return String(text ?? '').replace(/\b[a-z]+(?:_[a-z]+)*\b/g, (word) => (isRole(word) ? formatValue('role', word) ?? word : word));
}

/** Sentences the grid editor writes as warnings, and their keys (the groups fill {a}, {b}, ...). */
const WARNINGS = [
  [/^(.+) \((\w+)\) was the second \2 of the merged grid and was taken off the directory; a revert restores them$/, 'warning.secondRole'],
  [/^the new grid has no service point yet$/, 'warning.noPoint'],
  [/^the new grid has no hub and no staff yet: assign them in the staff directory$/, 'warning.noHub'],
  [/^the hub of grid (\d+) becomes a service point of grid (\d+)$/, 'warning.hubBecomesPoint'],
];

/** A warning of an edit's impact in the reader's language. */
export function warningText(text) {
  for (const [pattern, key] of WARNINGS) {
    const m = pattern.exec(String(text));
    if (!m) continue;
    const [, a, b] = m;
    return tf(key, { a: withRoleNames(a), b: withRoleNames(b) });
  }
  return language() === 'en' ? withRoleNames(text) : t('warning.other');
}

/**
 * The detail line under a refusal: in English the server's sentence (role names spelled out); otherwise the
 * sentence for the error's code, or nothing when the headline already says it all.
 */
export function errorDetail(code, text) {
  if (language() === 'en') return withRoleNames(text);
  return code && has(`server.${code}`) ? t(`server.${code}`) : null;
}

/** What a problem is about ("grid 500…", "facility F… (name)", "household 12") in the reader's language. */
export function whatText(what) {
  if (language() === 'en') return withRoleNames(what);
  return withRoleNames(what)
    .replace(/\bgrids?\b/g, t('word.grid'))
    .replace(/\bfacility\b/g, t('word.facility'))
    .replace(/\bhousehold\b/g, t('word.household'))
    .replace(/\bvillage\b/g, t('word.village'));
}
