// The word lists the server defines once (GET /api/vocabulary): hazard types, statuses and grades, staff roles.
// The map takes its legend entries and role names from here, so a word added on the server shows up without
// a change to the client; until the answer arrives (or if it fails) the lists are empty and callers fall back
// to their translation keys.

import { getJSON } from './api.js';
import { language } from './i18n.js';

let lists = {};
let loading = null;
const listeners = new Set();

/** Loads the vocabulary once; resolves with its lists ({} when the server could not answer). */
export function loadVocabulary() {
  loading ??= getJSON('/api/vocabulary')
    .then((body) => setVocabulary(body))
    .catch(() => lists);
  return loading;
}

/** Sets the lists from a /api/vocabulary answer and tells the listeners. */
export function setVocabulary(body) {
  lists = body?.lists && typeof body.lists === 'object' ? body.lists : {};
  for (const fn of listeners) fn(lists);
  return lists;
}

export function onVocabulary(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The ids of a list in the server's order ([] before it loaded). */
export function wordIds(list) {
  return (lists[list] ?? []).map((w) => w.id);
}

/** A word's name in the reader's language, or null when the list does not know the id. */
export function wordName(list, id) {
  const word = (lists[list] ?? []).find((w) => w.id === id);
  if (!word) return null;
  return (language() === 'en' ? word.en : word.zh) ?? word.name ?? null;
}
