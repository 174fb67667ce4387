// The planner's state: what it has loaded, selected and prepared, and the answers on screen. Plain data and pure
// functions over it, so the rules (what counts as unsaved work, which tool is allowed) are testable without a map.

export const TOOLS = ['edit', 'split', 'merge', 'move'];
export const FORMATS = [
  { id: 'geojson', ext: ['geojson', 'json'] },
  { id: 'shp', ext: ['zip', 'shp'] },
  { id: 'gpkg', ext: ['gpkg'] },
];

/** The import format of a file, by its extension, or null. */
export function formatOf(fileName) {
  const ext = String(fileName ?? '').toLowerCase().split('.').pop();
  return FORMATS.find((f) => f.ext.includes(ext))?.id ?? null;
}

/** The 15-digit grid codes named in a problem's "what" ("grid 500107109204003 and grid …"). */
export function codesIn(text) {
  return String(text ?? '').match(/\d{15}/g) ?? [];
}

export function emptyImport() {
  return { state: 'idle', file: null, format: null, impact: null, notice: null };
}

/** A fresh planner state. look: what the layers draw, shared with their style functions. */
export function createPlannerState() {
  return {
    look: { selected: new Set(), changed: new Set(), conflict: new Set(), moved: new Set(), handles: true, draggable: false },
    active: false,
    tool: 'edit',
    tab: 'edit',
    villages: [],
    village: null, // {code, name}
    /** id -> {version, code, name, original (flat coordinates), shape} */
    grids: new Map(),
    /** id -> {code, name, level, original (flat coordinates)} */
    facilities: new Map(),
    selection: [],
    split: null, // {gridId, line: GeoJSON LineString}
    revision: 0,
    phase: 'idle', // idle | loading | ready | previewing | saving
    preview: null, // {revision, impact}
    impact: null, // the impact on screen (dry run or saved)
    notice: null, // {kind, key, vars, text, problems, reload}
    loadToken: 0,
    historyScope: 'grid',
    history: { state: 'idle', edits: [], key: null },
    historyNotice: null,
    pinned: null, // {id}
    revertBusy: null,
    leaveWarned: false, // the planner was told that leaving drops the unsaved work
    revertPreview: null, // {edit, answer}: a revert's dry run, shown before the planner confirms it
    editDetails: new Map(),
    importState: emptyImport(),
  };
}

/** The operation the planner has prepared: {kind: 'edits'|'split'|'merge', …} or null. */
export function operation(s) {
  if (s.split) return { kind: 'split', gridId: s.split.gridId, line: s.split.line };
  if (s.tool === 'merge') return s.selection.length >= 2 ? { kind: 'merge', ids: [...s.selection] } : null;
  const changed = [...s.look.changed];
  const moved = [...s.look.moved];
  return changed.length || moved.length ? { kind: 'edits', changed, moved } : null;
}

export function hasUnsaved(s) {
  return s.look.changed.size > 0 || s.look.moved.size > 0 || Boolean(s.split);
}

export function toolAllowed(s, name) {
  if (!s.village) return false;
  if (name === 'split' || name === 'merge') return s.look.changed.size === 0 && s.look.moved.size === 0;
  return !s.split;
}

export function historyKey(s) {
  return s.historyScope === 'town' ? 'town' : s.selection[0] ? `grid:${s.selection[0]}` : null;
}

export function bboxOf(features) {
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); minY = Math.min(minY, c[1]); maxX = Math.max(maxX, c[0]); maxY = Math.max(maxY, c[1]);
    } else c.forEach(visit);
  };
  for (const f of features) if (f.geometry) visit(f.geometry.coordinates);
  return [minX, minY, maxX, maxY];
}

/**
 * The records a 409 says are stale, as [{type, id, code, version, yourVersion}]: the server's `stale` list, or
 * the older answers (grids' `current` list, a hazard's `currentVersion`).
 */
export function staleOf(body) {
  if (Array.isArray(body?.stale)) return body.stale;
  if (Array.isArray(body?.current)) return body.current.map((r) => ({ type: 'grid', id: r.id, code: r.code ?? null, version: r.version ?? null }));
  if (body?.currentVersion != null) {
    return [{ type: 'hazard', id: body.current?.id ?? null, code: body.current?.code ?? null, version: body.currentVersion }];
  }
  return [];
}

/** The ids of the grids a conflict notice names as stale. */
export function staleIds(notice) {
  return (notice?.stale ?? []).filter((r) => !r.type || r.type === 'grid').map((r) => r.id);
}
