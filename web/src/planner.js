// Planner mode ("网格规划"): redraw the grids of one village on the map. The village's grids are loaded at full
// precision into an editable layer: OpenLayers Modify + Snap move a vertex in every grid that shares it, Draw
// cuts a grid along a line, a click and a shift-click pick two grids to merge, Translate drags a service
// facility. The changes form one edit set; "预览" asks the server for its impact (a dry run), "保存" commits it
// with a message, "撤销" reloads. Conflicts (409) and broken invariants (422) are shown on the map. The history
// tab lists the edits of the selected grid and of the town, with their shapes and a revert; the files tab
// exports the village and imports an edited file as an edit set.

import { errorDetail, whatText, withRoleNames } from './server-text.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import Modify from 'ol/interaction/Modify.js';
import Snap from 'ol/interaction/Snap.js';
import Draw from 'ol/interaction/Draw.js';
import Translate from 'ol/interaction/Translate.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { isEmpty } from 'ol/extent.js';
import {
  exportUrl, fetchEdit, fetchEditLog, fetchFacilitiesIn, fetchGridHistory, fetchVillageGrids, fetchVillages, HttpError,
  importGrids, postGridEdits, postMerge, postSplit, revertEdit,
} from './api.js';
import { element } from './dom.js';
import { language, onLanguageChange, t, tf } from './i18n.js';
import { renderImpact } from './impact-view.js';
import { renderHistory } from './history-view.js';
import { createCoordinateBook, sameAs, snapshot } from './planner-geometry.js';
import { createPlannerLayers } from './planner-layers.js';
import { loadRingPolicy } from './rings.js';

const TOOLS = ['edit', 'split', 'merge', 'move'];
const FORMATS = [
  { id: 'geojson', ext: ['geojson', 'json'] },
  { id: 'shp', ext: ['zip', 'shp'] },
  { id: 'gpkg', ext: ['gpkg'] },
];
const plain = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

function formatOf(fileName) {
  const ext = String(fileName ?? '').toLowerCase().split('.').pop();
  return FORMATS.find((f) => f.ext.includes(ext))?.id ?? null;
}

/** The 15-digit grid codes named in a problem's "what" ("grid 500107109204003 and grid …"). */
function codesIn(text) {
  return String(text ?? '').match(/\d{15}/g) ?? [];
}

export function createPlannerMode(root, { map, auth, pickGrid, refreshTiles, fitExtent, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const villageSelect = $('village');
  const villageHint = $('village-hint');
  const toolHint = $('tool-hint');
  const statusBox = $('status');
  const messageInput = $('message-input');
  const previewButton = $('preview');
  const saveButton = $('save');
  const discardButton = $('discard');
  const messageBox = $('message');
  const impactBox = $('impact');
  const historyBox = $('history');
  const historyMessage = $('history-message');
  const exportsBox = $('exports');
  const importInput = $('import-file');
  const importMessage = $('import-message');
  const importImpactBox = $('import-impact');
  const importConfirm = $('import-confirm');
  const toolButtons = [...root.querySelectorAll('[data-tool]')];
  const tabButtons = [...root.querySelectorAll('[data-tab]')];
  const tabPanels = [...root.querySelectorAll('[data-tab-panel]')];
  const scopeButtons = [...root.querySelectorAll('[data-scope]')];

  // what the layers draw, shared with their style functions
  const look = {
    selected: new Set(), changed: new Set(), conflict: new Set(), moved: new Set(), handles: true, draggable: false,
  };
  const layers = createPlannerLayers(map, look);
  const gridSource = layers.grids.getSource();
  const facilitySource = layers.facilities.getSource();
  const book = createCoordinateBook();

  const modify = new Modify({ source: gridSource, pixelTolerance: 10 });
  const snap = new Snap({ source: gridSource, pixelTolerance: 8 });
  const draw = new Draw({ source: layers.line.getSource(), type: 'LineString' });
  const translate = new Translate({ layers: [layers.facilities], hitTolerance: 6 });
  const interactions = [modify, draw, translate, snap]; // Snap last: it sees the pointer first

  let active = false;
  let tool = 'edit';
  let tab = 'edit';
  let villages = [];
  let village = null; // {code, name}
  /** id -> {version, code, name, original (flat coordinates)} */
  const grids = new Map();
  /** id -> {code, name, level, original (flat coordinates)} */
  const facilities = new Map();
  let selection = [];
  let split = null; // {gridId, line: GeoJSON LineString}
  let revision = 0;
  let phase = 'idle'; // idle | loading | ready | previewing | saving
  let preview = null; // {revision, impact}
  let impact = null; // the impact on screen (dry run or saved)
  let notice = null; // {kind, key, vars, text, problems, reload}
  let loadToken = 0;
  let historyScope = 'grid';
  let history = { state: 'idle', edits: [], key: null };
  let historyNotice = null;
  let pinned = null; // {id, scope}
  let revertBusy = null;
  let leaveWarned = false; // the planner was told that leaving drops the unsaved work
  let revertPreview = null; // {edit, answer}: a revert's dry run, shown before the planner confirms it
  const editDetails = new Map();
  let importState = { state: 'idle', file: null, format: null, impact: null, notice: null };
  const waiters = { preview: [], saved: [], loaded: [], history: [] };

  function settle(kind, value) {
    for (const resolve of waiters[kind].splice(0)) resolve(value);
    window.dispatchEvent(new CustomEvent(`gridmap:planner-${kind}`, { detail: value }));
  }

  // ---------------------------------------------------------------- the edit set
  function changedGridIds() {
    const out = [];
    for (const [id, g] of grids) {
      const f = gridSource.getFeatureById(id);
      if (f && !sameAs(f.getGeometry(), g.original)) out.push(id);
    }
    return out;
  }

  function movedFacilityIds() {
    const out = [];
    for (const [id, fac] of facilities) {
      const f = facilitySource.getFeatureById(id);
      if (f && !sameAs(f.getGeometry(), fac.original)) out.push(id);
    }
    return out;
  }

  /** The operation the planner has prepared: {kind: 'edits'|'split'|'merge', …} or null. */
  function operation() {
    if (split) return { kind: 'split', gridId: split.gridId, line: split.line };
    if (tool === 'merge') return selection.length >= 2 ? { kind: 'merge', ids: [...selection] } : null;
    const changed = [...look.changed];
    const moved = [...look.moved];
    return changed.length || moved.length ? { kind: 'edits', changed, moved } : null;
  }

  function hasUnsaved() {
    return look.changed.size > 0 || look.moved.size > 0 || Boolean(split);
  }
  // closing or reloading the page with unsaved work: the browser asks
  window.addEventListener('beforeunload', (event) => {
    if (active && hasUnsaved()) event.preventDefault();
  });

  /** The boundaries as loaded, dashed under the grids being changed, so the planner sees what moved. */
  function drawBefore() {
    const source = layers.before.getSource();
    source.clear();
    for (const id of look.changed) {
      const g = grids.get(id);
      if (g) source.addFeature(new Feature({ geometry: g.shape.clone() }));
    }
  }

  function touch() {
    revision++;
    look.changed = new Set(changedGridIds());
    look.moved = new Set(movedFacilityIds());
    drawBefore();
    layers.preview.getSource().clear();
    if (notice && notice.kind !== 'info') notice = null;
    render();
  }

  function requestFor(op, dryRun) {
    const message = messageInput.value.trim() || t(`planner.defaultMessage.${op.kind}`);
    if (op.kind === 'split') {
      const g = grids.get(op.gridId);
      return () => postSplit(op.gridId, { version: g.version, line: op.line, dryRun, message });
    }
    if (op.kind === 'merge') {
      return () => postMerge({ grids: op.ids.map((id) => ({ id, version: grids.get(id).version })), dryRun, message });
    }
    const edits = op.changed.map((id) => ({
      id, version: grids.get(id).version, geometry: book.write(gridSource.getFeatureById(id).getGeometry()),
    }));
    const moved = op.moved.map((id) => ({ id, geometry: book.write(facilitySource.getFeatureById(id).getGeometry()) }));
    const body = { edits, dryRun, message };
    if (moved.length) body.facilities = moved;
    return () => postGridEdits(body);
  }

  async function runPreview() {
    const op = operation();
    if (!op || phase === 'previewing' || phase === 'saving') return null;
    const at = revision;
    phase = 'previewing';
    notice = null;
    render();
    try {
      const answer = await requestFor(op, true)();
      if (!active || at !== revision) return null;
      preview = { revision: at, impact: answer };
      impact = answer;
      drawPreviewShapes(answer);
      phase = 'ready';
      render();
      settle('preview', { state: 'ready', impact: answer });
      return answer;
    } catch (error) {
      phase = 'ready';
      if (!active) return null;
      failed(error);
      settle('preview', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  async function save() {
    const op = operation();
    if (!op || !preview || preview.revision !== revision || phase === 'saving') return null;
    phase = 'saving';
    render();
    try {
      const answer = await requestFor(op, false)();
      impact = answer;
      preview = null;
      messageInput.value = '';
      notice = { kind: 'saved', key: 'planner.saved', vars: { id: answer.editId } };
      await afterSave(answer);
      settle('saved', { state: 'saved', impact: answer });
      return answer;
    } catch (error) {
      phase = 'ready';
      if (active) failed(error);
      settle('saved', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  /** After a committed edit: fresh tiles, the village reloaded (new versions), the histories refreshed. */
  async function afterSave(answer) {
    refreshTiles();
    const touched = (answer?.grids ?? []).filter((g) => g.status !== 'unchanged' && g.status !== 'removed').map((g) => g.id);
    if (village) await loadVillage(village.code, { fit: false, keep: { impact: true, notice: true } });
    selection = touched.filter((id) => grids.has(id)).slice(0, 1);
    syncSelection();
    phase = 'ready';
    editDetails.clear();
    render();
    loadHistory({ force: true });
  }

  function drawPreviewShapes(answer) {
    const source = layers.preview.getSource();
    source.clear();
    for (const g of answer.grids ?? []) {
      if (g.status === 'unchanged') continue;
      // an edit of the drawn grids: the server's shapes are the ones on screen (vertex matching aside)
      if (answer.kind === 'edit' && g.status === 'changed' && look.changed.has(g.id)) continue;
      let geometry = g.geometry;
      if (!geometry && g.status === 'removed') geometry = null;
      if (!geometry) {
        const f = gridSource.getFeatureById(g.id);
        if (f) source.addFeature(new Feature({ geometry: f.getGeometry().clone(), status: 'removed' }));
        continue;
      }
      const feature = plain.readFeature({ type: 'Feature', geometry, properties: { status: g.status } });
      source.addFeature(feature);
    }
  }

  // ---------------------------------------------------------------- failures: 401, 403, 409, 422
  function failureNotice(error) {
    if (!(error instanceof HttpError)) return { kind: 'error', key: 'planner.error', text: String(error?.message ?? error) };
    if (error.status === 401) {
      auth.expired();
      return { kind: 'error', key: 'planner.unauthorized' };
    }
    if (error.status === 403) return { kind: 'error', key: 'planner.forbidden', text: error.message };
    if (error.status === 409) {
      return { kind: 'conflict', key: 'planner.conflict', text: error.message, stale: error.body?.stale ?? [], reload: true };
    }
    if (error.status === 422) {
      const broken = error.code === 'invariant_broken' || error.code === 'rule_broken' || Boolean(error.body?.problems?.length);
      return { kind: 'invalid', key: broken ? 'planner.invalid' : 'planner.refused', text: error.message, code: error.code,
        problems: error.body?.problems ?? [] };
    }
    return { kind: 'error', key: 'planner.error', text: error.message, code: error.code };
  }

  function showProblems(current) {
    look.conflict.clear();
    const problemsSource = layers.problems.getSource();
    problemsSource.clear();
    if (!current) return;
    const byCode = new Map([...grids].map(([id, g]) => [g.code, id]));
    for (const c of current.stale ?? []) if (c.type === 'grid' && grids.has(c.id)) look.conflict.add(c.id);
    (current.problems ?? []).forEach((p, i) => {
      for (const code of codesIn(p.what)) if (byCode.has(code)) look.conflict.add(byCode.get(code));
      if (Array.isArray(p.location) && p.location.length >= 2) {
        problemsSource.addFeature(new Feature({ geometry: new Point(fromLonLat(p.location)), n: i + 1 }));
      }
    });
    // a problem that names no grid (a gap in the village): the grids being edited are the ones at fault
    if (current.kind === 'invalid' && !look.conflict.size) {
      const op = operation();
      const ids = op?.kind === 'split' ? [op.gridId] : op?.kind === 'merge' ? op.ids : [...look.changed];
      for (const id of ids) look.conflict.add(id);
    }
    layers.refresh();
  }

  function failed(error) {
    notice = failureNotice(error);
    showProblems(notice);
    render();
  }

  // ---------------------------------------------------------------- loading a village
  async function loadVillages() {
    if (villages.length) return villages;
    try {
      const body = await fetchVillages();
      villages = (body?.features ?? []).map((f) => f.properties ?? {}).filter((p) => p.code)
        .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    } catch {
      villages = [];
    }
    renderVillageSelect();
    return villages;
  }

  function villageName(code) {
    const v = villages.find((x) => x.code === code);
    if (!v) return code;
    return (language() === 'en' && v.name_en) || v.name || code;
  }

  /** Loads the grids of a village (full precision) and its facilities; keep: what of the screen to keep. */
  async function loadVillage(code, { fit = true, keep = {} } = {}) {
    if (!code) return null;
    const token = ++loadToken;
    phase = 'loading';
    village = { code, name: villageName(code) };
    if (!keep.impact) impact = null;
    if (!keep.notice) notice = null;
    render();
    let body;
    let points;
    try {
      body = await fetchVillageGrids(code);
      if (token !== loadToken || !active) return null;
      const features = body?.features ?? [];
      const extent = transformExtent(bboxOf(features), 'EPSG:4326', 'EPSG:3857');
      points = await fetchFacilitiesIn(bboxOf(features)).catch(() => ({ features: [] }));
      if (token !== loadToken || !active) return null;
      fill(features, points?.features ?? []);
      phase = 'ready';
      if (fit && !isEmpty(extent)) fitExtent(extent, { maxZoom: 17, margin: 10 });
    } catch (error) {
      if (token !== loadToken) return null;
      phase = 'ready';
      notice = failureNotice(error);
    }
    render();
    settle('loaded', { village: code, grids: grids.size, facilities: facilities.size });
    return village;
  }

  function bboxOf(features) {
    let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
    const visit = (c) => {
      if (typeof c[0] === 'number') {
        minX = Math.min(minX, c[0]); minY = Math.min(minY, c[1]); maxX = Math.max(maxX, c[0]); maxY = Math.max(maxY, c[1]);
      } else c.forEach(visit);
    };
    for (const f of features) if (f.geometry) visit(f.geometry.coordinates);
    return [minX, minY, maxX, maxY];
  }

  function fill(gridFeatures, facilityFeatures) {
    book.clear();
    layers.clear();
    grids.clear();
    facilities.clear();
    split = null;
    preview = null;
    revision++;
    look.changed.clear();
    look.moved.clear();
    look.conflict.clear();
    for (const item of gridFeatures) {
      if (!item.geometry) continue;
      const feature = new Feature({ geometry: book.read(item.geometry) });
      feature.setId(item.id);
      const p = item.properties ?? {};
      feature.setProperties({ code: p.code, name: p.name, version: p.version, kind: p.kind }, true);
      gridSource.addFeature(feature);
      grids.set(item.id, { version: Number(p.version), code: p.code, name: p.name, original: snapshot(feature.getGeometry()),
        shape: feature.getGeometry().clone() });
    }
    for (const item of facilityFeatures) {
      if (item.geometry?.type !== 'Point') continue;
      const feature = new Feature({ geometry: book.read(item.geometry) });
      feature.setId(item.id);
      const p = item.properties ?? {};
      feature.setProperties({ code: p.code, name: p.name, level: p.level }, true);
      facilitySource.addFeature(feature);
      facilities.set(item.id, { code: p.code, name: p.name, level: p.level, original: snapshot(feature.getGeometry()) });
    }
    selection = selection.filter((id) => grids.has(id));
    syncSelection();
  }

  function syncSelection() {
    look.selected = new Set(selection);
    layers.refresh();
  }

  // ---------------------------------------------------------------- tools and interactions
  function applyTool() {
    const on = active && phase !== 'saving';
    modify.setActive(on && tool === 'edit');
    snap.setActive(on && tool === 'edit');
    draw.setActive(on && tool === 'split');
    translate.setActive(on && tool === 'move');
    look.handles = tool === 'edit';
    look.draggable = tool === 'move';
    layers.refresh();
    map.getViewport().classList.toggle('drawing', active && tool === 'split');
  }

  function toolAllowed(name) {
    if (!village) return false;
    if (name === 'split' || name === 'merge') return look.changed.size === 0 && look.moved.size === 0;
    return !split;
  }

  function setTool(name) {
    if (!TOOLS.includes(name) || name === tool || !toolAllowed(name)) return tool;
    tool = name;
    if (tool !== 'split' && split) {
      split = null;
      layers.line.getSource().clear();
    }
    if (tool !== 'merge' && selection.length > 1) selection = selection.slice(0, 1);
    // picking grids to merge starts clean: a grid selected before would otherwise be merged unnoticed (or
    // dropped by the first click on it)
    if (tool === 'merge') selection = [];
    syncSelection();
    draw.abortDrawing();
    applyTool();
    touch();
    return tool;
  }

  modify.on('modifyend', () => touch());
  translate.on('translateend', () => touch());
  draw.on('drawstart', () => {
    layers.line.getSource().clear();
    split = null;
  });
  draw.on('drawend', (event) => {
    const line = event.feature.getGeometry();
    const target = splitTarget(line);
    split = target ? { gridId: target, line: book.write(line) } : null;
    if (target) {
      selection = [target];
      syncSelection();
    }
    notice = target ? null : { kind: 'info', key: 'planner.split.noGrid' };
    touch();
  });

  /** The grid a drawn line cuts: the selected one if the line crosses it, else the one holding its middle. */
  function splitTarget(line) {
    const crosses = (id) => {
      const f = gridSource.getFeatureById(id);
      if (!f) return false;
      const g = f.getGeometry();
      const coords = line.getCoordinates();
      for (let i = 0; i + 1 < coords.length; i++) {
        for (let k = 0; k <= 20; k++) {
          const x = coords[i][0] + ((coords[i + 1][0] - coords[i][0]) * k) / 20;
          const y = coords[i][1] + ((coords[i + 1][1] - coords[i][1]) * k) / 20;
          if (g.intersectsCoordinate([x, y])) return true;
        }
      }
      return false;
    };
    if (selection.length === 1 && crosses(selection[0])) return selection[0];
    const middle = line.getCoordinateAt(0.5);
    const hit = gridSource.getFeaturesAtCoordinate(middle)[0];
    return hit ? hit.getId() : null;
  }

  function gridAt(pixel) {
    return map.forEachFeatureAtPixel(pixel, (f) => f, { hitTolerance: 2, layerFilter: (l) => l === layers.grids }) ?? null;
  }

  function select(id, additive) {
    if (additive) {
      selection = selection.includes(id) ? selection.filter((x) => x !== id) : [...selection, id];
    } else {
      selection = [id];
    }
    if (tool !== 'merge' && selection.length >= 2 && toolAllowed('merge')) {
      // a shift-click on a second grid: the planner is picking grids to merge
      tool = 'merge';
      applyTool();
    }
    if (tool !== 'merge') selection = selection.slice(-1);
    syncSelection();
    if (tool === 'merge') touch();
    else render();
    if (tab === 'history' && historyScope === 'grid') loadHistory();
  }

  async function click(event) {
    if (tool === 'split' || tool === 'move') return;
    const hit = gridAt(event.pixel);
    const additive = Boolean(event.originalEvent?.shiftKey) || tool === 'merge';
    if (hit) {
      select(hit.getId(), additive);
      return;
    }
    const tileGrid = pickGrid(event.pixel);
    const code = tileGrid?.get('village_code');
    if (tileGrid && code && code !== village?.code) {
      if (hasUnsaved()) {
        notice = { kind: 'info', key: 'planner.unsavedSwitch' };
        render();
        return;
      }
      const id = tileGrid.getId() ?? tileGrid.get('id');
      await loadVillage(code);
      if (grids.has(id)) select(id, false);
      return;
    }
    if (!additive && selection.length) {
      selection = [];
      syncSelection();
      render();
    }
  }

  // ---------------------------------------------------------------- history
  function historyKey() {
    return historyScope === 'town' ? 'town' : selection[0] ? `grid:${selection[0]}` : null;
  }

  async function loadHistory({ force = false } = {}) {
    if (!active || tab !== 'history') {
      if (force) history = { state: 'idle', edits: [], key: null };
      return history;
    }
    const key = historyKey();
    if (!force && key === history.key && history.state !== 'error') return history;
    history = { state: key ? 'loading' : 'idle', edits: [], key };
    renderHistoryTab();
    if (!key) return history;
    try {
      const body = key === 'town' ? await fetchEditLog({ limit: 50 }) : await fetchGridHistory(selection[0]);
      if (history.key !== key) return history;
      history = { state: 'ready', edits: body?.edits ?? [], key };
    } catch (error) {
      if (history.key !== key) return history;
      history = { state: 'error', edits: [], key };
      historyNotice = failureNotice(error);
    }
    renderHistoryTab();
    settle('history', { state: history.state, count: history.edits.length, key });
    return history;
  }

  async function shapesOf(edit) {
    if (edit.grid && (edit.grid.before || edit.grid.after)) return [edit.grid];
    if (!editDetails.has(edit.id)) editDetails.set(edit.id, fetchEdit(edit.id).then((d) => d?.grids ?? []).catch(() => []));
    return editDetails.get(edit.id);
  }

  async function showEdit(edit) {
    const shapes = await shapesOf(edit);
    const source = layers.history.getSource();
    source.clear();
    for (const g of shapes) {
      for (const when of ['before', 'after']) {
        if (!g[when]) continue;
        const feature = plain.readFeature({ type: 'Feature', geometry: g[when], properties: { when } });
        source.addFeature(feature);
      }
    }
    return source.isEmpty() ? null : source.getExtent();
  }

  function hideEdit() {
    const edit = pinned && history.edits.find((e) => e.id === pinned.id);
    if (edit) showEdit(edit);
    else layers.history.getSource().clear();
  }

  async function pinEdit(edit) {
    if (pinned?.id === edit.id) {
      pinned = null;
      layers.history.getSource().clear();
      renderHistoryTab();
      return;
    }
    pinned = { id: edit.id };
    renderHistoryTab();
    const extent = await showEdit(edit);
    if (extent) fitExtent(extent, { maxZoom: 17, margin: 30, ifHidden: true });
  }

  /** First the dry run of a revert, shown with what it changes; the revert itself once confirmed. */
  async function previewRevert(edit) {
    if (revertBusy) return null;
    revertBusy = edit.id;
    historyNotice = null;
    revertPreview = null;
    renderHistoryTab();
    try {
      const answer = await revertEdit(edit.id, { dryRun: true, message: tf('history.revert.message', { id: edit.id }) });
      revertPreview = { edit, answer };
    } catch (error) {
      historyNotice = error instanceof HttpError && error.status === 409
        ? { kind: 'conflict', key: 'history.revert.conflict', text: error.message }
        : failureNotice(error);
    }
    revertBusy = null;
    renderHistoryTab();
    return revertPreview;
  }

  async function revert(edit) {
    if (revertBusy) return null;
    revertBusy = edit.id;
    revertPreview = null;
    historyNotice = null;
    renderHistoryTab();
    try {
      const answer = await revertEdit(edit.id, { message: tf('history.revert.message', { id: edit.id }) });
      historyNotice = { kind: 'saved', key: 'history.reverted', vars: { id: edit.id, edit: answer?.editId ?? '' } };
      impact = answer;
      notice = { kind: 'saved', key: 'history.reverted', vars: { id: edit.id, edit: answer?.editId ?? '' } };
      pinned = null;
      layers.history.getSource().clear();
      revertBusy = null;
      await afterSave(answer);
      return answer;
    } catch (error) {
      revertBusy = null;
      historyNotice = error instanceof HttpError && error.status === 409
        ? { kind: 'conflict', key: 'history.revert.conflict', text: error.message }
        : failureNotice(error);
      renderHistoryTab();
      return null;
    }
  }

  // ---------------------------------------------------------------- import
  async function importFile(file, { dryRun }) {
    const format = formatOf(file?.name);
    if (!file || !format) {
      importState = { state: 'error', file: null, format: null, impact: null, notice: { kind: 'error', key: 'files.unknownFormat' } };
      renderFilesTab();
      return null;
    }
    importState = { ...importState, state: dryRun ? 'checking' : 'saving', file, format, notice: null };
    if (dryRun) importState.impact = null;
    renderFilesTab();
    try {
      const message = tf('files.importMessage', { name: file.name });
      const answer = await importGrids(file, { format, dryRun, message });
      importState = { state: dryRun ? 'preview' : 'saved', file: dryRun ? file : null, format, impact: answer,
        notice: dryRun ? null : { kind: 'saved', key: 'files.imported', vars: { id: answer?.editId ?? '' } } };
      if (!dryRun) {
        importInput.value = '';
        impact = answer;
        await afterSave(answer);
      } else {
        drawPreviewShapes(answer);
      }
    } catch (error) {
      const n = failureNotice(error);
      showProblems(n);
      importState = { ...importState, state: 'error', notice: n };
    }
    renderFilesTab();
    return importState;
  }

  // ---------------------------------------------------------------- rendering
  function noticeElement(n, { onReload } = {}) {
    if (!n) return [];
    const parts = [element('p', { class: `notice-text ${n.kind}`, 'data-testid': 'notice-text', text: tf(n.key, n.vars ?? {}) })];
    const detail = n.text ? errorDetail(n.code, n.text) : null;
    if (detail) parts.push(element('p', { class: 'notice-detail', text: detail }));
    if (n.problems?.length) {
      const list = element('ol', { class: 'problem-list', 'data-testid': 'problem-list' });
      n.problems.forEach((p, i) => {
        const button = element('button', { type: 'button', class: 'problem', 'data-testid': 'problem-item' },
          element('span', { class: 'problem-n', text: String(i + 1) }),
          element('span', {}, element('strong', { text: whatText(p.what ?? '') }),
            language() === 'en' ? ` ${withRoleNames(p.reason ?? '')}` : ''));
        button.addEventListener('click', () => {
          if (Array.isArray(p.location)) {
            const at = fromLonLat(p.location);
            fitExtent([at[0], at[1], at[0], at[1]], { maxZoom: 18 });
          }
        });
        list.append(element('li', {}, button));
      });
      parts.push(list);
    }
    if (n.reload && onReload) {
      const reload = element('button', { type: 'button', class: 'action-button', 'data-testid': 'planner-reload', text: t('planner.reload') });
      reload.addEventListener('click', onReload);
      parts.push(reload);
    }
    return parts;
  }

  function renderVillageSelect() {
    const current = village?.code ?? '';
    villageSelect.replaceChildren(
      element('option', { value: '', text: t('planner.village.choose') }),
      ...villages.map((v) => element('option', { value: v.code, text: `${(language() === 'en' && v.name_en) || v.name} · ${v.code}` })),
    );
    villageSelect.value = current;
  }

  function renderTools() {
    for (const button of toolButtons) {
      const name = button.dataset.tool;
      button.setAttribute('aria-pressed', String(name === tool));
      button.disabled = !toolAllowed(name) && name !== tool;
    }
    let key = `planner.tool.${tool}.hint`;
    if (!village) key = 'planner.noVillage';
    else if (tool === 'merge') key = selection.length >= 2 ? 'planner.tool.merge.ready' : 'planner.tool.merge.hint';
    else if (tool === 'split' && split) key = 'planner.tool.split.ready';
    toolHint.textContent = t(key);
    if ((look.changed.size || look.moved.size) && tool !== 'split' && tool !== 'merge') {
      toolHint.textContent += ` ${t('planner.tools.locked')}`;
    }
  }

  function renderStatus() {
    const parts = [];
    const op = operation();
    if (op?.kind === 'edits') {
      if (look.changed.size) parts.push(tf('planner.pending.grids', { n: look.changed.size }));
      if (look.moved.size) parts.push(tf('planner.pending.facilities', { n: look.moved.size }));
    } else if (op?.kind === 'split') {
      parts.push(tf('planner.pending.split', { code: grids.get(op.gridId)?.code ?? '' }));
    } else if (op?.kind === 'merge') {
      parts.push(tf('planner.pending.merge', { codes: op.ids.map((id) => grids.get(id)?.code ?? id).join('、') }));
    }
    if (selection.length && op?.kind !== 'merge') {
      const g = grids.get(selection[0]);
      if (g) parts.push(tf('planner.selected', { name: g.name ?? '', code: g.code ?? '' }));
    }
    statusBox.textContent = parts.length ? parts.join(' · ') : (village ? t('planner.pending.none') : '');
    statusBox.dataset.changed = String(look.changed.size);
    statusBox.dataset.moved = String(look.moved.size);
  }

  function renderActions() {
    const op = operation();
    const busy = phase === 'previewing' || phase === 'saving' || phase === 'loading';
    previewButton.disabled = !op || busy;
    saveButton.disabled = !op || busy || !preview || preview.revision !== revision;
    discardButton.disabled = !village || busy;
    previewButton.textContent = t(phase === 'previewing' ? 'planner.previewing' : 'planner.preview');
    saveButton.textContent = t(phase === 'saving' ? 'planner.saving' : 'planner.save');
    saveButton.title = saveButton.disabled && op && !busy ? t('planner.save.needsPreview') : '';
  }

  function renderEditTab() {
    renderTools();
    renderStatus();
    renderActions();
    messageBox.replaceChildren(...noticeElement(notice, { onReload: () => discard() }));
    messageBox.dataset.kind = notice?.kind ?? '';
    messageBox.hidden = !notice;
    impactBox.replaceChildren(...(impact ? renderImpact(impact) : []));
    impactBox.dataset.state = impact ? (impact.dryRun ? 'dry' : 'saved') : 'none';
    impactBox.dataset.current = String(Boolean(impact && (!impact.dryRun ? true : preview?.revision === revision)));
    impactBox.hidden = !impact;
  }

  function renderHistoryTab() {
    for (const b of scopeButtons) b.setAttribute('aria-pressed', String(b.dataset.scope === historyScope));
    historyMessage.replaceChildren(...noticeElement(historyNotice));
    historyMessage.hidden = !historyNotice;
    historyMessage.dataset.kind = historyNotice?.kind ?? '';
    historyBox.dataset.state = history.state;
    historyBox.dataset.scope = historyScope;
    if (!history.key) {
      historyBox.replaceChildren(element('p', { class: 'muted', text: t(historyScope === 'grid' ? 'history.pickGrid' : 'history.loading') }));
      return;
    }
    const g = historyScope === 'grid' ? grids.get(selection[0]) : null;
    const title = element('h3', { text: g ? tf('history.ofGrid', { name: g.name ?? '', code: g.code ?? '' }) : t('history.town') });
    if (history.state === 'loading') {
      historyBox.replaceChildren(title, element('p', { class: 'muted', text: t('history.loading') }));
      return;
    }
    historyBox.replaceChildren(title, ...renderHistory(history.edits, {
      onShow: (edit, pin) => (pin ? pinEdit(edit) : showEdit(edit)),
      onHide: () => hideEdit(),
      onRevert: (edit) => previewRevert(edit),
      shown: pinned?.id ?? null,
      busy: revertBusy,
    }), ...revertConfirmation());
  }

  function revertConfirmation() {
    if (!revertPreview) return [];
    const { edit, answer } = revertPreview;
    const yes = element('button', { type: 'button', class: 'action-button primary', 'data-testid': 'history-revert-confirm',
      text: tf('history.revert.confirm', { id: edit.id }) });
    const no = element('button', { type: 'button', class: 'action-button', 'data-testid': 'history-revert-cancel',
      text: t('history.revert.cancel') });
    yes.addEventListener('click', () => revert(edit));
    no.addEventListener('click', () => {
      revertPreview = null;
      renderHistoryTab();
    });
    return [element('section', { class: 'notice revert-preview', role: 'alertdialog', 'data-testid': 'history-revert-preview' },
      element('p', { class: 'notice-text', text: tf('history.revert.preview', { id: edit.id }) }),
      element('div', { class: 'impact' }, ...renderImpact(answer)),
      element('div', { class: 'action-row wrap' }, yes, no))];
  }

  function renderFilesTab() {
    const code = village?.code;
    exportsBox.replaceChildren(...FORMATS.map((f) => element('a', {
      class: 'text-button export', 'data-testid': `export-${f.id}`, href: code ? exportUrl(code, f.id) : null,
      download: code ? '' : null, 'aria-disabled': code ? null : 'true', text: t(`files.format.${f.id}`),
    })));
    importInput.disabled = importState.state === 'checking' || importState.state === 'saving';
    const n = importState.notice ?? (importState.state === 'checking' ? { kind: 'info', key: 'files.checking' }
      : importState.state === 'saving' ? { kind: 'info', key: 'files.saving' } : null);
    importMessage.replaceChildren(...noticeElement(n));
    importMessage.hidden = !n;
    importImpactBox.replaceChildren(...(importState.impact ? renderImpact(importState.impact) : []));
    importImpactBox.hidden = !importState.impact;
    importConfirm.hidden = importState.state !== 'preview';
    importConfirm.disabled = importState.state !== 'preview';
    root.dataset.import = importState.state;
  }

  function render() {
    root.dataset.state = phase === 'idle' || !village ? 'idle' : phase === 'ready' ? (notice?.kind ?? 'ready') : phase;
    root.dataset.tool = tool;
    root.dataset.tab = tab;
    root.dataset.village = village?.code ?? '';
    villageSelect.value = village?.code ?? '';
    villageHint.textContent = t(village ? 'planner.village.hint.loaded' : 'planner.village.hint');
    for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
    for (const p of tabPanels) p.hidden = p.dataset.tabPanel !== tab;
    renderEditTab();
    if (tab === 'history') renderHistoryTab();
    if (tab === 'files') renderFilesTab();
    applyTool();
  }

  function setTab(name) {
    tab = name;
    render();
    if (tab === 'history') loadHistory();
  }

  async function discard() {
    if (!village) return null;
    notice = null;
    impact = null;
    layers.line.getSource().clear();
    draw.abortDrawing();
    return loadVillage(village.code, { fit: false });
  }

  // ---------------------------------------------------------------- wiring
  villageSelect.addEventListener('change', () => {
    const code = villageSelect.value;
    if (hasUnsaved()) {
      villageSelect.value = village?.code ?? '';
      notice = { kind: 'info', key: 'planner.unsavedSwitch' };
      render();
      return;
    }
    selection = [];
    if (code) loadVillage(code);
  });
  for (const b of toolButtons) b.addEventListener('click', () => setTool(b.dataset.tool));
  for (const b of tabButtons) b.addEventListener('click', () => setTab(b.dataset.tab));
  for (const b of scopeButtons) {
    b.addEventListener('click', () => {
      historyScope = b.dataset.scope;
      historyNotice = null;
      loadHistory();
      renderHistoryTab();
    });
  }
  previewButton.addEventListener('click', () => runPreview());
  saveButton.addEventListener('click', () => save());
  discardButton.addEventListener('click', () => discard());
  messageInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !saveButton.disabled) save();
  });
  importInput.addEventListener('change', () => {
    const file = importInput.files?.[0];
    if (file) importFile(file, { dryRun: true });
  });
  importConfirm.addEventListener('click', () => {
    if (importState.file) importFile(importState.file, { dryRun: false });
  });
  $('exit').addEventListener('click', () => onExit?.());
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.target.closest('input, select, textarea')) return;
    // Escape never throws away unsaved work: it stops a line being drawn, or leaves a mode with nothing pending
    if (tool === 'split') draw.abortDrawing();
    else if (!hasUnsaved()) onExit?.();
  });
  onLanguageChange(() => {
    renderVillageSelect();
    render();
  });

  return {
    enter() {
      active = true;
      root.hidden = false;
      layers.setVisible(true);
      for (const i of interactions) map.addInteraction(i);
      loadRingPolicy();
      phase = village ? 'ready' : 'idle';
      render();
      loadVillages().then(() => render());
      if (village) loadVillage(village.code, { fit: false });
    },
    /** Whether the mode may close now: unsaved work asks first (a second attempt leaves and drops it). */
    canLeave() {
      if (!active || !hasUnsaved() || leaveWarned) return true;
      leaveWarned = true;
      notice = { kind: 'info', key: 'planner.unsavedLeave' };
      render();
      return false;
    },
    exit() {
      leaveWarned = false;
      active = false;
      loadToken++;
      for (const i of interactions) {
        i.setActive(false);
        map.removeInteraction(i);
      }
      draw.abortDrawing();
      layers.clear();
      layers.setVisible(false);
      grids.clear();
      facilities.clear();
      selection = [];
      split = null;
      preview = null;
      impact = null;
      notice = null;
      historyNotice = null;
      pinned = null;
      history = { state: 'idle', edits: [], key: null };
      importState = { state: 'idle', file: null, format: null, impact: null, notice: null };
      look.changed.clear();
      look.moved.clear();
      look.conflict.clear();
      look.selected.clear();
      phase = 'idle';
      tool = 'edit';
      tab = 'edit';
      root.hidden = true;
      map.getViewport().classList.remove('drawing');
    },
    click(event) {
      if (!active) return false;
      click(event);
      return true;
    },
    // hooks for tests and the console
    loadVillage: (code, options) => loadVillage(code, options),
    setTool,
    setTab,
    select: (id, additive = false) => select(id, additive),
    preview: () => runPreview(),
    save: () => save(),
    discard: () => discard(),
    state: () => ({
      phase, tool, tab, village: village?.code ?? null, selection: [...selection], changed: [...look.changed],
      moved: [...look.moved], conflict: [...look.conflict], split, notice: notice && { kind: notice.kind, key: notice.key },
      grids: [...grids].map(([id, g]) => ({ id, code: g.code, version: g.version })),
    }),
    whenPreviewed: () => new Promise((resolve) => waiters.preview.push(resolve)),
    whenSaved: () => new Promise((resolve) => waiters.saved.push(resolve)),
    whenLoaded: () => new Promise((resolve) => waiters.loaded.push(resolve)),
    whenHistory: () => new Promise((resolve) => waiters.history.push(resolve)),
    layers,
  };
}
