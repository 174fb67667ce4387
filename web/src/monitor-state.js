// The monitor's state: the draft being described, the saved hazard being looked at, the list's scope; plain
// data and pure functions over it, testable without a map.

export const MAX_RADIUS = 5000;

// Hazard types, grades and statuses are the server's words (GET /api/vocabulary, handed in through useWords);
// these defaults only fill the form and style the map until that answer arrives.
const words = {
  types: ['collapse', 'landslide', 'debris_flow', 'ground_collapse', 'ground_fissure', 'subsidence'],
  grades: ['small', 'medium', 'large', 'huge'],
  open: ['reported', 'verified', 'monitoring'],
};

/** Takes the lists of a /api/vocabulary answer; lists it lacks keep what they had. */
export function useWords(lists) {
  const ids = (list) => (Array.isArray(lists?.[list]) ? lists[list].map((w) => w.id) : null);
  words.types = ids('hazardTypes') ?? words.types;
  words.grades = ids('hazardGrades') ?? words.grades;
  if (Array.isArray(lists?.hazardStatuses)) words.open = lists.hazardStatuses.filter((w) => w.open).map((w) => w.id);
}

export function hazardTypes() { return words.types; }

export function hazardGrades() { return words.grades; }

/** A new hazard starts in an open status. */
export function initialStatuses() { return words.open; }

/** Whether a hazard is still open (it threatens, and closes the roads it blocks). */
export function isOpenStatus(status) {
  return words.open.includes(status);
}

export function idleImpact() {
  return { state: 'idle', impact: null, error: null, key: null };
}

export function createMonitorState() {
  return {
    active: false,
    tool: 'pin',
    scope: 'all',
    draft: null, // an OpenLayers geometry (map coordinates)
    draftImpact: idleImpact(),
    previewTimer: 0,
    previewController: null,
    saving: false,
    notice: null, // {kind, key, vars, text}
    selected: null, // {hazard, impact, inspections, state}
    detailNotice: null,
    busy: false,
    confirmingBlock: null, // the id of the hazard whose road closure waits for a second "yes"
    mine: null, // {grids, hazards}
    selectToken: 0,
    closedRoadsKey: null, // the hazard (and version) whose closed roads are drawn
  };
}

/** The radius typed in the form, in metres, or null when the field is empty or not a number. */
export function parseRadius(text) {
  const r = Number(text);
  return String(text ?? '').trim() === '' || !Number.isFinite(r) ? null : r;
}

/** The hazards the list shows: all, or those in the monitor's grids; open ones first, then by code. */
export function visibleHazards(hazards, { scope, mine }) {
  let out = [...hazards];
  if (scope === 'mine') {
    const codes = new Set((mine?.hazards ?? []).map((h) => h.code));
    out = out.filter((h) => codes.has(h.code));
  }
  return out.sort((a, b) => Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status)) || String(a.code).localeCompare(String(b.code)));
}
