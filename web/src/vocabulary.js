// The server's word lists (GET /api/vocabulary): hazard types, grades and statuses are defined once, on the
// server, and the map takes its choices and legends from here instead of keeping copies. Labels stay in i18n.js.

import { fetchVocabulary } from './api.js';

let lists = {};
const listeners = [];

/** Loads the lists once at start; whoever showed choices before then is told to fill them again. */
export async function loadVocabulary(signal) {
  const body = await fetchVocabulary(signal);
  lists = body?.lists ?? {};
  for (const fn of listeners) fn();
  return lists;
}

export function onVocabulary(fn) {
  listeners.push(fn);
}

/** The words of a list ({id, zh, en, ...facts}), in the server's order; empty until loaded. */
export function words(listId) {
  return lists[listId] ?? [];
}

export function wordIds(listId) {
  return words(listId).map((w) => w.id);
}

/** An open hazard threatens (and closes the roads it blocks); the server's status list says which are. */
export function isOpenStatus(status) {
  return words('hazardStatuses').some((w) => w.id === status && w.open);
}
